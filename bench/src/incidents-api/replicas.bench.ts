/*
 * Replicas: 1, 2 and 3 incidents-api processes draining one refresh queue, side by side in one run,
 * each under the same mixed write load (test-support's runMixedWrites: SQL by another client to
 * incidents, outages, assets, intel requests and dependency edges, and PATCHes through both
 * services). For each: the commit-to-cache lag of changes made in SQL during the load
 * (cache-lag.ts), the queued refreshes applied per second, and the drain of a backlog queued at
 * once; then the cache is checked against the LATERAL query.
 *   pnpm --filter @incident-intel/bench bench:replicas [--quick] [--json]
 */
import type { Pool } from 'pg'
import { createIncidentsClient } from '@incident-intel/sdk'
import {
  createTestDatabase, createTestRedis, findMixedWriteTargets, readMetricSample, runMixedWrites, startServiceProcess, testRedisEnv,
  type ServiceProcess, type Summary, type Teardowns
} from '@incident-intel/test-support'
import { measureCacheLag } from '../cache-lag.js'
import { log } from '../log.js'
import { drainQueue, untilEmpty } from '../queue.js'
import { count, ms, table } from '../report/format.js'
import { runBenchmark } from '../run-benchmark.js'
import { plainOrganizations, sampleIncidents, seedBenchmarkData } from '../seed.js'
import { rebuildCaches, startIncidentsProcess } from '../services.js'
import { checkCache } from '../soak/cache-check.js'

const FULL = { incidents: 1000, organizations: 3, tiers: [1, 2, 3], sample: 200, lag: { changesPerSecond: 25, seconds: 10 }, writesPerSecond: 50, writers: 8, backlog: 3000 }
const QUICK = { incidents: 40, organizations: 3, tiers: [1, 2, 3], sample: 20, lag: { changesPerSecond: 20, seconds: 1 }, writesPerSecond: 20, writers: 2, backlog: 60 }
// Under the organization-wide threshold: each statement of a backlog queues one refresh per incident.
const BACKLOG_STATEMENT = 100
const DRAINED = 'incidents_api_current_incidents_refresh_lag_seconds_count'

interface Tier {
  instances: number
  lag: Summary
  writes: number
  writes_per_second: number
  failed_writes: number
  /** Queued refreshes the instances applied during the load, per second, and each instance's share. */
  drained_per_second: number
  drained_by_instance: number[]
  backlog: { refreshes: number, drain_ms: number, refreshes_per_second: number }
  cache_check: { documents: number, ok: boolean }
}

const sumOf = async (instances: ServiceProcess[]) => await Promise.all(instances.map(instance => readMetricSample(instance.origin, DRAINED)))

/** Queues `size` refreshes in one transaction (statements of BACKLOG_STATEMENT incidents each); the time to drain them. */
async function drainBacklog (pool: Pool, incidentIds: string[], size: number) {
  const ids = incidentIds.slice(0, size)
  const client = await pool.connect()
  try {
    await client.query('begin')
    for (let start = 0; start < ids.length; start += BACKLOG_STATEMENT) {
      await client.query("update incidents.incidents set metadata = metadata || jsonb_build_object('backlog', now()) where incident_id = any($1::uuid[])", [ids.slice(start, start + BACKLOG_STATEMENT)])
    }
    await client.query('commit')
  } finally {
    client.release()
  }
  const committed = performance.now()
  const at = await untilEmpty(pool, 120_000)
  return { refreshes: ids.length, drain_ms: Math.round(at - committed), refreshes_per_second: Math.round(ids.length / ((at - committed) / 1000)) }
}

