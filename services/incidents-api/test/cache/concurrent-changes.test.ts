import t from 'tap'
import { createOrganization } from '@incident-intel/test-support'
import { buildTestApp } from '../helpers/build-test-app.js'
import { insertAsset, insertEdge, insertIncident, insertIntelRequest, insertLocation, linkAsset, point } from '../helpers/fixtures.js'
import { databaseDocuments, settledCache } from '../helpers/cache-state.js'

// Random concurrent changes from every kind of writer (SQL from another client, incidents-api's
// routes), then the cache must equal the LATERAL query for every current incident.
const { app, pool, redis } = await buildTestApp(t)
const organizationId = await createOrganization(pool)
const seed = Number(process.env.CHANGES_SEED ?? 20261127)
let state = seed
const random = (n: number): number => {
  state = (state * 1103515245 + 12345) % 2147483648
  return state % n
}

const place = await insertLocation(pool, organizationId, point(13.4, 52.52))
const incidents = await Promise.all(Array.from({ length: 12 }, (_, n) => insertIncident(pool, organizationId, { title: `Incident ${n}`, location_id: place.location_id })))
const incidentIds = incidents.map(incident => incident.incident_id!)
const assets = await Promise.all(Array.from({ length: 6 }, (_, n) => insertAsset(pool, organizationId, place.location_id, `Asset ${n}`)))
const requests = await Promise.all(Array.from({ length: 24 }, () => insertIntelRequest(pool, organizationId)))
const requestIds = requests.map(request => request.intel_request_id)
for (const [i, incidentId] of incidentIds.entries()) {
  await insertEdge(pool, organizationId, ['incidents', incidentId], ['intel_requests', requestIds[i]!])
  await linkAsset(pool, organizationId, incidentId, assets[i % assets.length]!.asset_id)
}

const pick = <T>(items: T[]): T => items[random(items.length)]!

const changes: Array<() => Promise<unknown>> = [
  () => pool.query('update incidents.incidents set title = $2 where incident_id = $1', [pick(incidentIds), `Title ${random(1000)}`]),
  () => pool.query("update incidents.incidents set status = case when status = 'active' then 'monitoring' else 'active' end where incident_id = $1", [pick(incidentIds)]),
  () => pool.query("update intel_requests.intel_requests set status = 'in_progress', priority = 'high' where intel_request_id = $1", [pick(requestIds)]),
  () => pool.query('update assets.assets set asset_name = $2 where asset_id = $1', [pick(assets).asset_id, `Asset ${random(1000)}`]),
  () => pool.query('update locations.locations set locality = $2 where location_id = $1', [place.location_id, `Town ${random(1000)}`]),
  () => pool.query("insert into incidents.outages (organization_id, incident_id, utility_name) values ($1, $2, 'Grid')", [organizationId, pick(incidentIds)]),
  () => pool.query("insert into incidents.internet_outages (organization_id, incident_id, provider) values ($1, $2, 'ISP')", [organizationId, pick(incidentIds)]),
  // Edges may be refused (already live): that is another client's error, not the cache's business.
  () => insertEdge(pool, organizationId, ['incidents', pick(incidentIds)], ['intel_requests', pick(requestIds)]).catch(() => {}),
  () => insertEdge(pool, organizationId, ['intel_requests', pick(requestIds)], ['intel_requests', pick(requestIds)]).catch(() => {}),
  () => pool.query(`update dependencies.dependencies set deleted = now()
                     where dependency_id = (select dependency_id from dependencies.dependencies where deleted is null order by random() limit 1)`),
  () => app.inject({ method: 'PATCH', url: `/incidents/${pick(incidentIds)}`, payload: { title: `Patched ${random(1000)}` } }),
  () => app.inject({ method: 'POST', url: `/incidents/${pick(incidentIds)}/outages`, payload: { utility_name: 'Routed grid' } }),
  () => app.inject({ method: 'PUT', url: `/incidents/${pick(incidentIds)}/assets`, payload: { asset_ids: [pick(assets).asset_id, pick(assets).asset_id].filter((id, i, all) => all.indexOf(id) === i) } })
]

t.test(`300 random changes, 8 at a time (seed ${seed})`, async t => {
  const queue = Array.from({ length: 300 }, () => pick(changes))
  const failures: unknown[] = []
  await Promise.all(Array.from({ length: 8 }, async () => {
    for (let change = queue.shift(); change; change = queue.shift()) {
      const result = await change().catch(error => error)
      const status = (result as { statusCode?: number } | undefined)?.statusCode
      if (result instanceof Error || (status !== undefined && status >= 500)) failures.push(result)
    }
  }))
  t.same(failures, [], 'no change failed')

  const { cached, database } = await settledCache(redis, pool, organizationId, 10000)
  t.same(cached, database, 'the cache equals the LATERAL query for every current incident')
  t.equal(Object.keys(database).length, incidentIds.length)

  // And what the route serves, incident by incident.
  const served = await Promise.all(incidentIds.map(async id => {
    const response = await app.inject({ method: 'GET', url: `/incidents/current/${id}` })
    const { cache: _cache, ...document } = response.json()
    return [response.headers['x-cache'], document]
  }))
  const expected = await databaseDocuments(pool, organizationId)
  t.same(served, incidentIds.map(id => ['hit', expected[id]]))
})
