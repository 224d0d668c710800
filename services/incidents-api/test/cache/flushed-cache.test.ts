import t, { type Test } from 'tap'
import { canonicalUuid } from '@incident-intel/schemas'
import { createOrganization, startPrivateRedis, waitUntil } from '@incident-intel/test-support'
import { buildTestApp } from '../helpers/build-test-app.js'
import { insertIncident } from '../helpers/fixtures.js'
import { quiesce, settledCache } from '../helpers/cache-state.js'
import { documentsKey, versionsKey } from '../../src/cache/cache-keys.js'

// A redis-server of this test's own: FLUSHALL and a stop never touch the machine's shared one.
const privateRedis = await startPrivateRedis(t)
const { app, pool, redis } = await buildTestApp(t, { redisUrl: privateRedis.url })
const organizationId = canonicalUuid(await createOrganization(pool))!
const incidents = await Promise.all([1, 2, 3].map(n => insertIncident(pool, organizationId, { title: `Incident ${n}` })))
const incidentId = incidents[0]!.incident_id!

async function get (url: string) {
  const response = await app.inject({ method: 'GET', url })
  return { status: response.statusCode, cache: response.headers['x-cache'], body: response.json() }
}

async function cacheComesBack (t: Test, what: string) {
  await waitUntil(async () => (await get(`/incidents/current/${incidentId}`)).cache === 'hit', 5000, `${what}: the cache did not come back`)
  const { cached, database } = await settledCache(redis, pool, organizationId)
  t.same(cached, database, `${what}: the cache is whole again and equals the database`)
  t.equal(Object.keys(cached).length, 3)
}

t.test('warm', async t => {
  await cacheComesBack(t, 'at start')
})

t.test("the organization's keys deleted: reads answer from the database, then the cache is rebuilt", async t => {
  await quiesce(app, pool)
  await redis.del(documentsKey(organizationId), versionsKey(organizationId))
  const first = await get(`/incidents/current/${incidentId}`)
  t.equal(first.status, 200)
  t.equal(first.cache, 'bypass')
  t.equal(first.body.title, 'Incident 1')
  t.equal(first.body.cache.version, null, 'read from the database')
  await cacheComesBack(t, 'after the keys were deleted')
})

t.test('FLUSHALL: the organization list answers from the database, then from the rebuilt cache', async t => {
  await quiesce(app, pool)
  await privateRedis.flushAll()
  const list = await get(`/incidents/current?organization_id=${organizationId}`)
  t.equal(list.status, 200)
  t.equal(list.cache, 'bypass')
  t.equal(list.body.source, 'database')
  t.same(list.body.incidents.map((i: { incident_id: string }) => i.incident_id), incidents.map(i => i.incident_id).sort())
  await cacheComesBack(t, 'after FLUSHALL')
})

t.test('Redis stopped: reads answer from the database and changes wait in the queue; Redis back, empty: the cache converges', async t => {
  await privateRedis.stop()
  const during = await get(`/incidents/current/${incidentId}`)
  t.equal(during.status, 200)
  t.equal(during.cache, 'bypass')
  await pool.query("update incidents.incidents set title = 'Renamed while Redis was down' where incident_id = $1", [incidentId])
  const patched = await app.inject({ method: 'PATCH', url: `/incidents/${incidents[1]!.incident_id}`, payload: { title: 'Patched while Redis was down' } })
  t.same([patched.statusCode, patched.json().title], [200, 'Patched while Redis was down'], 'a write through the API succeeds; its refresh waits in the queue')
  const renamed = await get(`/incidents/current/${incidentId}`)
  t.same([renamed.status, renamed.cache, renamed.body.title], [200, 'bypass', 'Renamed while Redis was down'])
  const { rows } = await pool.query<{ count: number }>('select count(*)::int as count from current_incidents.refresh_queue where incident_id = $1', [incidentId])
  t.ok(rows[0]!.count >= 1, 'the change waits in the queue')

  await privateRedis.start()
  await cacheComesBack(t, 'after Redis came back empty')
  const after = await get(`/incidents/current/${incidentId}`)
  t.same([after.cache, after.body.title], ['hit', 'Renamed while Redis was down'])
  const afterPatch = await get(`/incidents/current/${incidents[1]!.incident_id}`)
  t.same([afterPatch.cache, afterPatch.body.title], ['hit', 'Patched while Redis was down'])
  await waitUntil(async () => {
    const { rows } = await pool.query<{ count: number }>('select count(*)::int as count from current_incidents.refresh_queue')
    return rows[0]!.count === 0
  }, 5000, 'the queue did not drain')
})
