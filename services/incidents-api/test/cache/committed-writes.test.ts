import t from 'tap'
import { withTransaction } from '@incident-intel/db'
import { canonicalUuid } from '@incident-intel/schemas'
import { createOrganization, startPrivateRedis, waitUntil } from '@incident-intel/test-support'
import { buildTestApp } from '../helpers/build-test-app.js'
import { insertIncident } from '../helpers/fixtures.js'
import { cachedDocuments, quiesce } from '../helpers/cache-state.js'
import { lockOrganizationExclusive } from '../../src/sql/document-versions.js'

// A write that committed answers from what it committed, whatever happens to the cache after.

const queuedFor = async (pool: import('pg').Pool, incidentId: string) =>
  (await pool.query<{ count: number }>('select count(*)::int as count from current_incidents.refresh_queue where incident_id = $1', [incidentId])).rows[0]!.count

t.test('a write whose refresh times out answers 200; the queue brings its change to the cache later', async t => {
  // A short statement timeout, and a rebuild's lock on the organization held past it.
  const { app, pool } = await buildTestApp(t, { env: { DATABASE_STATEMENT_TIMEOUT_MS: '300' } })
  const organizationId = canonicalUuid(await createOrganization(pool))!
  const incidentId = (await insertIncident(pool, organizationId, { title: 'Before' })).incident_id!
  await app.inject({ method: 'POST', url: '/incidents/current/rebuild', payload: { organization_id: organizationId } })
  await quiesce(app, pool)

  let release!: () => void
  const released = new Promise<void>(resolve => { release = resolve })
  let locked!: () => void
  const held = new Promise<void>(resolve => { locked = resolve })
  const holder = withTransaction(pool, async client => {
    await client.query('set local statement_timeout = 0')
    await lockOrganizationExclusive(client, organizationId)
    locked()
    await released
  })
  await held

  const response = await app.inject({ method: 'PATCH', url: `/incidents/${incidentId}`, payload: { title: 'After' } })
  t.equal(response.statusCode, 200, 'not a 503: the write committed')
  t.match(response.json(), { incident_id: incidentId, title: 'After' }, 'answered from what it committed')
  const { rows } = await pool.query('select title from incidents.incidents where incident_id = $1', [incidentId])
  t.same(rows, [{ title: 'After' }], 'committed')
  t.equal(await queuedFor(pool, incidentId), 1, 'its refresh is left queued')
  t.equal((await cachedDocuments(app.redis, organizationId))[incidentId]!.title, 'Before', 'the cache has not had it yet')

  release()
  await holder
  await waitUntil(async () => (await cachedDocuments(app.redis, organizationId))[incidentId]?.title === 'After', 5000,
    'the queued refresh never reached the cache')
  await quiesce(app, pool)
  t.equal(await queuedFor(pool, incidentId), 0, 'and left the queue')
})

t.test('Redis down: a write answers 201 from its transaction, and a rebuild is a 503 with Retry-After', async t => {
  const redis = await startPrivateRedis(t)
  const { app, pool } = await buildTestApp(t, { redisUrl: redis.url })
  const organizationId = canonicalUuid(await createOrganization(pool))!
  await redis.stop()

  const created = await app.inject({
    method: 'POST', url: '/incidents', payload: { organization_id: organizationId, title: 'Written while Redis is down', incident_type: 'power' }
  })
  t.equal(created.statusCode, 201)
  const incidentId = created.json().incident_id
  t.match(created.json(), { organization_id: organizationId, title: 'Written while Redis is down', status: 'active' })
  t.equal(await queuedFor(pool, incidentId), 1, 'its refresh is left queued')

  // The rate limiter, which counts in the same Redis, refuses it before it reaches the cache.
  const rebuild = await app.inject({ method: 'POST', url: '/incidents/current/rebuild', payload: { organization_id: organizationId } })
  t.same([rebuild.statusCode, rebuild.headers['retry-after'], rebuild.json()], [503, '1', {
    statusCode: 503,
    code: 'SERVICE_RATE_LIMITER_UNAVAILABLE',
    error: 'Service Unavailable',
    message: 'The rate limiter is unavailable (Redis is down): this call is refused until it is back'
  }])

  await redis.start()
  // Until the app's client has reconnected, reading through it fails: that counts as not yet.
  await waitUntil(async () => (await cachedDocuments(app.redis, organizationId).catch(() => ({})) as Record<string, { title?: string }>)[incidentId]?.title === 'Written while Redis is down', 10000,
    'the change never reached the cache once Redis was back')
})
