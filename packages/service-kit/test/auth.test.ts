import t from 'tap'
import { Type } from '@sinclair/typebox'
import { createTestDatabase } from '@incident-intel/test-support'
import { loadConfig, serviceEnvSchema } from '../src/index.js'
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
  t.equal(document.paths['/things'].get.responses['401'].description, 'A bearer token is required (AUTH_TOKENS is set) and was missing or not valid')
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
