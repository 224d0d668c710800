import t from 'tap'
import { Type } from '@sinclair/typebox'
import createError from '@fastify/error'
import { createTestDatabase, freePort } from '@incident-intel/test-support'
import { loadConfig, serviceEnvSchema } from '../src/index.js'
import { buildService } from './helpers/build-service.js'

const { url } = await createTestDatabase(t)

async function build (env: Record<string, string>) {
  const config = loadConfig(serviceEnvSchema(0), { LOG_LEVEL: 'silent', REDIS_URL: process.env.TEST_REDIS_URL, ...env })
  const app = await buildService(config, false)
  const Teapot = createError('TEST_TEAPOT', 'I am a teapot', 418)
  app.get('/query', { schema: { querystring: Type.Object({ sql: Type.String() }, { additionalProperties: false }) } },
    async request => (await app.pg.query(request.query.sql)).rows)
  app.get('/teapot', async () => { throw new Teapot() })
  app.get('/bug', async () => { throw new Error('secret internals') })
  const Unavailable = createError('TEST_UNAVAILABLE', 'The cache cannot be rebuilt now', 503)
  app.get('/unavailable', async () => { throw new Unavailable() })
  await app.ready()
  t.teardown(() => app.close())
  return app
}

const app = await build({ DATABASE_URL: url, DATABASE_STATEMENT_TIMEOUT_MS: '200' })
const deadRedisPort = await freePort()
const downApp = await build({ DATABASE_URL: `postgres://postgres@127.0.0.1:${await freePort()}/nowhere`, REDIS_URL: `redis://127.0.0.1:${deadRedisPort}` })

t.test('the error envelope', async t => {
  const teapot = await app.inject('/teapot')
  t.same([teapot.statusCode, teapot.json()], [418, { statusCode: 418, code: 'TEST_TEAPOT', error: "I'm a Teapot", message: 'I am a teapot' }])
  const bug = await app.inject('/bug')
  t.same([bug.statusCode, bug.json()], [500, { statusCode: 500, error: 'Internal Server Error', message: 'Internal Server Error' }], '5xx messages are hidden')
  const invalid = await app.inject('/query?sql=select&extra=1')
  t.same([invalid.statusCode, invalid.json().code], [400, 'FST_ERR_VALIDATION'])
  const refused = await app.inject({ url: '/query', query: { sql: "select 'x'::int" } })
  t.same([refused.statusCode, refused.json()], [400, {
    statusCode: 400, code: 'SQLSTATE_22P02', error: 'Bad Request', message: 'invalid input syntax for type integer: "x"'
  }], 'a value the database refuses is the request\'s fault')
  const missing = await app.inject('/nowhere')
  t.equal(missing.statusCode, 404)
  t.match(missing.headers['x-request-id'], /^[0-9a-f-]{36}$/)
  const traced = await app.inject({ url: '/teapot', headers: { 'x-request-id': 'trace-1' } })
  t.equal(traced.headers['x-request-id'], 'trace-1', 'a caller\'s request id is kept')
})

t.test('a statement past the timeout is a 503 with Retry-After', async t => {
  const slow = await app.inject({ url: '/query', query: { sql: 'select pg_sleep(2)' } })
  t.same([slow.statusCode, slow.headers['retry-after'], slow.json()], [503, '1', {
    statusCode: 503, code: 'SERVICE_DATABASE_UNAVAILABLE', error: 'Service Unavailable', message: 'The database is unavailable; retry shortly'
  }])
})

t.test("a service's own 503 stays a 503, with Retry-After and its message", async t => {
  const response = await app.inject('/unavailable')
  t.same([response.statusCode, response.headers['retry-after'], response.json()], [503, '1', {
    statusCode: 503, code: 'TEST_UNAVAILABLE', error: 'Service Unavailable', message: 'The cache cannot be rebuilt now'
  }])
})

t.test('PostgreSQL unreachable: 503 with Retry-After, not a crash', async t => {
  const response = await downApp.inject({ url: '/query', query: { sql: 'select 1' } })
  t.same([response.statusCode, response.headers['retry-after'], response.json().code], [503, '1', 'SERVICE_DATABASE_UNAVAILABLE'])
})

t.test('/health and /ready', async t => {
  t.same((await app.inject('/health')).json(), { status: 'ok' })
  const ready = await app.inject('/ready')
  t.same([ready.statusCode, ready.json()], [200, { status: 'ready', checks: { postgres: 'up', redis: 'up' } }])
  const down = await downApp.inject('/ready')
  t.same([down.statusCode, down.json()], [503, { status: 'unavailable', checks: { postgres: 'down', redis: 'down' } }])
  t.equal((await downApp.inject('/health')).statusCode, 200, 'alive even when its dependencies are not')
})

t.test('/metrics, /openapi.json and /docs', async t => {
  await app.inject('/teapot')
  const metrics = await app.inject('/metrics')
  t.equal(metrics.statusCode, 200)
  t.match(metrics.body, /test_api_http_request_duration_seconds_count\{method="GET",route="\/teapot",status_code="418"\} \d+/)
  t.match(metrics.body, /test_api_process_cpu_seconds_total/)
  const document = (await app.inject('/openapi.json')).json()
  t.same([document.openapi, document.info], ['3.1.0', { title: 'test-api', version: '1.0.0', description: 'A test service' }])
  t.ok(document.paths['/health'] && document.paths['/ready'] && !document.paths['/metrics'], 'operations only, not the plumbing')
  const docs = await app.inject('/docs/')
  t.equal(docs.statusCode, 200)
  t.match(docs.body, /swagger-ui/i)
})
