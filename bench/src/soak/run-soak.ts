import { randomBytes } from 'node:crypto'
import { createTestDatabase, createTestRedis, startReplicaBalancer, startServiceProcess, waitUntil, type ServiceProcess, type Teardowns } from '@incident-intel/test-support'
import { createClients, expectData } from '../clients.js'
import { checkCache, type CacheCheck } from './cache-check.js'
import { seedDataSet } from './data-set.js'
import { loadStats, runLoad } from './load.js'
import { EXPECTED, MIX_DESCRIPTION, type OperationName } from './operations.js'
import { sampleRss } from './rss-sampler.js'

/** soak.ts's options; `rate` undefined: as fast as the services answer; `instances` of each service. */
export interface SoakOptions { durationSeconds: number, concurrency: number, rate: number | undefined, incidents: number, instances: number }

export type SoakReport = Awaited<ReturnType<typeof runSoak>>

const READY_TIMEOUT_MS = 30_000
const PINO_ERROR = 50
const tail = (service: ServiceProcess): string => service.lines().slice(-40).join('\n')

/** Seconds of load before the measured run: caches, JIT and pools warm, and RSS settles. */
export const warmupSeconds = (durationSeconds: number): number => Math.min(15, Math.max(2, Math.round(durationSeconds / 10)))

/**
 * The whole soak: a private database seeded with demo data, both services as child processes on
 * a Redis key prefix of their own (`instances` of each; more than one behind a loopback
 * round-robin balancer per service, every instance draining the refresh queue), a warm-up, the
 * measured mixed load, then the cache check.
 * Everything it creates is registered on `teardowns`; `interrupted` ends the load early.
 */
