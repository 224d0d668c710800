import t from 'tap'
import { createOrganization } from '@incident-intel/test-support'
import { buildTestApp } from '../../helpers/build-test-app.js'
import { insertIncident } from '../../helpers/fixtures.js'

// No drainer: whatever the cache holds after a write came from the write-through alone.
const { app, pool } = await buildTestApp(t, { env: { CACHE_DRAIN: 'false' } })
const organizationId = await createOrganization(pool)
const MISSING = '00000000-0000-4000-8000-000000000000'

async function send (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: object) {
  const response = await app.inject({ method, url, ...(payload ? { payload } : {}) })
  return { status: response.statusCode, cache: response.headers['x-cache'], body: response.body === '' ? undefined : response.json() }
}

const notCurrent = (id: string) => ({
  statusCode: 404, code: 'INCIDENTS_NOT_CURRENT', error: 'Not Found', message: `Incident ${id} is not current (resolved, deleted or unknown)`
})

t.test('read-your-writes: each incidents-api write is in the cache before its response', async t => {
  await send('POST', '/incidents/current/rebuild', { organization_id: organizationId })
  const created = await send('POST', '/incidents', { organization_id: organizationId, title: 'Storm', incident_type: 'weather' })
  t.equal(created.status, 201)
  const id = created.body.incident_id as string
  const read = await send('GET', `/incidents/current/${id}`)
  t.same([read.status, read.cache, read.body.title], [200, 'hit', 'Storm'])

  await send('PATCH', `/incidents/${id}`, { title: 'Storm, upgraded' })
  const patched = await send('GET', `/incidents/current/${id}`)
  t.same([patched.cache, patched.body.title], ['hit', 'Storm, upgraded'])
  const { rows: queued } = await pool.query('select 1 from current_incidents.refresh_queue where incident_id = $1', [id])
  t.same(queued, [], 'the write-through took the refreshes its own write queued')

  const upsertId = '6f1c2a8e-5b7d-4e0f-9a3b-2c4d6e8f0a1b'
  const upserted = await send('PUT', `/incidents/${upsertId}`, { organization_id: organizationId, title: 'Heat', incident_type: 'weather' })
  t.equal(upserted.status, 201)
  const upsertRead = await send('GET', `/incidents/current/${upsertId}`)
  t.same([upsertRead.cache, upsertRead.body.title], ['hit', 'Heat'])

  const resolved = await send('PATCH', `/incidents/${id}`, { status: 'resolved' })
  t.equal(resolved.status, 200)
  t.same(await send('GET', `/incidents/current/${id}`), { status: 404, cache: 'miss', body: notCurrent(id) })

  t.equal((await send('DELETE', `/incidents/${upsertId}`)).status, 204)
  t.same(await send('GET', `/incidents/current/${upsertId}`), { status: 404, cache: 'miss', body: notCurrent(upsertId) })
})

t.test('GET /incidents/current/:incident_id', async t => {
  t.same(await send('GET', `/incidents/current/${MISSING}`), { status: 404, cache: 'miss', body: notCurrent(MISSING) })
  const bad = await send('GET', '/incidents/current/not-a-uuid')
  t.same([bad.status, bad.body.code, bad.body.error], [400, 'FST_ERR_VALIDATION', 'Bad Request'])
  t.match(bad.body.message, /^params\/incident_id must match pattern/)
})

t.test('GET /incidents/current', async t => {
  const other = await createOrganization(pool, 'Empty organization')
  const empty = await send('GET', `/incidents/current?organization_id=${other}`)
  t.same([empty.status, empty.body.organization_id, empty.body.incidents], [200, other, []])
  t.same(await send('GET', `/incidents/current?organization_id=${MISSING}`), {
    status: 404,
    cache: undefined,
    body: { statusCode: 404, code: 'INCIDENTS_ORGANIZATION_NOT_FOUND', error: 'Not Found', message: `Organization ${MISSING} does not exist` }
  })
  t.equal((await send('GET', '/incidents/current')).status, 400, 'organization_id is required')
  t.equal((await send('GET', `/incidents/current?organization_id=${other}&extra=1`)).status, 400, 'unknown parameters are refused')
  t.equal((await send('GET', '/incidents/current?organization_id=1%27%20or%201=1')).status, 400)
})

t.test('POST /incidents/current/rebuild', async t => {
  const organization = await createOrganization(pool, 'Rebuilt')
  await insertIncident(pool, organization)
  await insertIncident(pool, organization, { title: 'Resolved', status: 'resolved' })
  t.same(await send('POST', '/incidents/current/rebuild', { organization_id: organization }), {
    status: 200, cache: undefined, body: { organization_id: organization, cache_enabled: true, documents: 1, removed: 0 }
  })
  t.same(await send('POST', '/incidents/current/rebuild', { organization_id: MISSING }), {
    status: 404,
    cache: undefined,
    body: { statusCode: 404, code: 'INCIDENTS_ORGANIZATION_NOT_FOUND', error: 'Not Found', message: `Organization ${MISSING} does not exist` }
  })
  t.equal((await send('POST', '/incidents/current/rebuild', {})).status, 400)
  t.equal((await send('POST', '/incidents/current/rebuild', { organization_id: organization, more: true })).status, 400)
})
