import { randomUUID } from 'node:crypto'
import t from 'tap'
import { Uuid } from '@incident-intel/schemas'
import { createOrganization } from '@incident-intel/test-support'
import { buildTestApp } from '../../helpers/build-test-app.js'

const { app, pool } = await buildTestApp(t)
const organizationId = await createOrganization(pool)
const otherOrganizationId = await createOrganization(pool, 'Other organization')

async function put (incidentId: string, payload: unknown) {
  const response = await app.inject({ method: 'PUT', url: `/incidents/${incidentId}`, payload: payload as object })
  return { status: response.statusCode, body: response.json() }
}

async function locationRows (locationId: string) {
  const { rows } = await pool.query(
    'select st_asgeojson(location)::jsonb as geometry, locality, deleted is not null as deleted from locations.locations where location_id = $1',
    [locationId])
  return rows
}

const point = { type: 'Point', coordinates: [2.3522, 48.8566] }
const square = { type: 'Polygon', coordinates: [[[2, 48], [3, 48], [3, 49], [2, 49], [2, 48]]] }

t.test('creates under the client id (201), then replaces (200)', async t => {
  const incidentId = randomUUID()
  const created = await put(incidentId, {
    organization_id: organizationId,
    title: 'Flood',
    incident_type: 'weather',
    status: 'monitoring',
    started: '2024-06-01T08:00:00Z',
    metadata: { river: 'Seine' },
    location: { geometry: point, locality: 'Paris' }
  })
  t.equal(created.status, 201)
  const locationId = created.body.location.location_id
  t.same(created.body, {
    incident_id: incidentId,
    organization_id: organizationId,
    title: 'Flood',
    incident_type: 'weather',
    status: 'monitoring',
    started: '2024-06-01T08:00:00.000Z',
    resolved: null,
    metadata: { river: 'Seine' },
    created: created.body.created,
    updated: created.body.created,
    location: {
      location_id: locationId,
      geometry: point,
      thoroughfare: null,
      locality: 'Paris',
      administrative_area: null,
      postal_code: null,
      country: null
    },
    outages: [],
    internet_outages: [],
    assets: [],
    dependencies: { blockers: [], dependents: [] }
  })

  // Fields left out return to their defaults; `started` keeps its value; the location row is updated in place.
  const replaced = await put(incidentId, {
    organization_id: organizationId,
    title: 'Flood (receding)',
    incident_type: 'weather',
    location: { geometry: square, country: 'FR' }
  })
  t.equal(replaced.status, 200)
  t.same(replaced.body, {
    incident_id: incidentId,
    organization_id: organizationId,
    title: 'Flood (receding)',
    incident_type: 'weather',
    status: 'active',
    started: '2024-06-01T08:00:00.000Z',
    resolved: null,
    metadata: {},
    created: created.body.created,
    updated: replaced.body.updated,
    location: {
      location_id: locationId,
      geometry: square,
      thoroughfare: null,
      locality: null,
      administrative_area: null,
      postal_code: null,
      country: 'FR'
    },
    outages: [],
    internet_outages: [],
    assets: [],
    dependencies: { blockers: [], dependents: [] }
  })
  t.ok(replaced.body.updated > created.body.updated, 'updated moves on')

  const fetched = await app.inject({ method: 'GET', url: `/incidents/${incidentId}` })
  t.same(fetched.json(), replaced.body, 'GET shows the replacement')
})

t.test('location null or absent detaches the location', async t => {
  for (const location of [null, undefined]) {
    const incidentId = randomUUID()
    const base = { organization_id: organizationId, title: 'Quake', incident_type: 'seismic' }
    const created = await put(incidentId, { ...base, location: { geometry: point } })
    t.equal(created.status, 201)
    const replaced = await put(incidentId, location === null ? { ...base, location } : base)
    t.same({ status: replaced.status, location: replaced.body.location }, { status: 200, location: null })
    const { rows } = await pool.query('select location_id from incidents.incidents where incident_id = $1', [incidentId])
    t.same(rows, [{ location_id: null }])
    t.same(await locationRows(created.body.location.location_id), [{ geometry: point, locality: null, deleted: false }],
      'the detached row itself is left as it was')
  }
})

