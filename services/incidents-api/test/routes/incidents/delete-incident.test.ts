import t from 'tap'
import { Uuid } from '@incident-intel/schemas'
import { createOrganization, createRecord } from '@incident-intel/test-support'
import { buildTestApp } from '../../helpers/build-test-app.js'
import { MISSING, sender } from '../../helpers/requests.js'

const { app, pool } = await buildTestApp(t)
const organizationId = await createOrganization(pool)

const send = sender(app)

const notFound = (incidentId: string) => ({
  status: 404,
  body: { statusCode: 404, code: 'INCIDENTS_NOT_FOUND', error: 'Not Found', message: `Incident ${incidentId} does not exist` }
})

t.test('soft-deletes the incident with its outages, internet outages, asset links and edges', async t => {
  const created = await send('POST', '/incidents', { organization_id: organizationId, title: 'Outage', incident_type: 'power' })
  const incidentId: string = created.body.incident_id
  const outage = await send('POST', `/incidents/${incidentId}/outages`, { utility_name: 'Grid Co' })
  const internetOutage = await send('POST', `/incidents/${incidentId}/internet-outages`, { provider: 'ISP' })
  const assetId = await createRecord(pool, 'assets', organizationId)
  t.equal((await send('PUT', `/incidents/${incidentId}/assets`, { asset_ids: [assetId] })).status, 200)
  const intelRequestId = await createRecord(pool, 'intel_requests', organizationId)
  const edge = await send('POST', '/dependencies', {
    blocker_type: 'incidents', blocker_id: incidentId, dependent_type: 'intel_requests', dependent_id: intelRequestId
  })
  t.equal(edge.status, 201)

  t.same(await send('DELETE', `/incidents/${incidentId}`), { status: 204, body: undefined })
  t.same(await send('GET', `/incidents/${incidentId}`), notFound(incidentId))

  const { rows } = await pool.query(`
    select (select deleted is not null from incidents.incidents where incident_id = $1) as incident,
           (select deleted is not null from incidents.outages where outage_id = $2) as outage,
           (select deleted is not null from incidents.internet_outages where internet_outage_id = $3) as internet_outage,
           (select bool_and(deleted is not null) from incidents.incident_assets where incident_id = $1) as asset_links,
           (select deleted is not null from dependencies.dependencies where dependency_id = $4) as edge,
           (select deleted is null from assets.assets where asset_id = $5) as asset_lives_on`,
  [incidentId, outage.body.outage_id, internetOutage.body.internet_outage_id, edge.body.dependency_id, assetId])
  t.same(rows, [{ incident: true, outage: true, internet_outage: true, asset_links: true, edge: true, asset_lives_on: true }])

  t.same(await send('DELETE', `/incidents/${incidentId}`), notFound(incidentId), 'a second delete finds nothing live')
})

t.test('an unknown incident is a 404; a bad id a 400', async t => {
  t.same(await send('DELETE', `/incidents/${MISSING}`), notFound(MISSING))
  t.same(await send('DELETE', '/incidents/xyz'), {
    status: 400,
    body: { statusCode: 400, code: 'FST_ERR_VALIDATION', error: 'Bad Request', message: `params/incident_id must match pattern "${Uuid.pattern}"` }
  })
})

t.test('a deleted incident leaves the list', async t => {
  const organization = await createOrganization(pool, 'Listing')
  const kept = await send('POST', '/incidents', { organization_id: organization, title: 'Kept', incident_type: 'x' })
  const gone = await send('POST', '/incidents', { organization_id: organization, title: 'Gone', incident_type: 'x' })
  t.equal((await send('DELETE', `/incidents/${gone.body.incident_id}`)).status, 204)
  const list = await send('GET', `/incidents?organization_id=${organization}`)
  t.same(list, { status: 200, body: { incidents: [kept.body], next_cursor: null } })
})
