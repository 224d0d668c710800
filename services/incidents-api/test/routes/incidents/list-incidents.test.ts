import t from 'tap'
import { createOrganization, createRecord } from '@incident-intel/test-support'
import { buildTestApp } from '../../helpers/build-test-app.js'

const { app, pool } = await buildTestApp(t)
const organizationId = await createOrganization(pool)
const otherOrganizationId = await createOrganization(pool, 'Other')

async function get (url: string) {
  const response = await app.inject({ method: 'GET', url })
  return { status: response.statusCode, body: response.json() }
}

// Seven incidents whose created times tie (ids decide) or differ only in microseconds, which
// a cursor holding a JS Date would lose.
const CREATED = [
  '2024-05-01 00:00:00.000001+00', '2024-05-01 00:00:00.000001+00', '2024-05-01 00:00:00.000001+00',
  '2024-05-01 00:00:00.000002+00', '2024-05-01 00:00:00.000003+00', '2024-05-01 00:00:00.000003+00',
  '2024-05-01 00:00:01+00'
]
const STATUSES = ['active', 'monitoring', 'resolved', 'monitoring', 'active', 'monitoring', 'active']
const { rows: seeded } = await pool.query<{ incident_id: string }>(`
  insert into incidents.incidents (organization_id, title, incident_type, status, created)
  select $1::uuid, 'Incident ' || n, 'power', status, created
    from unnest($2::timestamptz[], $3::text[]) with ordinality as s(created, status, n)
  returning incident_id`, [organizationId, CREATED, STATUSES])
await pool.query("insert into incidents.incidents (organization_id, title, incident_type) values ($1, 'Elsewhere', 'power')",
  [otherOrganizationId])
const { rows: ordered } = await pool.query<{ incident_id: string, status: string }>(
  'select incident_id, status from incidents.incidents where organization_id = $1 order by created, incident_id', [organizationId])
if (seeded.length !== 7) throw new Error('seven incidents expected')

// One incident carries an edge, to show list items hold their direct dependencies.
const requestId = await createRecord(pool, 'intel_requests', organizationId)
const edge = await app.inject({
  method: 'POST',
  url: '/dependencies',
  payload: { blocker_type: 'incidents', blocker_id: ordered[4]!.incident_id, dependent_type: 'intel_requests', dependent_id: requestId }
})
if (edge.statusCode !== 201) throw new Error(`edge: ${edge.body}`)

/** Each incident as GET /incidents/:id shows it: the list's items must be the same. */
async function full (ids: string[]) {
  return Promise.all(ids.map(async id => (await get(`/incidents/${id}`)).body))
}

const listUrl = (query: string) => `/incidents?organization_id=${organizationId}${query}`

t.test('seven incidents, three a page: 3, 3, 1, in (created, incident_id) order', async t => {
  const expected = await full(ordered.map(row => row.incident_id))
  t.same(expected[4].dependencies.dependents, [edge.json()])

  const first = await get(listUrl('&limit=3'))
  t.equal(first.status, 200)
  t.same(first.body.incidents, expected.slice(0, 3))
  t.type(first.body.next_cursor, 'string')
  t.same(JSON.parse(Buffer.from(first.body.next_cursor, 'base64url').toString()), {
    created: '2024-05-01 00:00:00.000001+00', id: ordered[2]!.incident_id
  }, 'the cursor keeps microseconds')

  const second = await get(listUrl(`&limit=3&cursor=${first.body.next_cursor}`))
  t.same(second.body.incidents, expected.slice(3, 6))
  t.type(second.body.next_cursor, 'string')

  const third = await get(listUrl(`&limit=3&cursor=${second.body.next_cursor}`))
  t.same(third, { status: 200, body: { incidents: expected.slice(6), next_cursor: null } })
})

t.test('a page that ends exactly at the last incident has no next cursor', async t => {
  const all = await get(listUrl('&limit=7'))
  t.same(all.body, { incidents: await full(ordered.map(row => row.incident_id)), next_cursor: null })
  const byDefault = await get(listUrl(''))
  t.same(byDefault.body, all.body, 'limit defaults to 100')
})

t.test('status filter', async t => {
  const monitoring = ordered.filter(row => row.status === 'monitoring').map(row => row.incident_id)
  t.equal(monitoring.length, 3)
  const expected = await full(monitoring)
  const first = await get(listUrl('&status=monitoring&limit=2'))
  t.same(first.body.incidents, expected.slice(0, 2))
  const second = await get(listUrl(`&status=monitoring&limit=2&cursor=${first.body.next_cursor}`))
  t.same(second.body, { incidents: expected.slice(2), next_cursor: null })
})

t.test('an organization without incidents has an empty page', async t => {
  const lonely = await createOrganization(pool, 'Lonely')
  t.same(await get(`/incidents?organization_id=${lonely}`), { status: 200, body: { incidents: [], next_cursor: null } })
})

t.test('bad queries are a 400', async t => {
  const validation = (message: string) => ({ status: 400, body: { statusCode: 400, code: 'FST_ERR_VALIDATION', error: 'Bad Request', message } })
  t.same(await get(listUrl('&limit=0')), validation('querystring/limit must be >= 1'))
  t.same(await get(listUrl('&limit=501')), validation('querystring/limit must be <= 500'))
  t.same(await get(listUrl('&limit=ten')), validation('querystring/limit must be integer'))
  t.same(await get(listUrl('&status=open')), validation('querystring/status must be equal to one of the allowed values'))
  t.same(await get(listUrl('&sort=title')), validation('querystring must NOT have additional properties'))
  t.same(await get('/incidents?status=active'), validation("querystring must have required property 'organization_id'"))

  const malformed = {
    status: 400,
    body: { statusCode: 400, code: 'INCIDENTS_INVALID_CURSOR', error: 'Bad Request', message: 'cursor is malformed: pass the next_cursor of a previous page unchanged' }
  }
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
  const cursors = [
    'not-a-cursor',
    encode('just a string'),
    encode({ created: '2024-05-01 00:00:00+00' }),
    encode({ created: 'yesterday', id: ordered[0]!.incident_id }),
    encode({ created: '2024-05-01 00:00:00+00', id: 'abc' }),
    Buffer.from('{"created":').toString('base64url')
  ]
  for (const cursor of cursors) t.same(await get(listUrl(`&cursor=${cursor}`)), malformed, cursor)
})
