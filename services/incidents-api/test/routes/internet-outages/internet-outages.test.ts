import t from 'tap'
import { Uuid } from '@incident-intel/schemas'
import { createOrganization } from '@incident-intel/test-support'
import { buildTestApp } from '../../helpers/build-test-app.js'
import { MISSING, incidentNotFound, sender, validation } from '../../helpers/requests.js'

const { app, pool } = await buildTestApp(t)
const organizationId = await createOrganization(pool)

const send = sender(app)

async function createIncident (): Promise<string> {
  const { status, body } = await send('POST', '/incidents', { organization_id: organizationId, title: 'Fibre cut', incident_type: 'telecom' })
  if (status !== 201) throw new Error(`expected 201, got ${status}`)
  return body.incident_id
}

const outageNotFound = (id: string, incidentId: string) => ({
  status: 404,
  body: { statusCode: 404, code: 'INCIDENTS_OUTAGE_NOT_FOUND', error: 'Not Found', message: `Internet outage ${id} of incident ${incidentId} does not exist` }
})

t.test('create, read through the incident, patch, delete', async t => {
  const incidentId = await createIncident()
  const created = await send('POST', `/incidents/${incidentId}/internet-outages`, { provider: 'Acme Fibre', started: '2024-08-01T09:15:00.5Z' })
  t.equal(created.status, 201)
  const outage = created.body
  t.same(outage, {
    internet_outage_id: outage.internet_outage_id,
    incident_id: incidentId,
    organization_id: organizationId,
    provider: 'Acme Fibre',
    started: '2024-08-01T09:15:00.500Z',
    restored: null,
    created: outage.created,
    updated: outage.created
  })
  t.same((await send('GET', `/incidents/${incidentId}`)).body.internet_outages, [outage])

  const patched = await send('PATCH', `/incidents/${incidentId}/internet-outages/${outage.internet_outage_id}`, {
    provider: 'Acme Fibre Ltd', restored: '2024-08-01T11:00:00Z'
  })
  t.same(patched, {
    status: 200,
    body: { ...outage, provider: 'Acme Fibre Ltd', restored: '2024-08-01T11:00:00.000Z', updated: patched.body.updated }
  })
  const reopened = await send('PATCH', `/incidents/${incidentId}/internet-outages/${outage.internet_outage_id}`, { restored: null })
  t.same(reopened.body, { ...patched.body, restored: null, updated: reopened.body.updated })

  t.same(await send('DELETE', `/incidents/${incidentId}/internet-outages/${outage.internet_outage_id}`), { status: 204, body: undefined })
  t.same((await send('GET', `/incidents/${incidentId}`)).body.internet_outages, [])
  t.same(await send('DELETE', `/incidents/${incidentId}/internet-outages/${outage.internet_outage_id}`),
    outageNotFound(outage.internet_outage_id, incidentId))
})

t.test('defaults: started is now', async t => {
  const incidentId = await createIncident()
  const { status, body } = await send('POST', `/incidents/${incidentId}/internet-outages`, { provider: 'Mobile' })
  t.same({ status, started: body.started, restored: body.restored }, { status: 201, started: body.created, restored: null })
})

t.test('404: unknown or deleted incident, unknown outage, outage of another incident', async t => {
  const incidentId = await createIncident()
  const otherIncidentId = await createIncident()
  const { body: outage } = await send('POST', `/incidents/${otherIncidentId}/internet-outages`, { provider: 'ISP' })
  const deletedIncidentId = await createIncident()
  t.equal((await send('DELETE', `/incidents/${deletedIncidentId}`)).status, 204)

  for (const id of [MISSING, deletedIncidentId]) {
    t.same(await send('POST', `/incidents/${id}/internet-outages`, { provider: 'ISP' }), incidentNotFound(id))
    t.same(await send('PATCH', `/incidents/${id}/internet-outages/${outage.internet_outage_id}`, { provider: 'x' }), incidentNotFound(id))
    t.same(await send('DELETE', `/incidents/${id}/internet-outages/${outage.internet_outage_id}`), incidentNotFound(id))
  }
  for (const id of [MISSING, outage.internet_outage_id]) {
    t.same(await send('PATCH', `/incidents/${incidentId}/internet-outages/${id}`, { provider: 'x' }), outageNotFound(id, incidentId))
    t.same(await send('DELETE', `/incidents/${incidentId}/internet-outages/${id}`), outageNotFound(id, incidentId))
  }
  t.same((await send('GET', `/incidents/${otherIncidentId}`)).body.internet_outages, [outage])
})

t.test('bad input is a 400 and writes nothing', async t => {
  const incidentId = await createIncident()
  const url = `/incidents/${incidentId}/internet-outages`
  const { body: outage } = await send('POST', url, { provider: 'ISP', started: '2024-01-01T00:00:00Z' })
  t.same(await send('POST', url, {}), validation("body must have required property 'provider'"))
  t.same(await send('POST', url, { provider: '' }), validation('body/provider must NOT have fewer than 1 characters'))
  t.same(await send('POST', url, { provider: 'ISP', location: null }), validation('body must NOT have additional properties'))
  t.same(await send('POST', url, { provider: 'ISP', restored: 'soon' }), validation('body/restored must match format "date-time"'))
  t.same(await send('PATCH', `${url}/${outage.internet_outage_id}`, {}), validation('body must NOT have fewer than 1 properties'))
  t.same(await send('PATCH', `${url}/bad`, { provider: 'x' }), validation(`params/internet_outage_id must match pattern "${Uuid.pattern}"`))
  t.same(await send('PATCH', `${url}/${outage.internet_outage_id}`, { restored: '2023-01-01T00:00:00Z' }), {
    status: 400,
    body: {
      statusCode: 400,
      code: 'SQLSTATE_23514',
      error: 'Bad Request',
      message: 'new row for relation "internet_outages" violates check constraint "internet_outages_restored_not_before_started"'
    }
  }, 'restored before started')
  t.same((await send('GET', `/incidents/${incidentId}`)).body.internet_outages, [outage])
})
