import t from 'tap'
import { canonicalUuid } from '@incident-intel/schemas'
import { createOrganization, waitUntil } from '@incident-intel/test-support'
import { buildTestApp } from '../helpers/build-test-app.js'
import { insertIncident } from '../helpers/fixtures.js'
import { cachedDocuments, quiesce, settledCache } from '../helpers/cache-state.js'
import { DISABLED_FIELD, FLOOR_FIELD, LOG_FLOOR_FIELD, LOG_TRIMMED_FIELD, ORGANIZATION_VERSION_FIELD, documentsKey, versionsKey } from '../../src/cache/cache-keys.js'

const { app, pool, redis } = await buildTestApp(t)
const organizationId = canonicalUuid(await createOrganization(pool))!
const incident = await insertIncident(pool, organizationId)
const incidentId = incident.incident_id!

async function get () {
  const response = await app.inject({ method: 'GET', url: `/incidents/current/${incidentId}` })
  return { status: response.statusCode, cache: response.headers['x-cache'], title: response.json().title }
}

const setToggle = (value: boolean) => pool.query(
  "update organizations.organizations set metadata = metadata || jsonb_build_object('use_current_incidents_cache', $2::boolean) where organization_id = $1",
  [organizationId, value])

t.test('on by default', async t => {
  await waitUntil(async () => (await get()).cache === 'hit', 5000, 'no hit')
  t.same(await get(), { status: 200, cache: 'hit', title: 'Substation fire' })
})

t.test('toggled off: documents leave Redis and reads go to the database', async t => {
  await setToggle(false)
  await quiesce(app, pool)
  t.same(await cachedDocuments(redis, organizationId), {})
  t.same(Object.keys(await redis.hgetall(versionsKey(organizationId))).sort(), [FLOOR_FIELD, LOG_FLOOR_FIELD, LOG_TRIMMED_FIELD, ORGANIZATION_VERSION_FIELD].sort(),
    'no version but the floor, which keeps late older writes out, the drop\'s own, which keeps late older drops and rebuilds out, and the change log\'s (its reset)')
  t.equal(await redis.hexists(documentsKey(organizationId), DISABLED_FIELD), 1)

  await pool.query("update incidents.incidents set title = 'Edited while off' where incident_id = $1", [incidentId])
  await quiesce(app, pool)
  t.same(await get(), { status: 200, cache: 'bypass', title: 'Edited while off' })
  t.same(await cachedDocuments(redis, organizationId), {}, 'changes while off write nothing')
  const list = await app.inject({ method: 'GET', url: '/incidents/current', query: { organization_id: organizationId } })
  t.same([list.headers['x-cache'], list.json().source, list.json().incidents.length], ['bypass', 'database', 1])

  const rebuild = await app.inject({ method: 'POST', url: '/incidents/current/rebuild', payload: { organization_id: organizationId } })
  t.same(rebuild.json(), { organization_id: organizationId, cache_enabled: false, documents: 0, removed: 0 })
})

t.test('toggled on again: the cache is rebuilt and serves', async t => {
  await setToggle(true)
  const { cached, database } = await settledCache(redis, pool, organizationId)
  t.same(cached, database)
  t.same(await get(), { status: 200, cache: 'hit', title: 'Edited while off' })
})
