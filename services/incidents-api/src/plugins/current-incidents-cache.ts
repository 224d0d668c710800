import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { Counter, Gauge, Histogram } from 'prom-client'
import { CurrentIncidentsStore } from '../cache/current-incidents-store.js'
import { RefreshQueueDrainer } from '../cache/refresh-queue-drainer.js'
import { countQueuedRefreshes } from '../sql/refresh-queue.js'

export interface CurrentIncidentsCacheOptions {
  /** Whether this instance drains the refresh queue (every instance may; SKIP LOCKED shares the work). */
  drain: boolean
  pollIntervalMs: number
  batchSize: number
  databaseUrl: string
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The current-incident documents: reads, write-through refreshes, rebuilds. */
    currentIncidents: CurrentIncidentsStore
  }
}

/** The cache of current-incident documents, its refresh-queue drainer, and their metrics. */
export const currentIncidentsCache = fp(async function currentIncidentsCache (app: FastifyInstance, options: CurrentIncidentsCacheOptions) {
  const registers = [app.metrics]
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
  const pool = app.pg
  new Gauge({ // eslint-disable-line no-new -- registered on creation, read on scrape
    name: 'incidents_api_current_incidents_refresh_queue_depth',
    help: 'Refreshes queued and not yet applied',
    registers,
    async collect () {
      try {
        this.set(await countQueuedRefreshes(pool))
      } catch {} // database down: the scrape still answers; the gauge keeps its last value
    }
  })

  const store = new CurrentIncidentsStore({ pool, redis: app.redis, log: app.log, onRead: result => reads.inc({ result }) })
  app.decorate('currentIncidents', store)

  if (options.drain) {
    const drainer = new RefreshQueueDrainer({
      pool,
      databaseUrl: options.databaseUrl,
      store,
      batchSize: options.batchSize,
      pollIntervalMs: options.pollIntervalMs,
      log: app.log,
      onApplied: refreshes => {
        const now = Date.now()
        for (const refresh of refreshes) lag.observe((now - refresh.enqueued.getTime()) / 1000)
      }
    })
    app.addHook('onReady', () => drainer.start())
    // Before the pool closes: the batch in hand commits (or rolls back into the queue).
    app.addHook('preClose', () => drainer.stop())
  }
  app.addHook('preClose', () => store.settle())
}, { name: 'current-incidents-cache' })
