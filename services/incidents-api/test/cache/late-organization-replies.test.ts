import t from 'tap'
import { canonicalUuid } from '@incident-intel/schemas'
import { createOrganization } from '@incident-intel/test-support'
import { buildTestApp } from '../helpers/build-test-app.js'
import { insertIncident } from '../helpers/fixtures.js'
import { quiesce, settledCache } from '../helpers/cache-state.js'
import { DISABLED_FIELD, READY_FIELD, documentsKey, versionsKey } from '../../src/cache/cache-keys.js'
import { defineCacheScripts, scriptArguments } from '../../src/cache/cache-scripts.js'
import { takeVersionFloor } from '../../src/sql/document-versions.js'

// A rebuild or a toggle whose script outlived the client's command timeout rolled back and let go
// of the organization's lock; its script still runs, later, after newer writes. Each test takes the
// floor such a rebuild or drop took, lets newer work land, then delivers the late script.
const { app, pool, redis } = await buildTestApp(t)
defineCacheScripts(redis)
const organizationId = canonicalUuid(await createOrganization(pool))!
await insertIncident(pool, organizationId, { title: 'First' })
const args = scriptArguments(organizationId)

const setToggle = (value: boolean) => pool.query(
  "update organizations.organizations set metadata = metadata || jsonb_build_object('use_current_incidents_cache', $2::boolean) where organization_id = $1",
  [organizationId, value])

async function list () {
  const response = await app.inject({ method: 'GET', url: '/incidents/current', query: { organization_id: organizationId } })
  return { cache: response.headers['x-cache'], titles: response.json().incidents.map((incident: { title: string }) => incident.title).sort() }
}

t.test('a late rebuild finish cannot remove a newer document, nor undo a newer rebuild', async t => {
  await settledCache(redis, pool, organizationId)
  await quiesce(app, pool)
  const lateFloor = await takeVersionFloor(pool)
  // Newer work: a rebuild that finished, then a write-through of a new incident.
  await app.currentIncidents.rebuild(organizationId)
  const created = await app.inject({ method: 'POST', url: '/incidents', payload: { organization_id: organizationId, title: 'Second', incident_type: 'fire', status: 'active' } })
  t.equal(created.statusCode, 201)
  await quiesce(app, pool)
  const before = { documents: await redis.hgetallBuffer(documentsKey(organizationId)), versions: await redis.hgetall(versionsKey(organizationId)) }

  t.equal(await redis.finishRebuild(...args, new Date().toISOString(), lateFloor), -1, 'refused: a newer organization-wide operation applied')
  t.same(await redis.hgetallBuffer(documentsKey(organizationId)), before.documents, 'documents and markers unchanged')
  t.same(await redis.hgetall(versionsKey(organizationId)), before.versions, 'versions unchanged')
  t.same(await list(), { cache: 'hit', titles: ['First', 'Second'] })
})

t.test('a late rebuild finish cannot mark a disabled organization ready', async t => {
  const lateFloor = await takeVersionFloor(pool)
  await setToggle(false)
  await quiesce(app, pool)
  t.equal(await redis.finishRebuild(...args, new Date().toISOString(), lateFloor), -1)
  t.equal(await redis.hexists(documentsKey(organizationId), DISABLED_FIELD), 1, 'still disabled')
  t.equal(await redis.hexists(documentsKey(organizationId), READY_FIELD), 0)
  t.same(await list(), { cache: 'bypass', titles: ['First', 'Second'] })
})

t.test('a late drop cannot keep an organization bypassed, nor remove what was written after it', async t => {
  // The drop of the toggle turned off above took this floor; its reply is late.
  const lateFloor = await takeVersionFloor(pool)
  await setToggle(true)
  const { cached, database } = await settledCache(redis, pool, organizationId)
  t.same(cached, database)
  await quiesce(app, pool)
  const before = { documents: await redis.hgetallBuffer(documentsKey(organizationId)), versions: await redis.hgetall(versionsKey(organizationId)) }

  t.equal(await redis.dropDocuments(...args, new Date().toISOString(), lateFloor), 0, 'refused: the rebuild that turned the toggle on is newer')
  t.same(await redis.hgetallBuffer(documentsKey(organizationId)), before.documents)
  t.same(await redis.hgetall(versionsKey(organizationId)), before.versions)
  t.same(await list(), { cache: 'hit', titles: ['First', 'Second'] })
})

t.test('a late drop that lands between a rebuild\'s chunks and its finish leaves that rebuild whole', async t => {
  await setToggle(false)
  await quiesce(app, pool)
  const [lateFloor, rebuildFloor, version] = [await takeVersionFloor(pool), await takeVersionFloor(pool), await takeVersionFloor(pool)]
  const incidentId = canonicalUuid((await insertIncident(pool, organizationId, { title: 'Chunked' })).incident_id!)!
  await quiesce(app, pool)
  const chunk = Buffer.from('a document of the rebuild')
  t.same(await redis.writeDocuments(...args, incidentId, version, chunk), [1, 0, 1])
  t.equal(await redis.dropDocuments(...args, new Date().toISOString(), lateFloor), 1, 'applied: nothing newer had finished')
  t.same(await redis.hgetBuffer(documentsKey(organizationId), incidentId), chunk, 'the chunk, above the late floor, stays')
  t.equal(await redis.finishRebuild(...args, new Date().toISOString(), rebuildFloor), 0)
  t.same(await redis.hgetBuffer(documentsKey(organizationId), incidentId), chunk)
  t.equal(await redis.hexists(documentsKey(organizationId), DISABLED_FIELD), 0, 'the rebuild turned the toggle back on')
  t.equal(await redis.hexists(documentsKey(organizationId), READY_FIELD), 1)
  await pool.query('update incidents.incidents set deleted = now() where incident_id = $1', [incidentId])
  await setToggle(true)
  await quiesce(app, pool)
  const { cached, database } = await settledCache(redis, pool, organizationId)
  t.same(cached, database)
  t.same(await list(), { cache: 'hit', titles: ['First', 'Second'] })
})
