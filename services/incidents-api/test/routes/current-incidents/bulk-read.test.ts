import t from 'tap'
import { createOrganization } from '@incident-intel/test-support'
import { buildTestApp } from '../../helpers/build-test-app.js'
import { insertIncident } from '../../helpers/fixtures.js'
import { MISSING, sender, validation } from '../../helpers/requests.js'

const { app, pool } = await buildTestApp(t, { env: { CACHE_DRAIN: 'false' } })
const send = sender(app)
const north = await createOrganization(pool, 'North utility')
const south = await createOrganization(pool, 'South utility')
const cold = await createOrganization(pool, 'Cold utility')
const [n1, n2, resolved] = await Promise.all([
  insertIncident(pool, north, { title: 'North 1' }),
  insertIncident(pool, north, { title: 'North 2' }),
  insertIncident(pool, north, { title: 'North resolved', status: 'resolved' })
]).then(rows => rows.map(row => row.incident_id!)) as [string, string, string]
const s1 = (await insertIncident(pool, south, { title: 'South 1' })).incident_id!
const c1 = (await insertIncident(pool, cold, { title: 'Cold 1' })).incident_id!
const rebuilds = await Promise.all([north, south].map(organizationId => send('POST', '/incidents/current/rebuild', { organization_id: organizationId })))

async function bulk (incidentIds: unknown) {
  const response = await app.inject({ method: 'POST', url: '/incidents/current/bulk', payload: { incident_ids: incidentIds } as object })
  return { status: response.statusCode, cache: response.headers['x-cache'], body: response.json() }
}
const titles = (body: { incidents: Array<{ title: string }> }) => body.incidents.map(document => document.title)

t.test('documents in request order, each once; not_current in request order', async t => {
  t.same(rebuilds.map(rebuild => rebuild.body.documents), [2, 1])
  const all = await bulk([s1, n2, MISSING, n1, resolved, n2])
  t.same([all.status, all.cache, titles(all.body), all.body.not_current], [200, 'miss', ['South 1', 'North 2', 'North 1'], [MISSING, resolved]])
  const single = await send('GET', `/incidents/current/${n2}`)
  t.same(all.body.incidents[1], single.body, 'the same document the single read serves')

  const hits = await bulk([n1, s1])
  t.same([hits.cache, titles(hits.body), hits.body.not_current], ['hit', ['North 1', 'South 1'], []])
  const upper = await bulk([n1.toUpperCase()])
  t.same([upper.status, upper.body.incidents[0].incident_id], [200, n1], 'ids in canonical form')
})

t.test('a cold organization is read from the database, the others from the cache', async t => {
  const mixed = await bulk([c1, n1])
  t.same([mixed.status, mixed.cache, titles(mixed.body), mixed.body.incidents.map((d: { cache: { version: number | null } }) => d.cache.version === null)],
    [200, 'bypass', ['Cold 1', 'North 1'], [true, false]])
  await app.currentIncidents.settle()
})

t.test('a version bump between two bulk reads is seen by the second', async t => {
  const before = await bulk([n1])
  t.equal((await send('PATCH', `/incidents/${n1}`, { title: 'North 1, again' })).status, 200)
  const after = await bulk([n1])
  t.same(titles(after.body), ['North 1, again'])
  t.ok(after.body.incidents[0].cache.version > before.body.incidents[0].cache.version)
})

t.test('bad input is a 400', async t => {
  t.same(await send('POST', '/incidents/current/bulk', { incident_ids: [] }), validation('body/incident_ids must NOT have fewer than 1 items'))
  t.same(await send('POST', '/incidents/current/bulk', { incident_ids: Array.from({ length: 1001 }, () => MISSING) }),
    validation('body/incident_ids must NOT have more than 1000 items'))
  t.same(await send('POST', '/incidents/current/bulk', {}), validation("body must have required property 'incident_ids'"))
  t.same(await send('POST', '/incidents/current/bulk', { incident_ids: [MISSING], extra: 1 }), validation('body must NOT have additional properties'))
  const notUuid = await send('POST', '/incidents/current/bulk', { incident_ids: ['nope'] })
  t.same([notUuid.status, notUuid.body.error], [400, 'Bad Request'])
  t.match(notUuid.body.message, /^body\/incident_ids\/0 must match pattern/)
  const notJson = await app.inject({ method: 'POST', url: '/incidents/current/bulk', payload: 'x', headers: { 'content-type': 'text/plain' } })
  t.same([notJson.statusCode, notJson.json().error], [400, 'Bad Request'], 'a body that is no JSON object')
})
