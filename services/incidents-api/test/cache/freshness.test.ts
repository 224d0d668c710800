import t, { type Test } from 'tap'
import { createOrganization } from '@incident-intel/test-support'
import { buildTestApp } from '../helpers/build-test-app.js'
import {
  insertAsset, insertEdge, insertIncident, insertIntelRequest, insertInternetOutage, insertLocation, insertOutage, linkAsset, point
} from '../helpers/fixtures.js'
import { settledCache } from '../helpers/cache-state.js'

// Every change here is written in SQL, as another client (psql, assets-api) would write it:
// only the triggers and the queue can bring it to the cache.
const { pool, redis } = await buildTestApp(t)
const organizationId = await createOrganization(pool)
const place = await insertLocation(pool, organizationId, point(2.35, 48.85))
const incident = await insertIncident(pool, organizationId, { location_id: place.location_id })
const incidentId = incident.incident_id!
const other = await insertIncident(pool, organizationId, { title: 'Flood' })
const asset = await insertAsset(pool, organizationId, place.location_id)
await linkAsset(pool, organizationId, incidentId, asset.asset_id)
const outage = await insertOutage(pool, organizationId, incidentId, place.location_id)
const request = await insertIntelRequest(pool, organizationId)
const parent = await insertIntelRequest(pool, organizationId, 'parent')
const requestEdge = await insertEdge(pool, organizationId, ['incidents', incidentId], ['intel_requests', request.intel_request_id])

/** Applies `change`, waits for the cache to settle and checks it equals the LATERAL query; returns the incident's cached document. */
async function afterChange (t: Test, change: () => Promise<unknown>) {
  await change()
  const { cached, database } = await settledCache(redis, pool, organizationId)
  t.same(cached, database, 'the cache equals the LATERAL query')
  return cached[incidentId] as Record<string, any> | undefined
}

t.test('an intel request edited', async t => {
  const document = await afterChange(t, () => pool.query("update intel_requests.intel_requests set status = 'in_progress' where intel_request_id = $1", [request.intel_request_id]))
  t.same(document!.intel_requests.map((r: any) => [r.intel_request_id, r.status]), [[request.intel_request_id, 'in_progress']])
})

t.test('an intel request edge added at distance 2', async t => {
  const document = await afterChange(t, () => insertEdge(pool, organizationId, ['intel_requests', request.intel_request_id], ['intel_requests', parent.intel_request_id]))
  t.same(document!.parent_intel_requests.map((r: any) => [r.intel_request_id, r.blocker_intel_request_ids]), [[parent.intel_request_id, [request.intel_request_id]]])
})

t.test('an asset renamed', async t => {
  const document = await afterChange(t, () => pool.query("update assets.assets set asset_name = 'Renamed' where asset_id = $1", [asset.asset_id]))
  t.same(document!.assets.map((a: any) => a.asset_name), ['Renamed'])
})

t.test('an asset type renamed', async t => {
  const document = await afterChange(t, () => pool.query("update assets.asset_types set asset_type_name = 'Renamed type' where asset_type_id = $1", [asset.asset_type_id]))
  t.same(document!.assets.map((a: any) => a.asset_type_name), ['Renamed type'])
})

t.test('a location moved, shown by the incident, its outage and its asset', async t => {
  const document = await afterChange(t, () => pool.query(
    "update locations.locations set location = st_setsrid(st_makepoint(2.29, 48.86), 4326), locality = 'Paris 7e' where location_id = $1", [place.location_id]))
  const expected = { type: 'Point', coordinates: [2.29, 48.86] }
  t.same([document!.location.geometry, document!.outages[0].location.geometry, document!.assets[0].location.geometry], [expected, expected, expected])
  t.equal(document!.location.locality, 'Paris 7e')
})

t.test('an outage restored, another added, an internet outage added', async t => {
  const document = await afterChange(t, async () => {
    await pool.query("update incidents.outages set status = 'restored', restored = now() where outage_id = $1", [outage.outage_id])
    await insertOutage(pool, organizationId, incidentId, null)
    await insertInternetOutage(pool, organizationId, incidentId)
  })
  t.same(document!.outages.map((o: any) => o.status), ['restored', 'active'])
  t.equal(document!.internet_outages.length, 1)
})

t.test('an asset unlinked', async t => {
  const document = await afterChange(t, () => pool.query('update incidents.incident_assets set deleted = now() where incident_id = $1', [incidentId]))
  t.same(document!.assets, [])
})

t.test('an edge soft-deleted takes its intel request and the second level away', async t => {
  const document = await afterChange(t, () => pool.query('update dependencies.dependencies set deleted = now() where dependency_id = $1', [requestEdge]))
  t.same([document!.intel_requests, document!.parent_intel_requests], [[], []])
})

t.test('an intel request deleted leaves the documents that showed it', async t => {
  const edge = await insertEdge(pool, organizationId, ['incidents', incidentId], ['intel_requests', parent.intel_request_id])
  t.ok(edge)
  const shown = await afterChange(t, async () => {})
  t.same(shown!.intel_requests.map((r: any) => r.intel_request_id), [parent.intel_request_id])
  const document = await afterChange(t, () => pool.query('update intel_requests.intel_requests set deleted = now() where intel_request_id = $1', [parent.intel_request_id]))
  t.same(document!.intel_requests, [])
})

t.test('the incident edited in SQL', async t => {
  const document = await afterChange(t, () => pool.query("update incidents.incidents set title = 'Substation fire, contained' where incident_id = $1", [incidentId]))
  t.equal(document!.title, 'Substation fire, contained')
})

t.test('an incident resolved, another soft-deleted, a third hard-deleted: their documents leave', async t => {
  const third = await insertIncident(pool, organizationId, { title: 'Short-lived' })
  const present = await settledCache(redis, pool, organizationId)
  t.same(Object.keys(present.cached).sort(), [incidentId, other.incident_id!, third.incident_id!].sort())
  await afterChange(t, async () => {
    await pool.query("update incidents.incidents set status = 'resolved', resolved = now() where incident_id = $1", [incidentId])
    await pool.query('update incidents.incidents set deleted = now() where incident_id = $1', [other.incident_id])
    await pool.query('delete from incidents.incidents where incident_id = $1', [third.incident_id])
  })
  const { cached } = await settledCache(redis, pool, organizationId)
  t.same(cached, {}, 'no current incident, no document')
})
