import t from 'tap'
import type { CanonicalUuid } from '@incident-intel/schemas'
import type { Pool } from 'pg'
import { createOrganization, waitUntil, type TestRedisClient } from '@incident-intel/test-support'
import { buildTestApp } from '../helpers/build-test-app.js'
import { quiesce, settledCache } from '../helpers/cache-state.js'
import { evaluateAlertsOnScrape } from '../helpers/alert-rules.js'
import { documentsKey, versionsKey } from '../../src/cache/cache-keys.js'
import { decodeDocument } from '../../src/cache/document-codec.js'

// One organization whose cache writes keep failing (its key made a string: every write is a
// WRONGTYPE) must never hold back another: it is parked with a back-off, the others drain.
const BATCH = 50
const THRESHOLD = 100
const BACKOFF_BASE_MS = 300
const BACKOFF_MAX_MS = 5000
const { app, pool, redis } = await buildTestApp(t, {
  env: {
    CACHE_DRAIN_BATCH_SIZE: String(BATCH),
    CACHE_ORGANIZATION_REFRESH_THRESHOLD: String(THRESHOLD),
    CACHE_BACKOFF_BASE_MS: String(BACKOFF_BASE_MS),
    CACHE_BACKOFF_MAX_MS: String(BACKOFF_MAX_MS)
  }
})

async function insertIncidents (pool: Pool, organizationId: string, count: number): Promise<string[]> {
  const { rows } = await pool.query<{ incident_id: string }>(
    `insert into incidents.incidents (organization_id, title, incident_type, status)
     select $1, 'Incident ' || n, 'power', 'active' from generate_series(1, $2) n returning incident_id`, [organizationId, count])
  return rows.map(row => row.incident_id)
}

async function queuedByOrganization (): Promise<Array<[string, string | null, number]>> {
  const { rows } = await pool.query<{ organization_id: string, incident_id: string | null, count: number }>(
    `select organization_id, case when incident_id is null then 'organization' else 'incidents' end as incident_id, count(*)::int as count
       from current_incidents.refresh_queue group by 1, 2 order by 1, 2`)
  return rows.map(row => [row.organization_id, row.incident_id, row.count])
}

async function parked (organizationId: string) {
  const { rows } = await pool.query<{ attempts: number, last_error: string, delay_ms: number }>(
    `select attempts, last_error, (extract(epoch from next_attempt_at - updated) * 1000)::float8 as delay_ms
       from current_incidents.parked_organizations where organization_id = $1`, [organizationId])
  return rows[0]
}

async function cachedTitle (redis: TestRedisClient, organizationId: CanonicalUuid, incidentId: string): Promise<string | undefined> {
  const value = await redis.hgetBuffer(documentsKey(organizationId), incidentId)
  return value ? decodeDocument(value).title : undefined
}

const poisoned = await createOrganization(pool, 'Poisoned utility') as CanonicalUuid
const others = await Promise.all(['North', 'South', 'East'].map(async name => await createOrganization(pool, `${name} utility`) as CanonicalUuid))
const poisonedIncidents = await insertIncidents(pool, poisoned, 200)
const otherIncidents = await Promise.all(others.map(organizationId => insertIncidents(pool, organizationId, 5)))
await quiesce(app, pool, 20000)
for (const organizationId of [poisoned, ...others]) await settledCache(redis, pool, organizationId)

t.test('a poisoned organization with a backlog of four batches: 200 changes to three others reach the cache and drain', async t => {
  await redis.del(documentsKey(poisoned))
  await redis.set(documentsKey(poisoned), 'not a hash')
  // Two statements of 100 incidents each (not over the threshold): 200 incident refreshes.
  for (const half of [poisonedIncidents.slice(0, 100), poisonedIncidents.slice(100)]) {
    await pool.query("update incidents.incidents set title = title || ' (edited)' where incident_id = any($1::uuid[])", [half])
  }
  await waitUntil(async () => (await parked(poisoned)) !== undefined, 10000, 'the poisoned organization was never parked')

  const lags: number[] = []
  for (let i = 0; i < 200; i++) {
    const organization = i % 3
    const incidentId = otherIncidents[organization]![i % 5]!
    const title = `Change ${i}`
    await pool.query('update incidents.incidents set title = $2 where incident_id = $1', [incidentId, title])
    const committed = performance.now()
    await waitUntil(async () => await cachedTitle(redis, others[organization]!, incidentId) === title, 10000, `change ${i} never reached the cache`)
    lags.push(performance.now() - committed)
  }
  lags.sort((a, b) => a - b)
  t.comment(`200 changes to three other organizations reached the cache: p50 ${lags[99]!.toFixed(1)} ms, max ${lags[199]!.toFixed(1)} ms`)
  t.equal(lags.length, 200, 'every change reached the cache')

  await waitUntil(async () => (await queuedByOrganization()).length === 1, 5000, 'the other organizations\' rows did not drain')
  t.same(await queuedByOrganization(), [[poisoned, 'incidents', 200]], 'only the poisoned organization\'s 200 refreshes wait')
  for (const organizationId of others) {
    const { cached, database } = await settledCache(redis, pool, organizationId)
    t.same(cached, database, 'the other organizations\' caches equal the database')
  }
  const record = await parked(poisoned)
  t.match(record, { attempts: Number, last_error: /WRONGTYPE/ })
  t.ok(record!.attempts >= 1)

  const ready = await app.inject('/ready')
  t.same([ready.statusCode, ready.json().status, ready.json().checks], [200, 'degraded', { postgres: 'up', redis: 'up', rate_limit: 'up', refresh_queue: 'degraded' }])
  t.match(ready.json().details, { refresh_queue: { queued: 200, parked_organizations: 1, oldest_queued_seconds: Number } })
})

