import t, { type Test } from 'tap'
import { Redis } from 'ioredis'
import { createOrganization, testRedisUrl } from '@incident-intel/test-support'
import { EPOCH_KEY } from '@incident-intel/incidents-api/cache/cache-keys'
import { cachedDocuments, databaseDocuments, quiesce } from '../../services/incidents-api/test/helpers/cache-state.js'
import {
  createStore, seedRecords, startIncidentsApi, startIntelRequestsApi, type IncidentsApi, type IntelRequestsApi
} from './helpers/fuzz-services.js'

// Every route of both services, with its ids in upper and in mixed case: the same answer as in
// lower case, ids spelled lower case, and no Redis key or field in any other spelling.

const store = await createStore(t)
const incidents = await startIncidentsApi(t, store)
const intelRequests = await startIntelRequestsApi(t, store)
const A = await seedRecords(store.pool, await createOrganization(store.pool, 'Organization A'))
const organizationId = A.organization_id
const [incidentId, secondIncidentId] = A.incident_id as [string, string, string]
const [firstRequest, secondRequest, thirdRequest] = A.intel_request_id as [string, string, string]

const upper = (id: string) => id.toUpperCase()
const mixed = (id: string) => [...id].map((c, i) => i % 2 === 0 ? c.toUpperCase() : c).join('')
const SPELLINGS = { upper, mixed } as const
const ANY_UPPER_UUID = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/g
const hasUpperCaseUuid = (text: string) => (text.match(ANY_UPPER_UUID) ?? []).some(id => id !== id.toLowerCase())

async function send (app: IncidentsApi | IntelRequestsApi, method: string, url: string, body?: unknown) {
  const response = await app.inject({ method: method as 'GET', url, ...(body === undefined ? {} : { payload: body as object }) })
  return { status: response.statusCode, cache: response.headers['x-cache'], body: response.body.length > 0 ? response.json() : undefined, text: response.body }
}

/** The read in lower case, then in each other spelling: exactly the same answer, ids in lower case. */
async function sameAnswer (t: Test, app: IncidentsApi | IntelRequestsApi, method: string, request: (spell: (id: string) => string) => [string, unknown?]) {
  const [url, body] = request(id => id)
  const expected = await send(app, method, url, body)
  t.equal(expected.status, 200, `${method} ${url}`)
  t.notOk(hasUpperCaseUuid(expected.text))
  for (const [name, spell] of Object.entries(SPELLINGS)) {
    const [spelledUrl, spelledBody] = request(spell)
    t.not(spelledUrl + JSON.stringify(spelledBody), url + JSON.stringify(body), `${name}: the request does differ`)
    t.strictSame(await send(app, method, spelledUrl, spelledBody), expected, `${method} ${spelledUrl} (${name})`)
  }
}

t.before(async () => {
  for (const id of [organizationId, upper(organizationId)]) {
    t.equal((await send(incidents, 'POST', '/incidents/current/rebuild', { organization_id: id })).status, 200)
  }
  await quiesce(incidents, store.pool)
})

t.test('reads of incidents-api', async t => {
  const recursive = 'get_recursive_dependencies=true&recursive_dependency_type=blockers&recursive_max_distance=3'
  await sameAnswer(t, incidents, 'GET', spell => [`/incidents/${spell(incidentId)}`])
  await sameAnswer(t, incidents, 'GET', spell => [`/incidents/${spell(incidentId)}?${recursive}`])
  await sameAnswer(t, incidents, 'GET', spell => [`/incidents?organization_id=${spell(organizationId)}&limit=2`])
  await sameAnswer(t, incidents, 'GET', spell => [`/incidents/current?organization_id=${spell(organizationId)}`])
  await sameAnswer(t, incidents, 'GET', spell => [`/incidents/current/${spell(incidentId)}`])
  t.equal((await send(incidents, 'GET', `/incidents/current/${upper(incidentId)}`)).cache, 'hit', 'served from the one canonical hash')
  t.equal((await send(incidents, 'GET', `/incidents/current?organization_id=${upper(organizationId)}`)).cache, 'hit')
})

t.test('reads of intel-requests-api', async t => {
  const recursive = 'get_recursive_dependencies=true&recursive_record_types=intel_requests,incidents'
  await sameAnswer(t, intelRequests, 'GET', spell => [`/intel-requests/${spell(secondRequest)}`])
  await sameAnswer(t, intelRequests, 'GET', spell => [`/intel-requests/${spell(firstRequest)}?${recursive}`])
  await sameAnswer(t, intelRequests, 'POST', spell => [`/intel-requests/bulk?${recursive}`, { intel_request_ids: [spell(thirdRequest), spell(firstRequest), firstRequest] }])
  await sameAnswer(t, intelRequests, 'GET', spell => [`/intel-requests?organization_id=${spell(organizationId)}&incident_id=${spell(incidentId)}`])
  const bulk = await send(intelRequests, 'POST', '/intel-requests/bulk', { intel_request_ids: [upper(firstRequest), mixed(firstRequest), firstRequest] })
  t.strictSame(bulk.body.intel_requests.map((r: { intel_request_id: string }) => r.intel_request_id), [firstRequest], 'one id in three spellings is one record')
})

