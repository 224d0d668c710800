import type { Teardown } from '@incident-intel/test-support'
import { createTestDatabase, createTestRedis, startApp, testRedisEnv } from '@incident-intel/test-support'
import { buildApp } from '../../src/app.js'
import { loadIntelRequestsConfig } from '../../src/config.js'

/**
 * The service over a private database and a private Redis key prefix (its rate limits), ready
 * for `app.inject`; closed at teardown. `pool` is the
 * test's own pool for fixtures: the app's pool (`app.pg`) stays unconnected until the first
 * request, so a test may still wrap it with countQueries.
 */
export async function buildTestApp (t: Teardown, env: Record<string, string> = {}) {
  const db = await createTestDatabase(t)
  const { prefix } = await createTestRedis(t)
  const config = loadIntelRequestsConfig({
    DATABASE_URL: db.url,
    ...testRedisEnv(),
    REDIS_KEY_PREFIX: prefix,
    LOG_LEVEL: 'silent',
    ...env
  })
  const app = await startApp(t, await buildApp({ config, logger: false }))
  return { app, pool: db.pool }
}

export type TestApp = Awaited<ReturnType<typeof buildTestApp>>['app']