t.test('the same state on a real scrape of /metrics fires the parked, stuck-queue and readiness alerts, and only those', async t => {
  // As if the backlog had waited ten minutes: past the stuck-queue threshold.
  await pool.query("update current_incidents.refresh_queue set enqueued = enqueued - interval '10 minutes' where organization_id = $1", [poisoned])
  const scrape = (await app.inject('/metrics')).body
  t.match(scrape, /incidents_api_current_incidents_parked_organizations 1\n/)
  t.match(scrape, /incidents_api_current_incidents_refresh_failures_total\{reason="organization"\} [1-9]\d*\n/)
  const verdict = await evaluateAlertsOnScrape(scrape, {
    job: 'incidents-api',
    instance: 'test',
    firing: {
      CurrentIncidentsRefreshQueueStuck: [{}],
      CurrentIncidentsOrganizationParked: [{}],
      ReadinessCheckNotUp: [{ check: 'refresh_queue' }]
    }
  })
  t.ok(verdict.passed, verdict.output)
})

t.test('its key repaired: the poisoned organization drains at its next attempt and is no longer parked', async t => {
  await redis.del(documentsKey(poisoned))
  await waitUntil(async () => (await queuedByOrganization()).length === 0 && (await parked(poisoned)) === undefined,
    BACKOFF_MAX_MS * 3, 'the repaired organization did not drain')
  await app.currentIncidents.settle()
  const { cached, database } = await settledCache(redis, pool, poisoned)
  t.same(cached, database)
  t.equal(Object.keys(cached).length, 200)
  t.equal((await app.inject('/ready')).json().status, 'ready')
})

t.test('a rebuild made to fail is parked and retried with a doubling back-off while the others proceed', async t => {
  const rebuilt = await createOrganization(pool, 'Rebuilt utility') as CanonicalUuid
  await insertIncidents(pool, rebuilt, THRESHOLD + 20)
  await quiesce(app, pool, 20000)
  await redis.del(versionsKey(rebuilt))
  await redis.set(versionsKey(rebuilt), 'not a hash')
  // One statement over the threshold: one organization-wide refresh, a rebuild.
  await pool.query("update incidents.incidents set title = title || ' (rebuilt)' where organization_id = $1", [rebuilt])
  t.same(await queuedByOrganization(), [[rebuilt, 'organization', 1]], 'one organization-wide refresh, not 120')

  await waitUntil(async () => ((await parked(rebuilt))?.attempts ?? 0) >= 3, 10000, 'the failing rebuild was not retried')
  const record = await parked(rebuilt)
  t.match(record!.last_error, /WRONGTYPE/)
  t.equal(record!.delay_ms, Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (record!.attempts - 1)), 'each attempt waits twice as long as the one before')

  const incidentId = otherIncidents[0]![0]!
  await pool.query("update incidents.incidents set title = 'While another is parked' where incident_id = $1", [incidentId])
  await waitUntil(async () => await cachedTitle(redis, others[0]!, incidentId) === 'While another is parked', 5000, 'another organization was held back')
  // The drainer writes Redis before it commits the deletion of the rows it claimed: wait for the commit.
  const onlyTheRebuild = JSON.stringify([[rebuilt, 'organization', 1]])
  await waitUntil(async () => JSON.stringify(await queuedByOrganization()) === onlyTheRebuild, 5000, 'the other organization\'s refresh did not leave the queue').catch(() => {})
  t.same(await queuedByOrganization(), [[rebuilt, 'organization', 1]], 'only the failing rebuild waits')

  await redis.del(versionsKey(rebuilt))
  await waitUntil(async () => (await queuedByOrganization()).length === 0 && (await parked(rebuilt)) === undefined,
    BACKOFF_MAX_MS * 3, 'the repaired rebuild did not run')
  const { cached, database } = await settledCache(redis, pool, rebuilt)
  t.same(cached, database)
  t.equal(Object.keys(cached).length, THRESHOLD + 20)
})
