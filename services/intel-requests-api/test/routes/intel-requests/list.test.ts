import t from 'tap'
import { createOrganization, createRecord } from '@incident-intel/test-support'
import { buildTestApp } from '../../helpers/build-test-app.js'
import { softDelete } from '../../helpers/fixtures.js'
import { UUID_PATTERN, send, validationError } from '../../helpers/requests.js'
import { expectedIntelRequest } from '../../helpers/stored.js'

const { app, pool } = await buildTestApp(t)

const list = (query: Record<string, string>) => send(app, { method: 'GET', url: '/intel-requests', query })

/**
 * Intel requests of the organization created at the given instants (microseconds apart, some
 * equal), with the given statuses; in list order (by created, then id), with their statuses.
 */
async function seed (organizationId: string, rows: Array<[created: string, status: string]>): Promise<Array<{ id: string, status: string }>> {
  const { rows: inserted } = await pool.query<{ intel_request_id: string }>(
    `insert into intel_requests.intel_requests (organization_id, request_type, created, status)
     select $1, 'site_check', c, s from unnest($2::timestamptz[], $3::text[]) as r(c, s)
     returning intel_request_id`, [organizationId, rows.map(r => r[0]), rows.map(r => r[1])])
  const { rows: ordered } = await pool.query<{ intel_request_id: string, status: string }>(
    `select intel_request_id, status from intel_requests.intel_requests
      where intel_request_id = any($1::uuid[]) order by created, intel_request_id`, [inserted.map(r => r.intel_request_id)])
  return ordered.map(r => ({ id: r.intel_request_id, status: r.status }))
}

const expectedPage = async (ids: string[]) => Promise.all(ids.map(id => expectedIntelRequest(pool, id)))

const organizationId = await createOrganization(pool)
// Seven requests within 5 microseconds, three of them at the same instant: a cursor that kept
// only milliseconds would repeat or skip rows.
const seeded = await seed(organizationId, [
  ['2024-03-01 10:00:00.000005+00', 'pending'],
  ['2024-03-01 10:00:00.000001+00', 'pending'],
  ['2024-03-01 10:00:00.000004+00', 'completed'],
  ['2024-03-01 10:00:00.000002+00', 'in_progress'],
  ['2024-03-01 10:00:00.000004+00', 'pending'],
  ['2024-03-01 10:00:00.000003+00', 'completed'],
  ['2024-03-01 10:00:00.000004+00', 'cancelled']
])
const ids = seeded.map(r => r.id)
const withStatus = (status: string): string[] => seeded.filter(r => r.status === status).map(r => r.id)
// Neither a deleted request nor another organization's shows.
await softDelete(pool, 'intel_requests.intel_requests', (await seed(organizationId, [['2024-03-01 10:00:00.000004+00', 'pending']]))[0]!.id)
await seed(await createOrganization(pool, 'Other'), [['2024-03-01 10:00:00.000004+00', 'pending']])

t.test('walks seven records with limit 3: 3, 3, 1, each once, in order', async t => {
  const first = await list({ organization_id: organizationId, limit: '3' })
  t.strictSame(first, { status: 200, body: { intel_requests: await expectedPage(ids.slice(0, 3)), next_cursor: first.body.next_cursor } })
  t.equal(typeof first.body.next_cursor, 'string')
  const second = await list({ organization_id: organizationId, limit: '3', cursor: first.body.next_cursor })
  t.strictSame(second, { status: 200, body: { intel_requests: await expectedPage(ids.slice(3, 6)), next_cursor: second.body.next_cursor } })
  t.equal(typeof second.body.next_cursor, 'string')
  const third = await list({ organization_id: organizationId, limit: '3', cursor: second.body.next_cursor })
  t.strictSame(third, { status: 200, body: { intel_requests: await expectedPage(ids.slice(6)), next_cursor: null } })
})

t.test('a page that ends exactly at the last record has no next cursor', async t => {
  const first = await list({ organization_id: organizationId, limit: '7' })
  t.strictSame(first, { status: 200, body: { intel_requests: await expectedPage(ids), next_cursor: null } })
  const six = await list({ organization_id: organizationId, limit: '6' })
  const rest = await list({ organization_id: organizationId, limit: '6', cursor: six.body.next_cursor })
  t.strictSame(rest, { status: 200, body: { intel_requests: await expectedPage(ids.slice(6)), next_cursor: null } })
})

t.test('default limit 100; an organization without requests has an empty page', async t => {
  t.strictSame(await list({ organization_id: organizationId }), { status: 200, body: { intel_requests: await expectedPage(ids), next_cursor: null } })
  t.strictSame(await list({ organization_id: await createOrganization(pool, 'Empty') }), { status: 200, body: { intel_requests: [], next_cursor: null } })
})

