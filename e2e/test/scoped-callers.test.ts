import { randomUUID } from 'node:crypto'
import t, { type Test } from 'tap'
import type { Pool } from 'pg'
import { createIncidentsClient, createIntelRequestsClient } from '@incident-intel/sdk'
import { rsaKeyPair, seedRecords, serveJwks, signJwt, type JwtSigningKey, type SeededRecords } from '@incident-intel/test-support'
import { startServices, type RunningServices } from './helpers/start-services.js'

// Both services through the SDK, three organizations, callers scoped to one (A), two (A, B) and
// all of them: by static tokens and HS256 JWTs on one pair of services, by RS256 JWTs from a
// JWKS on another.
const STATIC = { one: 'e2e-scoped-one-7c1d9e2a', two: 'e2e-scoped-two-3b8f4a6c', all: 'e2e-scoped-all-5e2a7d1f' }
const SECRET = 'the-e2e-hs256-secret-0123456789abcdef'
const keys = rsaKeyPair('e2e-key')
const exp = Math.floor(Date.now() / 1000) + 600

interface World { services: RunningServices, A: SeededRecords, B: SeededRecords, C: SeededRecords }

async function world (env: Record<string, string>, organizations: [string, string, string]): Promise<World> {
  const services = await startServices(t, { env })
  const seed = async (pool: Pool, id: string) => {
    await pool.query("insert into organizations.organizations (organization_id, name) values ($1::uuid, 'Organization ' || $1::text)", [id])
    return seedRecords(pool, id)
  }
  const [A, B, C] = [await seed(services.pool, organizations[0]), await seed(services.pool, organizations[1]), await seed(services.pool, organizations[2])]
  return { services, A, B, C }
}

const ids: [string, string, string] = [randomUUID(), randomUUID(), randomUUID()]
const first = await world({
  AUTH_TOKENS: `${STATIC.one}:${ids[0]},${STATIC.two}:${ids[0]}|${ids[1]},${STATIC.all}`,
  AUTH_JWT_SECRET: SECRET
}, ids)
const second = await world({ AUTH_JWKS_URL: await serveJwks(t, [keys.jwk]) }, ids)

const hs256: JwtSigningKey = { alg: 'HS256', secret: SECRET }
const rs256: JwtSigningKey = { alg: 'RS256', privateKey: keys.privateKey, kid: 'e2e-key' }
const jwt = (key: JwtSigningKey, sub: string, orgIds: string[] | '*') => signJwt({ sub, org_ids: orgIds, exp }, key)

const forbidden = (organizationId: string) => ({
  statusCode: 403, code: 'SERVICE_ORGANIZATION_FORBIDDEN', error: 'Forbidden', message: `Organization ${organizationId} is not one this caller may use`
})

/** Every route the matrix covers, for one caller, on each organization. */
async function checkCaller (t: Test, { services, A, B, C }: World, token: string, visible: SeededRecords[]) {
  const incidents = createIncidentsClient({ baseUrl: services.urls.incidents, token })
  const intelRequests = createIntelRequestsClient({ baseUrl: services.urls.intelRequests, token })
  const all = [A, B, C]
  for (const records of all) {
    const sees = visible.includes(records)
    const label = `organization ${records === A ? 'A' : records === B ? 'B' : 'C'}`
    const incidentId = records.incident_id[0]!
    const requestId = records.intel_request_id[0]!

    const current = await incidents.GET('/incidents/current/{incident_id}', { params: { path: { incident_id: incidentId } } })
    t.same(sees ? [current.response.status, current.data?.incident_id] : [current.response.status, current.error], sees
      ? [200, incidentId]
      : [404, { statusCode: 404, code: 'INCIDENTS_NOT_CURRENT', error: 'Not Found', message: `Incident ${incidentId} is not current (resolved, deleted or unknown)` }],
    `${label}: the current document`)

    const incident = await incidents.GET('/incidents/{incident_id}', { params: { path: { incident_id: incidentId }, query: { get_recursive_dependencies: true } } })
    t.same(sees ? [incident.response.status, incident.data?.incident_id] : [incident.response.status, incident.error], sees
      ? [200, incidentId]
      : [404, { statusCode: 404, code: 'INCIDENTS_NOT_FOUND', error: 'Not Found', message: `Incident ${incidentId} does not exist` }], `${label}: the incident`)

    const request = await intelRequests.GET('/intel-requests/{intel_request_id}', { params: { path: { intel_request_id: requestId } } })
    t.same(sees ? [request.response.status, request.data?.intel_request_id] : [request.response.status, request.error], sees
      ? [200, requestId]
      : [404, { statusCode: 404, code: 'INTEL_REQUESTS_NOT_FOUND', error: 'Not Found', message: `Intel request ${requestId} does not exist` }], `${label}: the intel request`)

    const list = await intelRequests.GET('/intel-requests', { params: { query: { organization_id: records.organization_id } } })
    t.same(sees ? [list.response.status, list.data?.intel_requests.every(r => r.organization_id === records.organization_id), list.data?.intel_requests.some(r => r.intel_request_id === requestId)] : [list.response.status, list.error],
      sees ? [200, true, true] : [403, forbidden(records.organization_id)], `${label}: the intel request list`)

    const currentList = await incidents.GET('/incidents/current', { params: { query: { organization_id: records.organization_id } } })
    t.same(sees ? [currentList.response.status, currentList.data?.incidents.length] : [currentList.response.status, currentList.error],
      sees ? [200, 2] : [403, forbidden(records.organization_id)], `${label}: the organization list`)

    // A request of the caller's first organization may not hang from another's incident: unknown to it.
    const own = visible[0]!
    const parentId = records.incident_id[1]!
    const created = await intelRequests.POST('/intel-requests', {
      body: { organization_id: own.organization_id, request_type: 'site_check', incident_id: parentId }
    })
    const sameOrganization = records === own
    t.same(sameOrganization ? created.response.status : [created.response.status, created.error],
      sameOrganization
        ? 201
        : sees
          ? [400, { statusCode: 400, code: 'INTEL_REQUESTS_CROSS_ORGANIZATION', error: 'Bad Request', message: `Incident ${parentId} belongs to another organization than organization ${own.organization_id}` }]
          : [404, { statusCode: 404, code: 'INTEL_REQUESTS_REFERENCE_NOT_FOUND', error: 'Not Found', message: `Incident ${parentId} does not exist` }],
      `${label}: an intel request hanging from its incident`)
  }
  const incidentIds = all.flatMap(records => records.incident_id.slice(0, 2))
  const visibleIncidents = visible.flatMap(records => records.incident_id.slice(0, 2))
  const bulk = await incidents.POST('/incidents/current/bulk', { body: { incident_ids: incidentIds } })
  t.same([bulk.data?.incidents.map(i => i.incident_id), bulk.data?.not_current], [visibleIncidents, incidentIds.filter(id => !visibleIncidents.includes(id))], 'bulk documents')
  const requestIds = all.flatMap(records => records.intel_request_id)
  const visibleRequests = visible.flatMap(records => records.intel_request_id)
  const requests = await intelRequests.POST('/intel-requests/bulk', { body: { intel_request_ids: requestIds } })
  t.same([requests.data?.intel_requests.map(r => r.intel_request_id), requests.data?.not_found], [visibleRequests, requestIds.filter(id => !visibleRequests.includes(id))], 'bulk intel requests')
  const walk = await intelRequests.POST('/dependencies/resolve', {
    body: { roots: all.map(records => ({ type: 'incidents' as const, id: records.incident_id[0]! })), direction: 'dependents', max_distance: 10 }
  })
  t.same(walk.data?.results.map(result => result.edges.length), all.map(records => visible.includes(records) ? 2 : 0), 'walks stay within the caller\'s organizations')
}

