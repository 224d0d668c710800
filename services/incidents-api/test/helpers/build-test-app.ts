import { createTestDatabase, createTestRedis, startApp, testRedisEnv, type Teardown, type TestRedisClient } from '@incident-intel/test-support'
import type { Pool } from 'pg'
import { buildApp, type App } from '../../src/app.js'
import { loadIncidentsConfig } from '../../src/config.js'

export interface TestAppOptions {
  /** Environment variables on top of the test's database and Redis prefix. */
  env?: Record<string, string>
  /** A Redis of the test's own (startPrivateRedis) instead of TEST_REDIS_URL or TEST_REDIS_CLUSTER_NODES. */
  redisUrl?: string
  /** Another test app's database and Redis prefix: two instances over one queue and one cache. */
  shared?: Omit<TestAppParts, 'app'>
}

/**
 * incidents-api over a private database (cloned from the migrated template) and a private
 * Redis key prefix, ready and closed at teardown. `pool` is the test's own pool for fixtures
 * and checks; `redis` is a client that sees the app's keys under the same prefix.
 */
export async function buildTestApp (t: Teardown, { env = {}, shared, redisUrl }: TestAppOptions = {}): Promise<TestAppParts> {
  const parts = shared ?? await isolated(t, redisUrl)
  const config = loadIncidentsConfig({
    DATABASE_URL: parts.url,
    ...(redisUrl === undefined ? testRedisEnv() : { REDIS_URL: redisUrl }),
    REDIS_KEY_PREFIX: parts.prefix,
    LOG_LEVEL: 'silent',
    CACHE_POLL_INTERVAL_MS: '200',
    // Tests that need the background reconciler turn it on.
    CACHE_RECONCILE_INTERVAL_MS: '0',
    ...env
  })
  // Started from a connected cache: startApp waits for the app's Redis client.
  const app = await startApp(t, await buildApp({ config, logger: false }))
  return { ...parts, app }
}

async function isolated (t: Teardown, redisUrl: string | undefined) {
  const { url, pool } = await createTestDatabase(t)
  const { redis, prefix } = await createTestRedis(t, redisUrl === undefined ? {} : { url: redisUrl })
  return { url, pool, redis, prefix }
}

export interface TestAppParts {
  app: App
  url: string
  pool: Pool
  redis: TestRedisClient
  prefix: string
}