t.test('status filter, paginated', async t => {
  const pending = withStatus('pending')
  t.equal(pending.length, 3)
  const first = await list({ organization_id: organizationId, status: 'pending', limit: '2' })
  t.strictSame(first, { status: 200, body: { intel_requests: await expectedPage(pending.slice(0, 2)), next_cursor: first.body.next_cursor } })
  const second = await list({ organization_id: organizationId, status: 'pending', limit: '2', cursor: first.body.next_cursor })
  t.strictSame(second, { status: 200, body: { intel_requests: await expectedPage(pending.slice(2)), next_cursor: null } })
  t.strictSame(await list({ organization_id: organizationId, status: 'completed' }),
    { status: 200, body: { intel_requests: await expectedPage(withStatus('completed')), next_cursor: null } })
  t.strictSame(await list({ organization_id: organizationId, status: 'cancelled' }),
    { status: 200, body: { intel_requests: await expectedPage(withStatus('cancelled')), next_cursor: null } })
})

t.test('incident_id filter: the live intel requests that directly depend on the incident', async t => {
  const incidentId = await createRecord(pool, 'incidents', organizationId)
  const otherIncident = await createRecord(pool, 'incidents', organizationId)
  // Two linked requests in list order, one pending and one completed; a third linked by a retired edge.
  const linked = ids.filter(id => id === withStatus('pending')[0] || id === withStatus('completed')[0])
  const completed = withStatus('completed')[0]!
  const { rows: edges } = await pool.query<{ dependency_id: string }>(
    `insert into dependencies.dependencies (organization_id, blocker_type, blocker_id, dependent_type, dependent_id)
     values ($1, 'incidents', $2, 'intel_requests', $3), ($1, 'incidents', $2, 'intel_requests', $4),
            ($1, 'incidents', $2, 'intel_requests', $5), ($1, 'incidents', $6, 'intel_requests', $7),
            ($1, 'intel_requests', $3, 'intel_requests', $7)
     returning dependency_id`, [organizationId, incidentId, linked[0], linked[1], ids[6], otherIncident, ids[5]])
  // A retired edge no longer counts.
  await pool.query('update dependencies.dependencies set deleted = now() where dependency_id = $1', [edges[2]!.dependency_id])
  t.strictSame(await list({ organization_id: organizationId, incident_id: incidentId }),
    { status: 200, body: { intel_requests: await expectedPage(linked), next_cursor: null } })
  const page = await list({ organization_id: organizationId, incident_id: incidentId, limit: '1' })
  t.strictSame(page, { status: 200, body: { intel_requests: await expectedPage([linked[0]!]), next_cursor: page.body.next_cursor } })
  t.strictSame(await list({ organization_id: organizationId, incident_id: incidentId, limit: '1', cursor: page.body.next_cursor }),
    { status: 200, body: { intel_requests: await expectedPage([linked[1]!]), next_cursor: null } })
  t.strictSame(await list({ organization_id: organizationId, incident_id: incidentId, status: 'completed' }),
    { status: 200, body: { intel_requests: await expectedPage([completed]), next_cursor: null } })
  t.strictSame(await list({ organization_id: organizationId, incident_id: otherIncident }),
    { status: 200, body: { intel_requests: await expectedPage([ids[5]!]), next_cursor: null } })
  const first = await expectedIntelRequest(pool, linked[0]!)
  t.strictSame([first.dependencies.blockers.length, first.dependencies.dependents.length], [1, 1], 'items carry their direct dependencies')
})

t.test('400 for invalid queries and malformed cursors', async t => {
  const cases: Array<[Record<string, string>, string]> = [
    [{}, "querystring must have required property 'organization_id'"],
    [{ organization_id: 'x' }, `querystring/organization_id must match pattern "${UUID_PATTERN}"`],
    [{ organization_id: organizationId, limit: '0' }, 'querystring/limit must be >= 1'],
    [{ organization_id: organizationId, limit: '501' }, 'querystring/limit must be <= 500'],
    [{ organization_id: organizationId, limit: 'ten' }, 'querystring/limit must be integer'],
    [{ organization_id: organizationId, status: 'open' }, 'querystring/status must be equal to one of the allowed values'],
    [{ organization_id: organizationId, incident_id: 'x' }, `querystring/incident_id must match pattern "${UUID_PATTERN}"`],
    [{ organization_id: organizationId, get_recursive_dependencies: 'true' }, 'querystring must NOT have additional properties'],
    [{ organization_id: organizationId, offset: '3' }, 'querystring must NOT have additional properties']
  ]
  for (const [query, message] of cases) t.strictSame(await list(query), validationError(message), message)

  const malformed = {
    status: 400,
    body: { statusCode: 400, code: 'INTEL_REQUESTS_INVALID_CURSOR', error: 'Bad Request', message: 'cursor is malformed: pass the next_cursor of a previous page unchanged' }
  }
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
  for (const cursor of [
    'not-a-cursor',
    encode({}),
    encode(null),
    encode([1]),
    encode({ created: '2024-03-01 10:00:00+00', id: 'x' }),
    encode({ created: 'yesterday', id: ids[0] }),
    encode({ created: '2024-13-45 10:00:00+00', id: ids[0] }),
    encode({ created: '2024-03-01 25:00:00.000004+00', id: ids[0] }),
    Buffer.from('{"created": "2024-03-01 10:00:00+00", "id"').toString('base64url')
  ]) {
    t.strictSame(await list({ organization_id: organizationId, cursor }), malformed, cursor)
  }
  t.strictSame(await list({ organization_id: organizationId, cursor: '' }), validationError('querystring/cursor must NOT have fewer than 1 characters'))
})
