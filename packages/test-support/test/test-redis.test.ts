import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { createServer, type AddressInfo, type Socket } from 'node:net'
import t from 'tap'
import { Redis } from 'ioredis'
import { createTestRedis, testRedisUrl } from '../src/index.js'

const url = testRedisUrl()

// Connected first, so a Redis that is down fails this file with createTestRedis's hint.
const { redis, prefix } = await createTestRedis(t)

// Without keyPrefix: sees the raw key names.
const plain = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 })
await plain.connect()
t.teardown(() => plain.quit())

async function rawKeys (pattern: string): Promise<string[]> {
  const found: string[] = []
  let cursor = '0'
  do {
    const [next, keys] = await plain.scan(cursor, 'MATCH', pattern, 'COUNT', 1000)
    found.push(...keys)
    cursor = next
  } while (cursor !== '0')
  return found.sort()
}

t.test('the prefix is test:<pid>:<8 hex digits>: and is the client\'s keyPrefix', async t => {
  t.match(prefix, new RegExp(`^test:${process.pid}:[0-9a-f]{8}:$`))
  t.equal(redis.options.keyPrefix, prefix)
})

t.test('keys written through redis land under the prefix', async t => {
  await redis.set('greeting', 'hello')
  await redis.hset('hash', { field: 'value' })
  await redis.rpush('list', 'a', 'b')

  t.equal(await plain.get(`${prefix}greeting`), 'hello')
  t.strictSame(await plain.hgetall(`${prefix}hash`), { field: 'value' })
  t.strictSame(await plain.lrange(`${prefix}list`, 0, -1), ['a', 'b'])
  t.strictSame(await rawKeys(`${prefix}*`), [`${prefix}greeting`, `${prefix}hash`, `${prefix}list`])
  t.equal(await redis.get('greeting'), 'hello', 'read back through the prefixed client')
})

t.test('two calls get different prefixes and do not see each other\'s keys', async t => {
  const a = await createTestRedis(t)
  const b = await createTestRedis(t)
  t.not(a.prefix, b.prefix)

  await a.redis.set('shared', 'from a')
  await b.redis.set('shared', 'from b')
  await a.redis.set('only-a', '1')

  t.equal(await a.redis.get('shared'), 'from a')
  t.equal(await b.redis.get('shared'), 'from b')
  t.equal(await b.redis.exists('only-a'), 0)
  t.strictSame(await rawKeys(`${a.prefix}*`), [`${a.prefix}only-a`, `${a.prefix}shared`])
  t.strictSame(await rawKeys(`${b.prefix}*`), [`${b.prefix}shared`])
})

t.test('teardown deletes every key under the prefix and nothing else', async t => {
  const outside = `test-support:outside:${process.pid}:${randomBytes(4).toString('hex')}`
  await plain.set(outside, 'kept')
  let inner = ''
  let sibling = ''
  t.teardown(async () => { await plain.unlink(...[outside, sibling].filter(key => key !== '')) })

  await t.test('writes more keys than one SCAN batch', async t => {
    const created = await createTestRedis(t)
    inner = created.prefix
    // The prefix without its final colon: a key that `<prefix>*` must not match.
    sibling = inner.slice(0, -1)
    await plain.set(sibling, 'kept')
    const entries = Object.fromEntries(Array.from({ length: 2500 }, (_, i) => [`key:${i}`, String(i)]))
    await created.redis.mset(entries)
    await created.redis.hset('hash', { field: 'value' })
    t.equal((await rawKeys(`${inner}*`)).length, 2501)
  })

  t.strictSame(await rawKeys(`${inner}*`), [], 'no key left under the prefix')
  t.equal(await plain.get(outside), 'kept')
  t.equal(await plain.get(sibling), 'kept')
})

t.test('teardown still cleans up when the test quit its client', async t => {
  let inner = ''
  await t.test('quits its own client', async t => {
    const created = await createTestRedis(t)
    inner = created.prefix
    await created.redis.set('left', 'behind')
    await created.redis.quit()
  })
  t.strictSame(await rawKeys(`${inner}*`), [])
})

t.test('unreachable Redis rejects quickly with the hint', async t => {
  const started = Date.now()
  await t.rejects(createTestRedis(t, { url: 'redis://127.0.0.1:1' }), {
    message: 'Redis is not reachable at redis://127.0.0.1:1 (set TEST_REDIS_URL): connect ECONNREFUSED 127.0.0.1:1'
  })
  t.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`)
})

t.test('a listener that never answers rejects with the hint, within 5 s', async t => {
  const sockets = new Set<Socket>()
  const silent = createServer(socket => { sockets.add(socket) })
  silent.listen(0, '127.0.0.1')
  await once(silent, 'listening')
  t.teardown(() => {
    for (const socket of sockets) socket.destroy()
    silent.close()
  })
  const silentUrl = `redis://127.0.0.1:${(silent.address() as AddressInfo).port}`

  const started = Date.now()
  await t.rejects(createTestRedis(t, { url: silentUrl }), {
    message: `Redis is not reachable at ${silentUrl} (set TEST_REDIS_URL): no reply within 3000 ms`
  })
  t.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`)
})
