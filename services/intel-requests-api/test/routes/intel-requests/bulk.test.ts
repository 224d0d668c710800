import t from 'tap'
import { createOrganization, createRecord, createRecords } from '@incident-intel/test-support'
import { buildTestApp } from '../../helpers/build-test-app.js'
import { softDelete } from '../../helpers/fixtures.js'
import { MISSING, UUID_PATTERN, send, validationError } from '../../helpers/requests.js'
import { expectedIntelRequest } from '../../helpers/stored.js'

const { app, pool } = await buildTestApp(t)
const organizationId = await createOrganization(pool)

const bulk = (payload: unknown, query = '') =>
  send(app, { method: 'POST', url: `/intel-requests/bulk${query}`, payload: payload as object })

const OTHER_MISSING = '00000000-0000-4000-8000-000000000001'

t.test('records in request order, each id once; not_found each once', async t => {
  const [a, b, c] = await createRecords(pool, 'intel_requests', organizationId, 3)
  const deleted = await createRecord(pool, 'intel_requests', organizationId)
  await softDelete(pool, 'intel_requests.intel_requests', deleted)
  const incidentId = await createRecord(pool, 'incidents', organizationId)
  await pool.query(
    `insert into dependencies.dependencies (organization_id, blocker_type, blocker_id, dependent_type, dependent_id)
     values ($1, 'incidents', $2, 'intel_requests', $3)`, [organizationId, incidentId, b])
  const reply = await bulk({ intel_request_ids: [c, MISSING, a, deleted, c, b!.toUpperCase(), MISSING, OTHER_MISSING, a] })
  t.strictSame(reply, {
    status: 200,
    body: {
      intel_requests: [await expectedIntelRequest(pool, c!), await expectedIntelRequest(pool, a!), await expectedIntelRequest(pool, b!)],
      not_found: [MISSING, deleted, OTHER_MISSING]
    }
  })
  t.equal(reply.body.intel_requests[2].dependencies.blockers.length, 1, 'b carries its incident edge')
})

t.test('nothing found', async t => {
  t.strictSame(await bulk({ intel_request_ids: [MISSING] }), { status: 200, body: { intel_requests: [], not_found: [MISSING] } })
})

t.test('1000 ids are accepted', async t => {
  const ids = await createRecords(pool, 'intel_requests', organizationId, 1000)
  const reply = await bulk({ intel_request_ids: ids })
  t.equal(reply.status, 200)
  t.strictSame(reply.body.intel_requests.map((r: { intel_request_id: string }) => r.intel_request_id), ids)
  t.strictSame(reply.body.not_found, [])
})

t.test('400 for invalid bodies and queries', async t => {
  const cases: Array<[unknown, string, string]> = [
    [{ intel_request_ids: [] }, '', 'body/intel_request_ids must NOT have fewer than 1 items'],
    [{ intel_request_ids: Array.from({ length: 1001 }, () => MISSING) }, '', 'body/intel_request_ids must NOT have more than 1000 items'],
    [{ intel_request_ids: [MISSING, 'nope'] }, '', `body/intel_request_ids/1 must match pattern "${UUID_PATTERN}"`],
    [{}, '', "body must have required property 'intel_request_ids'"],
    [{ intel_request_ids: [MISSING], limit: 5 }, '', 'body must NOT have additional properties'],
    [{ intel_request_ids: [MISSING] }, '?recursive_max_distance=0', 'querystring/recursive_max_distance must be >= 1'],
    [{ intel_request_ids: [MISSING] }, '?recursive_max_distance=11', 'querystring/recursive_max_distance must be <= 10'],
    [{ intel_request_ids: [MISSING] }, '?recursive_max_distance=x', 'querystring/recursive_max_distance must be integer'],
    [{ intel_request_ids: [MISSING] }, '?ids=1', 'querystring must NOT have additional properties']
  ]
  for (const [payload, query, message] of cases) t.strictSame(await bulk(payload, query), validationError(message), message)
  t.strictSame(await send(app, { method: 'POST', url: '/intel-requests/bulk' }), validationError('body must be object'), 'no body')
})
