import t from 'tap'
import { createIncidentsClient, createIntelRequestsClient } from '@incident-intel/sdk'
import { createOrganization } from '@incident-intel/test-support'
import { startServices } from './helpers/start-services.js'

// Both services with AUTH_TOKENS set: the SDK's `token` is what lets a caller in.
const TOKEN = 'e2e-token-5f0c9b1d2a7e4c38'
const { incidents, intelRequests, urls, pool } = await startServices(t, { env: { AUTH_TOKENS: `${TOKEN},another-token-8d3e61b0` }, token: TOKEN })
const organizationId = await createOrganization(pool, 'Authenticated')

const anonymous = {
  incidents: createIncidentsClient({ baseUrl: urls.incidents }),
  intelRequests: createIntelRequestsClient({ baseUrl: urls.intelRequests })
}
const wrong = createIntelRequestsClient({ baseUrl: urls.intelRequests, token: 'not-a-token-of-this-service' })

t.test('with the token, reads and writes go through', async t => {
  const created = await incidents.POST('/incidents', {
    body: { organization_id: organizationId, title: 'Feeder trip', incident_type: 'power_outage' }
  })
  t.equal(created.response.status, 201)
  const request = await intelRequests.POST('/intel-requests', {
    body: { organization_id: organizationId, request_type: 'site_check', incident_id: created.data!.incident_id }
  })
  t.equal(request.response.status, 201)
  const listed = await intelRequests.GET('/intel-requests', { params: { query: { organization_id: organizationId } } })
  t.same(listed.data?.intel_requests.map(row => row.intel_request_id), [request.data!.intel_request_id])
})

t.test('without a token, or with a wrong one, every API route is a 401 in the error envelope', async t => {
  const missing = await anonymous.incidents.GET('/incidents', { params: { query: { organization_id: organizationId } } })
  t.same([missing.response.status, missing.response.headers.get('www-authenticate'), missing.error], [401, 'Bearer', {
    statusCode: 401,
    code: 'SERVICE_UNAUTHORIZED',
    error: 'Unauthorized',
    message: 'This service requires a bearer token: send Authorization: Bearer <token>'
  }])
  const created = await anonymous.intelRequests.POST('/intel-requests', { body: { organization_id: organizationId, request_type: 'site_check' } })
  t.equal(created.response.status, 401)
  const refused = await wrong.POST('/dependencies/resolve', {
    body: { roots: [{ type: 'intel_requests', id: organizationId }], direction: 'dependents' }
  })
  t.same([refused.response.status, refused.error?.message], [401, 'The bearer token is not valid'])
  const { rows } = await pool.query<{ count: string }>('select count(*) from intel_requests.intel_requests')
  t.same(rows, [{ count: '1' }], 'the refused write wrote nothing')
})

t.test('/health and /ready stay open for probes; /metrics and /docs do not', async t => {
  for (const base of [urls.incidents, urls.intelRequests]) {
    t.equal((await fetch(`${base}/health`)).status, 200)
    t.equal((await fetch(`${base}/ready`)).status, 200)
    t.equal((await fetch(`${base}/metrics`)).status, 401)
    t.equal((await fetch(`${base}/openapi.json`)).status, 401)
    t.equal((await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status, 200)
  }
})
