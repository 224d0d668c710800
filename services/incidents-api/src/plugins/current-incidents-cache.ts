import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { Counter, Gauge, Histogram } from 'prom-client'
import { CacheReconciler } from '../cache/cache-reconciler.js'
import type { ChangeLogBounds } from '../cache/cache-scripts.js'
import { CurrentIncidentsStore } from '../cache/current-incidents-store.js'
import { CurrentIncidentsVerifier } from '../cache/current-incidents-verifier.js'
import { RefreshQueueDrainer } from '../cache/refresh-queue-drainer.js'
import { readQueueState, type QueueState } from '../sql/refresh-queue.js'

export interface CurrentIncidentsCacheOptions {
  /** Whether this instance drains the refresh queue (every instance may; SKIP LOCKED shares the work). */
  drain: boolean
  pollIntervalMs: number
  batchSize: number
  backoffBaseMs: number
  backoffMaxMs: number
  organizationRefreshThreshold: number
  rebuildChunkSize: number
  rebuildConcurrency: number
  fallbackConcurrency: number
  waitingMax: number
  /** /ready is degraded once the oldest queued refresh is older than this. */
  queueStuckAfterMs: number
  /** Between two organizations the reconciler verifies (0: no background reconciliation). */
  reconcileIntervalMs: number
  databaseUrl: string
  changeLog: ChangeLogBounds
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The current-incident documents: reads, write-through refreshes, rebuilds. */
    currentIncidents: CurrentIncidentsStore
    /** Compares an organization's cached documents with the database and repairs them. */
    currentIncidentsVerifier: CurrentIncidentsVerifier
    /** The background verification, one organization per tick; undefined when it is off. */
    currentIncidentsReconciler: CacheReconciler | undefined
  }
}

/** The cache of current-incident documents, its refresh-queue drainer, their metrics and readiness. */
export const currentIncidentsCache = fp(async function currentIncidentsCache (app: FastifyInstance, options: CurrentIncidentsCacheOptions) {
  const registers = [app.metrics]
  const pool = app.pg
  const reads = new Counter({
    name: 'incidents_api_current_incidents_reads_total',
    help: 'Current-incident reads by cache result (hit, miss, bypass)',
    labelNames: ['result'],
    registers
  })
  const lag = new Histogram({
    name: 'incidents_api_current_incidents_refresh_lag_seconds',
    help: 'From a change (its trigger) to its document in Redis, for changes that came through the queue',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers
  })
  const attempts = new Counter({
    name: 'incidents_api_current_incidents_drain_attempts_total',
    help: 'Drain transactions begun (one organization each)',
    registers
  })
  const failures = new Counter({
    name: 'incidents_api_current_incidents_refresh_failures_total',
    help: 'Failed drain attempts by reason: one organization (then parked), or Redis or PostgreSQL unreachable (then the drainer backs off)',
    labelNames: ['reason'],
    registers
  })
  for (const reason of ['organization', 'redis_unavailable', 'database_unavailable']) failures.inc({ reason }, 0)
  const divergences = new Counter({
    name: 'incidents_api_current_incidents_divergences_total',
    help: 'Cached documents found to differ from the database by verification, and organizations whose refresh Redis refused as not newer (version_ahead), by reason; each was repaired',
    labelNames: ['reason'],
    registers
  })
  const refreshWrites = new Counter({
    name: 'incidents_api_current_incidents_refresh_writes_total',
    help: 'Documents refreshes (write-through and drained) wrote to or removed from Redis, by result: applied, or refused as not newer than the version Redis holds',
    labelNames: ['result'],
    registers
  })
  for (const result of ['applied', 'not_newer']) refreshWrites.inc({ result }, 0)
  for (const reason of ['missing', 'stale', 'not_current', 'version_behind', 'version_ahead', 'cache_disabled']) divergences.inc({ reason }, 0)

  // One query answers the three gauges of a scrape.
  let scraped: Promise<QueueState | undefined> | undefined
  const queueState = async (): Promise<QueueState | undefined> => {
    scraped ??= readQueueState(pool).catch(() => undefined).finally(() => setImmediate(() => { scraped = undefined }))
    return await scraped
  }
  const queueGauge = (name: string, help: string, field: keyof QueueState) => new Gauge({
    name,
    help,
    registers,
    async collect () {
      const state = await queueState()
      if (state) this.set(state[field]) // database down: the scrape still answers; the gauge keeps its last value
    }
  })
  queueGauge('incidents_api_current_incidents_refresh_queue_depth', 'Refreshes queued and not yet applied', 'queued')
  queueGauge('incidents_api_current_incidents_refresh_queue_oldest_seconds', 'Age of the oldest queued refresh (0 when the queue is empty)', 'oldest_queued_seconds')
  queueGauge('incidents_api_current_incidents_parked_organizations', 'Organizations whose refreshes keep failing, waiting out a back-off', 'parked_organizations')

  // A parked organization, or a refresh queued for too long, is a degraded cache: reads still answer.
  app.addReadinessCheck('refresh_queue', async () => {
    const state = await readQueueState(pool)
    const stuck = state.oldest_queued_seconds * 1000 > options.queueStuckAfterMs
    return { degraded: stuck || state.parked_organizations > 0, detail: { ...state } }
  }, { optional: true })

  const store = new CurrentIncidentsStore({
    pool,
    redis: app.redis,
    log: app.log,
    onRead: result => reads.inc({ result }),
    onDivergence: ({ reason }) => divergences.inc({ reason }),
    onRefreshWrites: ({ applied, notNewer }) => {
      refreshWrites.inc({ result: 'applied' }, applied)
      refreshWrites.inc({ result: 'not_newer' }, notNewer)
    },
    rebuildChunkSize: options.rebuildChunkSize,
    rebuildConcurrency: options.rebuildConcurrency,
    fallbackConcurrency: options.fallbackConcurrency,
    waitingMax: options.waitingMax,
    changeLog: options.changeLog
  })
  app.decorate('currentIncidents', store)
  const verifier = new CurrentIncidentsVerifier({ pool, redis: app.redis, store })
  app.decorate('currentIncidentsVerifier', verifier)
  const reconciler = options.reconcileIntervalMs > 0
    ? new CacheReconciler({ pool, redis: app.redis, verifier, intervalMs: options.reconcileIntervalMs, sweepIntervalMs: Math.min(options.reconcileIntervalMs, 100), log: app.log })
    : undefined
  app.decorate('currentIncidentsReconciler', reconciler)
  if (reconciler) {
    app.addHook('onReady', () => reconciler.start())
    app.addHook('preClose', () => reconciler.stop())
  }

  if (options.drain) {
    const drainer = new RefreshQueueDrainer({
      pool,
      databaseUrl: options.databaseUrl,
      store,
      redis: app.redis,
      batchSize: options.batchSize,
      pollIntervalMs: options.pollIntervalMs,
      backoffBaseMs: options.backoffBaseMs,
      backoffMaxMs: options.backoffMaxMs,
      organizationRefreshThreshold: options.organizationRefreshThreshold,
      log: app.log,
      onApplied: refreshes => {
        const now = Date.now()
        for (const refresh of refreshes) lag.observe((now - refresh.enqueued.getTime()) / 1000)
      },
      onAttempt: () => attempts.inc(),
      onFailure: reason => failures.inc({ reason })
    })
    app.addHook('onReady', () => drainer.start())
    // Before the pool closes: the batch in hand commits (or rolls back into the queue).
    app.addHook('preClose', () => drainer.stop())
  }
  app.addHook('preClose', () => store.settle())
}, { name: 'current-incidents-cache' })
