/*
 * The analysis's slow designs against ours, side by side in one run, on production's shape (see
 * bench/README.md): pnpm --filter @incident-intel/bench bench:comparisons [--quick] [--json]
 */
import { mkdir, writeFile } from 'node:fs/promises'
import os from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createDependencyGraph, type RecordRef } from '@incident-intel/dependency-graph'
import { canonicalUuid } from '@incident-intel/schemas'
import { documentsKey, isMarker } from '@incident-intel/incidents-api/cache/cache-keys'
import { createTestDatabase, createTestRedis, type Teardowns } from '@incident-intel/test-support'
import { connectBaselineSession } from './baselines/session.js'
import { createClients } from './clients.js'
import { measureCacheLag } from './cache-lag.js'
import { compareOrganizationQuery } from './comparisons/organization-query.js'
import { compareBatching, compareDirect, compareMaxDistance, compareRecursion } from './comparisons/recursion.js'
import { compareSenderContext } from './comparisons/sender-context.js'
import { measureServices } from './comparisons/services.js'
import { elapsedSeconds, log } from './log.js'
import { untilEmpty } from './queue.js'
import { renderLatencyChart } from './report/chart.js'
import { describeMachine } from './report/machine.js'
import { formatMarkdown } from './report/markdown.js'
import { runBenchmark } from './run-benchmark.js'
import { sampleIncidents, seedBenchmarkData } from './seed.js'
import { rebuildCaches, startServices } from './services.js'
import { FULL, QUICK } from './settings.js'

// The flat join may take seconds on the full data set.
const ORGANIZATION_QUERY_TIMEOUT_MS = 120_000
const WARM_TIMEOUT_MS = 120_000

/** Everything one run measured: report.json as written, and the source of report.md, summary.json and the chart. */
export type Report = Awaited<ReturnType<typeof main>>

async function main (quick: boolean, teardowns: Teardowns) {
  const settings = quick ? QUICK : FULL
  const startedAt = new Date().toISOString()
  log('creating a private database (migrated) and a Redis key prefix')
  const { pool, url } = await createTestDatabase(teardowns, { poolSize: 6 })
  const { redis, prefix } = await createTestRedis(teardowns)
  const machine = await describeMachine(pool, redis)

  log(`seeding production's shape: ${settings.data.currentIncidents ?? 3000} current incidents, lattices under their second-level intel requests`)
  const seeded = await seedBenchmarkData(pool, settings.data)
  const organization = seeded.organizations[0]!
  const ref = ({ type, id }: { type: string, id: string }) => ({ type, id: canonicalUuid(id)! }) as RecordRef
  const gateways = seeded.regions.latticeGateways.map(ref)
  const incidents = seeded.regions.latticeIncidents.map(ref)

  log('starting both services in this process')
  const services = await startServices(teardowns, { databaseUrl: url, redisPrefix: prefix })
  const clients = createClients({ incidents: services.incidentsUrl, intelRequests: services.intelRequestsUrl })
  log('warming the cache: a rebuild, then the queue drained')
  const warmStarted = performance.now()
  await rebuildCaches(clients.incidents, [organization.organization_id])
  await untilEmpty(pool, WARM_TIMEOUT_MS)
  const cached = (await redis.hkeys(documentsKey(seeded.organizationId))).filter(field => !isMarker(field)).length
  if (cached !== organization.current_incidents) throw new Error(`${cached} documents cached, ${organization.current_incidents} current incidents`)
  const warmMs = performance.now() - warmStarted

  const session = await connectBaselineSession(url, settings.statementTimeoutMs)
  teardowns.teardown(() => session.end())
  const organizationSession = await connectBaselineSession(url, ORGANIZATION_QUERY_TIMEOUT_MS)
  teardowns.teardown(() => organizationSession.end())
  const graph = createDependencyGraph({ pool })
  const { maxDistance, recursion: r } = settings

  const recursion = await compareRecursion(session, graph, [
    { id: 'gateway', name: 'one intel request above a lattice', roots: [gateways[1]!], pairs: r.pairs },
    { id: 'incident', name: 'one current incident that reaches a lattice', roots: [incidents[1]!], pairs: r.pairs },
    { id: 'bad-day', name: `the bad-day incident (its gateway above ${(settings.data.lattices?.badDay ?? 0) + 1} lattices)`, roots: [incidents[0]!], pairs: r.badDayPairs },
    { id: `batch-${r.batch}`, name: `${r.batch} intel requests above lattices, as a bulk call recursed on them`, roots: gateways.slice(1, 1 + r.batch), pairs: r.badDayPairs }
  ], maxDistance)
  const batching = await compareBatching(graph, gateways.slice(1, 1 + r.batch * 10), r.pairs, maxDistance)
  const depth = await compareMaxDistance(graph, incidents[1]!, r.pairs * 5, { deep: maxDistance, shallow: 5 })
  const direct = [await compareDirect(session, graph, [gateways[1]!], r.pairs * 5), await compareDirect(session, graph, gateways.slice(1, 1 + r.batch * 10), r.pairs)]
  const organizationQuery = await compareOrganizationQuery(organizationSession, organization.organization_id, settings.organizationQuery.iterations)
  const sender = await compareSenderContext({
    clients, pool, session, organizationId: organization.organization_id, statementTimeoutMs: settings.statementTimeoutMs, ...settings.sender
  })
  const { rows: plain } = await pool.query<{ intel_request_id: string }>(
    'select intel_request_id from intel_requests.intel_requests where organization_id = $1 order by intel_request_id limit 500', [organization.organization_id])
  const [gatewayWalk] = await graph.resolve({ roots: [gateways[1]!], direction: 'dependents', maxDistance })
  const servicesResult = await measureServices(clients, { gateway: gateways[1]!.id, gatewayEdges: gatewayWalk!.edges.length, plain: plain.map(row => row.intel_request_id) },
    organization.organization_id, settings.services)
  // Last: it edits the data the comparisons above read.
  const cacheLag = await measureCacheLag({
    pool, redis, organizationId: organization.organization_id, incidents: await sampleIncidents(pool, organization.organization_id, settings.sender.sample), ...settings.cacheLag
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
      organization,
      counts: seeded.counts,
      gateways: gateways.length
    },
    recursion: [...recursion, batching, depth],
    direct,
    organization_query: organizationQuery,
    sender,
    services: servicesResult,
    cache_lag: cacheLag
  }
}

/** report.md, the chart and a small summary (no raw samples) for git; report.json with every sample beside them, ignored. */
async function writeResults (report: Report): Promise<void> {
  const dir = fileURLToPath(new URL(report.mode === 'quick' ? '../results/quick/' : '../results/', import.meta.url))
  await mkdir(dir, { recursive: true })
  await writeFile(join(dir, 'report.md'), formatMarkdown(report))
  await writeFile(join(dir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`)
  const summary = JSON.stringify(report, (key, value: unknown) => key === 'samples_ms' ? undefined : value, 2)
  await writeFile(join(dir, 'summary.json'), `${summary}\n`)
  await writeFile(join(dir, 'latency.svg'), await renderLatencyChart(report))
  log(`report written to bench/results${report.mode === 'quick' ? '/quick' : ''}/`)
}

await runBenchmark(async (quick, teardowns) => {
  const report = await main(quick, teardowns)
  await writeResults(report)
  return report
}, formatMarkdown)
