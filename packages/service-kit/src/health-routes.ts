import { Type } from '@sinclair/typebox'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import fp from 'fastify-plugin'
import { Gauge, type Registry } from 'prom-client'

/**
 * A dependency /ready reports on: resolves when it can serve, rejects when it cannot. It may
 * resolve with a ReadinessReport to say it serves degraded, and why.
 */
export type ReadinessCheck = () => Promise<unknown>

/** What a check may resolve with: `degraded` and the figures that explain it, shown under `details`. */
export interface ReadinessReport {
  degraded: boolean
  detail: Record<string, number | string>
}

export interface ReadinessCheckOptions {
  /** The service still serves while it fails (e.g. a cache it can bypass): /ready says degraded, not unavailable. */
  optional?: boolean
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Adds a check to /ready and to the readiness gauge. */
    addReadinessCheck: (name: string, check: ReadinessCheck, options?: ReadinessCheckOptions) => void
  }
}

export interface HealthRoutesOptions {
  checks: Record<string, ReadinessCheck>
  /** Names of checks that may fail while the service still serves (e.g. a cache it can bypass). */
  optional?: string[]
  /** A failed check answers within this long at most. */
  timeoutMs?: number
  /** Metric names' prefix, e.g. `incidents_api_`. */
  prefix: string
}

type CheckState = 'up' | 'degraded' | 'down'

const CheckStateSchema = Type.Union([Type.Literal('up'), Type.Literal('degraded'), Type.Literal('down')])

const ReadySchema = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('degraded'), Type.Literal('unavailable')]),
  checks: Type.Record(Type.String(), CheckStateSchema),
  details: Type.Optional(Type.Record(Type.String(), Type.Record(Type.String(), Type.Union([Type.Number(), Type.String()])), {
    description: 'For each check that reported `degraded`, the figures that explain it'
  }))
}, { title: 'Readiness' })

// On the readiness gauge: 1 up, 0.5 degraded, 0 down.
const GAUGE_VALUE: Record<CheckState, number> = { up: 1, degraded: 0.5, down: 0 }

interface Probed {
  state: CheckState
  detail?: Record<string, number | string>
}

function isReport (value: unknown): value is ReadinessReport {
  return typeof value === 'object' && value !== null && 'degraded' in value && 'detail' in value
}

async function probe (check: ReadinessCheck, timeoutMs: number): Promise<Probed> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), timeoutMs)
  })
  try {
    const result = await Promise.race([check(), timeout])
    return isReport(result) && result.degraded ? { state: 'degraded', detail: result.detail } : { state: 'up' }
  } catch {
    return { state: 'down' }
  } finally {
    clearTimeout(timer)
  }
}

/** GET /health (the process answers) and GET /ready (each dependency's state), and the same states as a gauge. */
export const healthRoutes = fp<HealthRoutesOptions>(async (app, { checks: initial, optional: initialOptional = [], timeoutMs = 1000, prefix }) => {
  const checks = new Map(Object.entries(initial))
  const optional = new Set(initialOptional)
  app.decorate('addReadinessCheck', (name: string, check: ReadinessCheck, options: ReadinessCheckOptions = {}) => {
    checks.set(name, check)
    if (options.optional) optional.add(name)
  })

  const probeAll = async () => {
    const names = [...checks.keys()]
    const probed = await Promise.all(names.map(name => probe(checks.get(name)!, timeoutMs)))
    return names.map((name, i) => ({ name, ...probed[i]! }))
  }

  new Gauge({ // eslint-disable-line no-new -- registered on creation, read on scrape
    name: `${prefix}readiness_check`,
    help: 'Each /ready check: 1 up, 0.5 degraded, 0 down',
    labelNames: ['check'],
    registers: [app.metrics as Registry],
    async collect () {
      for (const { name, state } of await probeAll()) this.set({ check: name }, GAUGE_VALUE[state])
    }
  })

  const routes = app.withTypeProvider<TypeBoxTypeProvider>()
  routes.get('/health', {
    schema: {
      operationId: 'getHealth',
      summary: 'Liveness: the process answers',
      tags: ['operations'],
      response: { 200: Type.Object({ status: Type.Literal('ok') }) }
    }
  }, async () => ({ status: 'ok' as const }))

  routes.get('/ready', {
    schema: {
      operationId: 'getReadiness',
      summary: 'Readiness: the state of PostgreSQL, Redis and the service\'s own work',
      description: '200 while every required dependency is up (`degraded` when an optional one, such as the cache, is down or reports itself degraded, with its figures under `details`); 503 otherwise.',
      tags: ['operations'],
      response: { 200: ReadySchema, 503: { ...ReadySchema, description: 'A required dependency is down' } }
    }
  }, async (_request, reply) => {
    const probed = await probeAll()
    const requiredDown = probed.some(({ name, state }) => state === 'down' && !optional.has(name))
    const status = requiredDown ? 'unavailable' : probed.some(({ state }) => state !== 'up') ? 'degraded' : 'ready'
    const details = Object.fromEntries(probed.flatMap(({ name, detail }) => detail ? [[name, detail]] : []))
    return reply.code(requiredDown ? 503 : 200).send({
      status,
      checks: Object.fromEntries(probed.map(({ name, state }) => [name, state])),
      ...(Object.keys(details).length > 0 ? { details } : {})
    })
  })
}, { name: 'health-routes', dependencies: ['metrics'] })
