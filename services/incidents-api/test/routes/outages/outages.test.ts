import t from 'tap'
import { Uuid } from '@incident-intel/schemas'
import { createOrganization } from '@incident-intel/test-support'
import { buildTestApp } from '../../helpers/build-test-app.js'
import { MISSING, incidentNotFound, sender, validation } from '../../helpers/requests.js'

const { app, pool } = await buildTestApp(t)
const organizationId = await createOrganization(pool)

const send = sender(app)

async function createIncident (): Promise<string> {
  const { status, body } = await send('POST', '/incidents', { organization_id: organizationId, title: 'Blackout', incident_type: 'power' })
  if (status !== 201) throw new Error(`expected 201, got ${status}`)
  return body.incident_id
}

const outageNotFound = (id: string, incidentId: string) => ({
  status: 404,
  body: { statusCode: 404, code: 'INCIDENTS_OUTAGE_NOT_FOUND', error: 'Not Found', message: `Outage ${id} of incident ${incidentId} does not exist` }
})

const area = { type: 'Polygon', coordinates: [[[-97.8, 30.2], [-97.6, 30.2], [-97.6, 30.4], [-97.8, 30.4], [-97.8, 30.2]]] }
const spot = { type: 'Point', coordinates: [-97.7431, 30.2672] }

t.test('create, read through the incident, patch, delete', async t => {
  const incidentId = await createIncident()
  const created = await send('POST', `/incidents/${incidentId}/outages`, {
    utility_name: 'Austin Energy',
    started: '2024-07-04T12:00:00Z',
    customers_affected: 1200,
    location: { geometry: area, locality: 'Austin', administrative_area: 'TX' }
  })
  t.equal(created.status, 201)
  const outage = created.body
  t.same(outage, {
    outage_id: outage.outage_id,
    incident_id: incidentId,
    organization_id: organizationId,
    utility_name: 'Austin Energy',
    status: 'active',
    started: '2024-07-04T12:00:00.000Z',
    restored: null,
    customers_affected: 1200,
    location: {
      location_id: outage.location.location_id,
      geometry: area,
      thoroughfare: null,
      locality: 'Austin',
      administrative_area: 'TX',
      postal_code: null,
      country: null
    },
    created: outage.created,
    updated: outage.created
  })

  const incident = await send('GET', `/incidents/${incidentId}`)
  t.same(incident.body.outages, [outage], 'the incident shows the outage')

  const patched = await send('PATCH', `/incidents/${incidentId}/outages/${outage.outage_id}`, {
    status: 'restored', restored: '2024-07-04T18:30:00Z', customers_affected: null, location: { geometry: spot }
  })
  t.same(patched, {
    status: 200,
    body: {
      ...outage,
      status: 'restored',
      restored: '2024-07-04T18:30:00.000Z',
      customers_affected: null,
      location: { ...outage.location, geometry: spot, locality: null, administrative_area: null },
      updated: patched.body.updated
    }
  }, 'the location row is updated in place')

  const detached = await send('PATCH', `/incidents/${incidentId}/outages/${outage.outage_id}`, { location: null })
  t.same(detached.body, { ...patched.body, location: null, updated: detached.body.updated })

  t.same(await send('DELETE', `/incidents/${incidentId}/outages/${outage.outage_id}`), { status: 204, body: undefined })
  t.same((await send('GET', `/incidents/${incidentId}`)).body.outages, [])
  t.same(await send('DELETE', `/incidents/${incidentId}/outages/${outage.outage_id}`), outageNotFound(outage.outage_id, incidentId))
  t.same(await send('PATCH', `/incidents/${incidentId}/outages/${outage.outage_id}`, { utility_name: 'x' }),
    outageNotFound(outage.outage_id, incidentId))
})

