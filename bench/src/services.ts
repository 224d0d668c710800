import { buildApp as buildIncidentsApp } from '@incident-intel/incidents-api'
import { loadIncidentsConfig } from '@incident-intel/incidents-api/config'
import { buildApp as buildIntelRequestsApp } from '@incident-intel/intel-requests-api'
import { loadIntelRequestsConfig } from '@incident-intel/intel-requests-api/config'
import { UNREACHED_RATE_LIMITS, startApp, type Teardown } from '@incident-intel/test-support'

export interface RunningServices {
  incidentsUrl: string
  intelRequestsUrl: string
}

const READY_TIMEOUT_MS = 5000

/** Both services in this process, on ephemeral ports, over the benchmark's database and Redis prefix. */
export async function startServices (t: Teardown, { databaseUrl, redisPrefix }: { databaseUrl: string, redisPrefix: string }): Promise<RunningServices> {
  const env = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.TEST_REDIS_URL,
    REDIS_KEY_PREFIX: redisPrefix,
    LOG_LEVEL: 'silent',
    ...UNREACHED_RATE_LIMITS
  }
  // Measure only connected services: startApp waits for incidents-api's Redis client.
  const incidents = await startApp(t, await buildIncidentsApp({ config: loadIncidentsConfig(env), logger: false }), { redisTimeoutMs: READY_TIMEOUT_MS })
  const incidentsUrl = await incidents.listen({ host: '127.0.0.1', port: 0 })
  const intelRequests = await startApp(t, await buildIntelRequestsApp({ config: loadIntelRequestsConfig(env), logger: false }))
  const intelRequestsUrl = await intelRequests.listen({ host: '127.0.0.1', port: 0 })
  return { incidentsUrl, intelRequestsUrl }
}
