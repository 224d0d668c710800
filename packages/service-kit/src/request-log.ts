import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

/**
 * One log line per request at `info`, when it is answered: method, route, status and time, with
 * the request id pino binds (`reqId`, echoed in `x-request-id`). Fastify's own two lines per
 * request cost a fifth of a cache hit's throughput, so the app turns them off
 * (a LogController with `disableRequestLogging`); at `debug` a line also marks each request's arrival.
 */
export const requestLog = fp(function requestLog (app: FastifyInstance, _options: object, done: (error?: Error) => void) {
  if (['debug', 'trace'].includes(app.log.level)) {
    app.addHook('onRequest', (request, _reply, next) => {
      request.log.debug({ method: request.method, url: request.url }, 'request received')
      next()
    })
  }
  app.addHook('onResponse', (request, reply, next) => {
    request.log.info({
      method: request.method,
      route: request.routeUrl,
      status: reply.statusCode,
      responseTime: Math.round(reply.elapsedTime * 1000) / 1000
    }, 'request completed')
    next()
  })
  done()
}, { name: 'request-log', fastify: '5.x' })
