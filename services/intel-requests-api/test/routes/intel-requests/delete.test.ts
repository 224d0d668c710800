import t from 'tap'
import { createOrganization, createRecord, createRecords } from '@incident-intel/test-support'
import { buildTestApp } from '../../helpers/build-test-app.js'
import { MISSING, UUID_PATTERN, intelRequestNotFound, send, validationError } from '../../helpers/requests.js'
import { edgesOf, expectedIntelRequest, isDeleted } from '../../helpers/stored.js'

const { app, pool } = await buildTestApp(t)
const organizationId = await createOrganization(pool)

const remove = (id: string) => send(app, { method: 'DELETE', url: `/intel-requests/${id}` })

t.test('204; the record and its live edges are retired, other edges stay', async t => {
  const [parent, id, child] = await createRecords(pool, 'intel_requests', organizationId, 3)
  const incidentId = await createRecord(pool, 'incidents', organizationId)
  await pool.query(
    `insert into dependencies.dependencies (organization_id, blocker_type, blocker_id, dependent_type, dependent_id)
     values ($1, 'incidents', $2, 'intel_requests', $3), ($1, 'intel_requests', $3, 'intel_requests', $4),
            ($1, 'intel_requests', $4, 'intel_requests', $5), ($1, 'incidents', $2, 'intel_requests', $5)`,
    [organizationId, incidentId, parent, id, child])
  t.strictSame(await remove(id!), { status: 204, body: undefined })
  t.equal(await isDeleted(pool, id!), true, 'soft-deleted')
  t.strictSame((await edgesOf(pool, { type: 'intel_requests', id: id! })).map(e => e.live), [false, false], 'both its edges retired')
  t.strictSame((await edgesOf(pool, { type: 'incidents', id: incidentId })).map(e => e.live), [true, true], 'the incident keeps its edges')
  t.strictSame(await send(app, { method: 'GET', url: `/intel-requests/${id}` }), intelRequestNotFound(id!))
  t.strictSame(await send(app, { method: 'GET', url: `/intel-requests/${parent}` }),
    { status: 200, body: await expectedIntelRequest(pool, parent!) })
  t.equal((await expectedIntelRequest(pool, parent!)).dependencies.dependents.length, 0, 'the parent has lost its dependent')
})

t.test('404 for an unknown or already deleted intel request; 400 for a bad id', async t => {
  const id = await createRecord(pool, 'intel_requests', organizationId)
  t.equal((await remove(id)).status, 204)
  t.strictSame(await remove(id), intelRequestNotFound(id))
  t.strictSame(await remove(MISSING), intelRequestNotFound(MISSING))
  t.strictSame(await remove('123'), validationError(`params/intel_request_id must match pattern "${UUID_PATTERN}"`))
})
