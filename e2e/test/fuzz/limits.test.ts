import t, { type Test } from 'tap'
import { createOrganization } from '@incident-intel/test-support'
import {
  STATEMENT_TIMEOUT_MS, createStore, seedRecords, startIncidentsApi, startIntelRequestsApi,
  type IncidentsApi, type IntelRequestsApi
} from '../helpers/fuzz-services.js'
import { deepJsonText, httpSender, type FuzzRequest } from '../helpers/openapi-fuzz.js'

const store = await createStore(t)
const incidents = await startIncidentsApi(t, store)
const intelRequests = await startIntelRequestsApi(t, store)
const organizationId = await createOrganization(store.pool, 'Limits')
const seeded = await seedRecords(store.pool, organizationId)
const services: Array<[string, IncidentsApi | IntelRequestsApi]> = [['incidents-api', incidents], ['intel-requests-api', intelRequests]]
const senders = new Map<string, (request: FuzzRequest) => Promise<{ status: number, body: string }>>()
for (const [name, app] of services) senders.set(name, httpSender(await app.listen({ port: 0, host: '127.0.0.1' })))

const json = (method: string, url: string, payload: string): FuzzRequest => ({ method, url, headers: { 'content-type': 'application/json' }, payload })
const uuid = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`

/** Sends over HTTP and checks the status and the error envelope, then that the service still answers. */
async function expectRefused (t: Test, service: string, request: FuzzRequest, status: number | number[], code?: string) {
  const send = senders.get(service)!
  const response = await send(request)
  const statuses = Array.isArray(status) ? status : [status]
  t.ok(statuses.includes(response.status), `${request.method} ${request.url.slice(0, 60)}: ${response.status} is one of ${statuses.join(', ')}`)
  const body = JSON.parse(response.body) as Record<string, unknown>
  t.match(body, { statusCode: response.status, error: String, message: String }, 'the error envelope')
  if (code !== undefined) t.equal(body.code, code)
  t.equal((await send({ method: 'GET', url: '/health', headers: {} })).status, 200, 'the service still answers')
}

t.test('a body over 1 MiB is a 413 with the envelope, not a reset', async t => {
  const big = `{"organization_id":"${organizationId}","request_type":"x","description":"${'A'.repeat(1024 * 1024)}"}`
  await expectRefused(t, 'intel-requests-api', json('POST', '/intel-requests', big), 413, 'FST_ERR_CTP_BODY_TOO_LARGE')
  const incident = `{"organization_id":"${organizationId}","title":"x","incident_type":"x","metadata":{"x":"${'A'.repeat(1024 * 1024)}"}}`
  await expectRefused(t, 'incidents-api', json('POST', '/incidents', incident), 413, 'FST_ERR_CTP_BODY_TOO_LARGE')
  await expectRefused(t, 'incidents-api', json('POST', '/dependencies/resolve', `{"roots":[${`{"type":"incidents","id":"${uuid(1)}"},`.repeat(20_000)}{"type":"incidents","id":"${uuid(2)}"}],"direction":"dependents"}`), 413, 'FST_ERR_CTP_BODY_TOO_LARGE')
})

t.test('an id array of 1,001 is a 400', async t => {
  const ids = JSON.stringify(Array.from({ length: 1001 }, (_, i) => uuid(i)))
  await expectRefused(t, 'intel-requests-api', json('POST', '/intel-requests/bulk', `{"intel_request_ids":${ids}}`), 400, 'FST_ERR_VALIDATION')
  const roots = JSON.stringify(Array.from({ length: 1001 }, (_, i) => ({ type: 'incidents', id: uuid(i) })))
  for (const [service] of services) {
    await expectRefused(t, service, json('POST', '/dependencies/resolve', `{"roots":${roots},"direction":"dependents"}`), 400, 'FST_ERR_VALIDATION')
  }
  const assets = JSON.stringify(Array.from({ length: 10_001 }, (_, i) => uuid(i)))
  await expectRefused(t, 'incidents-api', json('PUT', `/incidents/${seeded.incident_id[0]}/assets`, `{"asset_ids":${assets}}`), 400, 'FST_ERR_VALIDATION')
})

t.test('a 10,000-element blockers array is a 400', async t => {
  const blockers = JSON.stringify(Array.from({ length: 10_000 }, () => ({ type: 'incidents', id: seeded.incident_id[0] })))
  await expectRefused(t, 'intel-requests-api',
    json('POST', '/intel-requests', `{"organization_id":"${organizationId}","request_type":"x","blockers":${blockers}}`), 400, 'FST_ERR_VALIDATION')
  const { rows } = await store.pool.query("select count(*)::int as count from intel_requests.intel_requests where request_type = 'x'")
  t.equal(rows[0].count, 0, 'nothing was written')
})

t.test('a query string of 100 kB is a 4xx, not a crash', async t => {
  const long = 'A'.repeat(100_000)
  await expectRefused(t, 'incidents-api', { method: 'GET', url: `/incidents?organization_id=${organizationId}&cursor=${long}`, headers: {} }, [400, 414, 431])
  await expectRefused(t, 'intel-requests-api', { method: 'GET', url: `/intel-requests?organization_id=${organizationId}&cursor=${long}`, headers: {} }, [400, 414, 431])
  await expectRefused(t, 'intel-requests-api', { method: 'GET', url: `/intel-requests/${seeded.intel_request_id[0]}?recursive_record_types=${'incidents,'.repeat(10_000)}incidents`, headers: {} }, [400, 414, 431])
})

t.test('JSON nested 10,000 deep is a 400, wherever it is', async t => {
  const deep = deepJsonText(10_000)
  const deepArray = deepJsonText(10_000, 'array')
  for (const metadata of [deep, deepArray, deepJsonText(1337)]) {
    await expectRefused(t, 'intel-requests-api',
      json('POST', '/intel-requests', `{"organization_id":"${organizationId}","request_type":"deep","metadata":{"x":${metadata}}}`), 400, 'SERVICE_JSON_TOO_DEEP')
    await expectRefused(t, 'incidents-api',
      json('POST', '/incidents', `{"organization_id":"${organizationId}","title":"deep","incident_type":"x","metadata":{"x":${metadata}}}`), 400, 'SERVICE_JSON_TOO_DEEP')
    await expectRefused(t, 'incidents-api',
      json('PATCH', `/incidents/${seeded.incident_id[0]}`, `{"metadata":{"x":${metadata}}}`), 400, 'SERVICE_JSON_TOO_DEEP')
  }
  for (const [service] of services) await expectRefused(t, service, json('POST', '/dependencies', deep), 400, 'SERVICE_JSON_TOO_DEEP')
  const { rows } = await store.pool.query(
    "select (select count(*) from intel_requests.intel_requests where request_type = 'deep') + (select count(*) from incidents.incidents where title = 'deep') as count")
  t.equal(Number(rows[0].count), 0, 'nothing was written')
  const incident = await incidents.inject({ method: 'GET', url: `/incidents/${seeded.incident_id[0]}` })
  t.strictSame(incident.json().metadata, {}, 'the patched incident kept its metadata')
})

t.test("each service's pool runs with the configured statement_timeout", async t => {
  for (const [name, app] of services) {
    const client = await app.pg.connect()
    try {
      const { rows } = await client.query("select extract(epoch from current_setting('statement_timeout')::interval) * 1000 as ms")
      t.equal(Number(rows[0].ms), STATEMENT_TIMEOUT_MS, name)
    } finally {
      client.release()
    }
  }
})
