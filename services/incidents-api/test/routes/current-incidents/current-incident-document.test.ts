import t from 'tap'
import { canonicalUuid } from '@incident-intel/schemas'
import { createOrganization, waitUntil } from '@incident-intel/test-support'
import { READY_FIELD, documentsKey } from '../../../src/cache/cache-keys.js'
import { buildTestApp } from '../../helpers/build-test-app.js'
import {
  insertAsset, insertEdge, insertIncident, insertIntelRequest, insertInternetOutage, insertLocation, insertOutage, linkAsset, point
} from '../../helpers/fixtures.js'
import { settledCache } from '../../helpers/cache-state.js'

const { app, pool, redis } = await buildTestApp(t)
const organizationId = await createOrganization(pool)

const incidentPlace = await insertLocation(pool, organizationId, point(-89.65, 39.78))
const outagePlace = await insertLocation(pool, organizationId, point(-89.6, 39.8), 'Riverton')
const assetPlace = await insertLocation(pool, organizationId, point(-89.7, 39.7), 'Chatham')
const incident = await insertIncident(pool, organizationId, { location_id: incidentPlace.location_id })
const incidentId = incident.incident_id!
const outage = await insertOutage(pool, organizationId, incidentId, outagePlace.location_id)
const internetOutage = await insertInternetOutage(pool, organizationId, incidentId)
const asset = await insertAsset(pool, organizationId, assetPlace.location_id)
await linkAsset(pool, organizationId, incidentId, asset.asset_id)

// incident -> first, second; first -> second (second stays at distance 1); first -> parentA;
// first, second -> parentB; parentA -> beyond (distance 3: not shown); deleted -> not shown.
const [first, second, parentA, parentB, beyond, deleted] = await Promise.all(
  ['first', 'second', 'parent_a', 'parent_b', 'beyond', 'deleted'].map(type => insertIntelRequest(pool, organizationId, type)))
const request = (id: string) => ['intel_requests', id] as [string, string]
await insertEdge(pool, organizationId, ['incidents', incidentId], request(first!.intel_request_id))
await insertEdge(pool, organizationId, ['incidents', incidentId], request(second!.intel_request_id))
await insertEdge(pool, organizationId, ['incidents', incidentId], request(deleted!.intel_request_id))
await insertEdge(pool, organizationId, request(first!.intel_request_id), request(second!.intel_request_id))
await insertEdge(pool, organizationId, request(first!.intel_request_id), request(parentA!.intel_request_id))
await insertEdge(pool, organizationId, request(first!.intel_request_id), request(parentB!.intel_request_id))
await insertEdge(pool, organizationId, request(second!.intel_request_id), request(parentB!.intel_request_id))
await insertEdge(pool, organizationId, request(parentA!.intel_request_id), request(beyond!.intel_request_id))
await pool.query('update intel_requests.intel_requests set deleted = now() where intel_request_id = $1', [deleted!.intel_request_id])

const place = (id: string, longitude: number, latitude: number, locality: string) => ({
  location_id: id,
  geometry: point(longitude, latitude),
  thoroughfare: '1 Main St',
  locality,
  administrative_area: 'IL',
  postal_code: '62701',
  country: 'US'
})

const sortedIds = (...ids: string[]) => [...ids].sort()
// The document's order: oldest first, then by id, as PostgreSQL orders them: `created` to the
// microsecond (the JSON's milliseconds tie when the requests were inserted at once).
const { rows: creationOrder } = await pool.query<{ intel_request_id: string }>(
  'select intel_request_id from intel_requests.intel_requests where organization_id = $1 order by created, intel_request_id', [organizationId])
const rank = new Map(creationOrder.map(({ intel_request_id: id }, i) => [id, i]))
const byCreation = (a: { intel_request_id: string }, b: { intel_request_id: string }) => rank.get(a.intel_request_id)! - rank.get(b.intel_request_id)!

const expected = {
  incident_id: incidentId,
  organization_id: organizationId,
  title: 'Substation fire',
  incident_type: 'power',
  status: 'active',
  started: incident.started,
  resolved: null,
  metadata: { source: 'test' },
  created: incident.created,
  updated: incident.updated,
  location: place(incidentPlace.location_id, -89.65, 39.78, 'Springfield'),
  outages: [{ ...outage, location: place(outagePlace.location_id, -89.6, 39.8, 'Riverton') }],
  internet_outages: [internetOutage],
  assets: [{
    asset_id: asset.asset_id,
    asset_name: 'Transformer T1',
    asset_type_id: asset.asset_type_id,
    asset_type_name: asset.asset_type_name,
    metadata: { kv: 11 },
    location: place(assetPlace.location_id, -89.7, 39.7, 'Chatham')
  }],
  intel_requests: [first!, second!].sort(byCreation),
  parent_intel_requests: [
    { ...parentA!, blocker_intel_request_ids: [first!.intel_request_id] },
    { ...parentB!, blocker_intel_request_ids: sortedIds(first!.intel_request_id, second!.intel_request_id) }
  ].sort(byCreation)
}

t.test('the document holds the incident and each relationship once, from the cache', async t => {
  const { cached } = await settledCache(redis, pool, organizationId)
  t.same(cached, { [incidentId]: expected }, 'the drained cache holds exactly the LATERAL document')
  // The drainer writes documents before the organization's first rebuild marks its hash ready;
  // until then a read is a bypass, whatever the hash holds.
  await waitUntil(async () => await redis.hexists(documentsKey(canonicalUuid(organizationId)!), READY_FIELD) === 1, 5000, 'the cache never became ready')

  const response = await app.inject({ method: 'GET', url: `/incidents/current/${incidentId}` })
  t.equal(response.statusCode, 200)
  t.equal(response.headers['x-cache'], 'hit')
  const { cache, ...document } = response.json()
  t.same(document, expected)
  t.equal(typeof cache.version, 'number')
  t.ok(cache.version >= 1, 'a cached document carries its version')
  t.match(cache.refreshed_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
})

t.test('the organization list serves the same documents', async t => {
  const response = await app.inject({ method: 'GET', url: '/incidents/current', query: { organization_id: organizationId } })
  t.equal(response.statusCode, 200)
  t.equal(response.headers['x-cache'], 'hit')
  const body = response.json()
  t.equal(body.organization_id, organizationId)
  t.equal(body.source, 'cache')
  t.same(body.incidents.map(({ cache: _cache, ...document }: Record<string, unknown>) => document), [expected])
})
