import { Type } from '@sinclair/typebox'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'

const CheckStateSchema = Type.Union([Type.Literal('up'), Type.Literal('degraded'), Type.Literal('down')])

const ReadySchema = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('degraded'), Type.Literal('unavailable')]),
  checks: Type.Record(Type.String(), CheckStateSchema),
  details: Type.Optional(Type.Record(Type.String(), Type.Record(Type.String(), Type.Union([Type.Number(), Type.String({ maxLength: 200 })])), {
    description: 'For each check that reported `degraded`, the figures that explain it'
  }))
}, { title: 'Readiness' })

/**
 * GET /health (the process answers) and GET /ready (the state of each check the readiness
 * plugin holds: only those the app's plugins added).
 */
export const healthRoutes = fp(async function healthRoutes (app: FastifyInstance) {
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
      summary: 'Readiness: the state of each dependency the service uses',
      description: '200 while every required dependency is up (`degraded` when an optional one, such as the cache, is down or reports itself degraded, with its figures under `details`); 503 otherwise.',
      tags: ['operations'],
      response: { 200: ReadySchema, 503: { ...ReadySchema, description: 'A required dependency is down' } }
    }
  }, async (_request, reply) => {
    const probed = await app.probeReadiness()
    const requiredDown = probed.some(({ optional, state }) => state === 'down' && !optional)
    const status = requiredDown ? 'unavailable' : probed.some(({ state }) => state !== 'up') ? 'degraded' : 'ready'
    const details = Object.fromEntries(probed.flatMap(({ name, detail }) => detail ? [[name, detail]] : []))
    return reply.code(requiredDown ? 503 : 200).send({
      status,
      checks: Object.fromEntries(probed.map(({ name, state }) => [name, state])),
      ...(Object.keys(details).length > 0 ? { details } : {})
    })
  })
}, { name: 'health-routes', dependencies: ['readiness'] })
