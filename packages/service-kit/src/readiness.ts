import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
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

export type CheckState = 'up' | 'degraded' | 'down'

export interface ProbedCheck {
  name: string
  optional: boolean
  state: CheckState
  detail?: Record<string, number | string>
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Adds a check to /ready and to the readiness gauge. */
    addReadinessCheck: (name: string, check: ReadinessCheck, options?: ReadinessCheckOptions) => void
    /** Runs every check added, side by side, each within the timeout. */
    probeReadiness: () => Promise<ProbedCheck[]>
  }
}

export interface ReadinessOptions {
  /** A failed check answers within this long at most. */
  timeoutMs?: number
  /** Metric names' prefix, e.g. `incidents_api_`. */
  prefix: string
}

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

/**
 * The checks /ready reports: none until a plugin adds its own (postgres, redis, the cache's
 * queue), so a service reports exactly the dependencies it registers. Their states are also
 * the `<prefix>readiness_check` gauge.
 */
export const readiness = fp(async function readiness (app: FastifyInstance, { timeoutMs = 1000, prefix }: ReadinessOptions) {
  const checks = new Map<string, ReadinessCheck>()
  const optional = new Set<string>()
  app.decorate('addReadinessCheck', (name: string, check: ReadinessCheck, options: ReadinessCheckOptions = {}) => {
    checks.set(name, check)
    if (options.optional) optional.add(name)
  })

  const probeAll = async () => {
    const names = [...checks.keys()]
    const probed = await Promise.all(names.map(name => probe(checks.get(name)!, timeoutMs)))
    return names.map((name, i) => ({ name, optional: optional.has(name), ...probed[i]! }))
  }
  app.decorate('probeReadiness', probeAll)

  new Gauge({ // eslint-disable-line no-new -- registered on creation, read on scrape
    name: `${prefix}readiness_check`,
    help: 'Each /ready check: 1 up, 0.5 degraded, 0 down',
    labelNames: ['check'],
    registers: [app.metrics as Registry],
    async collect () {
      for (const { name, state } of await probeAll()) this.set({ check: name }, GAUGE_VALUE[state])
    }
  })
}, { name: 'readiness', dependencies: ['metrics'] })
