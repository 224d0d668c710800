import { createHash } from 'node:crypto'
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import fastifyJwt, { type FastifyJWTOptions } from '@fastify/jwt'
import createError from '@fastify/error'
import buildGetJwks from 'get-jwks'
import { canonicalUuid, type CanonicalUuid } from '@incident-intel/schemas'
import { ANONYMOUS, tokenSubject, type Caller } from './caller.js'
import { authTokens, jwtVerifier, type JwtVerifier, type ScopedToken, type ServiceEnv } from './config.js'

/** Routes a probe must reach without credentials: an orchestrator's health and readiness checks. */
export const PUBLIC_ROUTES: ReadonlySet<string> = new Set(['/health', '/ready'])

const UnauthorizedError = createError<[string]>('SERVICE_UNAUTHORIZED', '%s', 401)

const MISSING = 'This service requires a bearer token: send Authorization: Bearer <token>'
const NOT_VALID = 'The bearer token is not valid'

export interface BearerAuthOptions {
  /** Accepted static bearer tokens with their scopes; with neither these nor `jwt`, authentication is off. */
  tokens: readonly ScopedToken[]
  /** How bearer JWTs are verified, when they are accepted. */
  jwt?: JwtVerifier | undefined
}

/** The plugin's options as the validated configuration sets them. */
export function authenticationOptions (config: Pick<ServiceEnv, 'AUTH_TOKENS' | 'AUTH_JWT_SECRET' | 'AUTH_JWT_PUBLIC_KEY' | 'AUTH_JWKS_URL'>): BearerAuthOptions {
  return { tokens: authTokens(config.AUTH_TOKENS), jwt: jwtVerifier(config) }
}

// A probe on /health or /ready with authentication on: it may see no organization.
const PROBE: Caller = Object.freeze({ subject: 'anonymous', organizations: new Set<CanonicalUuid>() })

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')
const BEARER = /^Bearer (\S+)$/
const JWT_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]+$/

/**
 * Sets `request.caller` on every request. With tokens or a JWT verifier configured, every route
 * but /health and /ready requires `Authorization: Bearer <token>`, a static token of AUTH_TOKENS
 * (looked up by its SHA-256, so no comparison leaks its bytes) or a JWT whose `org_ids` claim
 * scopes the caller: a 401 in the error envelope otherwise. Without either, every caller is
 * `anonymous` with every organization, and the start says the service is open. A 401 or 403
 * is logged with the caller's subject, never with the token.
 */
export const bearerAuthentication = fp(async function bearerAuthentication (app: FastifyInstance, { tokens, jwt }: BearerAuthOptions) {
  app.decorateRequest('caller', null as unknown as Caller)
  app.addHook('onError', async (request, _reply, error: FastifyError) => {
    if (error.statusCode === 401 || error.statusCode === 403) {
      request.log.info({ subject: request.caller?.subject ?? null, statusCode: error.statusCode, code: error.code }, 'request refused')
    }
  })
  if (tokens.length === 0 && jwt === undefined) {
    // A callback hook: on every request of an open service, a promise each would be wasted.
    app.addHook('onRequest', (request, _reply, done) => {
      request.caller = ANONYMOUS
      done()
    })
    app.log.warn('AUTH_TOKENS is not set: every route is open to any caller that can reach this port')
    return
  }
  const byDigest = new Map(tokens.map(({ token, organizations }): [string, Caller] => [sha256(token), {
    subject: tokenSubject(token),
    organizations: organizations === 'all' ? 'all' : new Set(organizations)
  }]))
  if (jwt !== undefined) await app.register(fastifyJwt, jwtOptions(jwt))

  app.addHook('onRequest', async (request, reply) => {
    if (PUBLIC_ROUTES.has(request.routeOptions.url ?? '')) {
      request.caller = PROBE
      return
    }
    const header = request.headers.authorization
    const token = header === undefined ? undefined : BEARER.exec(header)?.[1]
    // RFC 6750's challenge, on every 401 this hook raises.
    reply.header('www-authenticate', 'Bearer')
    const caller = token === undefined ? undefined : byDigest.get(sha256(token)) ?? (jwt && JWT_SHAPE.test(token) ? await jwtCaller(request) : undefined)
    if (caller === undefined) throw new UnauthorizedError(header === undefined ? MISSING : NOT_VALID)
    reply.removeHeader('www-authenticate')
    request.caller = caller
  })
  app.log.info({ tokens: tokens.length, jwt: jwt?.kind ?? null }, 'bearer authentication on: every route but /health and /ready requires a token')
}, { name: 'bearer-authentication' })

function jwtOptions (jwt: JwtVerifier): FastifyJWTOptions {
  const verify = { algorithms: jwt.algorithms }
  if (jwt.kind === 'secret') return { secret: jwt.secret, verify }
  if (jwt.kind === 'public-key') return { secret: { public: jwt.publicKey }, verify }
  // The key set's own address, never one a token names.
  const url = new URL(jwt.url)
  const jwks = buildGetJwks({ jwksPath: url.pathname + url.search })
  return {
    decode: { complete: true },
    verify,
    secret: async (_request: FastifyRequest, token: unknown) => {
      const { header } = token as { header: { kid?: string, alg?: string } }
      return jwks.getPublicKey({ domain: url.origin, ...(header.kid === undefined ? {} : { kid: header.kid }), ...(header.alg === undefined ? {} : { alg: header.alg }) })
    }
  }
}

/** The caller a verified JWT names, or a 401: expired, wrongly signed, malformed, or without `sub` and `org_ids`. */
async function jwtCaller (request: FastifyRequest): Promise<Caller> {
  let payload: { sub?: unknown, org_ids?: unknown }
  try {
    payload = await request.jwtVerify<{ sub?: unknown, org_ids?: unknown }>()
  } catch (error) {
    const expired = (error as FastifyError).code === 'FST_JWT_AUTHORIZATION_TOKEN_EXPIRED'
    request.log.info({ reason: (error as Error).message }, 'bearer JWT refused')
    throw new UnauthorizedError(expired ? 'The bearer token has expired' : NOT_VALID)
  }
  const { sub, org_ids: orgIds } = payload
  if (typeof sub !== 'string' || sub === '') throw new UnauthorizedError('The bearer token has no sub claim')
  if (orgIds === '*') return { subject: sub, organizations: 'all' }
  const organizations = Array.isArray(orgIds) ? orgIds.map(id => typeof id === 'string' ? canonicalUuid(id) : undefined) : [undefined]
  if (organizations.some(id => id === undefined)) throw new UnauthorizedError('The bearer token\'s org_ids claim must be "*" or a list of organization uuids')
  return { subject: sub, organizations: new Set(organizations as CanonicalUuid[]) }
}
