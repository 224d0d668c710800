import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'

/** A dependency /ready reports on: resolves when it can serve, rejects when it cannot. */
export type ReadinessCheck = () => Promise<unknown>

export interface HealthRoutesOptions {
  checks: Record<string, ReadinessCheck>
  /** Names of checks that may fail while the service still serves (e.g. a cache it can bypass). */
  optional?: string[]
  /** A failed check answers within this long at most. */
  timeoutMs?: number
}

const CheckState = Type.Union([Type.Literal('up'), Type.Literal('down')])

const ReadySchema = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('degraded'), Type.Literal('unavailable')]),
  checks: Type.Record(Type.String(), CheckState)
}, { title: 'Readiness' })

async function probe (check: ReadinessCheck, timeoutMs: number): Promise<'up' | 'down'> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), timeoutMs)
  })
  try {
    await Promise.race([check(), timeout])
    return 'up'
  } catch {
    return 'down'
  } finally {
    clearTimeout(timer)
  }
}

/** GET /health (the process answers) and GET /ready (each dependency's state). */
export const healthRoutes: FastifyPluginAsyncTypebox<HealthRoutesOptions> = async (app, { checks, optional = [], timeoutMs = 1000 }) => {
  app.get('/health', {
    schema: {
      operationId: 'getHealth',
      summary: 'Liveness: the process answers',
      tags: ['operations'],
      response: { 200: Type.Object({ status: Type.Literal('ok') }) }
    }
  }, async () => ({ status: 'ok' as const }))

  app.get('/ready', {
    schema: {
      operationId: 'getReadiness',
      summary: 'Readiness: the state of PostgreSQL and Redis',
      description: '200 while every required dependency is up (`degraded` when an optional one, such as the cache, is down); 503 otherwise.',
      tags: ['operations'],
      response: { 200: ReadySchema, 503: { ...ReadySchema, description: 'A required dependency is down' } }
    }
  }, async (_request, reply) => {
    const names = Object.keys(checks)
    const states = await Promise.all(names.map(name => probe(checks[name]!, timeoutMs)))
    const result = Object.fromEntries(names.map((name, i) => [name, states[i]!]))
    const requiredDown = names.some((name, i) => states[i] === 'down' && !optional.includes(name))
    const anyDown = states.includes('down')
    const status = requiredDown ? 'unavailable' : anyDown ? 'degraded' : 'ready'
    return reply.code(requiredDown ? 503 : 200).send({ status, checks: result })
  })
}
