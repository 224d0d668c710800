import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import rateLimit from '@fastify/rate-limit'
import createError from '@fastify/error'
import { ANONYMOUS } from './caller.js'
import type { ServiceEnv } from './config.js'
import { sharedCountsStore } from './rate-limit-store.js'

/** The budgets a caller spends, each counted on its own. */
export type RateBudget = 'reads' | 'writes' | 'expensive'

interface RouteBudget {
  budget: RateBudget
  /** Redis down: refuse (503) rather than serve unlimited. */
  failClosed?: boolean
  /** A body array that, longer than RATE_LIMIT_EXPENSIVE_IDS, makes the call expensive. */
  idsField?: string
}

/**
 * Every route that does not spend the budget its method implies (GET/HEAD reads, others writes),
 * keyed by `METHOD url`: the one place that says which calls are expensive.
 */
export const ROUTE_BUDGETS: Readonly<Record<string, RouteBudget>> = {
  'GET /incidents/current': { budget: 'expensive' },
  'POST /incidents/current/rebuild': { budget: 'expensive', failClosed: true },
  'POST /incidents/current/verify': { budget: 'expensive', failClosed: true },
  'POST /incidents/current/bulk': { budget: 'reads', idsField: 'incident_ids' },
  'POST /intel-requests/bulk': { budget: 'reads', idsField: 'intel_request_ids' },
  'POST /dependencies/resolve': { budget: 'reads', idsField: 'roots' }
}

/** How often each replica adds its callers' counts to the shared ones (and a caller may overrun by what it sends meanwhile). */
const SHARED_COUNTS_FLUSH_MS = 100

/** Routes no budget applies to: probes and scrapes must always answer. */
export const UNLIMITED_ROUTES: ReadonlySet<string> = new Set(['/health', '/ready', '/metrics'])

/** The key a caller's budgets are counted under: its subject, else (an open service) its address. */
export function rateLimitKey (request: FastifyRequest): string {
  return request.caller === ANONYMOUS ? `ip:${request.ip}` : `subject:${request.caller.subject}`
}

const RateLimitedError = createError('SERVICE_RATE_LIMITED', '%s', 429)
const LimiterUnavailableError = createError('SERVICE_RATE_LIMITER_UNAVAILABLE', '%s', 503)

export interface RateLimitsOptions {
  config: Pick<ServiceEnv, 'RATE_LIMIT_WINDOW_MS' | 'RATE_LIMIT_READS' | 'RATE_LIMIT_WRITES' | 'RATE_LIMIT_EXPENSIVE' | 'RATE_LIMIT_EXPENSIVE_IDS'>
}

/**
 * Per-caller budgets for reads, writes and expensive calls, shared through the service's Redis
 * (one key per caller and budget, so every replica shares them and a Redis Cluster could hold
 * them; see rate-limit-store.ts). Over budget: 429 with Retry-After and the draft RateLimit-*
 * headers. Redis down: nothing is refused for want of it (each replica limits reads and writes
 * on its own counts), but the fail-closed routes (rebuild, verify) are 503s; /ready says degraded.
 * Counted in preValidation, after authentication and the body's parsing, so a bulk's size is known
 * and a 400 is counted too.
 */
export const rateLimits = fp(async function rateLimits (app: FastifyInstance, { config }: RateLimitsOptions) {
  const max: Record<RateBudget, number> = {
    reads: config.RATE_LIMIT_READS,
    writes: config.RATE_LIMIT_WRITES,
    expensive: config.RATE_LIMIT_EXPENSIVE
  }
  const refused = (budget: RateBudget, context: { max: number, ttl: number }) => new RateLimitedError(
    `Rate limit exceeded: at most ${context.max} ${budget} calls per ${config.RATE_LIMIT_WINDOW_MS / 1000} s; retry after ${Math.ceil(context.ttl / 1000)} s`
  )

  // Each route's budget, settled when it is registered: a request pays for no lookup, and only
  // the routes whose cost depends on the body (a bulk's ids) choose per request.
  app.addHook('onRoute', route => {
    if (UNLIMITED_ROUTES.has(route.url)) {
      route.config = { ...route.config, rateLimit: false }
      return
    }
    const budgets = [route.method].flat().map(method => ({
      named: ROUTE_BUDGETS[`${method} ${route.url}`],
      budget: ROUTE_BUDGETS[`${method} ${route.url}`]?.budget ?? (method === 'GET' || method === 'HEAD' ? 'reads' : 'writes')
    }))
    const { named, budget } = budgets[0]!
    if (budgets.some(other => other.budget !== budget || other.named !== named)) throw new Error(`${route.url}: its methods spend different rate budgets`)
    const failClosed = named?.failClosed === true
    const key = (request: FastifyRequest, chosen: RateBudget) => {
      if (failClosed && app.redis.status !== 'ready') {
        throw new LimiterUnavailableError('The rate limiter is unavailable (Redis is down): this call is refused until it is back')
      }
      return `${chosen}:${rateLimitKey(request)}`
    }
    const idsField = named?.idsField
    if (idsField === undefined) {
      route.config = {
        ...route.config,
        rateLimit: { max: max[budget], keyGenerator: request => key(request, budget), errorResponseBuilder: (_request, context) => refused(budget, context) }
      }
      return
    }
    const chosen = (request: FastifyRequest): RateBudget => {
      const ids = (request.body as Record<string, unknown> | undefined)?.[idsField]
      return Array.isArray(ids) && ids.length > config.RATE_LIMIT_EXPENSIVE_IDS ? 'expensive' : budget
    }
    route.config = {
      ...route.config,
      rateLimit: {
        max: request => max[chosen(request)],
        keyGenerator: request => key(request, chosen(request)),
        errorResponseBuilder: (request, context) => refused(chosen(request), context)
      }
    }
  })

  await app.register(rateLimit, {
    global: true,
    hook: 'preValidation',
    // Reads and writes are counted in process and added to Redis's counts every 100 ms, so a
    // cache hit stays one Redis round trip; the expensive budget is counted in Redis on each call.
    store: sharedCountsStore({ redis: app.redis, nameSpace: 'rate-limit:', flushIntervalMs: SHARED_COUNTS_FLUSH_MS, exact: key => key.startsWith('expensive:') }),
    timeWindow: config.RATE_LIMIT_WINDOW_MS,
    enableDraftSpec: true,
    skipOnError: true
  })

  app.addReadinessCheck('rate_limit', async () => {
    try {
      await app.redis.ping()
      return undefined
    } catch {
      return { degraded: true, detail: { reads: 'unlimited', writes: 'unlimited', rebuild_and_verify: 'refused' } }
    }
  }, { optional: true })
}, { name: 'rate-limits', dependencies: ['redis', 'readiness'] })
