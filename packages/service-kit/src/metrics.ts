import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { Histogram, Registry, collectDefaultMetrics } from 'prom-client'

declare module 'fastify' {
  interface FastifyInstance {
    /** This app's own Prometheus registry: several apps in one process (tests) never share metrics. */
    metrics: Registry
  }
}

/** Decorates `app.metrics` (the app's registry) and serves it as GET /metrics in Prometheus' text format: process metrics and request latency per route and status. */
export const metrics = fp(async function metrics (app: FastifyInstance, { prefix }: { prefix: string }) {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix })
  const latency = new Histogram({
    name: `${prefix}http_request_duration_seconds`,
    help: 'Time to answer a request, by route and status',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry]
  })
  app.decorate('metrics', registry)

  app.addHook('onResponse', (request, reply, done) => {
    // Unmatched URLs share one label, so a scan of random paths cannot grow the series.
    const route = request.routeUrl ?? 'unmatched'
    latency.observe({ method: request.method, route, status_code: reply.statusCode }, reply.elapsedTime / 1000)
    done()
  })

  app.get('/metrics', {
    schema: { hide: true },
    logLevel: 'warn'
  }, async (_request, reply) => {
    return reply.type(registry.contentType).send(await registry.metrics())
  })
}, { name: 'metrics' })
