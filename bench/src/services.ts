import { once } from 'node:events'
import { buildApp as buildIncidentsApp } from '@incident-intel/incidents-api'
import { loadIncidentsConfig } from '@incident-intel/incidents-api/config'
import { buildApp as buildIntelRequestsApp } from '@incident-intel/intel-requests-api'
import { loadIntelRequestsConfig } from '@incident-intel/intel-requests-api/config'
import type { Teardown } from '@incident-intel/test-support'

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
    LOG_LEVEL: 'silent'
  }
  const incidents = await buildIncidentsApp({ config: loadIncidentsConfig(env), logger: false })
  t.teardown(() => incidents.close())
  const incidentsUrl = await incidents.listen({ host: '127.0.0.1', port: 0 })
  const intelRequests = await buildIntelRequestsApp({ config: loadIntelRequestsConfig(env), logger: false })
  t.teardown(() => intelRequests.close())
  const intelRequestsUrl = await intelRequests.listen({ host: '127.0.0.1', port: 0 })
  // Each app connects to Redis once ready, in the background: measure only connected services.
  for (const app of [incidents, intelRequests]) {
    if (app.redis.status !== 'ready') await once(app.redis, 'ready', { signal: AbortSignal.timeout(READY_TIMEOUT_MS) })
  }
  return { incidentsUrl, intelRequestsUrl }
}
