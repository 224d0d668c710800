import t from 'tap'
import { Type } from '@sinclair/typebox'
import { createTestDatabase, rsaKeyPair, serveJwks, signJwt } from '@incident-intel/test-support'
import type { CanonicalUuid } from '@incident-intel/schemas'
import { assertOrganization, loadConfig, serviceEnvSchema, tokenSubject } from '../src/index.js'
import { buildService } from './helpers/build-service.js'

const { url } = await createTestDatabase(t)
const TOKEN = 'k7Q2mZr9VxW4pL8s-first'
const OTHER = 'Zp4u8LqV2nR6tY1w-second'

async function build (env: Record<string, string>, logLines: string[] = []) {
  const config = loadConfig(serviceEnvSchema(0), { DATABASE_URL: url, REDIS_URL: process.env.TEST_REDIS_URL, ...env })
  const stream = { write: (line: string) => { logLines.push(line) } }
  const app = await buildService(config, { level: 'info', stream })
  app.get('/things', {
    schema: { operationId: 'listThings', summary: 'Things', response: { 200: Type.Object({ things: Type.Array(Type.String()) }) } }
  }, async () => ({ things: ['a'] }))
  // The caller as the request sees it: its subject and its organizations.
  app.get('/caller', { schema: { hide: true } }, async (request) => ({
    subject: request.caller.subject,
    organizations: request.caller.organizations === 'all' ? 'all' : [...request.caller.organizations].sort()
  }))
  // A route that names an organization, as the services' lists do.
  app.get('/organizations/:organization_id', { schema: { hide: true } }, async (request) => {
    const { organization_id: organizationId } = request.params as { organization_id: CanonicalUuid }
    assertOrganization(request.caller, organizationId)
    return { organization_id: organizationId }
  })
  await app.ready()
  t.teardown(() => app.close())
  return app
}

t.test('with AUTH_TOKENS, every route but /health and /ready needs a valid bearer token', async t => {
  const logLines: string[] = []
  const app = await build({ AUTH_TOKENS: `${TOKEN},${OTHER}` }, logLines)
  const unauthorized = (message: string) => ({
    statusCode: 401, code: 'SERVICE_UNAUTHORIZED', error: 'Unauthorized', message
  })
  const missing = await app.inject('/things')
  t.same([missing.statusCode, missing.headers['www-authenticate'], missing.json()],
    [401, 'Bearer', unauthorized('This service requires a bearer token: send Authorization: Bearer <token>')])
  for (const authorization of [`Bearer ${TOKEN}x`, `Basic ${TOKEN}`, 'Bearer ', TOKEN]) {
    const refused = await app.inject({ url: '/things', headers: { authorization } })
    t.same([refused.statusCode, refused.json()], [401, unauthorized('The bearer token is not valid')], authorization)
  }
  for (const token of [TOKEN, OTHER]) {
    const allowed = await app.inject({ url: '/things', headers: { authorization: `Bearer ${token}` } })
    t.same([allowed.statusCode, allowed.json()], [200, { things: ['a'] }])
  }
  for (const path of ['/metrics', '/openapi.json', '/docs', '/no-such-route']) {
    t.equal((await app.inject(path)).statusCode, 401, `${path} is guarded`)
  }
  t.same((await app.inject('/health')).json(), { status: 'ok' }, '/health is open to probes')
  t.equal((await app.inject('/ready')).statusCode, 200, '/ready is open to probes')
  t.notOk(logLines.some(line => line.includes(TOKEN) || line.includes(OTHER)), 'no token is ever logged')
  t.ok(logLines.some(line => JSON.parse(line).msg === 'bearer authentication on: every route but /health and /ready requires a token'))
})

t.test('the OpenAPI document declares the scheme, the 401s, and the open probes', async t => {
  const app = await build({ AUTH_TOKENS: TOKEN })
  const document = (await app.inject({ url: '/openapi.json', headers: { authorization: `Bearer ${TOKEN}` } })).json()
  t.same(document.components.securitySchemes, { bearerAuth: { type: 'http', scheme: 'bearer' } })
  t.same(document.security, [{ bearerAuth: [] }])
  t.equal(document.paths['/things'].get.responses['401'].description, 'A bearer token is required (AUTH_TOKENS or a JWT verifier is set) and was missing, expired or not valid')
  t.same([document.paths['/health'].get.security, document.paths['/ready'].get.security], [[], []])
  t.notOk(document.paths['/health'].get.responses['401'])
})

