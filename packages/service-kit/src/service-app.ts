import { randomUUID } from 'node:crypto'
import Fastify, { type FastifyReply, type FastifyServerOptions } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { Redis } from 'ioredis'
import type { Pool } from 'pg'
import type { Registry } from 'prom-client'
import { createPool } from '@incident-intel/db'
import { AJV_OPTIONS, ErrorSchema } from '@incident-intel/dependency-graph'
import { PUBLIC_ROUTES, bearerAuthentication } from './auth.js'
import { authTokens, type ServiceEnv } from './config.js'
import { errorEnvelope, errorHandler } from './error-handler.js'
import { jsonDepthLimit } from './json-depth.js'
import { loggerOptions } from './logger-options.js'
import { healthRoutes } from './health-routes.js'
import { metrics } from './metrics.js'
import { openApi } from './openapi.js'
import { createRedisClient } from './redis-client.js'
import { requestLog } from './request-log.js'

declare module 'fastify' {
  interface FastifyInstance {
    pg: Pool
    redis: Redis
    /** This app's own Prometheus registry: several apps in one process (tests) never share metrics. */
    metrics: Registry
  }
}

export interface ServiceAppOptions {
  /** The service's name, e.g. `incidents-api`: its OpenAPI title, its metrics prefix, its pg application_name. */
  name: string
  version: string
  description: string
  config: ServiceEnv
  /** pino options on top of JSON lines at config.LOG_LEVEL (see loggerOptions); `false` silences the log (tests). */
  logger?: FastifyServerOptions['logger']
}

/**
 * A Fastify app with what both services share: pino with request ids (taken from
 * `x-request-id` or made), the error envelope, /health, /ready, /metrics, /openapi.json and
 * /docs, a PostgreSQL pool (`app.pg`) and a Redis client (`app.redis`) closed with the app.
 * It never listens; the service registers its routes on it.
 */
export async function createServiceApp ({ name, version, description, config, logger }: ServiceAppOptions) {
  const app = Fastify({
    logger: loggerOptions(config.LOG_LEVEL, logger),
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    // requestLog writes one line per request instead of Fastify's two.
    disableRequestLogging: true,
    ajv: AJV_OPTIONS,
    bodyLimit: 1024 * 1024,
    // Errors the router raises before any route (a malformed URL, a path parameter over
    // maxParamLength) use the envelope too.
    frameworkErrors: (error, _request, reply) => {
      const statusCode = error.statusCode ?? 400
      const envelopeReply = reply as FastifyReply
      envelopeReply.code(statusCode).send(errorEnvelope(statusCode, error.message, error.code))
    }
  }).withTypeProvider<TypeBoxTypeProvider>()

  const pool = createPool({
    connectionString: config.DATABASE_URL,
    max: config.DATABASE_POOL_SIZE,
    statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
    connectTimeoutMs: config.DATABASE_CONNECT_TIMEOUT_MS,
    // Past the server's own limit: only a query the server never answers meets this one.
    queryTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS + 1000,
    applicationName: name
  })
  // An idle client whose server went away emits 'error'; the pool replaces it, the app lives on.
  pool.on('error', error => app.log.warn({ err: error }, 'idle PostgreSQL client failed'))
  const redis = createRedisClient({
    url: config.REDIS_URL,
    keyPrefix: config.REDIS_KEY_PREFIX,
    commandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS
  })
  let redisWasUp = true
  redis.on('error', error => {
    // ioredis repeats the error on every reconnection attempt: log the transition only.
    if (redisWasUp) app.log.warn({ err: error }, 'Redis unavailable; serving from PostgreSQL')
    redisWasUp = false
  })
  redis.on('ready', () => {
    if (!redisWasUp) app.log.info('Redis available again')
    redisWasUp = true
  })

  // Connect once the routes are compiled: a handshake behind a busy event loop would time out.
  app.addHook('onReady', async () => {
    redis.connect().catch(() => {}) // reconnects in the background; 'error' has logged why
  })
  app.decorate('pg', pool)
  app.decorate('redis', redis)
  app.addHook('onClose', async () => {
    redis.disconnect()
    await pool.end()
  })
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id)
  })

  app.addHook('onRoute', route => {
    const schema = route.schema as RouteSchema | undefined
    if (!schema?.response || schema.hide) return
    // An operation takes no query parameter it does not name: an unknown one is a 400. The
    // probes take anything, so a monitor's cache-buster never fails them.
    if (!schema.tags?.includes('operations')) schema.querystring ??= { type: 'object', properties: {}, additionalProperties: false }
    schema.response = { ...frameworkResponses(route.url, schema), ...schema.response }
    if (PUBLIC_ROUTES.has(route.url)) schema.security = []
  })
  await app.register(requestLog)
  await app.register(errorHandler)
  await app.register(jsonDepthLimit)
  await app.register(bearerAuthentication, { tokens: authTokens(config.AUTH_TOKENS) })
  const prefix = `${name.replace(/\W/g, '_')}_`
  await app.register(metrics, { prefix })
  await app.register(openApi, { title: name, version, description })
  await app.register(healthRoutes, {
    checks: {
      postgres: () => pool.query('select 1'),
      redis: () => redis.ping()
    },
    optional: ['redis'],
    prefix
  })
  return app
}

export type ServiceApp = Awaited<ReturnType<typeof createServiceApp>>

interface RouteSchema {
  hide?: boolean
  tags?: string[]
  security?: unknown[]
  body?: unknown
  querystring?: unknown
  response?: Record<string, unknown>
}

const problem = (description: string) => ({ ...ErrorSchema, description })

/** The statuses that every operation can meet before or beside its handler, declared in its document. */
function frameworkResponses (url: string, schema: RouteSchema): Record<string, unknown> {
  return {
    // Authentication, when configured, guards every documented route but the probes.
    ...(PUBLIC_ROUTES.has(url) ? {} : { 401: problem('A bearer token is required (AUTH_TOKENS is set) and was missing or not valid') }),
    ...(schema.body === undefined
      ? {}
      : {
          413: problem('The body is larger than 1 MiB'),
          415: problem('The body is not application/json')
        }),
    ...(url.includes(':') ? { 414: problem('A path parameter is longer than 100 characters') } : {}),
    // Any route that reads or writes can meet a database that is down.
    ...(schema.tags?.includes('operations') ? {} : { 503: problem('The database is unavailable; retry after Retry-After seconds') })
  }
}
