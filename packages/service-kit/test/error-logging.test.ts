import { Writable } from 'node:stream'
import t from 'tap'
import { createTestDatabase, createTestRedis, startApp } from '@incident-intel/test-support'
import { loadConfig, serviceEnvSchema } from '../src/index.js'
import { buildService } from './helpers/build-service.js'

// What a failure's log line must never carry: a document's content, a row's values, a token.
const ADDRESS = '1 Secret Lane, Springfield'
const TOKEN = 'tok3n-that-must-never-be-logged'

const { url, pool } = await createTestDatabase(t)
const { prefix } = await createTestRedis(t)
const lines: Array<Record<string, any>> = []
const stream = new Writable({
  write (chunk, _encoding, done) {
    for (const line of String(chunk).split('\n')) if (line !== '') lines.push(JSON.parse(line))
    done()
  }
})

const config = loadConfig(serviceEnvSchema(0), { DATABASE_URL: url, REDIS_URL: process.env.TEST_REDIS_URL, REDIS_KEY_PREFIX: prefix, LOG_LEVEL: 'info' })
const app = await buildService(config, { stream })
// A real WRONGTYPE: the document written into a hash field of a key that holds a string.
app.post('/redis-failure', async () => {
  await app.redis.set('document', 'a string')
  await app.redis.hset('document', 'incident', JSON.stringify({ thoroughfare: ADDRESS }))
})
// A real check violation: PostgreSQL puts the failing row, address included, in `detail`.
app.post('/database-failure', async request => {
  await pool.query('create temporary table if not exists places (address text check (length(address) < 5))')
  const error = await pool.query('insert into places values ($1)', [ADDRESS]).catch(failure => failure)
  request.log.error({ err: error }, 'insert failed')
  return { logged: true }
})
// An error that carries the request's headers, as an HTTP client's errors do.
app.post('/client-failure', async request => {
  throw Object.assign(new Error('upstream refused'), { config: { headers: { ...request.headers } } })
})
await startApp(t, app)

const errorsLogged = (message: string) => lines.filter(line => line.msg === message).map(line => line.err)

t.test('a Redis ReplyError is logged with its message and command name, without its arguments', async t => {
  const response = await app.inject({ method: 'POST', url: '/redis-failure' })
  t.equal(response.statusCode, 500)
  const [err, ...more] = errorsLogged('request failed')
  t.equal(more.length, 0, 'logged once')
  // SimpleError: ioredis 6's ReplyError for a simple error reply.
  t.match(err, { type: 'SimpleError', message: 'WRONGTYPE Operation against a key holding the wrong kind of value', command: 'hset' })
  t.notOk('args' in err, 'no args')
  t.notOk(JSON.stringify(lines).includes(ADDRESS), 'the document appears in no log line')
  t.notOk(JSON.stringify(lines).includes(`${prefix}document`), 'nor does the key')
})

t.test('a PostgreSQL error is logged without the failing row', async t => {
  await app.inject({ method: 'POST', url: '/database-failure' })
  const [err] = errorsLogged('insert failed')
  t.match(err, { type: 'DatabaseError', code: '23514', message: 'new row for relation "places" violates check constraint "places_address_check"' })
  t.notOk('detail' in err, 'no detail')
  t.notOk(JSON.stringify(lines).includes(ADDRESS), 'the address appears in no log line')
})

t.test('an Authorization header appears in no log line', async t => {
  const response = await app.inject({ method: 'POST', url: '/client-failure', headers: { authorization: `Bearer ${TOKEN}` } })
  t.equal(response.statusCode, 500)
  const [err] = errorsLogged('request failed').slice(-1)
  t.match(err, { message: 'upstream refused', config: { headers: { host: 'localhost:80' } } })
  t.notOk('authorization' in err.config.headers, 'the header is dropped')
  t.notOk(JSON.stringify(lines).includes(TOKEN), 'the token appears in no log line')
})
