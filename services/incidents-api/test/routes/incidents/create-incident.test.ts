import t from 'tap'
import { Uuid } from '@incident-intel/schemas'
import { createOrganization } from '@incident-intel/test-support'
import { buildTestApp } from '../../helpers/build-test-app.js'

const { app, pool } = await buildTestApp(t)
const organizationId = await createOrganization(pool)

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/
const MISSING = '00000000-0000-4000-8000-000000000000'

async function post (payload: unknown) {
  const response = await app.inject({ method: 'POST', url: '/incidents', payload: payload as object })
  return { status: response.statusCode, body: response.json() }
}

const validation = (message: string) => ({ statusCode: 400, code: 'FST_ERR_VALIDATION', error: 'Bad Request', message })
const badGeometry = (message: string) => ({ statusCode: 400, code: 'INCIDENTS_INVALID_GEOMETRY', error: 'Bad Request', message })
const minimal = { organization_id: organizationId, title: 'Substation fire', incident_type: 'fire' }

async function count (table: string): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(`select count(*)::int as n from ${table}`)
  return rows[0]!.n
}

t.test('creates an incident with defaults and no location', async t => {
  const { status, body } = await post(minimal)
  t.equal(status, 201)
  t.match(body.created, ISO)
  t.same(body, {
    incident_id: body.incident_id,
    organization_id: organizationId,
    title: 'Substation fire',
    incident_type: 'fire',
    status: 'active',
    started: body.created, // now(), in the same transaction
    resolved: null,
    metadata: {},
    created: body.created,
    updated: body.created,
    location: null,
    outages: [],
    internet_outages: [],
    assets: [],
    dependencies: { blockers: [], dependents: [] }
  })
  const { rows } = await pool.query('select title, location_id from incidents.incidents where incident_id = $1', [body.incident_id])
  t.same(rows, [{ title: 'Substation fire', location_id: null }])
})

t.test('creates an incident with every field and a location; the GeoJSON comes back as sent', async t => {
  const geometry = { type: 'Polygon', coordinates: [[[-0.5, 51.25], [0.5, 51.25], [0.5, 51.75], [-0.5, 51.75], [-0.5, 51.25]]] }
  const { status, body } = await post({
    ...minimal,
    status: 'monitoring',
    started: '2024-03-01T10:00:00Z',
    resolved: '2024-03-02T10:30:00.250Z',
    metadata: { severity: 3, tags: ['grid'] },
    location: { geometry, thoroughfare: '1 High Street', locality: 'London', country: 'GB' }
  })
  t.equal(status, 201)
  t.same(body, {
    incident_id: body.incident_id,
    organization_id: organizationId,
    title: 'Substation fire',
    incident_type: 'fire',
    status: 'monitoring',
    started: '2024-03-01T10:00:00.000Z',
    resolved: '2024-03-02T10:30:00.250Z',
    metadata: { severity: 3, tags: ['grid'] },
    created: body.created,
    updated: body.created,
    location: {
      location_id: body.location.location_id,
      geometry,
      thoroughfare: '1 High Street',
      locality: 'London',
      administrative_area: null,
      postal_code: null,
      country: 'GB'
    },
    outages: [],
    internet_outages: [],
    assets: [],
    dependencies: { blockers: [], dependents: [] }
  })
  const { rows } = await pool.query(
    'select organization_id, st_srid(location) as srid from locations.locations where location_id = $1', [body.location.location_id])
  t.same(rows, [{ organization_id: organizationId, srid: 4326 }])
})

t.test('every GeoJSON geometry type round-trips', async t => {
  const geometries = [
    { type: 'Point', coordinates: [-122.4194, 37.7749] },
    { type: 'MultiPoint', coordinates: [[1, 2], [3, 4]] },
    { type: 'LineString', coordinates: [[1, 2], [3, 4], [5, 6]] },
    { type: 'MultiLineString', coordinates: [[[1, 2], [3, 4]], [[5, 6], [7, 8]]] },
    { type: 'MultiPolygon', coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]]], [[[10, 10], [11, 10], [11, 11], [10, 10]]]] }
  ]
  for (const geometry of geometries) {
    const { status, body } = await post({ ...minimal, location: { geometry } })
    t.equal(status, 201, geometry.type)
    t.same(body.location.geometry, geometry, geometry.type)
  }
})