t.test('static tokens and HS256 JWTs beside them', async t => {
  const { A, B } = first
  const callers: Array<[string, string, SeededRecords[]]> = [
    ['a static token scoped to one', STATIC.one, [A]],
    ['a static token scoped to two', STATIC.two, [A, B]],
    ['a static token for all', STATIC.all, [A, B, first.C]],
    ['an HS256 JWT scoped to one', jwt(hs256, 'sender-one', [A.organization_id]), [A]],
    ['an HS256 JWT scoped to two', jwt(hs256, 'sender-two', [A.organization_id, B.organization_id.toUpperCase()]), [A, B]],
    ['an HS256 service account', jwt(hs256, 'service-account', '*'), [A, B, first.C]]
  ]
  for (const [name, token, visible] of callers) await t.test(name, t => checkCaller(t, first, token, visible))
})

t.test('RS256 JWTs from a JWKS', async t => {
  const { A, B } = second
  const callers: Array<[string, string, SeededRecords[]]> = [
    ['scoped to one', jwt(rs256, 'sender-one', [A.organization_id]), [A]],
    ['scoped to two', jwt(rs256, 'sender-two', [A.organization_id, B.organization_id]), [A, B]],
    ['a service account', jwt(rs256, 'service-account', '*'), [A, B, second.C]]
  ]
  for (const [name, token, visible] of callers) await t.test(name, t => checkCaller(t, second, token, visible))
})

t.test('an expired or a wrongly signed JWT is a 401 on both services', async t => {
  const stranger = rsaKeyPair('e2e-key')
  const tokens: Array<[World, string, string]> = [
    [first, signJwt({ sub: 'late', org_ids: '*', exp: Math.floor(Date.now() / 1000) - 60 }, hs256), 'The bearer token has expired'],
    [first, jwt({ alg: 'HS256', secret: `${SECRET}-wrong` }, 'forger', '*'), 'The bearer token is not valid'],
    [second, signJwt({ sub: 'late', org_ids: '*', exp: Math.floor(Date.now() / 1000) - 60 }, rs256), 'The bearer token has expired'],
    [second, jwt({ alg: 'RS256', privateKey: stranger.privateKey, kid: 'e2e-key' }, 'forger', '*'), 'The bearer token is not valid']
  ]
  for (const [{ services, A }, token, message] of tokens) {
    const incidents = createIncidentsClient({ baseUrl: services.urls.incidents, token })
    const intelRequests = createIntelRequestsClient({ baseUrl: services.urls.intelRequests, token })
    const replies = [
      await incidents.GET('/incidents/current/{incident_id}', { params: { path: { incident_id: A.incident_id[0]! } } }),
      await intelRequests.GET('/intel-requests', { params: { query: { organization_id: A.organization_id } } })
    ]
    for (const reply of replies) {
      t.same([reply.response.status, reply.response.headers.get('www-authenticate'), reply.error],
        [401, 'Bearer', { statusCode: 401, code: 'SERVICE_UNAUTHORIZED', error: 'Unauthorized', message }], message)
    }
  }
})
