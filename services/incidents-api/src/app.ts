import compress from '@fastify/compress'
import type { FastifyInstance, FastifyServerOptions } from 'fastify'
import { dependencyGraph, dependencyRoutes, recursionBounds, type RecursionBounds } from '@incident-intel/dependency-graph'
import {
  authenticationOptions, bearerAuthentication, createServiceFastify, errorHandler, healthRoutes, jsonDepthLimit, metrics,
  metricsPrefix, openApi, postgresPool, rateLimits, readiness, redisConnection, requestLog, sharedResponses
} from '@incident-intel/service-kit'
import type { IncidentsConfig } from './config.js'
import { currentIncidentsCache } from './plugins/current-incidents-cache.js'
import { currentIncidentRoutes } from './routes/current-incidents.js'
import { changeFeedRoutes } from './routes/change-feed.js'
import { changeFeed } from './plugins/change-feed.js'
import { cacheVerificationRoutes } from './routes/cache-verification.js'
import { incidentRoutes } from './routes/incidents.js'
import { outageRoutes } from './routes/outages.js'
import { internetOutageRoutes } from './routes/internet-outages.js'
import { incidentAssetRoutes } from './routes/incident-assets.js'

export interface AppOptions {
  config: IncidentsConfig
  logger?: FastifyServerOptions['logger']
}

const SERVICE = {
  title: 'incidents-api',
  version: '0.1.0',
  description: 'Incidents with their locations, outages and assets, and the current-incident documents the sender reads in one call.'
}

/** incidents-api, ready to serve; it never listens (see server.ts), so tests inject. Every plugin it uses is registered here, in order. */
export async function buildApp ({ config, logger }: AppOptions) {
  const app = createServiceFastify({ config, ...(logger === undefined ? {} : { logger }) })
  await app.register(requestLog)
  await app.register(errorHandler)
  await app.register(jsonDepthLimit)
  await app.register(bearerAuthentication, authenticationOptions(config))
  await app.register(metrics, { prefix: metricsPrefix(SERVICE.title) })
  await app.register(readiness, { prefix: metricsPrefix(SERVICE.title) })
  await app.register(postgresPool, { config, applicationName: SERVICE.title })
  await app.register(redisConnection, { config })
  await app.register(rateLimits, { config })
  await app.register(dependencyGraph, { pool: app.pg, ...recursion(config) })
  await app.register(currentIncidentsCache, {
    drain: config.CACHE_DRAIN,
    pollIntervalMs: config.CACHE_POLL_INTERVAL_MS,
    batchSize: config.CACHE_DRAIN_BATCH_SIZE,
    backoffBaseMs: config.CACHE_BACKOFF_BASE_MS,
    backoffMaxMs: config.CACHE_BACKOFF_MAX_MS,
    organizationRefreshThreshold: config.CACHE_ORGANIZATION_REFRESH_THRESHOLD,
    rebuildChunkSize: config.CACHE_REBUILD_CHUNK_SIZE,
    rebuildConcurrency: config.CACHE_REBUILD_CONCURRENCY,
    fallbackConcurrency: config.CACHE_FALLBACK_CONCURRENCY,
    waitingMax: config.CACHE_WAITING_MAX,
    queueStuckAfterMs: config.CACHE_QUEUE_STUCK_AFTER_MS,
    reconcileIntervalMs: config.CACHE_RECONCILE_INTERVAL_MS,
    databaseUrl: config.DATABASE_URL,
    changeLog: { maxLength: config.CHANGE_LOG_MAX_LENGTH, maxAgeMs: config.CHANGE_LOG_MAX_AGE_MS }
  })
  await app.register(changeFeed, { subscriberBufferBytes: config.CHANGE_FEED_SUBSCRIBER_BUFFER_BYTES })
  await registerDocumentedRoutes(app, config)
  return app
}

/**
 * The OpenAPI document and every route in it, with the shared responses they declare. Their
 * handlers use app.pg, the dependency graph and app.currentIncidents; registering them needs
 * none of those, so buildOpenApiDocument registers only these (and metrics and readiness,
 * which /ready reads).
 */
export async function registerDocumentedRoutes (app: FastifyInstance, config: IncidentsConfig): Promise<void> {
  await app.register(openApi, SERVICE)
  await app.register(sharedResponses)
  await app.register(healthRoutes)
  await app.register(dependencyRoutes, { recursion: recursion(config) })
  await app.register(incidentRoutes, { recursion: recursion(config) })
  await app.register(outageRoutes)
  await app.register(internetOutageRoutes)
  await app.register(incidentAssetRoutes)
  // Only the routes that ask (the organization list) compress, with their own settings.
  await app.register(compress, { global: false })
  await app.register(currentIncidentRoutes)
  await app.register(changeFeedRoutes, { heartbeatMs: config.CHANGE_FEED_HEARTBEAT_MS })
  await app.register(cacheVerificationRoutes)
}

function recursion (config: IncidentsConfig): RecursionBounds {
  return recursionBounds({ maxDistanceDefault: config.RECURSION_DEFAULT_MAX_DISTANCE, maxDistanceLimit: config.RECURSION_MAX_DISTANCE_LIMIT })
}

export type App = Awaited<ReturnType<typeof buildApp>>
