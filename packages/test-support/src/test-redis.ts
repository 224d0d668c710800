import { randomBytes } from 'node:crypto'
import { Cluster, Redis } from 'ioredis'
import type { Teardown } from './teardown.js'

/** One server's client, or a Redis Cluster's (TEST_REDIS_CLUSTER_NODES). */
export type TestRedisClient = Redis | Cluster

const CONNECT_TIMEOUT_MS = 2000
const READY_TIMEOUT_MS = 3000

export interface TestRedis {
  /** Every key this client names is stored under `prefix` (ioredis `keyPrefix`). */
  redis: TestRedisClient
  /** `test:<pid>:<random>:`, for building the raw key names a plain client sees. */
  prefix: string
}

export interface TestRedisOptions {
  /** Default: the cluster of TEST_REDIS_CLUSTER_NODES when set, else TEST_REDIS_URL, else redis://127.0.0.1:6379. */
  url?: string
}

/** The seeds of TEST_REDIS_CLUSTER_NODES (`host:port,...`), when the tests run against a Redis Cluster. */
export function testClusterNodes (): Array<{ host: string, port: number }> {
  const value = process.env.TEST_REDIS_CLUSTER_NODES ?? ''
  return value.split(',').filter(seed => seed.trim() !== '').map(seed => {
    const [host, port] = seed.trim().split(':')
    return { host: host!, port: Number(port) }
  })
}

/** The tests' single Redis server: TEST_REDIS_URL, else the machine's own. */
export function testRedisUrl (): string {
  return process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
}

/**
 * The Redis variables of a service under test, from TEST_REDIS_URL and TEST_REDIS_CLUSTER_NODES
 * (only those set), so the apps and processes tests start use the tests' Redis or cluster.
 */
export function testRedisEnv (): Record<string, string> {
  const env: Record<string, string> = {}
  if (process.env.TEST_REDIS_URL) env.REDIS_URL = process.env.TEST_REDIS_URL
  if (process.env.TEST_REDIS_CLUSTER_NODES) env.REDIS_CLUSTER_NODES = process.env.TEST_REDIS_CLUSTER_NODES
  return env
}

/**
 * A Redis client whose keys live under a prefix of its own, so test files that tap runs in
 * parallel on one server never see each other's keys. Rejects within seconds, with a hint, when
 * Redis is down; at teardown deletes every key under the prefix and quits.
 */
export async function createTestRedis (t: Teardown, options: TestRedisOptions = {}): Promise<TestRedis> {
  const prefix = `test:${process.pid}:${randomBytes(4).toString('hex')}:`
  const seeds = options.url === undefined ? testClusterNodes() : []
  if (seeds.length > 0) return await createClusterTestRedis(t, seeds, prefix)
  const url = options.url ?? testRedisUrl()
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

async function createClusterTestRedis (t: Teardown, seeds: Array<{ host: string, port: number }>, prefix: string): Promise<TestRedis> {
  const redis = new Cluster(seeds, { lazyConnect: true, keyPrefix: prefix, redisOptions: { connectTimeout: CONNECT_TIMEOUT_MS, maxRetriesPerRequest: 1 } })
  let cause: unknown
  const recordCause = (error: unknown): void => { cause = error }
  redis.on('error', recordCause)
  try {
    await redis.connect()
  } catch (error) {
    redis.disconnect()
    throw new Error(`the Redis Cluster of TEST_REDIS_CLUSTER_NODES is not reachable: ${reason(cause ?? error)}`, { cause: cause ?? error })
  } finally {
    redis.off('error', recordCause)
  }
  t.teardown(async () => {
    try {
      // Every master holds some of the prefix's keys: each is scanned with a plain connection.
      await Promise.all(redis.nodes('master').map(async node => deleteKeys(`redis://${node.options.host}:${node.options.port}`, prefix)))
    } finally {
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
      // One UNLINK per key: a cluster node refuses one that names keys of several slots.
      if (keys.length > 0) await plain.pipeline(keys.map(key => ['unlink', key])).exec()
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