t.test('without AUTH_TOKENS the routes are open, and the start says so', async t => {
  const logLines: string[] = []
  const app = await build({}, logLines)
  t.same((await app.inject('/things')).json(), { things: ['a'] })
  const warning = logLines.map(line => JSON.parse(line)).find(line => line.level === 40)
  t.equal(warning?.msg, 'AUTH_TOKENS is not set: every route is open to any caller that can reach this port')
})

const ORG_A = '0b8e8f0c-1a2b-4c3d-8e9f-0a1b2c3d4e5f'
const ORG_B = '7d1c2b3a-4e5f-4a6b-9c8d-7e6f5a4b3c2d'
const unauthorized = (message: string) => ({ statusCode: 401, code: 'SERVICE_UNAUTHORIZED', error: 'Unauthorized', message })
const now = () => Math.floor(Date.now() / 1000)

async function callerOf (app: Awaited<ReturnType<typeof build>>, token: string) {
  const reply = await app.inject({ url: '/caller', headers: { authorization: `Bearer ${token}` } })
  return { status: reply.statusCode, body: reply.json(), challenge: reply.headers['www-authenticate'] }
}

t.test('a scoped token opens its organizations; its subject names it without giving it away', async t => {
  const logLines: string[] = []
  const app = await build({ AUTH_TOKENS: `${TOKEN}:${ORG_B.toUpperCase()}|${ORG_A},${OTHER}` }, logLines)
  t.same(await callerOf(app, TOKEN), { status: 200, body: { subject: tokenSubject(TOKEN), organizations: [ORG_A, ORG_B] }, challenge: undefined })
  t.same(await callerOf(app, OTHER), { status: 200, body: { subject: tokenSubject(OTHER), organizations: 'all' }, challenge: undefined })
  t.match(tokenSubject(TOKEN), /^token:[0-9a-f]{8}$/)
  t.notOk(tokenSubject(TOKEN).includes(TOKEN.slice(0, 8)))
  const refused = await callerOf(app, `${TOKEN}:${ORG_A}`)
  t.same(refused, { status: 401, body: unauthorized('The bearer token is not valid'), challenge: 'Bearer' }, 'the scope is not part of the token')
  const named = (organizationId: string) => app.inject({ url: `/organizations/${organizationId}`, headers: { authorization: `Bearer ${TOKEN}` } })
  t.same((await named(ORG_A)).json(), { organization_id: ORG_A })
  const other = '3f2e1d0c-9b8a-4765-8432-10fedcba9876'
  t.same([(await named(other)).statusCode, (await named(other)).json()], [403, {
    statusCode: 403, code: 'SERVICE_ORGANIZATION_FORBIDDEN', error: 'Forbidden', message: `Organization ${other} is not one this caller may use`
  }])
  const refusals = logLines.map(line => JSON.parse(line)).filter(line => line.msg === 'request refused')
  t.same(refusals.map(({ subject, statusCode, code }) => ({ subject, statusCode, code })), [
    { subject: null, statusCode: 401, code: 'SERVICE_UNAUTHORIZED' },
    { subject: tokenSubject(TOKEN), statusCode: 403, code: 'SERVICE_ORGANIZATION_FORBIDDEN' },
    { subject: tokenSubject(TOKEN), statusCode: 403, code: 'SERVICE_ORGANIZATION_FORBIDDEN' }
  ], 'each refusal is logged with the caller\'s subject')
  t.notOk(logLines.some(line => line.includes(TOKEN) || line.includes(OTHER)), 'no token is ever logged')
})

t.test('with authentication off, the caller is anonymous with every organization', async t => {
  const app = await build({})
  t.same((await app.inject('/caller')).json(), { subject: 'anonymous', organizations: 'all' })
})

