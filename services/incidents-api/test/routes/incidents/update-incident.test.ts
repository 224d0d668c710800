import t from 'tap'
import { Uuid } from '@incident-intel/schemas'
import { createOrganization } from '@incident-intel/test-support'
import { buildTestApp } from '../../helpers/build-test-app.js'
import { MISSING, sender, validation } from '../../helpers/requests.js'

const { app, pool } = await buildTestApp(t)
const organizationId = await createOrganization(pool)

const send = sender(app)

async function createIncident (extra: object = {}) {
  const { status, body } = await send('POST', '/incidents', {
    organization_id: organizationId, title: 'Gas leak', incident_type: 'gas', started: '2024-02-01T00:00:00Z', ...extra
  })
  if (status !== 201) throw new Error(`expected 201, got ${status}: ${JSON.stringify(body)}`)
  return body
}

const patch = (incidentId: string, payload: unknown) => send('PATCH', `/incidents/${incidentId}`, payload)

t.test('changes only the fields given', async t => {
  const incident = await createIncident({ metadata: { crew: 4 } })
  const { status, body } = await patch(incident.incident_id, { status: 'resolved', resolved: '2024-02-01T06:00:00.123Z' })
  t.equal(status, 200)
  t.same(body, { ...incident, status: 'resolved', resolved: '2024-02-01T06:00:00.123Z', updated: body.updated })
  t.not(body.updated, incident.updated)

  const again = await patch(incident.incident_id, { title: 'Gas leak (fixed)', metadata: { crew: 0 }, resolved: null })
  t.same(again, {
    status: 200,
    body: { ...incident, title: 'Gas leak (fixed)', status: 'resolved', metadata: { crew: 0 }, updated: again.body.updated }
  })
})

t.test('a location is given, updated in place, then detached', async t => {
  const incident = await createIncident()
  const first = { type: 'Point', coordinates: [-73.9857, 40.7484] }
  const given = await patch(incident.incident_id, { location: { geometry: first, postal_code: '10001' } })
  t.equal(given.status, 200)
  const locationId = given.body.location.location_id
  t.same(given.body.location, {
    location_id: locationId, geometry: first, thoroughfare: null, locality: null, administrative_area: null, postal_code: '10001', country: null
  })

  const second = { type: 'LineString', coordinates: [[-73.99, 40.75], [-73.98, 40.76]] }
  const moved = await patch(incident.incident_id, { location: { geometry: second } })
  t.same(moved.body.location, {
    location_id: locationId, geometry: second, thoroughfare: null, locality: null, administrative_area: null, postal_code: null, country: null
  }, 'same location row, new geometry')
  t.not(moved.body.updated, given.body.updated, 'the incident counts as updated')

  const detached = await patch(incident.incident_id, { location: null })
  t.same(detached, { status: 200, body: { ...incident, location: null, updated: detached.body.updated } })
})

t.test('resolved before started is refused by the database check: 400, nothing changes', async t => {
  const incident = await createIncident()
  t.same(await patch(incident.incident_id, { resolved: '2024-01-31T23:59:59Z' }), {
    status: 400,
    body: {
      statusCode: 400,
      code: 'SQLSTATE_23514',
      error: 'Bad Request',
      message: 'new row for relation "incidents" violates check constraint "incidents_resolved_not_before_started"'
    }
  })
  const fetched = await app.inject({ method: 'GET', url: `/incidents/${incident.incident_id}` })
  t.same(fetched.json(), incident)
})

t.test('an unknown or deleted incident is a 404', async t => {
  const incident = await createIncident()
  t.equal((await send('DELETE', `/incidents/${incident.incident_id}`)).status, 204)
  for (const incidentId of [MISSING, incident.incident_id]) {
    t.same(await patch(incidentId, { title: 'x' }), {
      status: 404,
      body: { statusCode: 404, code: 'INCIDENTS_NOT_FOUND', error: 'Not Found', message: `Incident ${incidentId} does not exist` }
    })
  }
})

t.test('bad input is a 400', async t => {
  const incident = await createIncident()
  const url = incident.incident_id
  t.same(await patch(url, {}), validation('body must NOT have fewer than 1 properties'))
  t.same(await patch(url, { organization_id: organizationId }), validation('body must NOT have additional properties'))
  t.same(await patch(url, { status: 'done' }), validation('body/status must be equal to one of the allowed values'))
  t.same(await patch(url, { incident_type: 'x'.repeat(101) }), validation('body/incident_type must NOT have more than 100 characters'))
  t.same(await patch('123', { title: 'x' }), validation(`params/incident_id must match pattern "${Uuid.pattern}"`))
  t.same(await patch(url, { location: { geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0.5]]] } } }), {
    status: 400,
    body: {
      statusCode: 400,
      code: 'INCIDENTS_INVALID_GEOMETRY',
      error: 'Bad Request',
      message: 'body/location/geometry: every polygon ring must be closed: its last position must repeat its first'
    }
  })
})
