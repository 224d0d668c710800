import { once } from 'node:events'
import type { Teardown } from '@incident-intel/test-support'
import { createTestDatabase, createTestRedis } from '@incident-intel/test-support'
import { buildApp } from '../../src/app.js'
import { loadIntelRequestsConfig } from '../../src/config.js'

/**
 * The service over a private database and a Redis key prefix of its own, ready for `app.inject`;
 * closed at teardown. `pool` is the test's own pool for fixtures: the app's pool (`app.pg`)
 * stays unconnected until the first request, so a test may still wrap it with countQueries.
 */
export async function buildTestApp (t: Teardown, env: Record<string, string> = {}) {
  const db = await createTestDatabase(t)
  const { prefix } = await createTestRedis(t)
  const config = loadIntelRequestsConfig({
    DATABASE_URL: db.url,
    REDIS_URL: process.env.TEST_REDIS_URL,
    REDIS_KEY_PREFIX: prefix,
    LOG_LEVEL: 'silent',
    // Test files start side by side on two cores: a Redis reply can wait behind another file's
    // schema compilation longer than the production default allows, and /ready would flap.
    REDIS_COMMAND_TIMEOUT_MS: '5000',
    ...env
  })
  const app = await buildApp({ config, logger: false })
  t.teardown(() => app.close())
  await app.ready()
  // The app connects to Redis in the background; /ready reports it down until then.
  if (app.redis.status !== 'ready') await once(app.redis, 'ready', { signal: AbortSignal.timeout(5000) })
  return { app, pool: db.pool }
}

export type TestApp = Awaited<ReturnType<typeof buildTestApp>>['app']
