import t from 'tap'
import type { CurrentIntelRequest, Edge, IntelRequest } from '@incident-intel/sdk'
import { createOrganization, waitUntil } from '@incident-intel/test-support'
import { startServices } from './helpers/start-services.js'

// The notification sender's question, asked as the sender asks it: through the SDK, over HTTP,
// of both services running over one database and one Redis prefix.
const { incidents, intelRequests, pool } = await startServices(t)

const organizationId = await createOrganization(pool, 'Sender flow')
// Assets and their types are written by another service in production: here, by SQL.
const { rows: [assetType] } = await pool.query<{ asset_type_id: string }>(
  'insert into assets.asset_types (asset_type_name) values ($1) returning asset_type_id', ['substation'])
const { rows: [assetPlace] } = await pool.query<{ location_id: string }>(
  `insert into locations.locations (organization_id, location, locality, country)
   values ($1, st_setsrid(st_makepoint($2, $3), 4326), $4, $5) returning location_id`,
  [organizationId, -97.75, 30.26, 'Austin', 'US'])
const { rows: [asset] } = await pool.query<{ asset_id: string }>(
  `insert into assets.assets (organization_id, asset_name, asset_type_id, location_id, metadata)
   values ($1, $2, $3, $4, $5) returning asset_id`,
  [organizationId, 'Substation 7', assetType!.asset_type_id, assetPlace!.location_id, { voltage_kv: 138 }])

/** The data of a response that must succeed with `status`. */
function expectStatus<T> (result: { data?: T, error?: unknown, response: Response }, status: number): T {
  if (result.response.status !== status || result.data === undefined) {
    throw new Error(`expected ${status}, got ${result.response.status}: ${JSON.stringify(result.error)}`)
  }
  return result.data
}

const incident = expectStatus(await incidents.POST('/incidents', {
  body: {
    organization_id: organizationId,
    title: 'Substation fire',
    incident_type: 'fire',
    location: { geometry: { type: 'Point', coordinates: [-97.74, 30.27] }, locality: 'Austin', administrative_area: 'TX' }
  }
}), 201)
const incidentId = incident.incident_id
const outage = expectStatus(await incidents.POST('/incidents/{incident_id}/outages', {
  params: { path: { incident_id: incidentId } },
  body: {
    utility_name: 'Austin Energy',
    customers_affected: 1200,
    location: { geometry: { type: 'Point', coordinates: [-97.7, 30.3] }, postal_code: '78701' }
  }
}), 201)
const linked = expectStatus(await incidents.PUT('/incidents/{incident_id}/assets', {
  params: { path: { incident_id: incidentId } },
  body: { asset_ids: [asset!.asset_id] }
}), 200)

// Two intel requests depend on the incident through `incident_id`, a third through POST
// /dependencies; a second-level one depends on the first and the third.
const createRequest = async (body: { request_type: string, incident_id?: string, blockers?: Array<{ type: 'intel_requests', id: string }>, priority?: 'high' }) =>
  expectStatus(await intelRequests.POST('/intel-requests', { body: { organization_id: organizationId, ...body } }), 201)
const siteCheck = await createRequest({ request_type: 'site_check', incident_id: incidentId, priority: 'high' })
const crewStatus = await createRequest({ request_type: 'crew_status', incident_id: incidentId })
const customerImpact = await createRequest({ request_type: 'customer_impact' })
const linkedEdge = expectStatus(await intelRequests.POST('/dependencies', {
  body: { blocker_type: 'incidents', blocker_id: incidentId, dependent_type: 'intel_requests', dependent_id: customerImpact.intel_request_id }
}), 201)
const followUp = await createRequest({
  request_type: 'follow_up',
  blockers: [{ type: 'intel_requests', id: siteCheck.intel_request_id }, { type: 'intel_requests', id: customerImpact.intel_request_id }]
})

const documentRequest = ({ dependencies: _d, dependents: _s, blockers: _b, recursive_dependency_meta: _m, organization_id: _o, ...fields }: IntelRequest): CurrentIntelRequest => fields

t.test('the SDK answers every write with the record as written', async t => {
  t.strictSame(incident.location, {
    location_id: incident.location!.location_id,
    geometry: { type: 'Point', coordinates: [-97.74, 30.27] },
    thoroughfare: null,
    locality: 'Austin',
    administrative_area: 'TX',
    postal_code: null,
    country: null
  })
  t.strictSame(linked.assets.map(a => a.asset_id), [asset!.asset_id])
  t.strictSame(siteCheck.dependencies.blockers.map(edge => [edge.blocker_type, edge.blocker_id]), [['incidents', incidentId]])
  t.strictSame(linkedEdge, {
    dependency_id: linkedEdge.dependency_id,
    blocker_type: 'incidents',
    blocker_id: incidentId,
    dependent_type: 'intel_requests',
    dependent_id: customerImpact.intel_request_id,
    created: linkedEdge.created
  })
  t.strictSame(followUp.dependencies.blockers.map(edge => edge.blocker_id).sort(),
    [siteCheck.intel_request_id, customerImpact.intel_request_id].sort())
})

