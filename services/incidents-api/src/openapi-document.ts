import { createServiceFastify, metrics, metricsPrefix, readiness } from '@incident-intel/service-kit'
import { registerDocumentedRoutes } from './app.js'
import { loadIncidentsConfig } from './config.js'

/**
 * incidents-api's OpenAPI document, as its route schemas build it (committed as
 * openapi/incidents-api.json): the routes on an app with no pool and no Redis, never started.
 * The document depends on the configuration (the recursion limit): always the defaults, never
 * the caller's environment.
 */
export async function buildOpenApiDocument (): Promise<Record<string, unknown>> {
  const config = loadIncidentsConfig({})
  const app = createServiceFastify({ config, logger: false })
  try {
    await app.register(metrics, { prefix: metricsPrefix('incidents-api') })
    await app.register(readiness, { prefix: metricsPrefix('incidents-api') })
    await registerDocumentedRoutes(app, config)
    // What GET /openapi.json serves: app.swagger(), as JSON.
    const response = await app.inject({ method: 'GET', url: '/openapi.json' })
    if (response.statusCode !== 200) throw new Error(`GET /openapi.json answered ${response.statusCode}: ${response.body}`)
    return response.json()
  } finally {
    await app.close()
  }
}
