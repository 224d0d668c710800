import t from 'tap'
import { createOrganization, createRecord, createRecords } from '@incident-intel/test-support'
import { buildTestApp } from '../../helpers/build-test-app.js'
import { softDelete } from '../../helpers/fixtures.js'
import { MISSING, UUID_PATTERN, intelRequestNotFound, send, validationError } from '../../helpers/requests.js'
import { expectedIntelRequest } from '../../helpers/stored.js'

const { app, pool } = await buildTestApp(t)
const organizationId = await createOrganization(pool)

const get = (id: string, query = '') => send(app, { method: 'GET', url: `/intel-requests/${id}${query}` })

t.test('200 with the record and its direct dependencies', async t => {
  const [id, child] = await createRecords(pool, 'intel_requests', organizationId, 2)
  const incidentId = await createRecord(pool, 'incidents', organizationId)
  await pool.query(
    `update intel_requests.intel_requests set description = 'Look', metadata = '{"k": [1, 2]}', status = 'completed'
      where intel_request_id = $1`, [id])
  await pool.query(
    `insert into dependencies.dependencies (organization_id, blocker_type, blocker_id, dependent_type, dependent_id)
     values ($1, 'incidents', $2, 'intel_requests', $3), ($1, 'intel_requests', $3, 'intel_requests', $4)`,
    [organizationId, incidentId, id, child])
  const reply = await get(id!)
  const expected = await expectedIntelRequest(pool, id!)
  t.strictSame(reply, { status: 200, body: expected })
  t.strictSame([expected.description, expected.metadata, expected.status], ['Look', { k: [1, 2] }, 'completed'])
  t.strictSame([expected.dependencies.blockers.length, expected.dependencies.dependents.length], [1, 1])
  t.strictSame(await get(id!.toUpperCase()), { status: 200, body: expected }, 'an upper-case id names it too')
})

t.test('404 for an unknown or a deleted intel request', async t => {
  t.strictSame(await get(MISSING), intelRequestNotFound(MISSING))
  const id = await createRecord(pool, 'intel_requests', organizationId)
  await softDelete(pool, 'intel_requests.intel_requests', id)
  t.strictSame(await get(id), intelRequestNotFound(id))
  const incidentId = await createRecord(pool, 'incidents', organizationId)
  t.strictSame(await get(incidentId), intelRequestNotFound(incidentId), 'an incident id is no intel request')
})

t.test('400 for a malformed id or query', async t => {
  const id = await createRecord(pool, 'intel_requests', organizationId)
  t.strictSame(await get('not-a-uuid'), validationError(`params/intel_request_id must match pattern "${UUID_PATTERN}"`))
  const cases: Array<[string, string]> = [
    ['?recursive_max_distance=0', 'querystring/recursive_max_distance must be >= 1'],
    ['?recursive_max_distance=11', 'querystring/recursive_max_distance must be <= 10'],
    ['?recursive_max_distance=x', 'querystring/recursive_max_distance must be integer'],
    ['?recursive_max_distance=2.5', 'querystring/recursive_max_distance must be integer'],
    // The shared schema's union (boolean, 'True', 'False') makes Ajv list each branch.
    ['?get_recursive_dependencies=yes', 'querystring/get_recursive_dependencies must be boolean, ' +
      'querystring/get_recursive_dependencies must be equal to constant, querystring/get_recursive_dependencies must be equal to constant, ' +
      'querystring/get_recursive_dependencies must match a schema in anyOf'],
    ['?recursive_dependency_type=up', 'querystring/recursive_dependency_type must be equal to one of the allowed values'],
    ['?recursive_record_types=locations', 'querystring/recursive_record_types/0 must match pattern "^(incidents|intel_requests|outages|internet_outages|assets)(,(incidents|intel_requests|outages|internet_outages|assets))*$"'],
    ['?max_distance=3', 'querystring must NOT have additional properties'],
    ['?include=all', 'querystring must NOT have additional properties']
  ]
  for (const [query, message] of cases) t.strictSame(await get(id, query), validationError(message), query)
})

t.test('the recursion limit follows RECURSION_MAX_DISTANCE_LIMIT', async t => {
  const { app: narrow, pool: narrowPool } = await buildTestApp(t, { RECURSION_MAX_DISTANCE_LIMIT: '3', RECURSION_DEFAULT_MAX_DISTANCE: '2' })
  const id = await createRecord(narrowPool, 'intel_requests', await createOrganization(narrowPool))
  const url = `/intel-requests/${id}?get_recursive_dependencies=true`
  t.strictSame(await send(narrow, { method: 'GET', url: `${url}&recursive_max_distance=4` }),
    validationError('querystring/recursive_max_distance must be <= 3'))
  const reply = await send(narrow, { method: 'GET', url })
  t.equal(reply.status, 200)
  t.strictSame(reply.body.recursive_dependency_meta, {
    direction: 'dependents', max_distance: 2, record_types: ['incidents', 'intel_requests', 'outages', 'internet_outages', 'assets'], truncated: false, edge_count: 0
  })
})