t.test('the /dependencies reads of both services', async t => {
  for (const app of [incidents, intelRequests]) {
    await sameAnswer(t, app, 'GET', spell => [`/dependencies?record_type=incidents&record_id=${spell(incidentId)}`])
    await sameAnswer(t, app, 'POST', spell => ['/dependencies/resolve', {
      roots: [{ type: 'incidents', id: spell(incidentId) }, { type: 'intel_requests', id: spell(firstRequest) }], direction: 'dependents'
    }])
  }
})

t.test('writes of incidents-api', async t => {
  const put = `${organizationId.slice(0, 24)}abcdef123456`
  const created = await send(incidents, 'PUT', `/incidents/${upper(put)}`, { organization_id: upper(organizationId), title: 'Upserted', incident_type: 'power' })
  t.equal(created.status, 201)
  t.match(created.body, { incident_id: put, organization_id: organizationId })
  t.strictSame((await send(incidents, 'PUT', `/incidents/${mixed(put)}`, { organization_id: mixed(organizationId), title: 'Replaced', incident_type: 'power' })).status, 200,
    'the same incident in another spelling is replaced, not created')
  t.strictSame((await send(incidents, 'PATCH', `/incidents/${upper(put)}`, { title: 'Patched' })).body, (await send(incidents, 'GET', `/incidents/${put}`)).body)

  const posted = await send(incidents, 'POST', '/incidents', { organization_id: mixed(organizationId), title: 'Posted', incident_type: 'fire' })
  t.same([posted.status, posted.body.organization_id], [201, organizationId])

  const outage = await send(incidents, 'POST', `/incidents/${upper(secondIncidentId)}/outages`, { utility_name: 'Grid' })
  t.same([outage.status, outage.body.incident_id], [201, secondIncidentId])
  const patchedOutage = await send(incidents, 'PATCH', `/incidents/${mixed(secondIncidentId)}/outages/${upper(outage.body.outage_id)}`, { customers_affected: 7 })
  t.same([patchedOutage.status, patchedOutage.body.outage_id, patchedOutage.body.customers_affected], [200, outage.body.outage_id, 7])
  t.equal((await send(incidents, 'DELETE', `/incidents/${upper(secondIncidentId)}/outages/${mixed(outage.body.outage_id)}`)).status, 204)

  const internet = await send(incidents, 'POST', `/incidents/${mixed(secondIncidentId)}/internet-outages`, { provider: 'Fiber' })
  t.same([internet.status, internet.body.incident_id], [201, secondIncidentId])
  const patchedInternet = await send(incidents, 'PATCH', `/incidents/${upper(secondIncidentId)}/internet-outages/${mixed(internet.body.internet_outage_id)}`, { provider: 'Cable' })
  t.same([patchedInternet.status, patchedInternet.body.internet_outage_id, patchedInternet.body.provider], [200, internet.body.internet_outage_id, 'Cable'])
  t.equal((await send(incidents, 'DELETE', `/incidents/${mixed(secondIncidentId)}/internet-outages/${upper(internet.body.internet_outage_id)}`)).status, 204)

  const assets = await send(incidents, 'PUT', `/incidents/${upper(secondIncidentId)}/assets`, { asset_ids: A.asset_id.map(upper) })
  t.same([assets.status, assets.body.assets.map((a: { asset_id: string }) => a.asset_id).sort()], [200, [...A.asset_id].sort()])
  const sameTwice = await send(incidents, 'PUT', `/incidents/${secondIncidentId}/assets`, { asset_ids: [A.asset_id[0], upper(A.asset_id[0]!)] })
  t.same([sameTwice.status, sameTwice.body.message], [400, 'body/asset_ids must NOT have duplicate items (items ## 1 and 0 are identical)'],
    'one asset in two spellings is a repeated asset')

  const rebuilt = await send(incidents, 'POST', '/incidents/current/rebuild', { organization_id: mixed(organizationId) })
  t.same([rebuilt.status, rebuilt.body.organization_id], [200, organizationId])
  t.equal((await send(incidents, 'DELETE', `/incidents/${mixed(put)}`)).status, 204)
  t.equal((await send(incidents, 'GET', `/incidents/${put}`)).status, 404, 'deleted, in every spelling')
})

