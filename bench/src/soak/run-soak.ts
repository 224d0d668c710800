import { randomBytes } from 'node:crypto'
import { createTestDatabase, createTestRedis, startReplicaBalancer, startServiceProcess, testRedisEnv, type ServiceProcess, type Teardowns } from '@incident-intel/test-support'
import { createClients } from '../clients.js'
import { log } from '../log.js'
import { seedBenchmarkData } from '../seed.js'
import { rebuildCaches } from '../services.js'
import { checkCache } from './cache-check.js'
import { loadStats, runLoad } from './load.js'
import { MIX_DESCRIPTION } from './operations.js'
import { sampleRss } from './rss-sampler.js'

/** soak.ts's options: `instances` of each service. */
export interface SoakOptions { durationSeconds: number, concurrency: number, incidents: number, instances: number }

export type SoakReport = Awaited<ReturnType<typeof runSoak>>

const PINO_ERROR = 50

/**
 * The whole soak: a private database seeded with demo data (one large organization of `incidents`
 * current incidents with the demo's dependency regions, four of a twentieth of that), both services
 * as child processes on a Redis key prefix of their own (`instances` of each; more than one behind a
 * loopback round-robin balancer per service, every instance draining the refresh queue), a warm-up,
 * the measured mixed load, then the cache check. Everything it creates is registered on `teardowns`.
 */