export async function runSoak (options: SoakOptions, teardowns: Teardowns, log: (line: string) => void, interrupted: AbortSignal) {
  const startedAt = new Date().toISOString()
  const { pool, url } = await createTestDatabase(teardowns, { poolSize: 4 })
  const { prefix } = await createTestRedis(teardowns)
  log(`private database ${new URL(url).pathname.slice(1)}, Redis key prefix ${prefix}`)
  const data = await seedDataSet(pool, options.incidents, log)

  const token = randomBytes(24).toString('base64url')
  const env = { DATABASE_URL: url, REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', REDIS_KEY_PREFIX: prefix, LOG_LEVEL: 'warn', AUTH_TOKENS: token }
  const services: Array<ServiceProcess & { label: string }> = []
  const origins: Record<string, string> = {}
  const balanced: Array<() => Record<string, number>> = []
  for (const name of ['incidents-api', 'intel-requests-api'] as const) {
    const instances: ServiceProcess[] = []
    for (let i = 1; i <= options.instances; i++) {
      const service = await startServiceProcess(teardowns, name, { env })
      teardowns.teardown(() => service.stop())
      // /health answers before the database and Redis are connected; /ready once they are.
      await waitUntil(async () => {
        if (service.exit() !== undefined) throw new Error(`${service.name} exited (${JSON.stringify(service.exit())}) before it was ready:\n${tail(service)}`)
        return fetch(`${service.origin}/ready`).then(response => response.status === 200, () => false)
      }, READY_TIMEOUT_MS, `${service.name} was not ready within ${READY_TIMEOUT_MS} ms:\n${tail(service)}`)
      instances.push(service)
      services.push({ ...service, label: options.instances === 1 ? name : `${name} ${i}` })
    }
    // Each new connection goes to the next instance in turn: the load's keep-alive connections spread over them.
    if (options.instances === 1) origins[name] = instances[0]!.origin
    else {
      const balancer = await startReplicaBalancer(teardowns, instances.map(instance => instance.port))
      origins[name] = balancer.origin
      const counts = balancer.connections
      balanced.push(() => Object.fromEntries(instances.map((instance, i) => [`${name} ${i + 1}`, counts()[instance.port] ?? 0])))
    }
  }
  log(services.map(s => `${s.label} (pid ${s.pid}) at ${s.origin}`).join(', ') + ': ready')
  const clients = createClients({ incidents: origins['incidents-api']!, intelRequests: origins['intel-requests-api']! }, token)
  for (const organizationId of data.organizationIds) {
    expectData(await clients.incidents.POST('/incidents/current/rebuild', { body: { organization_id: organizationId } }), `rebuilding ${organizationId}`)
  }
  // Counted before the load adds intel requests.
  const seeded = {
    organizations: data.organizations.length,
    current_incidents: data.incidents.length,
    intel_requests: data.organizations.reduce((sum, o) => sum + o.intelRequestIds.length, 0),
    assets: data.organizations.reduce((sum, o) => sum + o.assetIds.length, 0)
  }

  // A service that dies ends the run at once: the report then says which and how.
  const abort = new AbortController()
  const watchdog = setInterval(() => {
    const gone = services.find(service => service.exit() !== undefined)
    if (gone !== undefined && !abort.signal.aborted) {
      log(`${gone.label} exited: ${JSON.stringify(gone.exit())}\n${tail(gone)}`)
      abort.abort()
    }
  }, 500)
  teardowns.teardown(() => clearInterval(watchdog))
  const rss = sampleRss(Object.fromEntries(services.map(s => [s.label, s.pid])))
  teardowns.teardown(() => rss.stop())

  const warmup = warmupSeconds(options.durationSeconds)
  log(`warm-up: ${warmup} s at ${options.concurrency} workers`)
  const load = { clients, data, concurrency: options.concurrency, rate: options.rate, signal: AbortSignal.any([abort.signal, interrupted]) }
  const warm = await runLoad({ ...load, durationMs: warmup * 1000 })
  if (warm.errors > 0) log(`warm-up: ${warm.errors} errors of ${warm.requests} requests (not counted)`)

  if (interrupted.aborted) throw new Error('interrupted')
  rss.markStart()
  log(`load: ${options.durationSeconds} s at ${options.concurrency} workers${options.rate === undefined ? '' : `, ${options.rate} req/s`}`)
  let last = { requests: 0, ms: 0 }
  const result = await runLoad({
    ...load,
    durationMs: options.durationSeconds * 1000,
    onProgress: (elapsedMs, { requests, errors }) => {
      const rate = (requests - last.requests) / ((elapsedMs - last.ms) / 1000)
      last = { requests, ms: elapsedMs }
      const memory = Object.entries(rss.latest()).map(([name, bytes]) => `${name} ${bytes === undefined ? '?' : Math.round(bytes / 1024 / 1024)} MB`).join(', ')
      log(`${Math.round(elapsedMs / 1000)}/${options.durationSeconds} s: ${requests.toLocaleString('en-US')} requests, ${Math.round(rate)} req/s, ${errors} errors; RSS ${memory}`)
    }
  })
  const memory = rss.summary()
  rss.stop()
  clearInterval(watchdog)

  const exits = Object.fromEntries(services.filter(s => s.exit() !== undefined).map(s => [s.label, JSON.stringify(s.exit())]))
  if (interrupted.aborted) throw new Error('interrupted')
  let cacheCheck: CacheCheck | null = null
  if (Object.keys(exits).length === 0) {
    log('load stopped; waiting for the refresh queue to drain, then comparing every cached document with the LATERAL query')
    cacheCheck = await checkCache(pool, clients.incidents, data.organizationIds)
  }

  const { total, operations } = loadStats(result)
  // Lines each service logged at level error or above.
  const serviceErrorLines = Object.fromEntries(services.map(s => [s.label, s.logs().filter(line => Number(line.level) >= PINO_ERROR).length]))
  return {
    passed: total.errors === 0 && total.requests > 0 && cacheCheck?.ok === true && Object.values(serviceErrorLines).every(n => n === 0),
    started_at: startedAt,
    options: { ...options, warmup_seconds: warmup },
    mix: MIX_DESCRIPTION,
    data: seeded,
    elapsed_seconds: result.elapsedMs / 1000,
    total,
    throughput_rps: total.requests / (result.elapsedMs / 1000),
    operations: Object.fromEntries(Object.entries(operations).map(([name, stats]) => [name, { ...stats, expected: EXPECTED[name as OperationName] }])),
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
    rss_series: rss.series()
  }
}
