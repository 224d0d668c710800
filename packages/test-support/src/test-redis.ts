import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import type { Teardown } from './teardown.js'

const CONNECT_TIMEOUT_MS = 2000
const READY_TIMEOUT_MS = 3000

export interface TestRedis {
  /** Every key this client names is stored under `prefix` (ioredis `keyPrefix`). */
  redis: Redis
  /** `test:<pid>:<random>:`, for building the raw key names a plain client sees. */
  prefix: string
}

export interface TestRedisOptions {
  /** Default: TEST_REDIS_URL, else redis://127.0.0.1:6379. */
  url?: string
}

/**
 * A Redis client whose keys live under a prefix of its own, so test files that tap runs in
 * parallel on one server never see each other's keys. Rejects within seconds, with a hint, when
 * Redis is down; at teardown deletes every key under the prefix and quits.
 */
export async function createTestRedis (t: Teardown, options: TestRedisOptions = {}): Promise<TestRedis> {
  const url = options.url ?? process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
  const prefix = `test:${process.pid}:${randomBytes(4).toString('hex')}:`
  const redis = await connect(url, prefix)
  t.teardown(async () => {
    try {
      await deleteKeys(url, prefix)
    } finally {
      // quit() waits for pending replies; a client the test closed, or that lost its server, just disconnects.
      if (redis.status === 'ready') await redis.quit()
      else redis.disconnect()
    }
  })
  return { redis, prefix }
}

// SCAN's MATCH is not prefixed by keyPrefix and SCAN returns full key names, which a prefixed
// UNLINK would prefix twice: so a plain client deletes them. The prefix holds no glob characters.
async function deleteKeys (url: string, prefix: string): Promise<void> {
  const plain = await connect(url)
  try {
    let cursor = '0'
    do {
      const [next, keys] = await plain.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000)
      if (keys.length > 0) await plain.unlink(...keys)
      cursor = next
    } while (cursor !== '0')
  } finally {
    await plain.quit()
  }
}

async function connect (url: string, keyPrefix?: string): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: 1,
    ...(keyPrefix === undefined ? {} : { keyPrefix })
  })
  // connect() rejects with a bare "Connection is closed."; the cause comes as an 'error' event.
  let cause: unknown
  const recordCause = (error: unknown): void => { cause = error }
  redis.on('error', recordCause)
  // connectTimeout covers the TCP handshake only: a listener that never answers would hang connect().
  let deadline: NodeJS.Timeout | undefined
  const connecting = redis.connect()
  connecting.catch(() => {})
  try {
    await Promise.race([connecting, new Promise((_resolve, reject) => {
      deadline = setTimeout(() => reject(new Error(`no reply within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS)
    })])
  } catch (error) {
    redis.disconnect()
    throw new Error(`Redis is not reachable at ${url} (set TEST_REDIS_URL): ${reason(cause ?? error)}`, { cause: cause ?? error })
  } finally {
    clearTimeout(deadline)
    redis.off('error', recordCause)
  }
  return redis
}

// Node's happy-eyeballs connect fails with an AggregateError whose own message is empty.
function reason (error: unknown): string {
  if (error instanceof AggregateError && error.message === '') return error.errors.map(reason).join('; ')
  return error instanceof Error ? error.message : String(error)
}