t.test('a replacement of an incident without a location gives it a new one', async t => {
  const incidentId = randomUUID()
  const base = { organization_id: organizationId, title: 'Heat', incident_type: 'weather' }
  t.equal((await put(incidentId, base)).status, 201)
  const replaced = await put(incidentId, { ...base, location: { geometry: point, locality: 'Lyon' } })
  t.equal(replaced.status, 200)
  t.same(replaced.body.location.geometry, point)
  t.same(await locationRows(replaced.body.location.location_id), [{ geometry: point, locality: 'Lyon', deleted: false }])
})

t.test('an incident of another organization is a 409, and stays as it was', async t => {
  const incidentId = randomUUID()
  const base = { organization_id: organizationId, title: 'Storm', incident_type: 'weather' }
  t.equal((await put(incidentId, base)).status, 201)
  t.same(await put(incidentId, { ...base, organization_id: otherOrganizationId, title: 'Moved' }), {
    status: 409,
    body: {
      statusCode: 409,
      code: 'INCIDENTS_ORGANIZATION_FIXED',
      error: 'Conflict',
      message: `Incident ${incidentId} belongs to another organization; an incident cannot move`
    }
  })
  const { rows } = await pool.query('select organization_id, title from incidents.incidents where incident_id = $1', [incidentId])
  t.same(rows, [{ organization_id: organizationId, title: 'Storm' }])
})

t.test('the id of a deleted incident is a 409', async t => {
  const incidentId = randomUUID()
  const base = { organization_id: organizationId, title: 'Storm', incident_type: 'weather' }
  t.equal((await put(incidentId, base)).status, 201)
  t.equal((await app.inject({ method: 'DELETE', url: `/incidents/${incidentId}` })).statusCode, 204)
  t.same(await put(incidentId, base), {
    status: 409,
    body: {
      statusCode: 409,
      code: 'INCIDENTS_DELETED',
      error: 'Conflict',
      message: `Incident ${incidentId} was deleted; its id cannot be used again`
    }
  })
})

t.test('an unknown organization is a 404; a bad id or body a 400', async t => {
  const missing = '00000000-0000-4000-8000-000000000000'
  t.same(await put(randomUUID(), { organization_id: missing, title: 'x', incident_type: 'y' }), {
    status: 404,
    body: { statusCode: 404, code: 'INCIDENTS_ORGANIZATION_NOT_FOUND', error: 'Not Found', message: `Organization ${missing} does not exist` }
  })
  t.same(await put('not-a-uuid', { organization_id: organizationId, title: 'x', incident_type: 'y' }), {
    status: 400,
    body: { statusCode: 400, code: 'FST_ERR_VALIDATION', error: 'Bad Request', message: `params/incident_id must match pattern "${Uuid.pattern}"` }
  })
  t.same(await put(randomUUID(), { organization_id: organizationId, title: 'x', incident_type: 'y', status: 'open' }), {
    status: 400,
    body: { statusCode: 400, code: 'FST_ERR_VALIDATION', error: 'Bad Request', message: 'body/status must be equal to one of the allowed values' }
  })
  t.same(await put(randomUUID(), { organization_id: organizationId, title: 'x', incident_type: 'y', location: { geometry: { type: 'Point', coordinates: [0, -91] } } }), {
    status: 400,
    body: {
      statusCode: 400,
      code: 'INCIDENTS_INVALID_GEOMETRY',
      error: 'Bad Request',
      message: 'body/location/geometry: position [0, -91] is outside WGS 84: longitude must lie within ±180 and latitude within ±90'
    }
  })
})

t.test('two concurrent PUTs of a new id: one creates, the other replaces', async t => {
  const incidentId = randomUUID()
  const base = { organization_id: organizationId, incident_type: 'weather' }
  const replies = await Promise.all([put(incidentId, { ...base, title: 'A' }), put(incidentId, { ...base, title: 'B' })])
  t.same(replies.map(reply => reply.status).sort(), [200, 201])
})
