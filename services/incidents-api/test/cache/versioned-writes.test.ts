import t from 'tap'
import { canonicalUuid } from '@incident-intel/schemas'
import { createOrganization } from '@incident-intel/test-support'
import { buildTestApp } from '../helpers/build-test-app.js'
import { insertIncident } from '../helpers/fixtures.js'
import { cachedDocuments, quiesce, settledCache } from '../helpers/cache-state.js'
import { documentsKey, versionsKey } from '../../src/cache/cache-keys.js'
import { defineCacheScripts, scriptArguments } from '../../src/cache/cache-scripts.js'
import { decodeDocument, encodeDocument, type CurrentIncidentDocument } from '../../src/cache/document-codec.js'

const { app, pool, redis } = await buildTestApp(t)
defineCacheScripts(redis)
const organizationId = canonicalUuid(await createOrganization(pool))!
const incident = await insertIncident(pool, organizationId, { title: 'Before' })
const incidentId = canonicalUuid(incident.incident_id!)!
const keys = [documentsKey(organizationId), versionsKey(organizationId)] as const

async function storedVersion (): Promise<number> {
  return Number(await redis.hget(keys[1], incidentId))
}

t.test('a slow old refresh that lands after a newer one changes nothing', async t => {
  await settledCache(redis, pool, organizationId)
  await quiesce(app, pool)
  // What an old refresh wrote, captured as it was: its document and its version.
  const old = decodeDocument((await redis.hgetBuffer(keys[0], incidentId))!)
  const oldVersion = await storedVersion()
  t.equal(old.cache.version, oldVersion)

  await pool.query("update incidents.incidents set title = 'After' where incident_id = $1", [incidentId])
  const { cached } = await settledCache(redis, pool, organizationId)
  t.equal(cached[incidentId]!.title, 'After')
  const newVersion = await storedVersion()
  t.ok(newVersion > oldVersion, 'the newer refresh has a higher version')

  // The old refresh's write finally arrives, with its version, through the same script.
  const [written] = await redis.writeDocuments(...scriptArguments(organizationId), incidentId, oldVersion, encodeDocument(old))
  t.equal(written, 0, 'refused: a newer version is stored')
  // An old removal too.
  const [removed] = await redis.writeDocuments(...scriptArguments(organizationId), incidentId, oldVersion, '')
  t.equal(removed, 0)
  const now = await cachedDocuments(redis, organizationId)
  t.equal(now[incidentId]!.title, 'After', 'the newer document stays')
  t.equal(await storedVersion(), newVersion)
})

t.test('a removal with a higher version is not undone by an older document', async t => {
  const document = decodeDocument((await redis.hgetBuffer(keys[0], incidentId))!)
  const version = await storedVersion()
  await redis.writeDocuments(...scriptArguments(organizationId), incidentId, version + 1, '')
  const [written] = await redis.writeDocuments(...scriptArguments(organizationId), incidentId, version, encodeDocument(document as CurrentIncidentDocument))
  t.equal(written, 0)
  t.equal(await redis.hexists(keys[0], incidentId), 0, 'still removed')
  t.equal(await storedVersion(), version + 1)
})

t.test('concurrent refreshes racing concurrent edits leave the newest document', async t => {
  const titles = Array.from({ length: 40 }, (_, i) => `Edit ${i}`)
  await Promise.all(titles.map(async (title, i) => {
    await pool.query('update incidents.incidents set title = $2 where incident_id = $1', [incidentId, title])
    await Promise.all([app.currentIncidents.refresh([incidentId]), i % 3 === 0 ? app.currentIncidents.rebuild(organizationId) : null])
  }))
  const { rows } = await pool.query<{ title: string }>('select title from incidents.incidents where incident_id = $1', [incidentId])
  const cached = await cachedDocuments(redis, organizationId)
  t.equal(cached[incidentId]!.title, rows[0]!.title, 'without waiting for the queue: the write-through refreshes alone are right')
  const settled = await settledCache(redis, pool, organizationId)
  t.same(settled.cached, settled.database)
})
