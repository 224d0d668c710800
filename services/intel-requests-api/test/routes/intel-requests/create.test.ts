import t from 'tap'
import { createOrganization, createRecord } from '@incident-intel/test-support'
import { buildTestApp } from '../../helpers/build-test-app.js'
import { countIntelRequests, createLocation, softDelete } from '../../helpers/fixtures.js'
import { MISSING, UUID_PATTERN, crossOrganization, notFound, send, validationError } from '../../helpers/requests.js'
import { edgesOf, expectedIntelRequest, storedIntelRequest } from '../../helpers/stored.js'

const { app, pool } = await buildTestApp(t)
const organizationId = await createOrganization(pool)
const otherOrganizationId = await createOrganization(pool, 'Other organization')

const create = (payload: object) => send(app, { method: 'POST', url: '/intel-requests', payload })

t.test('201 with the defaults filled in', async t => {
  const reply = await create({ organization_id: organizationId, request_type: 'site_check' })
  t.equal(reply.status, 201)
  const stored = await storedIntelRequest(pool, reply.body.intel_request_id)
  t.strictSame(stored, {
    intel_request_id: reply.body.intel_request_id,
    organization_id: organizationId,
    asset_id: null,
    location_id: null,
    request_type: 'site_check',
    status: 'pending',
    priority: 'normal',
    description: null,
    metadata: {},
    created: stored.created,
    updated: stored.updated
  }, 'stored with the defaults')
  t.strictSame(reply.body, { ...stored, dependencies: { blockers: [], dependents: [] } })
})

t.test('201 with every field, the incident edge and the blockers, all in the table', async t => {
  const assetId = await createRecord(pool, 'assets', organizationId)
  const locationId = await createLocation(pool, organizationId)
  const incidentId = await createRecord(pool, 'incidents', organizationId)
  const outageId = await createRecord(pool, 'outages', organizationId)
  const parentId = await createRecord(pool, 'intel_requests', organizationId)
  const reply = await create({
    organization_id: organizationId,
    request_type: 'drone_survey',
    status: 'in_progress',
    priority: 'urgent',
    description: 'Check the substation',
    metadata: { source: 'sender', tags: ['a', 'b'], nested: { n: 1 } },
    asset_id: assetId,
    location_id: locationId,
    incident_id: incidentId,
    blockers: [{ type: 'outages', id: outageId }, { type: 'intel_requests', id: parentId }]
  })
  t.equal(reply.status, 201)
  const id: string = reply.body.intel_request_id
  const stored = await storedIntelRequest(pool, id)
  t.strictSame(stored, {
    intel_request_id: id,
    organization_id: organizationId,
    asset_id: assetId,
    location_id: locationId,
    request_type: 'drone_survey',
    status: 'in_progress',
    priority: 'urgent',
    description: 'Check the substation',
    metadata: { source: 'sender', tags: ['a', 'b'], nested: { n: 1 } },
    created: stored.created,
    updated: stored.updated
  })
  const edges = await edgesOf(pool, { type: 'intel_requests', id })
  t.strictSame(edges.map(e => [e.blocker_type, e.blocker_id, e.dependent_type, e.dependent_id, e.live]).sort(), [
    ['incidents', incidentId, 'intel_requests', id, true],
    ['intel_requests', parentId, 'intel_requests', id, true],
    ['outages', outageId, 'intel_requests', id, true]
  ].sort(), 'three live edges into the new request')
  t.strictSame(reply.body, await expectedIntelRequest(pool, id), 'the response shows them as its blockers')
  t.equal(reply.body.dependencies.blockers.length, 3)
})

t.test('ids in upper case are stored in canonical form; a repeated blocker makes one edge', async t => {
  const incidentId = await createRecord(pool, 'incidents', organizationId)
  const reply = await create({
    organization_id: organizationId.toUpperCase(),
    request_type: 'site_check',
    incident_id: incidentId.toUpperCase(),
    blockers: [{ type: 'incidents', id: incidentId }]
  })
  t.equal(reply.status, 201)
  t.equal(reply.body.organization_id, organizationId)
  t.strictSame(reply.body, await expectedIntelRequest(pool, reply.body.intel_request_id))
  t.equal(reply.body.dependencies.blockers.length, 1)
  t.equal(reply.body.dependencies.blockers[0].blocker_id, incidentId)
})

