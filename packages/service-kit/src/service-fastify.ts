import { randomUUID } from 'node:crypto'
import Fastify, { LogController, type FastifyReply, type FastifyServerOptions } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { AJV_OPTIONS, errorEnvelope } from '@incident-intel/schemas'
import type { ServiceEnv } from './config.js'
import { loggerOptions } from './logger-options.js'
import { finiteNumbersValidator } from './validator-compiler.js'

export interface ServiceFastifyOptions {
  config: Pick<ServiceEnv, 'LOG_LEVEL' | 'LOG_BUFFER_BYTES'>
  /** pino options on top of JSON lines at config.LOG_LEVEL (see loggerOptions); `false` silences the log (tests). */
  logger?: FastifyServerOptions['logger']
}

/**
 * The Fastify instance both services start from, with no plugin yet: pino, request ids (taken
 * from `x-request-id` or made, and echoed on every reply), the Ajv options of the shared schemas,
 * a 1 MiB body limit, and the router's own errors in the envelope. Each service's app.ts
 * registers on it, by name, every plugin it uses.
 */
export function createServiceFastify ({ config, logger }: ServiceFastifyOptions) {
  const app = Fastify({
    logger: loggerOptions(config, logger),
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    // The requestLog plugin writes one line per request instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    ajv: AJV_OPTIONS,
    schemaController: { compilersFactory: { buildValidator: finiteNumbersValidator() } },
    bodyLimit: 1024 * 1024,
    // Errors the router raises before any route (a malformed URL, a path parameter over
    // maxParamLength) use the envelope too.
    frameworkErrors: (error, _request, reply) => {
      const statusCode = error.statusCode ?? 400
      const envelopeReply = reply as FastifyReply
      envelopeReply.code(statusCode).send(errorEnvelope(statusCode, error.message, error.code))
    }
  }).withTypeProvider<TypeBoxTypeProvider>()
  // Each route sets its own URL pattern on its requests: Fastify's request.routeOptions builds an
  // object of a dozen fields on every read, and the log, the metrics and the rate limits each read it.
  app.decorateRequest('routeUrl', null)
  app.addHook('onRoute', route => {
    const url = route.url
    const own = route.onRequest === undefined ? [] : [route.onRequest].flat()
    route.onRequest = [(request, _reply, done) => {
      request.routeUrl = url
      done()
    }, ...own]
  })
  // Callback hooks on every request: an async one costs a promise per request on the hot path.
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id)
    done(null, payload)
  })
  return app
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The matched route's URL pattern (`/incidents/current/:incident_id`); null when none matched (a 404), and in global onRequest hooks, which run before the route's. */
    routeUrl: string | null
  }
}

export type ServiceFastify = ReturnType<typeof createServiceFastify>

/** A service's metric names' prefix: `incidents-api` → `incidents_api_`. */
export function metricsPrefix (serviceName: string): string {
  return `${serviceName.replace(/\W/g, '_')}_`
}
