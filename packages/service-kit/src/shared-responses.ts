import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { ErrorSchema } from '@incident-intel/schemas'
import { PUBLIC_ROUTES } from './auth.js'
import { UNLIMITED_ROUTES } from './rate-limit.js'

interface RouteSchema {
  hide?: boolean
  tags?: string[]
  security?: unknown[]
  body?: { properties?: Record<string, unknown> }
  querystring?: { type?: string, properties?: Record<string, unknown>, additionalProperties?: boolean }
  response?: Record<string, unknown>
}

const problem = (description: string) => ({ ...ErrorSchema, description })

const headerInteger = (maximum: number, description: string) => ({ type: 'integer', format: 'int32', minimum: 0, maximum, description })

/** The draft RateLimit-* headers of every answer a budget was counted for (see rate-limit.ts). */
const RATE_LIMIT_HEADERS = {
  'RateLimit-Limit': headerInteger(1000000, 'Calls of this budget (reads, writes or expensive) the caller may make per window'),
  'RateLimit-Remaining': headerInteger(1000000, 'Calls of this budget left in the current window'),
  'RateLimit-Reset': headerInteger(3600, 'Seconds until the current window ends')
}

// Answered before a budget is counted (authentication, the body's parsing, the router).
const UNCOUNTED_STATUSES = new Set(['401', '413', '414', '415'])

/**
 * What every documented route (one with a response schema and not hidden) registered after this
 * plugin gets, on top of its own schema; a response the route declares itself wins:
 * - a querystring schema without properties that refuses any parameter (a 400), unless the route
 *   names its own or is tagged `operations` (the probes take a monitor's cache-buster);
 * - 401 (bearer token missing or not valid), but on /health and /ready, which get `security: []`;
 * - 403 when its querystring or body names an `organization_id` (one the caller may not use);
 * - 413 and 415 when the route takes a body (over 1 MiB, not application/json);
 * - 414 when its path has a parameter (one over 100 characters);
 * - 429 (a rate-limit budget spent, with Retry-After), but on /health, /ready and /metrics, and
 *   the RateLimit-* headers on every 2xx and 4xx answered once the budget is counted;
 * - 500 (an unexpected failure, its detail logged, never sent);
 * - 503 (PostgreSQL unavailable), but on the `operations` routes.
 */
export const sharedResponses = fp(async function sharedResponses (app: FastifyInstance) {
  app.addHook('onRoute', route => {
    const schema = route.schema as RouteSchema | undefined
    if (!schema?.response || schema.hide) return
    if (!schema.tags?.includes('operations')) schema.querystring ??= { type: 'object', properties: {}, additionalProperties: false }
    schema.response = { ...frameworkResponses(route.url, schema), ...schema.response }
    if (!UNLIMITED_ROUTES.has(route.url)) schema.response = withRateLimitHeaders(schema.response)
    if (PUBLIC_ROUTES.has(route.url)) schema.security = []
  })
}, { name: 'shared-responses' })

function frameworkResponses (url: string, schema: RouteSchema): Record<string, unknown> {
  return {
    ...(PUBLIC_ROUTES.has(url) ? {} : { 401: problem('A bearer token is required (AUTH_TOKENS or a JWT verifier is set) and was missing, expired or not valid') }),
    ...(namesOrganization(schema) ? { 403: problem("The organization named is not one of the caller's") } : {}),
    ...(schema.body === undefined
      ? {}
      : {
          413: problem('The body is larger than 1 MiB'),
          415: problem('The body is not application/json')
        }),
    ...(url.includes(':') ? { 414: problem('A path parameter is longer than 100 characters') } : {}),
    ...(UNLIMITED_ROUTES.has(url)
      ? {}
      : {
          429: {
            ...problem("The caller has spent this budget's calls for the window; retry after Retry-After seconds"),
            headers: { 'Retry-After': headerInteger(3600, 'Seconds until the budget has calls again') }
          }
        }),
    500: problem('An unexpected failure; its detail is logged, never sent'),
    ...(schema.tags?.includes('operations') ? {} : { 503: problem('The database is unavailable; retry after Retry-After seconds') })
  }
}

function namesOrganization ({ body, querystring }: RouteSchema): boolean {
  return [body, querystring].some(part => part?.properties?.organization_id !== undefined)
}

function withRateLimitHeaders (responses: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(responses).map(([status, response]) => {
    if (!/^[24]/.test(status) || UNCOUNTED_STATUSES.has(status)) return [status, response]
    const schema = response as { headers?: Record<string, unknown> }
    return [status, { ...schema, headers: { ...schema.headers, ...RATE_LIMIT_HEADERS } }]
  }))
}
