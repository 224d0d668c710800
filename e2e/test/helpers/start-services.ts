import type { AddressInfo } from 'node:net'
import type { Pool } from 'pg'
import { buildApp as buildIncidentsApp, type App as IncidentsApp } from '@incident-intel/incidents-api'
import { loadIncidentsConfig } from '@incident-intel/incidents-api/config'
import { buildApp as buildIntelRequestsApp, type App as IntelRequestsApp } from '@incident-intel/intel-requests-api'
import { loadIntelRequestsConfig } from '@incident-intel/intel-requests-api/config'
import {
  createIncidentsClient, createIntelRequestsClient, type IncidentsClient, type IntelRequestsClient
} from '@incident-intel/sdk'
import { UNREACHED_RATE_LIMITS, createTestDatabase, createTestRedis, startApp, type Teardown, type TestRedisClient } from '@incident-intel/test-support'

export interface StartServicesOptions {
  /** Environment variables for both services, on top of the test's database and Redis prefix. */
  env?: Record<string, string>
  /** incidents-api's own variables, on top of `env`. */
  incidentsEnv?: Record<string, string>
  /** intel-requests-api's own variables, on top of `env`. */
  intelRequestsEnv?: Record<string, string>
  /** A Redis of the test's own (startPrivateRedis) instead of TEST_REDIS_URL. */
  redisUrl?: string
  /** The bearer token the SDK clients send (set AUTH_TOKENS in `env` for the services to require it). */
  token?: string
}

export interface RunningServices {
  /** SDK clients over HTTP, one per service. */
  incidents: IncidentsClient
  intelRequests: IntelRequestsClient
  urls: { incidents: string, intelRequests: string }
  /** The apps themselves, e.g. to close one mid-test. */
  apps: { incidents: IncidentsApp, intelRequests: IntelRequestsApp }
  /** The test's own pool on the services' database, for fixtures and checks. */
  pool: Pool
  databaseUrl: string
  /** A client that sees the services' Redis keys under the same prefix. */
  redis: TestRedisClient
  prefix: string
}

/**
 * Both services in this process, listening on ephemeral ports of 127.0.0.1, over one private
 * database and one Redis key prefix; closed at the test's teardown.
 */
export async function startServices (t: Teardown, options: StartServicesOptions = {}): Promise<RunningServices> {
  const { env = {}, incidentsEnv = {}, intelRequestsEnv = {}, redisUrl, token } = options
  const { url: databaseUrl, pool } = await createTestDatabase(t)
  const { redis, prefix } = await createTestRedis(t, redisUrl === undefined ? {} : { url: redisUrl })
  const common = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl ?? process.env.TEST_REDIS_URL,
    REDIS_KEY_PREFIX: prefix,
    LOG_LEVEL: 'silent',
    ...UNREACHED_RATE_LIMITS,
    ...env
  }

  // Tests start from a connected cache: startApp waits for incidents-api's Redis client.
  const incidentsApp = await startApp(t, await buildIncidentsApp({
    config: loadIncidentsConfig({ CACHE_POLL_INTERVAL_MS: '200', ...common, ...incidentsEnv }),
    logger: false
  }))
  const intelRequestsApp = await startApp(t, await buildIntelRequestsApp({
    config: loadIntelRequestsConfig({ ...common, ...intelRequestsEnv }),
    logger: false
  }))

  const urls = {
    incidents: await listen(incidentsApp),
    intelRequests: await listen(intelRequestsApp)
  }
  return {
    incidents: createIncidentsClient({ baseUrl: urls.incidents, ...(token === undefined ? {} : { token }) }),
    intelRequests: createIntelRequestsClient({ baseUrl: urls.intelRequests, ...(token === undefined ? {} : { token }) }),
    urls,
    apps: { incidents: incidentsApp, intelRequests: intelRequestsApp },
    pool,
    databaseUrl,
    redis,
    prefix
  }
}

async function listen (app: IncidentsApp | IntelRequestsApp): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 })
  const { port } = app.server.address() as AddressInfo
  return `http://127.0.0.1:${port}`
}
