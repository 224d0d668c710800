import t from 'tap'
import { createOrganization, createRecord } from '@incident-intel/test-support'
import { buildTestApp } from '../../helpers/build-test-app.js'
import { createLocation, softDelete } from '../../helpers/fixtures.js'
import { MISSING, UUID_PATTERN, crossOrganization, intelRequestNotFound, notFound, send, validationError } from '../../helpers/requests.js'
import { expectedIntelRequest, storedIntelRequest } from '../../helpers/stored.js'

const { app, pool } = await buildTestApp(t)
const organizationId = await createOrganization(pool)
const otherOrganizationId = await createOrganization(pool, 'Other organization')

const patch = (id: string, payload: unknown) =>
  send(app, { method: 'PATCH', url: `/intel-requests/${id}`, payload: payload as object })

t.test('each field alone; the others stay; updated moves', async t => {
  const id = await createRecord(pool, 'intel_requests', organizationId)
  const incidentId = await createRecord(pool, 'incidents', organizationId)
  await pool.query(
    `insert into dependencies.dependencies (organization_id, blocker_type, blocker_id, dependent_type, dependent_id)
     values ($1, 'incidents', $2, 'intel_requests', $3)`, [organizationId, incidentId, id])
  const assetId = await createRecord(pool, 'assets', organizationId)
  const locationId = await createLocation(pool, organizationId)
  const original = await storedIntelRequest(pool, id)
  const steps: Array<[object, object]> = [
    [{ status: 'in_progress' }, { status: 'in_progress' }],
    [{ priority: 'high' }, { priority: 'high' }],
    [{ description: 'Look closer' }, { description: 'Look closer' }],
    [{ metadata: { round: 2, by: ['x'] } }, { metadata: { round: 2, by: ['x'] } }],
    [{ asset_id: assetId }, { asset_id: assetId }],
    [{ location_id: locationId.toUpperCase() }, { location_id: locationId }],
    [{ description: null }, { description: null }],
    [{ asset_id: null, location_id: null }, { asset_id: null, location_id: null }],
    [{ metadata: {} }, { metadata: {} }],
    [{ status: 'completed', priority: 'low', description: '' }, { status: 'completed', priority: 'low', description: '' }]
  ]
  let fields: Record<string, unknown> = { ...original }
  for (const [body, changed] of steps) {
    const reply = await patch(id, body)
    const expected = await expectedIntelRequest(pool, id)
    t.strictSame(reply, { status: 200, body: expected }, JSON.stringify(body))
    fields = { ...fields, ...changed, updated: expected.updated }
    t.strictSame(await storedIntelRequest(pool, id), fields, `${JSON.stringify(body)}: only that changed`)
    t.equal(expected.dependencies.blockers.length, 1, 'the direct dependencies come along')
  }
  t.ok(new Date(fields.updated as string) > new Date(original.updated), 'updated moved forward')
})

t.test('404 for an unknown or deleted intel request', async t => {
  t.strictSame(await patch(MISSING, { status: 'completed' }), intelRequestNotFound(MISSING))
  const id = await createRecord(pool, 'intel_requests', organizationId)
  await softDelete(pool, 'intel_requests.intel_requests', id)
  t.strictSame(await patch(id, { status: 'completed' }), intelRequestNotFound(id))
})

t.test('reference errors: missing, deleted or of another organization', async t => {
  const id = await createRecord(pool, 'intel_requests', organizationId)
  const before = await storedIntelRequest(pool, id)
  const deletedAsset = await createRecord(pool, 'assets', organizationId)
  await softDelete(pool, 'assets.assets', deletedAsset)
  const theirAsset = await createRecord(pool, 'assets', otherOrganizationId)
  const theirLocation = await createLocation(pool, otherOrganizationId)
  t.strictSame(await patch(id, { asset_id: MISSING }), notFound(`Asset ${MISSING} does not exist`))
  t.strictSame(await patch(id, { asset_id: deletedAsset }), notFound(`Asset ${deletedAsset} does not exist`))
  t.strictSame(await patch(id, { location_id: MISSING, status: 'completed' }), notFound(`Location ${MISSING} does not exist`))
  t.strictSame(await patch(id, { asset_id: theirAsset }), crossOrganization(`Asset ${theirAsset}`, organizationId))
  t.strictSame(await patch(id, { location_id: theirLocation }), crossOrganization(`Location ${theirLocation}`, organizationId))
  t.strictSame(await storedIntelRequest(pool, id), before, 'nothing changed')
})

t.test('400 for invalid bodies', async t => {
  const id = await createRecord(pool, 'intel_requests', organizationId)
  const cases: Array<[unknown, string]> = [
    [{}, 'body must NOT have fewer than 1 properties'],
    [{ request_type: 'other' }, 'body must NOT have additional properties'],
    [{ organization_id: otherOrganizationId }, 'body must NOT have additional properties'],
    [{ status: 'done' }, 'body/status must be equal to one of the allowed values'],
    [{ status: null }, 'body/status must be equal to one of the allowed values'],
    [{ priority: 'asap' }, 'body/priority must be equal to one of the allowed values'],
    [{ description: 'x'.repeat(10001) }, 'body/description must NOT have more than 10000 characters'],
    [{ metadata: 'x' }, 'body/metadata must be object'],
    [{ asset_id: 'x' }, `body/asset_id must match pattern "${UUID_PATTERN}"`]
  ]
  for (const [payload, message] of cases) t.strictSame(await patch(id, payload), validationError(message), message)
  t.strictSame(await patch('x', { status: 'completed' }), validationError(`params/intel_request_id must match pattern "${UUID_PATTERN}"`))
  t.strictSame(await send(app, { method: 'PATCH', url: `/intel-requests/${id}` }), validationError('body must be object'), 'no body')
})