t.test('an unknown organization is a 404', async t => {
  t.same(await post({ ...minimal, organization_id: MISSING }), {
    status: 404,
    body: { statusCode: 404, code: 'INCIDENTS_ORGANIZATION_NOT_FOUND', error: 'Not Found', message: `Organization ${MISSING} does not exist` }
  })
})

t.test('bad input is a 400 and writes nothing', async t => {
  const incidents = await count('incidents.incidents')
  const locations = await count('locations.locations')
  const anyOf = (detail: string) => validation(
    `${Array(6).fill(detail).join(', ')}, body/location/geometry must match a schema in anyOf, body/location must be null, body/location must match a schema in anyOf`)
  const cases: Array<[string, unknown, object]> = [
    ['bad enum', { ...minimal, status: 'closed' }, validation('body/status must be equal to one of the allowed values')],
    ['unknown body property', { ...minimal, severity: 3 }, validation('body must NOT have additional properties')],
    ['missing title', { organization_id: organizationId, incident_type: 'fire' }, validation("body must have required property 'title'")],
    ['empty title', { ...minimal, title: '' }, validation('body/title must NOT have fewer than 1 characters')],
    ['title too long', { ...minimal, title: 'x'.repeat(501) }, validation('body/title must NOT have more than 500 characters')],
    ['bad organization uuid', { ...minimal, organization_id: 'org-1' }, validation(`body/organization_id must match pattern "${Uuid.pattern}"`)],
    ['bad timestamp', { ...minimal, started: 'yesterday' }, validation('body/started must match format "date-time"')],
    ['metadata not an object', { ...minimal, metadata: [1] }, validation('body/metadata must be object')],
    ['wrong geometry type', { ...minimal, location: { geometry: { type: 'Circle', coordinates: [1, 2] } } },
      anyOf('body/location/geometry/type must be equal to constant')],
    ['missing coordinates', { ...minimal, location: { geometry: { type: 'Point' } } },
      anyOf("body/location/geometry must have required property 'coordinates'")],
    ['latitude 91', { ...minimal, location: { geometry: { type: 'Point', coordinates: [10, 91] } } },
      badGeometry('body/location/geometry: position [10, 91] is outside WGS 84: longitude must lie within ±180 and latitude within ±90')],
    ['longitude -181', { ...minimal, location: { geometry: { type: 'LineString', coordinates: [[0, 0], [-181, 0]] } } },
      badGeometry('body/location/geometry: position [-181, 0] is outside WGS 84: longitude must lie within ±180 and latitude within ±90')],
    // The column is 2D: the schema refuses an altitude.
    ['altitude', { ...minimal, location: { geometry: { type: 'Point', coordinates: [10, 20, 30] } } },
      {
        statusCode: 400,
        code: 'FST_ERR_VALIDATION',
        error: 'Bad Request',
        message: 'body/location/geometry/coordinates must NOT have more than 2 items, ' +
        'body/location/geometry/type must be equal to constant, '.repeat(5) +
        'body/location/geometry must match a schema in anyOf, body/location must be null, body/location must match a schema in anyOf'
      }],
    ['unclosed ring', { ...minimal, location: { geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] } } },
      badGeometry('body/location/geometry: every polygon ring must be closed: its last position must repeat its first')]
  ]
  for (const [name, payload, expected] of cases) {
    t.same(await post(payload), { status: 400, body: expected }, name)
  }
  t.equal(await count('incidents.incidents'), incidents)
  t.equal(await count('locations.locations'), locations)
})

t.test('an address field sent as null is stored as null', async t => {
  const { body } = await post({ ...minimal, location: { geometry: { type: 'Point', coordinates: [0, 0] }, locality: null } })
  t.equal(body.location.locality, null)
})
