import type { FastifyInstance, FastifyServerOptions } from 'fastify'
import { dependencyGraph, dependencyRoutes, recursionBounds, type RecursionBounds } from '@incident-intel/dependency-graph'
import {
  authenticationOptions, bearerAuthentication, createServiceFastify, errorHandler, healthRoutes, jsonDepthLimit, metrics,
  metricsPrefix, openApi, postgresPool, rateLimits, readiness, redisConnection, requestLog, sharedResponses, type ServiceEnv
} from '@incident-intel/service-kit'
import { intelRequestRoutes } from './routes/intel-requests.js'

export interface AppOptions {
  config: ServiceEnv
  logger?: FastifyServerOptions['logger']
}

const SERVICE = {
  title: 'intel-requests-api',
  version: '0.1.0',
  description: 'Intel requests and their dependencies: bounded, batched, cycle-safe recursion.'
}

/**
 * intel-requests-api, ready to serve; it never listens (see server.ts), so tests inject. Every
 * plugin it uses is registered here, in order. Its only use of Redis is the shared rate limits,
 * which fail open while Redis is down.
 */
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
  await registerDocumentedRoutes(app, config)
  return app
}

/**
 * The OpenAPI document and every route in it, with the shared responses they declare. Their
 * handlers use app.pg and the dependency graph; registering them needs neither, so
 * buildOpenApiDocument registers only these (and metrics and readiness, which /ready reads).
 */
export async function registerDocumentedRoutes (app: FastifyInstance, config: ServiceEnv): Promise<void> {
  await app.register(openApi, SERVICE)
  await app.register(sharedResponses)
  await app.register(healthRoutes)
  await app.register(dependencyRoutes, { recursion: recursion(config) })
  await app.register(intelRequestRoutes, { recursion: recursion(config) })
}

function recursion (config: ServiceEnv): RecursionBounds {
  return recursionBounds({ maxDistanceDefault: config.RECURSION_DEFAULT_MAX_DISTANCE, maxDistanceLimit: config.RECURSION_MAX_DISTANCE_LIMIT })
}

export type App = Awaited<ReturnType<typeof buildApp>>