export async function runSoak (options: SoakOptions, teardowns: Teardowns) {
  const startedAt = new Date().toISOString()
  const { pool, url } = await createTestDatabase(teardowns, { poolSize: 4 })
  const { prefix } = await createTestRedis(teardowns)
  log(`private database ${new URL(url).pathname.slice(1)}, Redis key prefix ${prefix}; seeding 5 organizations, ${options.incidents} current incidents in the first`)
  const seeded = await seedBenchmarkData(pool, { organizations: 5, currentIncidents: options.incidents, smallOrganizationIncidents: Math.max(1, Math.round(options.incidents / 20)) })
  // Every write picks an incident and then its organization's records: each organization must have some.
  const organizations = seeded.records.filter(o => o.incidentIds.length > 0 && o.intelRequestIds.length >= 2 && o.assetIds.length >= 2)
  if (organizations.length === 0) throw new Error('the seeded data has no organization with current incidents, intel requests and assets')
  const incidents = organizations.flatMap(organization => organization.incidentIds.map(incidentId => ({ incidentId, organization })))

  const token = randomBytes(24).toString('base64url')
  const env = { DATABASE_URL: url, ...testRedisEnv(), REDIS_KEY_PREFIX: prefix, LOG_LEVEL: 'warn', AUTH_TOKENS: token }
  const services: Array<ServiceProcess & { label: string }> = []
  const origins: Record<string, string> = {}
  const balanced: Array<() => Record<string, number>> = []
  for (const name of ['incidents-api', 'intel-requests-api'] as const) {
    const instances: ServiceProcess[] = []
    for (let i = 1; i <= options.instances; i++) {
      const service = await startServiceProcess(teardowns, name, { env, startTimeoutMs: 30_000, redisConnected: true })
      teardowns.teardown(() => service.stop())
      instances.push(service)
      services.push({ ...service, label: options.instances === 1 ? name : `${name} ${i}` })
    }
    // Each new connection goes to the next instance in turn: the load's keep-alive connections spread over them.
    if (options.instances === 1) origins[name] = instances[0]!.origin
    else {
      const balancer = await startReplicaBalancer(teardowns, instances.map(instance => instance.port))
      origins[name] = balancer.origin
      balanced.push(() => Object.fromEntries(instances.map((instance, i) => [`${name} ${i + 1}`, balancer.connections()[instance.port] ?? 0])))
    }
  }
  log(services.map(s => `${s.label} (pid ${s.pid}) at ${s.origin}`).join(', ') + ': ready')
  const clients = createClients({ incidents: origins['incidents-api']!, intelRequests: origins['intel-requests-api']! }, token)
  await rebuildCaches(clients.incidents, seeded.records.map(o => o.organizationId))
  // Counted before the load adds intel requests.
  const data = {
    organizations: organizations.length,
    current_incidents: incidents.length,
    intel_requests: organizations.reduce((sum, o) => sum + o.intelRequestIds.length, 0),
    assets: organizations.reduce((sum, o) => sum + o.assetIds.length, 0)
  }

  // A service that dies ends the run at once: the report then says which and how.
  const died = new AbortController()
  const watchdog = setInterval(() => {
    const gone = services.find(service => service.exit() !== undefined)
    if (gone === undefined || died.signal.aborted) return
    log(`${gone.label} exited: ${JSON.stringify(gone.exit())}\n${gone.lines().slice(-40).join('\n')}`)
    died.abort()
  }, 500)
  const rss = sampleRss(Object.fromEntries(services.map(s => [s.label, s.pid])))
  teardowns.teardown(() => { clearInterval(watchdog); rss.stop() })

  // Seconds of load before the measured run: caches, JIT and pools warm, and RSS settles.
  const warmup = Math.min(15, Math.max(2, Math.round(options.durationSeconds / 10)))
  log(`warm-up: ${warmup} s at ${options.concurrency} workers`)
  const warm = await runLoad(clients, incidents, options.concurrency, warmup, died.signal)
  if (warm.totals.errors > 0) log(`warm-up: ${warm.totals.errors} errors of ${warm.totals.requests} requests (not counted)`)
  rss.markStart()
  log(`load: ${options.durationSeconds} s at ${options.concurrency} workers`)
  let last = { requests: 0, at: performance.now() }
  const result = await runLoad(clients, incidents, options.concurrency, options.durationSeconds, died.signal, ({ requests, errors }) => {
    const rate = (requests - last.requests) / ((performance.now() - last.at) / 1000)
    last = { requests, at: performance.now() }
    const memory = rss.latest().map(([name, bytes]) => `${name} ${bytes === undefined ? '?' : Math.round(bytes / 2 ** 20)} MB`).join(', ')
    log(`${requests.toLocaleString('en-US')} requests, ${Math.round(rate)} req/s, ${errors} errors; RSS ${memory}`)
  })
  const memory = rss.summary()
  rss.stop()
  clearInterval(watchdog)

  const exits = Object.fromEntries(services.filter(s => s.exit() !== undefined).map(s => [s.label, JSON.stringify(s.exit())]))
  let cacheCheck = null
  if (Object.keys(exits).length === 0) {
    log('load stopped; waiting for the refresh queue to drain, then comparing every cached document with the LATERAL query')
    cacheCheck = await checkCache(pool, clients.incidents, seeded.records.map(o => o.organizationId))
  }

  const { total, operations } = loadStats(result)
  // Lines each service logged at level error or above.
  const serviceErrorLines = Object.fromEntries(services.map(s => [s.label, s.logs().filter(line => Number(line.level) >= PINO_ERROR).length]))
  return {
    passed: total.errors === 0 && total.requests > 0 && cacheCheck?.ok === true && Object.values(serviceErrorLines).every(n => n === 0),
    started_at: startedAt,
    options: { ...options, warmup_seconds: warmup },
    mix: MIX_DESCRIPTION,
    data,
    elapsed_seconds: result.elapsedMs / 1000,
    total,
    throughput_rps: total.requests / (result.elapsedMs / 1000),
    operations,
    /** x-cache of the GET /incidents/current/:id answers. */
    current_incident_cache: result.cacheResults,
    rss: memory,
    service_error_lines: serviceErrorLines,
    /** Connections the balancers gave each instance (empty with one instance of each). */
    balanced_connections: Object.assign({}, ...balanced.map(counts => counts())) as Record<string, number>,
    /** A service that exited before the end. */
    service_exits: exits,
    cache_check: cacheCheck,
    error_samples: result.errorSamples,
    rss_series: rss.series
  }
}
