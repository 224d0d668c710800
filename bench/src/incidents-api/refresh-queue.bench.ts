/*
 * The refresh queue under load. (1) Backlogs of queued refreshes over 20 organizations pile up
 * while Redis is unreachable (a proxy cuts it), then drain once it is back: the drain time per
 * backlog, and a write-through's latency during the drain against an empty queue. (2) A burst of
 * renames of one asset type, shown by the current incidents of one organization of 150, while
 * another client makes one unrelated change every 100 ms: how soon the queue is empty after the
 * burst, how often each document was refreshed, and the unrelated changes' commit-to-cache lag.
 *   pnpm --filter @incident-intel/bench bench:refresh-queue [--quick] [--json]
 */
import { once } from 'node:events'
import type { Pool } from 'pg'
import { createTestDatabase, createTestRedis, readMetricSample, startFaultProxy, summarize, testRedisUrl, type Teardowns } from '@incident-intel/test-support'
import { measureCacheLag } from '../cache-lag.js'
import { expectData } from '../clients.js'
import { log } from '../log.js'
import { count, ms, table, times } from '../report/format.js'
import { queueDepth, sleep, untilEmpty } from '../queue.js'
import { runBenchmark } from '../run-benchmark.js'
import { timed } from '../runner.js'
import { plainOrganizations, sampleIncidents, seedBenchmarkData } from '../seed.js'
import { rebuildCaches, startIncidentsApp } from '../services.js'

const FULL = { organizations: 20, backlogs: [10_000, 50_000, 100_000], writeThroughs: 100, burstRenames: 2000, burstSeconds: 13, burstIncidents: 150 }
const QUICK = { organizations: 4, backlogs: [500, 1000, 2000], writeThroughs: 20, burstRenames: 150, burstSeconds: 1.5, burstIncidents: 30 }
const DRAIN_ATTEMPTS = 'incidents_api_current_incidents_drain_attempts_total'

/** Total document version bumps so far: one per document refreshed (statistics of document_versions). */
async function documentRefreshes (pool: Pool): Promise<number> {
  await sleep(1100) // other backends flush their table statistics at most once a second
  const { rows } = await pool.query<{ bumps: string }>(
    "select (n_tup_ins + n_tup_upd)::text as bumps from pg_stat_user_tables where schemaname = 'current_incidents' and relname = 'document_versions'")
  return Number(rows[0]!.bumps)
}

