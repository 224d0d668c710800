/*
 * HTTP benchmark of intel-requests-api: prints numbers, asserts only that every answer is a 200.
 *   pnpm --filter @incident-intel/bench bench:intel-requests-api [--quick] [--json]
 * --quick: 2 s per scenario instead of 10. --json: the report as JSON on stdout (the table then
 * goes to stderr). Runs in a private database that it drops at the end, on error and on SIGINT.
 */
import { parseArgs } from 'node:util'
import { createIntelRequestsClient } from '@incident-intel/sdk'
import {
  createTeardowns, createTestDatabase, createTestRedis, runConcurrentCalls, timeSequentialCalls, type Teardown, type TimedCall
} from '@incident-intel/test-support'
import { buildApp } from '@incident-intel/intel-requests-api'
import { loadIntelRequestsConfig } from '@incident-intel/intel-requests-api/config'
import { seedLattice } from './seed-lattice.js'

const PLAIN_COUNT = 1000
const BULK_SIZE = 100
const CONNECTIONS = 10

interface Scenario {
  name: string
  /** One SDK call; its answer's status is checked. */
  call: TimedCall
}

interface Row {
  name: string
  /** 1: one request at a time (a request's own latency); else that many requests in flight at once. */
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

async function measure (scenario: Scenario, duration: number): Promise<Row> {
  const { summary: result, failure } = await runConcurrentCalls({ workers: CONNECTIONS, durationSeconds: duration, call: scenario.call })
  if (failure !== undefined) {
    throw new Error(`${scenario.name}: ${result.non_2xx} non-2xx answers, ${result.errors} errors; the first: ${failure}`)
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

async function measureAlone (scenario: Scenario, requests: number): Promise<Row> {
  const { summary: result, failure } = await timeSequentialCalls({ requests, call: scenario.call })
  if (failure !== undefined) throw new Error(`${scenario.name}: ${failure}`)
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
  const fixtures = await seedLattice(pool, PLAIN_COUNT)

  const { prefix } = await createTestRedis(teardowns)
  const config = loadIntelRequestsConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', REDIS_URL: process.env.TEST_REDIS_URL, REDIS_KEY_PREFIX: prefix })
  const app = await buildApp({ config, logger: false })
  teardowns.teardown(() => app.close())
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  if (address === null || typeof address === 'string') throw new Error('the app is not listening on a TCP port')
  const client = createIntelRequestsClient({ baseUrl: `http://127.0.0.1:${address.port}` })

  const readLatticeRoot = () => client.GET('/intel-requests/{intel_request_id}', {
    params: { path: { intel_request_id: fixtures.latticeRoot }, query: { get_recursive_dependencies: true, recursive_max_distance: 10 } }
  })
  const check = await readLatticeRoot()
  if (check.data === undefined) throw new Error(`the lattice root: HTTP ${check.response.status} ${JSON.stringify(check.error)}`)
  const meta = check.data.recursive_dependency_meta
  log(`lattice: ${fixtures.latticeEdges} edges stored; the root's walk returns ${meta?.edge_count}, truncated ${meta?.truncated}`)
  if (meta?.edge_count !== fixtures.latticeEdges || meta.truncated !== false) throw new Error('the lattice walk is wrong')

  const plainId = fixtures.plain[0]!
  const bulkIds = fixtures.plain.slice(0, BULK_SIZE)
  const scenarios: Scenario[] = [
    { name: 'GET one, no recursion', call: () => client.GET('/intel-requests/{intel_request_id}', { params: { path: { intel_request_id: plainId } } }) },
    { name: 'GET lattice root, recursive, distance 10', call: readLatticeRoot },
    { name: `POST bulk of ${BULK_SIZE} ids`, call: () => client.POST('/intel-requests/bulk', { body: { intel_request_ids: bulkIds } }) }
  ]
  const rows: Row[] = []
  const alone = options.quick ? 50 : 1000
  for (const scenario of scenarios) {
    log(`${scenario.name}: ${alone} requests one at a time, then ${CONNECTIONS} at a time for ${duration} s`)
    rows.push(await measureAlone(scenario, alone))
    rows.push(await measure(scenario, duration))
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