async function main (quick: boolean, teardowns: Teardowns) {
  const settings = quick ? QUICK : FULL
  const { pool, url } = await createTestDatabase(teardowns, { poolSize: 8 })
  const { redis, prefix } = await createTestRedis(teardowns)
  log(`seeding ${settings.organizations} organizations of ${settings.incidents} current incidents`)
  const seeded = await seedBenchmarkData(pool, plainOrganizations(settings.organizations, settings.incidents, settings.incidents))
  const organizationIds = seeded.records.map(o => o.organizationId)
  const intelRequestsApi = await startServiceProcess(teardowns, 'intel-requests-api', { env: { DATABASE_URL: url, ...testRedisEnv(), REDIS_KEY_PREFIX: prefix }, startTimeoutMs: 30_000 })
  teardowns.teardown(() => intelRequestsApi.stop())

  // The lag is measured on sampled incidents of the first organization; the load writes to the others' records.
  // A sampled incident changes again every sample / changesPerSecond seconds: a lag beyond that overwrites its marker unseen.
  const sample = await sampleIncidents(pool, seeded.organizationId, settings.sample)
  const sampled = new Set(sample.flatMap(s => [s.incident_id, s.intel_request_id]))
  // demo-data gives some organizations no intel requests on their incidents: the load skips those.
  const targets = (await Promise.all(seeded.records.map(async o => {
    const found = await findMixedWriteTargets(pool, o.organizationId, o.incidentIds.filter(id => !sampled.has(id))).catch(() => null)
    return found === null ? [] : [{ ...found, intelRequestIds: found.intelRequestIds.filter(id => !sampled.has(id)) }]
  }))).flat().filter(target => target.intelRequestIds.length > 0)
  if (targets.length === 0) throw new Error('no organization has incidents with intel requests, assets and edges to write to')
  log(`mixed writes over ${targets.length} organizations`)
  const backlogIds = seeded.records.flatMap(o => o.incidentIds).sort()

  const tiers: Tier[] = []
  for (const size of settings.tiers) {
    log(`${size} incidents-api instance(s): starting`)
    const instances: ServiceProcess[] = []
    // No reconciler: its sweeps would land in the timed runs.
    for (let i = 0; i < size; i++) instances.push(await startIncidentsProcess(teardowns, { url, prefix }))
    const client = createIncidentsClient({ baseUrl: instances[0]!.origin })
    if (tiers.length === 0) await rebuildCaches(client, organizationIds)
    await drainQueue(pool, 30_000)

    log(`${size} instance(s): mixed writes at ${settings.writesPerSecond}/s, commit-to-cache lag of ${settings.lag.changesPerSecond} changes/s for ${settings.lag.seconds} s`)
    const before = await sumOf(instances)
    const stop = new AbortController()
    const started = performance.now()
    const origins = { incidents: instances.map(instance => instance.origin), intelRequests: [intelRequestsApi.origin] }
    const load = runMixedWrites({ db: pool, targets, origins, writers: settings.writers, perSecond: settings.writesPerSecond, signal: stop.signal, seed: size })
    const lag = await measureCacheLag({ pool, redis, organizationId: seeded.organizationId, incidents: sample, ...settings.lag, timeoutMs: 30_000 }).finally(() => stop.abort())
    const writes = await load
    const loadSeconds = (performance.now() - started) / 1000
    await untilEmpty(pool, 60_000)
    const drained = (await sumOf(instances)).map((after, i) => after - before[i]!)

    log(`${size} instance(s): a backlog of ${Math.min(settings.backlog, backlogIds.length)} refreshes`)
    const backlog = await drainBacklog(pool, backlogIds, settings.backlog)
    const check = await checkCache(pool, client, organizationIds)
    if (!check.ok) throw new Error(`${size} instance(s): the cache differs from the database: ${JSON.stringify(check.organizations).slice(0, 2000)}`)
    if (writes.failures > 0) throw new Error(`${size} instance(s): writes failed: ${JSON.stringify(writes.outcomes)}`)
    tiers.push({
      instances: size,
      lag: lag.all,
      writes: writes.writes,
      writes_per_second: writes.writes / loadSeconds,
      failed_writes: writes.failures,
      drained_per_second: drained.reduce((sum, n) => sum + n, 0) / loadSeconds,
      drained_by_instance: drained,
      backlog,
      cache_check: { documents: check.documents, ok: check.ok }
    })
    for (const instance of instances) await instance.stop()
  }
  return { mode: quick ? 'quick' : 'full', organizations: settings.organizations, incidents_per_organization: settings.incidents, settings, tiers }
}

function format (report: Awaited<ReturnType<typeof main>>): string {
  const { settings } = report
  return [
    `## Replicas: incidents-api instances draining one queue (${report.mode}; ${report.organizations} organizations of ${report.incidents_per_organization} current incidents)`,
    '',
    `Mixed writes at ${settings.writesPerSecond}/s (${settings.writers} writers) while ${settings.lag.changesPerSecond} SQL changes/s for ${settings.lag.seconds} s are timed from commit to Redis; then a backlog queued in one transaction.`,
    '',
    table(['instances', 'lag p50', 'lag p99', 'lag max', 'changes timed', 'mixed writes/s', 'queued refreshes applied/s (applied by each instance)', `backlog of ${settings.backlog}: drain`, 'backlog refreshes/s', 'cache = database'],
      report.tiers.map(tier => [
        String(tier.instances), ms(tier.lag.p50_ms), ms(tier.lag.p99_ms), ms(tier.lag.max_ms), count(tier.lag.n), count(tier.writes_per_second),
        `${count(tier.drained_per_second)} (${tier.drained_by_instance.join(' / ')})`, ms(tier.backlog.drain_ms), count(tier.backlog.refreshes_per_second),
        `${tier.cache_check.ok ? 'yes' : 'NO'} (${count(tier.cache_check.documents)} documents)`
      ]))
  ].join('\n')
}

await runBenchmark(main, format)