t.test('GET /incidents/current/{incident_id}: the whole document, from the cache', async t => {
  // Changes made through intel-requests-api reach the cache through the refresh queue.
  await waitUntil(async () => (await pool.query('select 1 from current_incidents.refresh_queue limit 1')).rowCount === 0,
    10000, 'the refresh queue did not drain')
  // A cold organization is rebuilt in the background on its first read; meanwhile reads bypass the cache.
  const readCurrent = () => incidents.GET('/incidents/current/{incident_id}', { params: { path: { incident_id: incidentId } } })
  let read = await readCurrent()
  await waitUntil(async () => {
    if (read.response.headers.get('x-cache') !== 'hit') read = await readCurrent()
    return read.response.headers.get('x-cache') === 'hit'
  }, 10000, 'the document never came from the cache')
  t.equal(read.response.status, 200)
  t.equal(read.response.headers.get('x-cache'), 'hit')
  const { cache, ...document } = read.data!
  t.equal(typeof cache.version, 'number', 'a cached document carries its version')
  t.ok(!Number.isNaN(Date.parse(cache.refreshed_at)), 'and when it was refreshed')

  const byCreation = (a: { created: string, intel_request_id: string }, b: { created: string, intel_request_id: string }) =>
    a.created.localeCompare(b.created) || a.intel_request_id.localeCompare(b.intel_request_id)
  t.strictSame(document, {
    incident_id: incidentId,
    organization_id: organizationId,
    title: 'Substation fire',
    incident_type: 'fire',
    status: 'active',
    started: incident.started,
    resolved: null,
    metadata: {},
    created: incident.created,
    updated: incident.updated,
    location: incident.location,
    outages: [outage],
    internet_outages: [],
    assets: [{
      asset_id: asset!.asset_id,
      asset_name: 'Substation 7',
      asset_type_id: assetType!.asset_type_id,
      asset_type_name: 'substation',
      metadata: { voltage_kv: 138 },
      location: {
        location_id: assetPlace!.location_id,
        geometry: { type: 'Point', coordinates: [-97.75, 30.26] },
        thoroughfare: null,
        locality: 'Austin',
        administrative_area: null,
        postal_code: null,
        country: 'US'
      }
    }],
    intel_requests: [siteCheck, crewStatus, customerImpact].sort(byCreation).map(documentRequest),
    parent_intel_requests: [{
      ...documentRequest(followUp),
      blocker_intel_request_ids: [siteCheck.intel_request_id, customerImpact.intel_request_id].sort()
    }]
  })
})

t.test('the old sequence (recursive dependents, then a bulk read) names the same intel requests', async t => {
  const walked = expectStatus(await incidents.GET('/incidents/{incident_id}', {
    params: {
      path: { incident_id: incidentId },
      query: { get_recursive_dependencies: true, recursive_dependency_type: 'dependents', recursive_max_distance: 2 }
    }
  }), 200)
  const edge = (blocker: string, blockerType: 'incidents' | 'intel_requests', dependent: string, distance: number) => {
    const direct = [...siteCheck.dependencies.blockers, ...crewStatus.dependencies.blockers, linkedEdge, ...followUp.dependencies.blockers]
      .find(e => e.blocker_id === blocker && e.dependent_id === dependent)!
    return { ...direct, blocker_type: blockerType, dependency_distance: distance }
  }
  const byDistance = (a: Edge, b: Edge) => a.dependency_distance! - b.dependency_distance! || a.dependency_id.localeCompare(b.dependency_id)
  t.strictSame([...walked.dependents!].sort(byDistance), [
    edge(incidentId, 'incidents', siteCheck.intel_request_id, 1),
    edge(incidentId, 'incidents', crewStatus.intel_request_id, 1),
    edge(incidentId, 'incidents', customerImpact.intel_request_id, 1),
    edge(siteCheck.intel_request_id, 'intel_requests', followUp.intel_request_id, 2),
    edge(customerImpact.intel_request_id, 'intel_requests', followUp.intel_request_id, 2)
  ].sort(byDistance))
  t.strictSame(walked.dependents!.map(e => e.dependency_distance), [1, 1, 1, 2, 2], 'sorted by distance')
  t.strictSame(walked.recursive_dependency_meta, {
    direction: 'dependents',
    max_distance: 2,
    record_types: ['incidents', 'intel_requests', 'outages', 'internet_outages', 'assets'],
    truncated: false,
    edge_count: 5
  })

  const ids = [...new Set(walked.dependents!.filter(e => e.dependent_type === 'intel_requests').map(e => e.dependent_id))]
  const bulk = expectStatus(await intelRequests.POST('/intel-requests/bulk', { body: { intel_request_ids: ids } }), 200)
  t.strictSame(bulk.not_found, [])
  t.strictSame(bulk.intel_requests.map(r => r.intel_request_id), ids, 'in request order')

  const current = expectStatus(await incidents.GET('/incidents/current/{incident_id}', { params: { path: { incident_id: incidentId } } }), 200)
  t.strictSame(
    [...current.intel_requests, ...current.parent_intel_requests].map(r => r.intel_request_id).sort(),
    [...ids].sort(),
    'the current-incident document names the same intel requests'
  )
})