t.test('an outage without a location, defaults filled', async t => {
  const incidentId = await createIncident()
  const { status, body } = await send('POST', `/incidents/${incidentId}/outages`, { utility_name: 'Water Co' })
  t.equal(status, 201)
  t.same(body, {
    outage_id: body.outage_id,
    incident_id: incidentId,
    organization_id: organizationId,
    utility_name: 'Water Co',
    status: 'active',
    started: body.created,
    restored: null,
    customers_affected: null,
    location: null,
    created: body.created,
    updated: body.created
  })
  const zero = await send('PATCH', `/incidents/${incidentId}/outages/${body.outage_id}`, { customers_affected: 0 })
  t.same(zero.body, { ...body, customers_affected: 0, updated: zero.body.updated }, 'zero stays zero, not null')
})

t.test('404: unknown or deleted incident, unknown outage, outage of another incident', async t => {
  const incidentId = await createIncident()
  const otherIncidentId = await createIncident()
  const { body: outage } = await send('POST', `/incidents/${otherIncidentId}/outages`, { utility_name: 'Grid' })
  const deletedIncidentId = await createIncident()
  t.equal((await send('DELETE', `/incidents/${deletedIncidentId}`)).status, 204)

  for (const id of [MISSING, deletedIncidentId]) {
    t.same(await send('POST', `/incidents/${id}/outages`, { utility_name: 'Grid' }), incidentNotFound(id))
    t.same(await send('PATCH', `/incidents/${id}/outages/${outage.outage_id}`, { utility_name: 'x' }), incidentNotFound(id))
    t.same(await send('DELETE', `/incidents/${id}/outages/${outage.outage_id}`), incidentNotFound(id))
  }
  for (const id of [MISSING, outage.outage_id]) {
    t.same(await send('PATCH', `/incidents/${incidentId}/outages/${id}`, { utility_name: 'x' }), outageNotFound(id, incidentId))
    t.same(await send('DELETE', `/incidents/${incidentId}/outages/${id}`), outageNotFound(id, incidentId))
  }
  const untouched = await send('GET', `/incidents/${otherIncidentId}`)
  t.same(untouched.body.outages, [outage], 'the other incident keeps its outage')
})

t.test('bad input is a 400 and writes nothing', async t => {
  const incidentId = await createIncident()
  const { body: outage } = await send('POST', `/incidents/${incidentId}/outages`, { utility_name: 'Grid', started: '2024-01-01T00:00:00Z' })
  const url = `/incidents/${incidentId}/outages`
  t.same(await send('POST', url, {}), validation("body must have required property 'utility_name'"))
  t.same(await send('POST', url, { utility_name: 'Grid', status: 'broken' }), validation('body/status must be equal to one of the allowed values'))
  t.same(await send('POST', url, { utility_name: 'Grid', customers_affected: -1 }), validation('body/customers_affected must be >= 0'))
  t.same(await send('POST', url, { utility_name: 'Grid', crew: 2 }), validation('body must NOT have additional properties'))
  t.same(await send('POST', '/incidents/zzz/outages', { utility_name: 'Grid' }), validation(`params/incident_id must match pattern "${Uuid.pattern}"`))
  t.same(await send('PATCH', `${url}/nope`, { utility_name: 'Grid' }), validation(`params/outage_id must match pattern "${Uuid.pattern}"`))
  t.same(await send('PATCH', `${url}/${outage.outage_id}`, {}), validation('body must NOT have fewer than 1 properties'))
  t.same(await send('POST', url, { utility_name: 'Grid', location: { geometry: { type: 'Point', coordinates: [200, 0] } } }), {
    status: 400,
    body: {
      statusCode: 400,
      code: 'INCIDENTS_INVALID_GEOMETRY',
      error: 'Bad Request',
      message: 'body/location/geometry: position [200, 0] is outside WGS 84: longitude must lie within ±180 and latitude within ±90'
    }
  })
  t.same(await send('PATCH', `${url}/${outage.outage_id}`, { restored: '2023-12-31T00:00:00Z' }), {
    status: 400,
    body: {
      statusCode: 400,
      code: 'SQLSTATE_23514',
      error: 'Bad Request',
      message: 'new row for relation "outages" violates check constraint "outages_restored_not_before_started"'
    }
  }, 'restored before started')
  t.same((await send('GET', `/incidents/${incidentId}`)).body.outages, [outage])
})