async function main (quick: boolean, teardowns: Teardowns) {
  const settings = quick ? QUICK : FULL
  const { pool, url } = await createTestDatabase(teardowns, { poolSize: 4 })
  const { redis, prefix } = await createTestRedis(teardowns)
  const target = new URL(testRedisUrl())
  const proxy = await startFaultProxy({ target: { host: target.hostname, port: Number(target.port || 6379) } })
  teardowns.teardown(() => proxy.close())

  const perOrganization = Math.max(...settings.backlogs) / settings.organizations
  log(`seeding one organization of ${settings.burstIncidents} current incidents whose assets share a type, and ${settings.organizations} of ${perOrganization}`)
  // demo-data's mix, the burst organization first: its assets all get one new asset type, whose renames refresh its incidents.
  const seeded = await seedBenchmarkData(pool, plainOrganizations(settings.organizations + 1, settings.burstIncidents, perOrganization))
  const { rows: [burstType] } = await pool.query<{ asset_type_id: string }>(
    "insert into assets.asset_types (asset_type_name) values ('Burst type ' || gen_random_uuid()) returning asset_type_id")
  await pool.query('update assets.assets set asset_type_id = $2 where organization_id = $1', [seeded.organizationId, burstType!.asset_type_id])
  const { rows: [shown] } = await pool.query<{ n: number }>(`select count(distinct i.incident_id)::int as n from incidents.incidents i
    join incidents.incident_assets ia on ia.incident_id = i.incident_id and ia.deleted is null
   where i.organization_id = $1 and i.deleted is null and i.status <> 'resolved'`, [seeded.organizationId])
  const burst = { assetTypeId: burstType!.asset_type_id, incidents: shown!.n }
  const backlogOrganizations = seeded.records.slice(1)
  const incidentIds = backlogOrganizations.flatMap(o => o.incidentIds)

  // Default configuration, as in production, but a pool large enough for the write-throughs beside the drain.
  const { app, origin, client } = await startIncidentsApp(teardowns, { DATABASE_URL: url, REDIS_URL: proxy.url(testRedisUrl()), REDIS_KEY_PREFIX: prefix, DATABASE_POOL_SIZE: '10' }, 10_000)
  const drainAttempts = () => readMetricSample(origin, DRAIN_ATTEMPTS)

  log('rebuilding every organization\'s cache')
  await rebuildCaches(client, seeded.records.map(o => o.organizationId))
  await untilEmpty(pool, 60_000)

  let edit = 0
  const writeThrough = async (incidentId: string) => (await timed(async () => expectData(
    await client.PATCH('/incidents/{incident_id}', { params: { path: { incident_id: incidentId } }, body: { title: `Write-through ${edit++}` } }), 'PATCH /incidents/{incident_id}'))).ms
  const writeIds = incidentIds.filter((_, i) => i % 97 === 0)
  log(`write-through latency on an empty queue: ${settings.writeThroughs} PATCHes one at a time`)
  for (let i = 0; i < 20; i++) await writeThrough(writeIds[i % writeIds.length]!) // warm-up: plans, connections
  const idle: number[] = []
  for (let i = 0; i < settings.writeThroughs; i++) idle.push(await writeThrough(writeIds[i % writeIds.length]!))
  await untilEmpty(pool, 10_000)

  const backlogs = []
  for (const size of settings.backlogs) {
    log(`backlog of ${size}: Redis cut, ${size} refreshes queued over ${settings.organizations} organizations`)
    proxy.setMode('cut')
    await sleep(200)
    // Statements of 500 incidents each (under the organization-wide threshold): one refresh per incident.
    const backlogIds = incidentIds.filter((_, i) => i % (incidentIds.length / size) === 0).slice(0, size)
    for (let start = 0; start < backlogIds.length; start += 500) {
      await pool.query("update incidents.incidents set title = title || '.' where incident_id = any($1::uuid[])", [backlogIds.slice(start, start + 500)])
    }
    const queued = await queueDepth(pool)
    const attemptsBefore = await drainAttempts()
    const cutEnded = performance.now()
    proxy.setMode('pass')
    // Timed from Redis answering again (ioredis reconnects within a second): the drain itself.
    await once(app.redis, 'ready', { signal: AbortSignal.timeout(10_000) })
    const back = performance.now()
    // One write-through at a time for as long as the drain runs.
    const during: number[] = []
    const drain = { endedAt: 0 }
    const watcher = untilEmpty(pool, 600_000).then(at => { drain.endedAt = at })
    while (drain.endedAt === 0) during.push(await writeThrough(writeIds[during.length % writeIds.length]!))
    await watcher
    const drained = drain.endedAt
    backlogs.push({
      backlog: queued,
      reconnect_ms: Math.round(back - cutEnded),
      drain_ms: Math.round(drained - back),
      refreshes_per_second: Math.round(queued / ((drained - back) / 1000)),
      drain_attempts: await drainAttempts() - attemptsBefore,
      write_through_during: summarize(during)
    })
    log(`  drained ${queued} in ${Math.round(drained - back)} ms`)
  }

  log('Redis cut for 60 s with a change every 100 ms: drain attempts')
  const outage = quick ? 5000 : 60_000
  proxy.setMode('cut')
  await sleep(200)
  const attemptsBeforeOutage = await drainAttempts()
  for (let end = performance.now() + outage, i = 0; performance.now() < end; i++) {
    await pool.query("update incidents.incidents set title = title || '.' where incident_id = $1", [incidentIds[i]])
    await sleep(100)
  }
  const outageAttempts = await drainAttempts() - attemptsBeforeOutage
  proxy.setMode('pass')
  await untilEmpty(pool, 30_000)

  log(`burst: ${settings.burstRenames} renames of one asset type in ${settings.burstSeconds} s, each touching ${burst.incidents} current incidents; an unrelated change every 100 ms`)
  const refreshesBefore = await documentRefreshes(pool)
  // In a backlog organization, not the burst's: the same commit-to-cache lag the comparisons measure.
  const organizationId = backlogOrganizations[0]!.organizationId
  const unrelated = measureCacheLag({
    pool, redis, organizationId, incidents: await sampleIncidents(pool, organizationId, 50), changesPerSecond: 10, seconds: settings.burstSeconds, timeoutMs: 30_000
  })
  const burstStarted = performance.now()
  const spacing = settings.burstSeconds * 1000 / settings.burstRenames
  for (let i = 0; i < settings.burstRenames; i++) {
    await pool.query('update assets.asset_types set asset_type_name = $2 where asset_type_id = $1', [burst.assetTypeId, `Burst type ${i}`])
    const wait = burstStarted + (i + 1) * spacing - performance.now()
    if (wait > 0) await sleep(wait)
  }
  const burstEnded = performance.now()
  const emptyAt = await untilEmpty(pool, 120_000)
  const lag = await unrelated
  const refreshes = await documentRefreshes(pool) - refreshesBefore

  return {
    mode: quick ? 'quick' : 'full',
    organizations: settings.organizations,
    write_through_idle: summarize(idle),
    backlogs,
    redis_down: { seconds: outage / 1000, drain_attempts: outageAttempts, per_minute: outageAttempts / (outage / 60_000) },
    burst: {
      renames: settings.burstRenames,
      incidents: burst.incidents,
      seconds: (burstEnded - burstStarted) / 1000,
      queue_empty_after_ms: Math.round(emptyAt - burstEnded),
      document_refreshes: refreshes,
      refreshes_per_document: refreshes / burst.incidents,
      unrelated_lag: lag.all
    }
  }
}

