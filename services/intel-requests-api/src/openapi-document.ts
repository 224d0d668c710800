import { buildApp } from './app.js'
import { loadIntelRequestsConfig } from './config.js'

// The document depends on the configuration (e.g. the recursion limit): always the defaults,
// never the caller's environment. Nothing is connected.
const NEVER_CONNECTED = {
  DATABASE_URL: 'postgres://127.0.0.1:1/never-connected',
  REDIS_URL: 'redis://127.0.0.1:1'
}

/** intel-requests-api's OpenAPI document, as its route schemas build it (committed as openapi/intel-requests-api.json). */
export async function buildOpenApiDocument (): Promise<Record<string, unknown>> {
  const app = await buildApp({ config: loadIntelRequestsConfig(NEVER_CONNECTED), logger: false })
  try {
    // What GET /openapi.json serves: app.swagger(), as JSON.
    const response = await app.inject({ method: 'GET', url: '/openapi.json' })
    if (response.statusCode !== 200) throw new Error(`GET /openapi.json answered ${response.statusCode}: ${response.body}`)
    return response.json()
  } finally {
    await app.close()
  }
}