t.test('writes of intel-requests-api and /dependencies', async t => {
  const created = await send(intelRequests, 'POST', '/intel-requests', {
    organization_id: upper(organizationId),
    request_type: 'site_check',
    asset_id: mixed(A.asset_id[1]!),
    location_id: upper(A.location_id[0]!),
    incident_id: upper(incidentId),
    blockers: [{ type: 'incidents', id: mixed(incidentId) }, { type: 'intel_requests', id: upper(thirdRequest) }]
  })
  t.equal(created.status, 201)
  t.match(created.body, { organization_id: organizationId, asset_id: A.asset_id[1], location_id: A.location_id[0] })
  t.strictSame(created.body.dependencies.blockers.map((e: { blocker_id: string }) => e.blocker_id).sort(), [incidentId, thirdRequest].sort(),
    'the incident named twice in two spellings is one edge')
  const id = created.body.intel_request_id
  const patched = await send(intelRequests, 'PATCH', `/intel-requests/${upper(id)}`, { asset_id: upper(A.asset_id[0]!), location_id: mixed(A.location_id[0]!) })
  t.strictSame([patched.status, patched.body], [200, (await send(intelRequests, 'GET', `/intel-requests/${id}`)).body])
  t.match(patched.body, { intel_request_id: id, asset_id: A.asset_id[0], location_id: A.location_id[0] })

  for (const app of [incidents, intelRequests]) {
    const edge = { blocker_type: 'intel_requests', blocker_id: upper(secondRequest), dependent_type: 'intel_requests', dependent_id: mixed(id) }
    const added = await send(app, 'POST', '/dependencies', edge)
    t.same([added.status, added.body.blocker_id, added.body.dependent_id], [201, secondRequest, id])
    t.strictSame(await send(app, 'POST', '/dependencies', { ...edge, blocker_id: secondRequest, dependent_id: id }), { ...added, status: 200 }, 'the same edge in lower case')
    t.equal((await send(app, 'DELETE', `/dependencies/${upper(added.body.dependency_id)}`)).status, 204)
  }
  t.equal((await send(intelRequests, 'DELETE', `/intel-requests/${mixed(id)}`)).status, 204)
  t.equal((await send(intelRequests, 'GET', `/intel-requests/${id}`)).status, 404)
})

t.test('after the run: the cache equals the database, and no Redis key or field spells an id in upper case', async t => {
  await quiesce(incidents, store.pool)
  const plain = new Redis(testRedisUrl(), { lazyConnect: true })
  await plain.connect()
  t.teardown(() => plain.quit())
  const keys: string[] = []
  let cursor = '0'
  for (let round = 0; round < 1000; round++) {
    const [next, batch] = await plain.scan(cursor, 'MATCH', `${store.prefix}*`, 'COUNT', 1000)
    keys.push(...batch)
    cursor = next
    if (cursor === '0') break
  }
  // The rate limits' counters, one per budget of this one caller, name no id.
  const names = keys.map(key => key.slice(store.prefix.length))
  t.strictSame(names.filter(name => name.startsWith('rate-limit:')).sort(),
    ['rate-limit:expensive:ip:127.0.0.1', 'rate-limit:reads:ip:127.0.0.1', 'rate-limit:writes:ip:127.0.0.1'])
  const cacheKeys = keys.filter(key => !key.startsWith(`${store.prefix}rate-limit:`))
  t.strictSame(cacheKeys.map(key => key.slice(store.prefix.length)).sort(), [
    `current_incidents:{${organizationId}}:documents`, `current_incidents:{${organizationId}}:versions`,
    `current_incidents:{${organizationId}}:changes`, EPOCH_KEY
  ].sort(), "the organization's three keys (documents, versions, change log), in lower case, and the cache's epoch, and no other")
  for (const key of cacheKeys) {
    if (await plain.type(key) === 'stream') {
      // The change log: each entry's fields and values but the msgpack document, which the documents check below covers.
      const entries = await plain.xrange(key, '-', '+')
      t.ok(entries.length > 0, `${key}: the run's changes are logged`)
      const spelt = entries.flatMap(([, fields]) => fields.filter((_, i) => fields[i - 1] !== 'document'))
      t.strictSame(spelt.filter(hasUpperCaseUuid), [], `${key}: every incident id in lower case`)
    } else {
      t.strictSame((await plain.hkeys(key)).filter(hasUpperCaseUuid), [], `${key}: every field in lower case`)
    }
  }
  const cached = await cachedDocuments(incidents.redis, organizationId)
  t.notOk(hasUpperCaseUuid(JSON.stringify(cached)), 'every id inside the documents in lower case')
  t.same(cached, await databaseDocuments(store.pool, organizationId), 'the cache equals the LATERAL query')
})
