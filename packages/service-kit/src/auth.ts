import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import bearerAuth from '@fastify/bearer-auth'
import createError from '@fastify/error'

/** Routes a probe must reach without credentials: an orchestrator's health and readiness checks. */
export const PUBLIC_ROUTES: ReadonlySet<string> = new Set(['/health', '/ready'])

const UnauthorizedError = createError('SERVICE_UNAUTHORIZED', '%s', 401)

export interface BearerAuthOptions {
  /** Accepted bearer tokens; empty means authentication is off. */
  tokens: readonly string[]
}

/**
 * With tokens configured, every route but /health and /ready requires
 * `Authorization: Bearer <token>`: a 401 in the error envelope otherwise. Tokens are compared
 * in constant time by @fastify/bearer-auth. Without tokens, the start says the service is open.
 */
export const bearerAuthentication = fp(async function bearerAuthentication (app: FastifyInstance, { tokens }: BearerAuthOptions) {
  if (tokens.length === 0) {
    app.log.warn('AUTH_TOKENS is not set: every route is open to any caller that can reach this port')
    return
  }
  await app.register(bearerAuth, { keys: new Set(tokens), addHook: false, verifyErrorLogLevel: 'info' })
  app.addHook('onRequest', (request: FastifyRequest, reply, done) => {
    if (PUBLIC_ROUTES.has(request.routeOptions.url ?? '')) return done()
    app.verifyBearerAuth!(request, reply, (error?: Error) => {
      if (!error) return done()
      reply.header('www-authenticate', 'Bearer')
      done(new UnauthorizedError(request.headers.authorization === undefined
        ? 'This service requires a bearer token: send Authorization: Bearer <token>'
        : 'The bearer token is not valid'))
    })
  })
  app.log.info({ tokens: tokens.length }, 'bearer authentication on: every route but /health and /ready requires a token')
}, { name: 'bearer-authentication' })