t.test('404 naming what is missing; nothing is written', async t => {
  const before = await countIntelRequests(pool, organizationId)
  const base = { organization_id: organizationId, request_type: 'site_check' }
  const deletedAsset = await createRecord(pool, 'assets', organizationId)
  await softDelete(pool, 'assets.assets', deletedAsset)
  const deletedLocation = await createLocation(pool, organizationId)
  await softDelete(pool, 'locations.locations', deletedLocation)
  const deletedIncident = await createRecord(pool, 'incidents', organizationId)
  await softDelete(pool, 'incidents.incidents', deletedIncident)
  const deletedOrganization = await createOrganization(pool, 'Gone')
  await softDelete(pool, 'organizations.organizations', deletedOrganization)

  t.strictSame(await create({ ...base, organization_id: MISSING }), notFound(`Organization ${MISSING} does not exist`))
  t.strictSame(await create({ ...base, organization_id: deletedOrganization }), notFound(`Organization ${deletedOrganization} does not exist`))
  t.strictSame(await create({ ...base, asset_id: MISSING }), notFound(`Asset ${MISSING} does not exist`))
  t.strictSame(await create({ ...base, asset_id: deletedAsset }), notFound(`Asset ${deletedAsset} does not exist`))
  t.strictSame(await create({ ...base, location_id: MISSING }), notFound(`Location ${MISSING} does not exist`))
  t.strictSame(await create({ ...base, location_id: deletedLocation }), notFound(`Location ${deletedLocation} does not exist`))
  t.strictSame(await create({ ...base, incident_id: MISSING }), notFound(`Incident ${MISSING} does not exist`))
  t.strictSame(await create({ ...base, incident_id: deletedIncident }), notFound(`Incident ${deletedIncident} does not exist`))
  const outageId = await createRecord(pool, 'outages', organizationId)
  t.strictSame(await create({ ...base, blockers: [{ type: 'outages', id: outageId }, { type: 'assets', id: MISSING }] }),
    notFound(`Blocker assets ${MISSING} does not exist`))
  t.strictSame(await create({ ...base, blockers: [{ type: 'incidents', id: outageId }] }),
    notFound(`Blocker incidents ${outageId} does not exist`), 'an outage id is no incident')
  t.equal(await countIntelRequests(pool, organizationId), before, 'no intel request written')
  t.strictSame((await edgesOf(pool, { type: 'outages', id: outageId })), [], 'no edge written')
})

t.test('400 for a reference to another organization; nothing is written', async t => {
  const before = await countIntelRequests(pool, organizationId)
  const base = { organization_id: organizationId, request_type: 'site_check' }
  const theirAsset = await createRecord(pool, 'assets', otherOrganizationId)
  const theirLocation = await createLocation(pool, otherOrganizationId)
  const theirIncident = await createRecord(pool, 'incidents', otherOrganizationId)
  const theirRequest = await createRecord(pool, 'intel_requests', otherOrganizationId)
  t.strictSame(await create({ ...base, asset_id: theirAsset }), crossOrganization(`Asset ${theirAsset}`, organizationId))
  t.strictSame(await create({ ...base, location_id: theirLocation }), crossOrganization(`Location ${theirLocation}`, organizationId))
  t.strictSame(await create({ ...base, incident_id: theirIncident }), crossOrganization(`Incident ${theirIncident}`, organizationId))
  t.strictSame(await create({ ...base, blockers: [{ type: 'intel_requests', id: theirRequest }] }),
    crossOrganization(`Blocker intel_requests ${theirRequest}`, organizationId))
  t.equal(await countIntelRequests(pool, organizationId), before)
  t.strictSame(await edgesOf(pool, { type: 'intel_requests', id: theirRequest }), [])
})

