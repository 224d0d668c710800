import compress from '@fastify/compress'
import type { FastifyServerOptions } from 'fastify'
import { createServiceApp, mountDependencyGraph } from '@incident-intel/service-kit'
import type { IncidentsConfig } from './config.js'
import { currentIncidentsCache } from './plugins/current-incidents-cache.js'
import { currentIncidentRoutes } from './routes/current-incidents.js'
import { cacheVerificationRoutes } from './routes/cache-verification.js'
import { incidentRoutes } from './routes/incidents.js'
import { outageRoutes } from './routes/outages.js'
import { internetOutageRoutes } from './routes/internet-outages.js'
import { incidentAssetRoutes } from './routes/incident-assets.js'

export interface AppOptions {
  config: IncidentsConfig
  logger?: FastifyServerOptions['logger']
}

/** incidents-api, ready to serve; it never listens (see server.ts), so tests inject. */
export async function buildApp ({ config, logger }: AppOptions) {
  const app = await createServiceApp({
    name: 'incidents-api',
    version: '0.1.0',
    description: 'Incidents with their locations, outages and assets, and the current-incident documents the sender reads in one call.',
    config,
    ...(logger === undefined ? {} : { logger })
  })
  await app.register(currentIncidentsCache, {
    drain: config.CACHE_DRAIN,
    pollIntervalMs: config.CACHE_POLL_INTERVAL_MS,
    batchSize: config.CACHE_DRAIN_BATCH_SIZE,
    backoffBaseMs: config.CACHE_BACKOFF_BASE_MS,
    backoffMaxMs: config.CACHE_BACKOFF_MAX_MS,
    organizationRefreshThreshold: config.CACHE_ORGANIZATION_REFRESH_THRESHOLD,
    rebuildChunkSize: config.CACHE_REBUILD_CHUNK_SIZE,
    rebuildConcurrency: config.CACHE_REBUILD_CONCURRENCY,
    queueStuckAfterMs: config.CACHE_QUEUE_STUCK_AFTER_MS,
    reconcileIntervalMs: config.CACHE_RECONCILE_INTERVAL_MS,
    databaseUrl: config.DATABASE_URL
  })
  const graph = await mountDependencyGraph(app, config)
  await app.register(incidentRoutes, { graph })
  await app.register(outageRoutes)
  await app.register(internetOutageRoutes)
  await app.register(incidentAssetRoutes)
  // Only the routes that ask (the organization list) compress, with their own settings.
  await app.register(compress, { global: false })
  await app.register(currentIncidentRoutes)
  await app.register(cacheVerificationRoutes)
  return app
}

export type App = Awaited<ReturnType<typeof buildApp>>
