import type { FastifyServerOptions } from 'fastify'
import {
  authenticationOptions, bearerAuthentication, createServiceFastify, errorHandler, healthRoutes, jsonDepthLimit, metrics,
  metricsPrefix, openApi, postgresPool, readiness, redisConnection, sharedResponses, type ServiceEnv
} from '../../src/index.js'

/**
 * `test-api`: every plugin of the kit registered in the order the services' app.ts use, Redis
 * included; the test adds its own routes, then calls ready().
 */
export async function buildService (config: ServiceEnv, logger: FastifyServerOptions['logger']) {
  const app = createServiceFastify({ config, logger })
  await app.register(errorHandler)
  await app.register(jsonDepthLimit)
  await app.register(bearerAuthentication, authenticationOptions(config))
  await app.register(metrics, { prefix: metricsPrefix('test-api') })
  await app.register(readiness, { prefix: metricsPrefix('test-api') })
  await app.register(postgresPool, { config, applicationName: 'test-api' })
  await app.register(redisConnection, { config })
  await app.register(openApi, { title: 'test-api', version: '1.0.0', description: 'A test service' })
  await app.register(sharedResponses)
  await app.register(healthRoutes)
  return app
}
