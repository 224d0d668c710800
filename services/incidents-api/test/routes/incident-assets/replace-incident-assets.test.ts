import t from 'tap'
import { Uuid } from '@incident-intel/schemas'
import { createOrganization, createRecords } from '@incident-intel/test-support'
import { buildTestApp } from '../../helpers/build-test-app.js'
import { MISSING, sender, validation } from '../../helpers/requests.js'

const { app, pool } = await buildTestApp(t)
const organizationId = await createOrganization(pool)
const otherOrganizationId = await createOrganization(pool, 'Other')

const send = sender(app)

async function createIncident (): Promise<string> {
  const { status, body } = await send('POST', '/incidents', { organization_id: organizationId, title: 'Storm damage', incident_type: 'weather' })
  if (status !== 201) throw new Error(`expected 201, got ${status}`)
  return body.incident_id
}

const replace = (incidentId: string, assetIds: unknown) => send('PUT', `/incidents/${incidentId}/assets`, { asset_ids: assetIds })

// Three assets ("Fixture asset 1..3", one type); the second sits at a location.
const assetIds = await createRecords(pool, 'assets', organizationId, 3)
const [otherAssetId] = await createRecords(pool, 'assets', otherOrganizationId, 1)
const pylon = { type: 'Point', coordinates: [4.9041, 52.3676] }
const { rows: [placed] } = await pool.query<{ location_id: string }>(`
  insert into locations.locations (organization_id, location, locality)
  values ($1, st_setsrid(st_geomfromgeojson($2), 4326), 'Amsterdam') returning location_id`, [organizationId, JSON.stringify(pylon)])
await pool.query('update assets.assets set location_id = $1, metadata = $2 where asset_id = $3', [placed!.location_id, { voltage: 380 }, assetIds[1]])
const { rows: [type] } = await pool.query<{ asset_type_id: string, asset_type_name: string }>(
  'select t.asset_type_id, t.asset_type_name from assets.assets a join assets.asset_types t using (asset_type_id) where a.asset_id = $1', [assetIds[0]])

const asset = (n: 0 | 1 | 2) => ({
  asset_id: assetIds[n]!,
  asset_name: `Fixture asset ${n + 1}`,
  asset_type_id: type!.asset_type_id,
  asset_type_name: type!.asset_type_name,
  metadata: n === 1 ? { voltage: 380 } : {},
  location: n === 1
    ? { location_id: placed!.location_id, geometry: pylon, thoroughfare: null, locality: 'Amsterdam', administrative_area: null, postal_code: null, country: null }
    : null
})

async function links (incidentId: string) {
  const { rows } = await pool.query<{ asset_id: string, created: Date, live: boolean }>(
    'select asset_id, created, deleted is null as live from incidents.incident_assets where incident_id = $1 order by created, asset_id', [incidentId])
  return rows
}

t.test('links, replaces, empties and re-links the set', async t => {
  const incidentId = await createIncident()
  t.same(await replace(incidentId, [assetIds[1], assetIds[0]]), { status: 200, body: { assets: [asset(0), asset(1)] } })
  const [firstLink] = (await links(incidentId)).filter(link => link.asset_id === assetIds[1])

  t.same(await replace(incidentId, [assetIds[2], assetIds[1]]), { status: 200, body: { assets: [asset(1), asset(2)] } })
  const afterReplace = await links(incidentId)
  t.same(afterReplace.filter(link => link.live).map(link => link.asset_id).sort(), [assetIds[1], assetIds[2]].sort())
  t.same(afterReplace.find(link => link.asset_id === assetIds[1] && link.live)?.created, firstLink!.created, 'a kept link stays the same row')
  t.same(afterReplace.filter(link => link.asset_id === assetIds[0]).map(link => link.live), [false], 'a dropped link is soft-deleted')

  const incident = await send('GET', `/incidents/${incidentId}`)
  t.same(incident.body.assets, [asset(1), asset(2)], 'the incident shows the set')

  t.same(await replace(incidentId, []), { status: 200, body: { assets: [] } })
  t.same((await links(incidentId)).filter(link => link.live), [])

  t.same(await replace(incidentId, [assetIds[0]]), { status: 200, body: { assets: [asset(0)] } }, 'a dropped asset can come back')
  t.same(await replace(incidentId, [assetIds[0]]), { status: 200, body: { assets: [asset(0)] } }, 'the same set again changes nothing')
  t.same((await links(incidentId)).filter(link => link.live).map(link => link.asset_id), [assetIds[0]])
})

t.test('an asset of another organization (400) or a missing one (404) changes nothing', async t => {
  const incidentId = await createIncident()
  t.equal((await replace(incidentId, [assetIds[0]])).status, 200)
  const before = await links(incidentId)

  t.same(await replace(incidentId, [assetIds[1], otherAssetId]), {
    status: 400,
    body: {
      statusCode: 400,
      code: 'INCIDENTS_ASSET_CROSS_ORGANIZATION',
      error: 'Bad Request',
      message: `Asset ${otherAssetId} belongs to another organization than incident ${incidentId}`
    }
  })
  t.same(await replace(incidentId, [assetIds[2], MISSING]), {
    status: 404,
    body: { statusCode: 404, code: 'INCIDENTS_ASSET_NOT_FOUND', error: 'Not Found', message: `Asset ${MISSING} does not exist` }
  })

  const [deletedAssetId] = await createRecords(pool, 'assets', organizationId, 1)
  await pool.query('update assets.assets set deleted = now() where asset_id = $1', [deletedAssetId])
  t.same(await replace(incidentId, [deletedAssetId]), {
    status: 404,
    body: { statusCode: 404, code: 'INCIDENTS_ASSET_NOT_FOUND', error: 'Not Found', message: `Asset ${deletedAssetId} does not exist` }
  }, 'a deleted asset does not exist')

  t.same(await links(incidentId), before)
  t.same((await send('GET', `/incidents/${incidentId}`)).body.assets, [asset(0)])
})

t.test('an unknown or deleted incident is a 404', async t => {
  const deletedIncidentId = await createIncident()
  t.equal((await send('DELETE', `/incidents/${deletedIncidentId}`)).status, 204)
  for (const id of [MISSING, deletedIncidentId]) {
    t.same(await replace(id, [assetIds[0]]), {
      status: 404, body: { statusCode: 404, code: 'INCIDENTS_NOT_FOUND', error: 'Not Found', message: `Incident ${id} does not exist` }
    })
  }
})

t.test('bad input is a 400', async t => {
  const incidentId = await createIncident()
  t.same(await replace(incidentId, [assetIds[0], assetIds[0]]),
    validation('body/asset_ids must NOT have duplicate items (items ## 1 and 0 are identical)'))
  t.same(await replace(incidentId, ['asset-1']), validation(`body/asset_ids/0 must match pattern "${Uuid.pattern}"`))
  t.same(await replace(incidentId, Array.from({ length: 1001 }, () => MISSING)), validation('body/asset_ids must NOT have more than 1000 items'))
  t.same(await send('PUT', `/incidents/${incidentId}/assets`, { asset_ids: [], replace: true }), validation('body must NOT have additional properties'))
  t.same(await send('PUT', `/incidents/${incidentId}/assets`, {}), validation("body must have required property 'asset_ids'"))
  t.same(await replace('nope', []), validation(`params/incident_id must match pattern "${Uuid.pattern}"`))
})
