import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'

export interface OpenApiOptions {
  title: string
  version: string
  description: string
}

/**
 * The OpenAPI 3.1 document, built by @fastify/swagger from the route schemas (GET /openapi.json),
 * and Swagger UI over it (GET /docs). Register before the routes so that each one is seen.
 */
export const openApi = fp(async function openApi (app: FastifyInstance, { title, version, description }: OpenApiOptions) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title, version, description },
      tags: [],
      // Required only where AUTH_TOKENS is set; /health and /ready opt out with `security: []`.
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearerAuth: [] }]
    },
    refResolver: {
      // Shared schemas keep their $id as the component name, so the SDK's types read well.
      buildLocalReference: (json, _baseUri, _fragment, i) => typeof json.$id === 'string' ? json.$id : `def-${i}`
    }
  })
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { deepLinking: true } })
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
}, { name: 'openapi' })
