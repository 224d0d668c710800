import t from 'tap'
import { randomUUID } from 'node:crypto'
import { tokenSubject } from '@incident-intel/service-kit'
import { startPrivateRedis, waitUntil } from '@incident-intel/test-support'
import { buildTestApp } from '../helpers/build-test-app.js'

const token = (name: string) => `${name}-token-0123456789`
const BUDGETS = {
  RATE_LIMIT_READS: '3',
  RATE_LIMIT_WRITES: '2',
  RATE_LIMIT_EXPENSIVE: '1',
  RATE_LIMIT_EXPENSIVE_IDS: '2',
  AUTH_TOKENS: ['alice', 'bob', 'carol'].map(token).join(',')
}
const caller = (name: string) => ({ authorization: `Bearer ${token(name)}` })

t.test('a caller past its read budget gets 429 with the headers; another caller, and its writes, go on', async t => {
  const parts = await buildTestApp(t, { env: BUDGETS })
  const { app } = parts
  const read = (who: string) => app.inject({ url: `/incidents/current/${randomUUID()}`, headers: caller(who) })

  const answers = [await read('alice'), await read('alice'), await read('alice')]
  t.strictSame(answers.map(r => [r.statusCode, r.headers['ratelimit-limit'], r.headers['ratelimit-remaining']]),
    [[404, '3', '2'], [404, '3', '1'], [404, '3', '0']])
  const refused = await read('alice')
  t.equal(refused.statusCode, 429)
  t.equal(refused.headers['ratelimit-limit'], '3')
  t.equal(refused.headers['ratelimit-remaining'], '0')
  t.ok(Number(refused.headers['retry-after']) >= 1 && Number(refused.headers['retry-after']) <= 60, 'Retry-After within the window')
  t.equal(refused.headers['ratelimit-reset'], refused.headers['retry-after'])
  t.strictSame(refused.json(), {
    statusCode: 429,
    code: 'SERVICE_RATE_LIMITED',
    error: 'Too Many Requests',
    message: `Rate limit exceeded: at most 3 reads calls per 60 s; retry after ${refused.headers['retry-after']} s`
  })

  t.equal((await read('bob')).statusCode, 404, 'another caller keeps its own budget')
  const write = await app.inject({ method: 'DELETE', url: `/incidents/${randomUUID()}`, headers: caller('alice') })
  t.equal(write.statusCode, 404, 'writes are a budget of their own')
  t.equal(write.headers['ratelimit-limit'], '2')
  t.equal((await app.inject({ url: '/incidents?organization_id=x', headers: caller('alice') })).statusCode, 429,
    'a 400-bound read is counted too')

  const probes = await Promise.all(Array.from({ length: 5 }, () => app.inject({ url: '/health', headers: caller('alice') })))
  t.strictSame(probes.map(r => [r.statusCode, r.headers['ratelimit-limit']]), Array(5).fill([200, undefined]), '/health is never limited')

  t.test('a second replica on the same Redis shares the budget', async t => {
    // The first app adds the five reads it counted (three answered, one refused, one a 400) to
    // Redis's count within 100 ms.
    const key = `rate-limit:reads:subject:${tokenSubject(token('alice'))}`
    await waitUntil(async () => Number(await parts.redis.get(key)) === 5, 5000, 'the reads were never added to the shared count')
    const { app: replica } = await buildTestApp(t, { env: BUDGETS, shared: parts })
    t.equal((await replica.inject({ url: `/incidents/current/${randomUUID()}`, headers: caller('alice') })).statusCode, 429)
    const carol = [await replica.inject({ url: `/incidents/current/${randomUUID()}`, headers: caller('carol') }),
      await app.inject({ url: `/incidents/current/${randomUUID()}`, headers: caller('carol') })]
    t.strictSame(carol.map(r => [r.statusCode, r.headers['ratelimit-remaining']]), [[404, '2'], [404, '1']])
  })
})

t.test('a walk or bulk read of many ids spends the expensive budget', async t => {
  const { app } = await buildTestApp(t, { env: BUDGETS })
  const roots = (n: number) => Array.from({ length: n }, () => ({ type: 'incidents', id: randomUUID() }))
  const resolve = (n: number) => app.inject({ method: 'POST', url: '/dependencies/resolve', headers: caller('alice'), payload: { roots: roots(n), direction: 'dependents' } })
  const many = await resolve(3)
  t.strictSame([many.statusCode, many.headers['ratelimit-limit']], [200, '1'])
  t.equal((await resolve(3)).statusCode, 429)
  const few = await resolve(2)
  t.strictSame([few.statusCode, few.headers['ratelimit-limit']], [200, '3'], 'two ids are a read')
  const bulk = await app.inject({ method: 'POST', url: '/incidents/current/bulk', headers: caller('alice'), payload: { incident_ids: [randomUUID(), randomUUID(), randomUUID()] } })
  t.equal(bulk.statusCode, 429, 'the bulk read of three ids shares the expensive budget')
})

t.test('Redis down: reads and writes go unlimited, rebuild and verify are refused, /ready says so', async t => {
  const redis = await startPrivateRedis(t)
  const { app } = await buildTestApp(t, { env: BUDGETS, redisUrl: redis.url })
  await redis.stop()
  const reads = []
  for (let i = 0; i < 5; i++) reads.push((await app.inject({ url: `/incidents/current/${randomUUID()}`, headers: caller('alice') })).statusCode)
  t.strictSame(reads, [404, 404, 404, 404, 404])
  for (const url of ['/incidents/current/rebuild', '/incidents/current/verify']) {
    const refused = await app.inject({ method: 'POST', url, headers: caller('alice'), payload: { organization_id: randomUUID() } })
    t.equal(refused.statusCode, 503, url)
    t.equal(refused.headers['retry-after'], '1')
    t.strictSame(refused.json(), {
      statusCode: 503,
      code: 'SERVICE_RATE_LIMITER_UNAVAILABLE',
      error: 'Service Unavailable',
      message: 'The rate limiter is unavailable (Redis is down): this call is refused until it is back'
    })
  }
  const ready = (await app.inject('/ready')).json()
  t.equal(ready.status, 'degraded')
  t.equal(ready.checks.rate_limit, 'degraded')
  t.strictSame(ready.details.rate_limit, { reads: 'unlimited', writes: 'unlimited', rebuild_and_verify: 'refused' })
  await redis.start() // the test prefix's teardown deletes its keys there
})
