/*
 * HTTP benchmark of intel-requests-api: prints numbers, asserts only that every answer is a 200.
 *   pnpm bench [--quick] [--json]
 * --quick: 2 s per scenario instead of 10. --json: the report as JSON on stdout (the table then
 * goes to stderr). Runs in a private database that it drops at the end, on error and on SIGINT.
 */
import { parseArgs } from 'node:util'
import {
  createTeardowns, createTestDatabase, createTestRedis, measureSequentialLatency, runHttpLoad, type Teardown
} from '@incident-intel/test-support'
import { buildApp } from '../src/app.js'
import { loadIntelRequestsConfig } from '../src/config.js'
import { seed } from './fixtures.js'

const PLAIN_COUNT = 1000
const BULK_SIZE = 100
const CONNECTIONS = 10

interface Scenario {
  name: string
  method: 'GET' | 'POST'
  path: string
  body?: object
}

interface Row {
  name: string
  /** 1: one request at a time, timed each (a request's own latency); else autocannon's concurrent load. */
  connections: number
  p50_ms: number
  p99_ms: number
  requests_per_second: number
  requests: number
}

const started = performance.now()
function log (line: string): void {
  console.error(`[${((performance.now() - started) / 1000).toFixed(1)} s] ${line}`)
}

function parseOptions () {
  // `pnpm bench -- --quick` hands the script a literal `--`; drop it so the flags still parse.
  const args = process.argv.slice(2).filter(arg => arg !== '--')
  const { values } = parseArgs({ args, options: { quick: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } } })
  return { quick: values.quick, json: values.json }
}

async function measure (baseUrl: string, scenario: Scenario, duration: number): Promise<Row> {
  const result = await runHttpLoad({
    origin: baseUrl,
    path: () => scenario.path,
    method: scenario.method,
    body: scenario.body,
    connections: CONNECTIONS,
    durationSeconds: duration
  })
  if (result.non_2xx > 0 || result.errors > 0) {
    throw new Error(`${scenario.name}: ${result.non_2xx} non-2xx answers, ${result.errors} errors`)
  }
  return {
    name: scenario.name,
    connections: CONNECTIONS,
    p50_ms: result.p50_ms,
    p99_ms: result.p99_ms,
    requests_per_second: result.requests_per_second,
    requests: result.requests
  }
}

async function measureAlone (baseUrl: string, scenario: Scenario, requests: number): Promise<Row> {
  const result = await measureSequentialLatency({ origin: baseUrl, path: () => scenario.path, method: scenario.method, body: scenario.body, requests })
  if (result.non_2xx > 0) throw new Error(`${scenario.name}: ${result.non_2xx} non-2xx answers`)
  return { name: scenario.name, connections: 1, p50_ms: result.p50_ms, p99_ms: result.p99_ms, requests_per_second: Number.NaN, requests }
}

function formatTable (rows: Row[]): string {
  const header = ['scenario', 'connections', 'p50 ms', 'p99 ms', 'req/s']
  const lines = rows.map(r => [r.name, r.connections === 1 ? '1, one at a time' : String(r.connections),
    r.p50_ms.toFixed(2), r.p99_ms.toFixed(2), Number.isNaN(r.requests_per_second) ? '' : r.requests_per_second.toFixed(0)])
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map(l => l[i]!.length)))
  const format = (cells: string[]) => cells.map((c, i) => i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)).join('  ')
  return [format(header), widths.map(w => '-'.repeat(w)).join('  '), ...lines.map(format)].join('\n')
}

async function main (options: { quick: boolean, json: boolean }, teardowns: Teardown): Promise<void> {
  const duration = options.quick ? 2 : 10
  log('creating a private database')
  const { pool, url } = await createTestDatabase(teardowns)
  log(`seeding the 10x5 lattice and ${PLAIN_COUNT} plain intel requests`)
  const fixtures = await seed(pool, PLAIN_COUNT)

  const { prefix } = await createTestRedis(teardowns)
  const config = loadIntelRequestsConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', REDIS_URL: process.env.TEST_REDIS_URL, REDIS_KEY_PREFIX: prefix })
  const app = await buildApp({ config, logger: false })
  teardowns.teardown(() => app.close())
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  if (address === null || typeof address === 'string') throw new Error('the app is not listening on a TCP port')
  const baseUrl = `http://127.0.0.1:${address.port}`

  const latticeQuery = 'get_recursive_dependencies=true&recursive_max_distance=10'
  const check = await app.inject({ method: 'GET', url: `/intel-requests/${fixtures.latticeRoot}?${latticeQuery}` })
  const meta = check.json().recursive_dependency_meta
  log(`lattice: ${fixtures.latticeEdges} edges stored; the root's walk returns ${meta.edge_count}, truncated ${meta.truncated}`)
  if (meta.edge_count !== fixtures.latticeEdges || meta.truncated !== false) throw new Error('the lattice walk is wrong')

  const scenarios: Scenario[] = [
    { name: 'GET one, no recursion', method: 'GET', path: `/intel-requests/${fixtures.plain[0]}` },
    { name: 'GET lattice root, recursive, distance 10', method: 'GET', path: `/intel-requests/${fixtures.latticeRoot}?${latticeQuery}` },
    {
      name: `POST bulk of ${BULK_SIZE} ids`,
      method: 'POST',
      path: '/intel-requests/bulk',
      body: { intel_request_ids: fixtures.plain.slice(0, BULK_SIZE) }
    }
  ]
  const rows: Row[] = []
  const alone = options.quick ? 50 : 1000
  for (const scenario of scenarios) {
    log(`${scenario.name}: ${alone} requests one at a time, then ${CONNECTIONS} connections for ${duration} s`)
    rows.push(await measureAlone(baseUrl, scenario, alone))
    rows.push(await measure(baseUrl, scenario, duration))
  }

  const report = { mode: options.quick ? 'quick' : 'full', connections: CONNECTIONS, duration_s: duration, lattice_edges: fixtures.latticeEdges, scenarios: rows }
  if (options.json) {
    console.error(formatTable(rows))
    console.log(JSON.stringify(report, null, 2))
  } else {
    console.log(formatTable(rows))
  }
}

const options = parseOptions()
const teardowns = createTeardowns()
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: dropping the benchmark database`)
    teardowns.run().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143))
  })
}

try {
  await main(options, teardowns)
} catch (error) {
  process.exitCode = 1
  console.error(error)
} finally {
  log('dropping the benchmark database')
  await teardowns.run()
  log('done')
}
