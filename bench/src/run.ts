/*
 * The analysis's slow designs against ours, side by side in one run:
 *   pnpm --filter @incident-intel/bench bench [--quick]
 * Seeds a private database with the demo data, starts both services in this process, checks
 * that each baseline and ours give the same answers, times them in interleaved pairs and writes
 * report.md, report.json and latency.svg to results/ (results/quick/ with --quick). Exits 1 when
 * a comparison measured nothing or a check failed. Asserts nothing about time.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import os from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { seedDemoData } from '@incident-intel/demo-data'
import { createDependencyGraph } from '@incident-intel/dependency-graph'
import { canonicalUuid } from '@incident-intel/schemas'
import { documentsKey, isMarker } from '@incident-intel/incidents-api/cache/cache-keys'
import { createTeardowns, createTestDatabase, createTestRedis, waitUntil, type Teardowns } from '@incident-intel/test-support'
import { connectBaselineSession } from './baselines/session.js'
import { createClients, expectData } from './clients.js'
import { measureCacheLag } from './comparisons/cache-lag.js'
import { compareLattice, type LatticeComparison } from './comparisons/lattice.js'
import { compareOrganizationQuery } from './comparisons/organization-query.js'
import { compareRecursion } from './comparisons/recursion.js'
import { compareSenderContext, sampleIncidents } from './comparisons/sender-context.js'
import { buildLattice, type Lattice } from './lattice.js'
import { elapsedSeconds, log } from './log.js'
import { renderLatencyChart } from './report/chart.js'
import { describeMachine } from './report/machine.js'
import { formatMarkdown } from './report/markdown.js'
import type { Report } from './report/report.js'
import { startServices } from './services.js'
import { FULL, QUICK, type Settings } from './settings.js'

// The flat join and the LATERAL query may take seconds each on the full data set.
const ORGANIZATION_QUERY_TIMEOUT_MS = 120_000
const WARM_TIMEOUT_MS = 120_000

function parseOptions (): { quick: boolean } {
  // `pnpm bench -- --quick` hands the script a literal `--`; drop it so the flag still parses.
  const args = process.argv.slice(2).filter(arg => arg !== '--')
  const { values } = parseArgs({ args, options: { quick: { type: 'boolean', default: false } } })
  return { quick: values.quick }
}

async function main (settings: Settings, teardowns: Teardowns): Promise<Report> {
  const startedAt = new Date().toISOString()
  log('creating a private database (migrated) and a Redis key prefix')
  const { pool, url } = await createTestDatabase(teardowns, { poolSize: 6 })
  const { redis, prefix } = await createTestRedis(teardowns)
  const machine = await describeMachine(pool, redis)

  log(`seeding the demo data: ${settings.data.organizations} organizations, ${settings.data.currentIncidents} current incidents in the large one`)
  let stage = ''
  const seeded = await seedDemoData(pool, settings.data, (event) => {
    if (event.stage !== stage) log(`  ${event.stage} (${event.total})`)
    stage = event.stage
  })
  const lattices: Lattice[] = []
  for (const { layers, width } of settings.lattice.shapes) {
    log(`writing the ${layers} × ${width} lattice of intel requests in an organization of its own`)
    lattices.push(await buildLattice(pool, layers, width))
  }
  // The seed's own queued refreshes: the benchmark rebuilds each organization instead.
  await pool.query('delete from current_incidents.refresh_queue')
  await pool.query('analyze')
  const large = seeded.organizations[0]!

  log('starting both services in this process')
  const services = await startServices(teardowns, { databaseUrl: url, redisPrefix: prefix })
  const clients = createClients({ incidents: services.incidentsUrl, intelRequests: services.intelRequestsUrl })

  log('warming the cache: a rebuild per organization, then the queue drained')
  const warmStarted = performance.now()
  for (const organization of seeded.organizations) {
    expectData(await clients.incidents.POST('/incidents/current/rebuild', { body: { organization_id: organization.organization_id } }),
      'POST /incidents/current/rebuild')
  }
  await waitUntil(async () => (await pool.query('select 1 from current_incidents.refresh_queue limit 1')).rowCount === 0,
    WARM_TIMEOUT_MS, 'the refresh queue did not drain')
  for (const organization of seeded.organizations) {
    const cached = (await redis.hkeys(documentsKey(canonicalUuid(organization.organization_id)!))).filter(field => !isMarker(field)).length
    if (cached !== organization.current_incidents) {
      throw new Error(`${organization.name}: ${cached} documents cached, ${organization.current_incidents} current incidents`)
    }
  }
  const warmMs = performance.now() - warmStarted

  const session = await connectBaselineSession(url, settings.statementTimeoutMs)
  teardowns.teardown(() => session.end())
  const latticeSession = await connectBaselineSession(url, settings.lattice.statementTimeoutMs)
  teardowns.teardown(() => latticeSession.end())
  const organizationSession = await connectBaselineSession(url, ORGANIZATION_QUERY_TIMEOUT_MS)
  teardowns.teardown(() => organizationSession.end())
  const graph = createDependencyGraph({ pool })

  const { recursive, direct } = await compareRecursion({
    session,
    graph,
    roots: seeded.regions.diamondRoots.map(({ type, id }) => ({ type, id: canonicalUuid(id)! })),
    rootCounts: settings.recursion.rootCounts,
    iterations: settings.recursion.iterations,
    maxDistance: settings.recursion.maxDistance,
    statementTimeoutMs: settings.statementTimeoutMs
  })
  const lattice: LatticeComparison[] = []
  for (const [index, shape] of settings.lattice.shapes.entries()) {
    lattice.push(await compareLattice({
      session: latticeSession,
      graph,
      lattice: lattices[index]!,
      pairs: shape.pairs,
      maxDistance: settings.lattice.maxDistance,
      statementTimeoutMs: settings.lattice.statementTimeoutMs
    }))
  }
  const organizationQuery = await compareOrganizationQuery(organizationSession, large.organization_id, settings.organizationQuery.iterations)
  const sender = await compareSenderContext({
    clients, pool, session, organizationId: large.organization_id, ...settings.sender
  })
  // Last: it edits the data the comparisons above read.
  const cacheLag = await measureCacheLag({
    pool,
    redis,
    organizationId: large.organization_id,
    incidents: await sampleIncidents(pool, large.organization_id, settings.sender.sample),
    ...settings.cacheLag
  })

  return {
    mode: settings.mode,
    started_at: startedAt,
    total_seconds: elapsedSeconds(),
    machine,
    load_average_at_end: os.loadavg()[0]!,
    settings,
    data: {
      seed_ms: seeded.elapsedMs,
      warm_cache_ms: warmMs,
      organizations: seeded.organizations.length,
      large_organization: large,
      counts: seeded.counts,
      regions: {
        diamond_roots: seeded.regions.diamondRoots.length,
        chain_roots: seeded.regions.chainRoots.length,
        cycle_members: seeded.regions.cycleMembers.length
      }
    },
    recursion: recursive,
    direct,
    lattice,
    organization_query: organizationQuery,
    sender,
    cache_lag: cacheLag
  }
}

async function writeResults (report: Report): Promise<string> {
  const dir = fileURLToPath(new URL(report.mode === 'quick' ? '../results/quick/' : '../results/', import.meta.url))
  await mkdir(dir, { recursive: true })
  const markdown = formatMarkdown(report)
  await writeFile(join(dir, 'report.md'), markdown)
  await writeFile(join(dir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`)
  await writeFile(join(dir, 'latency.svg'), await renderLatencyChart(report))
  return markdown
}

const settings = parseOptions().quick ? QUICK : FULL
const teardowns = createTeardowns()
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: dropping the benchmark database and keys`)
    teardowns.run().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143))
  })
}

try {
  const report = await main(settings, teardowns)
  // Timings end with the services: the total is the measured run, teardown aside.
  await teardowns.run()
  console.log(await writeResults(report))
  log(`report written to bench/results${settings.mode === 'quick' ? '/quick' : ''}/`)
} catch (error) {
  process.exitCode = 1
  console.error(error)
} finally {
  await teardowns.run()
  log('done')
}