function format (report: Awaited<ReturnType<typeof main>>): string {
  const { write_through_idle: idle, redis_down: down, burst } = report
  return [
    `refresh queue benchmark (${report.mode}), ${report.organizations} organizations`,
    '',
    table(['backlog', 'drain (from Redis ready)', 'refreshes/s', 'drain attempts', 'write-through p50 during', 'p99 during', 'p50 ratio to an empty queue'], report.backlogs.map(b =>
      [String(b.backlog), ms(b.drain_ms), count(b.refreshes_per_second), String(b.drain_attempts), ms(b.write_through_during.p50_ms), ms(b.write_through_during.p99_ms), times(b.write_through_during.p50_ms / idle.p50_ms)])),
    '',
    `write-through on an empty queue (${idle.n} PATCHes): p50 ${ms(idle.p50_ms)}, p99 ${ms(idle.p99_ms)}`,
    `drain time per 1,000 refreshes: ${report.backlogs.map(b => ms(b.drain_ms / b.backlog * 1000)).join(' / ')}`,
    `Redis unreachable for ${down.seconds} s, a change every 100 ms: ${down.drain_attempts} drain attempts (${down.per_minute.toFixed(1)} per minute)`,
    `burst: ${burst.renames} renames in ${burst.seconds.toFixed(1)} s over ${burst.incidents} incidents; queue empty ${burst.queue_empty_after_ms} ms after the burst;` +
      ` ${burst.document_refreshes} document refreshes (${burst.refreshes_per_document.toFixed(1)} per document)`,
    `unrelated changes during the burst (${burst.unrelated_lag.n}): commit-to-cache p50 ${ms(burst.unrelated_lag.p50_ms)}, p99 ${ms(burst.unrelated_lag.p99_ms)}, max ${ms(burst.unrelated_lag.max_ms)}`
  ].join('\n')
}

await runBenchmark(main, format)
