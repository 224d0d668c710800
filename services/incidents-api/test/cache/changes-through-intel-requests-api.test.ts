import t, { type Test } from 'tap'
import { buildApp as buildIntelRequestsApp } from '@incident-intel/intel-requests-api'
import { loadConfig, serviceEnvSchema } from '@incident-intel/service-kit'
import { createOrganization, testRedisEnv } from '@incident-intel/test-support'
import { buildTestApp } from '../helpers/build-test-app.js'
import { insertIncident } from '../helpers/fixtures.js'
import { settledCache } from '../helpers/cache-state.js'

// intel-requests-api writes; incidents-api's cache must follow, through the queue alone.
const { pool, redis, url } = await buildTestApp(t)
const intelRequestsApi = await buildIntelRequestsApp({
  config: loadConfig(serviceEnvSchema(0), { DATABASE_URL: url, ...testRedisEnv(), LOG_LEVEL: 'silent' }),
  logger: false
})
t.teardown(() => intelRequestsApi.close())
const organizationId = await createOrganization(pool)
const incident = await insertIncident(pool, organizationId)
const incidentId = incident.incident_id!

async function call (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) {
  const response = await intelRequestsApi.inject({ method, url, ...(payload ? { payload } : {}) })
  return { status: response.statusCode, body: response.body === '' ? undefined : response.json() }
}

async function cachedIncident (t: Test) {
  const { cached, database } = await settledCache(redis, pool, organizationId)
  t.same(cached, database, 'the cache equals the LATERAL query')
  return cached[incidentId] as { intel_requests: Array<{ intel_request_id: string, status: string }>, parent_intel_requests: Array<{ intel_request_id: string }> }
}

t.test('create, edit, link and delete intel requests through intel-requests-api', async t => {
  const created = await call('POST', '/intel-requests', { organization_id: organizationId, request_type: 'site_check', incident_id: incidentId })
  t.equal(created.status, 201)
  const requestId = created.body.intel_request_id as string
  t.same((await cachedIncident(t)).intel_requests.map(r => [r.intel_request_id, r.status]), [[requestId, 'pending']])

  t.equal((await call('PATCH', `/intel-requests/${requestId}`, { status: 'in_progress' })).status, 200)
  t.same((await cachedIncident(t)).intel_requests.map(r => [r.intel_request_id, r.status]), [[requestId, 'in_progress']])

  const parent = await call('POST', '/intel-requests', { organization_id: organizationId, request_type: 'follow_up', blockers: [{ type: 'intel_requests', id: requestId }] })
  t.equal(parent.status, 201)
  t.same((await cachedIncident(t)).parent_intel_requests.map(r => r.intel_request_id), [parent.body.intel_request_id])

  t.equal((await call('DELETE', `/intel-requests/${requestId}`)).status, 204)
  const document = await cachedIncident(t)
  t.same([document.intel_requests, document.parent_intel_requests], [[], []])
})