t.test('an edge refused after the insert rolls the whole creation back', async t => {
  // A trigger of this test's own database refuses edges from one incident, as a concurrent
  // change could: the record and the first edge are written by then, and must not remain.
  const firstBlocker = await createRecord(pool, 'outages', organizationId)
  const refused = await createRecord(pool, 'incidents', organizationId)
  await pool.query(`
    create function refuse_test_edge() returns trigger language plpgsql as $$
    begin
      if new.blocker_id = '${refused}' then
        raise check_violation using message = 'edge refused by the test trigger';
      end if;
      return new;
    end $$`)
  await pool.query(`create trigger refuse_edge before insert on dependencies.dependencies
    for each row execute function refuse_test_edge()`)
  t.teardown(() => pool.query('drop trigger refuse_edge on dependencies.dependencies'))
  const before = await countIntelRequests(pool, organizationId)
  const reply = await create({
    organization_id: organizationId,
    request_type: 'site_check',
    blockers: [{ type: 'outages', id: firstBlocker }, { type: 'incidents', id: refused }]
  })
  t.strictSame(reply, {
    status: 400, body: { statusCode: 400, code: 'SQLSTATE_23514', error: 'Bad Request', message: 'edge refused by the test trigger' }
  })
  t.equal(await countIntelRequests(pool, organizationId), before, 'no intel request left behind')
  t.strictSame(await edgesOf(pool, { type: 'outages', id: firstBlocker }), [], 'nor the edge written before the refusal')
})

t.test('400 for invalid bodies', async t => {
  const base = { organization_id: organizationId, request_type: 'site_check' }
  const cases: Array<[object, string]> = [
    [{ request_type: 'x' }, "body must have required property 'organization_id'"],
    [{ organization_id: organizationId }, "body must have required property 'request_type'"],
    [{ ...base, organization_id: 'not-a-uuid' }, `body/organization_id must match pattern "${UUID_PATTERN}"`],
    [{ ...base, request_type: '' }, 'body/request_type must NOT have fewer than 1 characters'],
    [{ ...base, request_type: 'x'.repeat(101) }, 'body/request_type must NOT have more than 100 characters'],
    [{ ...base, status: 'done' }, 'body/status must be equal to one of the allowed values'],
    [{ ...base, priority: 'critical' }, 'body/priority must be equal to one of the allowed values'],
    [{ ...base, description: 'x'.repeat(10001) }, 'body/description must NOT have more than 10000 characters'],
    [{ ...base, metadata: [1] }, 'body/metadata must be object'],
    [{ ...base, asset_id: 'nope' }, `body/asset_id must match pattern "${UUID_PATTERN}"`],
    [{ ...base, incident_id: `${MISSING}0` }, 'body/incident_id must NOT have more than 36 characters'],
    [{ ...base, blockers: [{ type: 'locations', id: MISSING }] }, 'body/blockers/0/type must be equal to one of the allowed values'],
    [{ ...base, blockers: [{ type: 'incidents', id: MISSING, note: 1 }] }, 'body/blockers/0 must NOT have additional properties'],
    [{ ...base, blockers: Array.from({ length: 101 }, () => ({ type: 'incidents', id: MISSING })) }, 'body/blockers must NOT have more than 100 items'],
    [{ ...base, deleted: null }, 'body must NOT have additional properties']
  ]
  for (const [payload, message] of cases) t.strictSame(await create(payload), validationError(message), message)
  t.strictSame(await send(app, { method: 'POST', url: '/intel-requests' }), validationError('body must be object'), 'no body')
})

t.test('a description of 10000 characters and an explicit null description are accepted', async t => {
  const long = await create({ organization_id: organizationId, request_type: 'site_check', description: 'x'.repeat(10000) })
  t.equal(long.status, 201)
  t.equal(long.body.description.length, 10000)
  const none = await create({ organization_id: organizationId, request_type: 'site_check', description: null, asset_id: null })
  t.equal(none.status, 201)
  t.strictSame([none.body.description, none.body.asset_id], [null, null])
})
