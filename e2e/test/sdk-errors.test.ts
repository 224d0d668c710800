import t from 'tap'
import type { ApiError } from '@incident-intel/sdk'
import { createOrganization } from '@incident-intel/test-support'
import { startServices } from './helpers/start-services.js'

// Errors come back through the SDK typed as the contract's envelope, {statusCode, code, error, message}.
const { incidents, intelRequests, pool } = await startServices(t)
const organizationId = await createOrganization(pool, 'SDK errors')
const UNKNOWN = '00000000-0000-4000-8000-000000000000'

t.test('404: an incident that is not current', async t => {
  const { data, error, response } = await incidents.GET('/incidents/current/{incident_id}', { params: { path: { incident_id: UNKNOWN } } })
  t.equal(data, undefined)
  t.equal(response.status, 404)
  const body: ApiError | undefined = error
  t.strictSame(body, {
    statusCode: 404,
    code: 'INCIDENTS_NOT_CURRENT',
    error: 'Not Found',
    message: `Incident ${UNKNOWN} is not current (resolved, deleted or unknown)`
  })
})

t.test('404: an unknown intel request', async t => {
  const { error, response } = await intelRequests.GET('/intel-requests/{intel_request_id}', { params: { path: { intel_request_id: UNKNOWN } } })
  t.equal(response.status, 404)
  t.strictSame(error, {
    statusCode: 404,
    code: 'INTEL_REQUESTS_NOT_FOUND',
    error: 'Not Found',
    message: `Intel request ${UNKNOWN} does not exist`
  })
})

t.test('400: a path parameter that is not a UUID', async t => {
  const { error, response } = await incidents.GET('/incidents/current/{incident_id}', { params: { path: { incident_id: 'not-a-uuid' } } })
  t.equal(response.status, 400)
  t.strictSame(error, {
    statusCode: 400,
    code: 'FST_ERR_VALIDATION',
    error: 'Bad Request',
    message: 'params/incident_id must match pattern "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"'
  })
})

t.test('400: a body with an unknown property', async t => {
  const { error, response } = await intelRequests.POST('/intel-requests', {
    // `urgency` is not in the contract: the service refuses it.
    body: { organization_id: organizationId, request_type: 'site_check', urgency: 'high' }
  })
  t.equal(response.status, 400)
  t.strictSame(error, {
    statusCode: 400,
    code: 'FST_ERR_VALIDATION',
    error: 'Bad Request',
    message: 'body must NOT have additional properties'
  })
})

t.test('409: an edge that would close a cycle carries the cycle', async t => {
  const first = await intelRequests.POST('/intel-requests', { body: { organization_id: organizationId, request_type: 'site_check' } })
  const a = first.data!.intel_request_id
  const second = await intelRequests.POST('/intel-requests', {
    body: { organization_id: organizationId, request_type: 'follow_up', blockers: [{ type: 'intel_requests', id: a }] }
  })
  const b = second.data!.intel_request_id
  const { error, response } = await incidents.POST('/dependencies', {
    body: { blocker_type: 'intel_requests', blocker_id: b, dependent_type: 'intel_requests', dependent_id: a }
  })
  t.equal(response.status, 409)
  t.strictSame(error, {
    statusCode: 409,
    code: 'DEPENDENCY_CYCLE',
    error: 'Conflict',
    message: `The dependency would close a cycle: intel_requests ${b} -> intel_requests ${a} -> intel_requests ${b}`,
    cycle: [{ type: 'intel_requests', id: b }, { type: 'intel_requests', id: a }, { type: 'intel_requests', id: b }]
  })
})
