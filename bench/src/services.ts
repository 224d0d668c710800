import { buildApp as buildIncidentsApp } from '@incident-intel/incidents-api'
import { loadIncidentsConfig } from '@incident-intel/incidents-api/config'
import { buildApp as buildIntelRequestsApp } from '@incident-intel/intel-requests-api'
import { loadIntelRequestsConfig } from '@incident-intel/intel-requests-api/config'
import { createIncidentsClient, type IncidentsClient } from '@incident-intel/sdk'
import { UNREACHED_RATE_LIMITS, startApp, startServiceProcess, testRedisEnv, waitUntil, type Teardown } from '@incident-intel/test-support'
import { expectData } from './clients.js'

type Env = Record<string, string | undefined>
const quiet = (env: Env): Env => ({ REDIS_URL: process.env.TEST_REDIS_URL, LOG_LEVEL: 'silent', ...env })

/**
 * incidents-api in this process on an ephemeral port, once its Redis client is connected (only a
 * connected service is measured); `env` on top of silent logs and the test Redis.
 */
export async function startIncidentsApp (t: Teardown, env: Env, redisTimeoutMs = 5000) {
  const app = await startApp(t, await buildIncidentsApp({ config: loadIncidentsConfig(quiet(env)), logger: false }), { redisTimeoutMs })
  const origin = await app.listen({ host: '127.0.0.1', port: 0 })
  return { app, origin, client: createIncidentsClient({ baseUrl: origin }) }
}

/** Both services in this process, on ephemeral ports, over the benchmark's database and Redis prefix. */
export async function startServices (t: Teardown, { databaseUrl, redisPrefix }: { databaseUrl: string, redisPrefix: string }) {
  const env = { DATABASE_URL: databaseUrl, REDIS_KEY_PREFIX: redisPrefix, ...UNREACHED_RATE_LIMITS }
  const { origin: incidentsUrl } = await startIncidentsApp(t, env)
  const intelRequests = await startApp(t, await buildIntelRequestsApp({ config: loadIntelRequestsConfig(quiet(env)), logger: false }))
  return { incidentsUrl, intelRequestsUrl: await intelRequests.listen({ host: '127.0.0.1', port: 0 }) }
}

/**
 * Built incidents-api as a process of its own over the benchmark's database and prefix, once its
 * Redis is connected; without the reconciler, whose first sweep would land in a timed run.
 */
export async function startIncidentsProcess (t: Teardown, { url, prefix }: { url: string, prefix: string }) {
  const env = { DATABASE_URL: url, ...testRedisEnv(), REDIS_KEY_PREFIX: prefix, CACHE_RECONCILE_INTERVAL_MS: '0' }
  return await startServiceProcess(t, 'incidents-api', { env, startTimeoutMs: 30_000, redisConnected: true })
}

/**
 * Rebuilds each organization's cache through POST /incidents/current/rebuild. Setup, not a
 * measurement: a 503 (Redis writes outlasting the command timeout, through a fault proxy or on a
 * loaded machine) is tried again for up to a minute; any other error fails the run.
 */
export async function rebuildCaches (client: IncidentsClient, organizationIds: readonly string[]): Promise<void> {
  for (const organizationId of organizationIds) {
    await waitUntil(async () => {
      const rebuilt = await client.POST('/incidents/current/rebuild', { body: { organization_id: organizationId } })
      return rebuilt.response.status !== 503 && expectData(rebuilt, `rebuilding ${organizationId}`) !== undefined
    }, 60_000, `rebuilding ${organizationId}: Redis still unavailable`)
  }
}