t.test('HS256 JWTs: org_ids scopes the caller, "*" opens all; expired, wrongly signed or malformed ones are 401', async t => {
  const secret = 'the-hs256-secret-of-this-test-0123456789'
  const logLines: string[] = []
  const app = await build({ AUTH_JWT_SECRET: secret, AUTH_TOKENS: TOKEN }, logLines)
  const key = { alg: 'HS256', secret } as const
  const scoped = signJwt({ sub: 'sender', org_ids: [ORG_B, ORG_A.toUpperCase()], exp: now() + 60 }, key)
  t.same(await callerOf(app, scoped), { status: 200, body: { subject: 'sender', organizations: [ORG_A, ORG_B] }, challenge: undefined })
  t.same((await callerOf(app, signJwt({ sub: 'service-account', org_ids: '*' }, key))).body, { subject: 'service-account', organizations: 'all' })
  t.same((await callerOf(app, TOKEN)).body, { subject: tokenSubject(TOKEN), organizations: 'all' }, 'static tokens still work beside JWTs')
  const cases: Array<[string, string, string]> = [
    ['expired', signJwt({ sub: 'sender', org_ids: [ORG_A], exp: now() - 10 }, key), 'The bearer token has expired'],
    ['wrongly signed', signJwt({ sub: 'sender', org_ids: [ORG_A] }, { alg: 'HS256', secret: `${secret}-not` }), 'The bearer token is not valid'],
    ['RS256 where HS256 is configured', signJwt({ sub: 'sender', org_ids: [ORG_A] }, { alg: 'RS256', privateKey: rsaKeyPair().privateKey }), 'The bearer token is not valid'],
    ['unsigned', `${scoped.split('.').slice(0, 2).join('.')}.`, 'The bearer token is not valid'],
    ['without sub', signJwt({ org_ids: [ORG_A] }, key), 'The bearer token has no sub claim'],
    ['without org_ids', signJwt({ sub: 'sender' }, key), 'The bearer token\'s org_ids claim must be "*" or a list of organization uuids'],
    ['org_ids not uuids', signJwt({ sub: 'sender', org_ids: ['acme'] }, key), 'The bearer token\'s org_ids claim must be "*" or a list of organization uuids'],
    ['not JSON inside', 'eyJhbGciOiJIUzI1NiJ9.bm90LWpzb24.c2ln', 'The bearer token is not valid']
  ]
  for (const [name, token, message] of cases) {
    t.same(await callerOf(app, token), { status: 401, body: unauthorized(message), challenge: 'Bearer' }, name)
  }
  t.notOk(logLines.some(line => line.includes(scoped) || line.includes(secret)), 'neither a token nor the secret is logged')
})

t.test('RS256 JWTs, by AUTH_JWT_PUBLIC_KEY and from a JWKS', async t => {
  const pair = rsaKeyPair('key-1')
  const stranger = rsaKeyPair('key-1')
  const claims = { sub: 'dispatcher', org_ids: [ORG_A], exp: now() + 60 }
  const byKey = await build({ AUTH_JWT_PUBLIC_KEY: pair.publicKeyPem })
  t.same((await callerOf(byKey, signJwt(claims, { alg: 'RS256', privateKey: pair.privateKey }))).body, { subject: 'dispatcher', organizations: [ORG_A] })
  t.equal((await callerOf(byKey, signJwt(claims, { alg: 'RS256', privateKey: stranger.privateKey }))).status, 401, 'another key pair')
  t.equal((await callerOf(byKey, signJwt(claims, { alg: 'HS256', secret: pair.publicKeyPem }))).status, 401, 'HS256 keyed with the public key')

  const byJwks = await build({ AUTH_JWKS_URL: await serveJwks(t, [pair.jwk]) })
  const signed = signJwt(claims, { alg: 'RS256', privateKey: pair.privateKey, kid: 'key-1' })
  t.same((await callerOf(byJwks, signed)).body, { subject: 'dispatcher', organizations: [ORG_A] })
  t.same(await callerOf(byJwks, signJwt({ ...claims, exp: now() - 5 }, { alg: 'RS256', privateKey: pair.privateKey, kid: 'key-1' })),
    { status: 401, body: unauthorized('The bearer token has expired'), challenge: 'Bearer' })
  t.same(await callerOf(byJwks, signJwt(claims, { alg: 'RS256', privateKey: stranger.privateKey, kid: 'key-1' })),
    { status: 401, body: unauthorized('The bearer token is not valid'), challenge: 'Bearer' }, 'wrongly signed')
  t.same(await callerOf(byJwks, signJwt(claims, { alg: 'RS256', privateKey: pair.privateKey, kid: 'key-2' })),
    { status: 401, body: unauthorized('The bearer token is not valid'), challenge: 'Bearer' }, 'a key the JWKS does not hold')
})
