import { STATUS_CODES } from 'node:http'
import { isDeepStrictEqual } from 'node:util'
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
      // Relative: the service that serves the document serves the API. Internal: not published.
      servers: [{ url: '/', description: 'The service serving this document, wherever it runs (local, staging or production)', 'x-internal': true } as { url: string }],
      tags: [],
      // Required only where AUTH_TOKENS is set; /health and /ready opt out with `security: []`.
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearerAuth: [] }]
    },
    refResolver: {
      // Shared schemas keep their $id as the component name, so the SDK's types read well.
      buildLocalReference: (json, _baseUri, _fragment, i) => typeof json.$id === 'string' ? json.$id : `def-${i}`
    },
    transformObject: document => 'openapiObject' in document ? finishDocument(document.openapiObject as OpenApiDocument) : document.swaggerObject
  })
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { deepLinking: true } })
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
}, { name: 'openapi' })

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
type JsonObject = { [key: string]: Json }

interface OpenApiDocument {
  paths?: Record<string, Record<string, { responses?: Record<string, JsonObject> }>>
  components?: { schemas?: Record<string, Json> }
  [key: string]: unknown
}

const COMPONENT = '#/components/schemas/'
// A schema named with a `title` like this one becomes a component; other titles stay inline.
const COMPONENT_NAME = /^[A-Z][A-Za-z0-9]*$/

const ERROR_DESCRIPTIONS: Record<string, string> = {
  400: 'The request is not valid: `message` names the parameter or property and the reason',
  404: 'A record the request names does not exist (or was deleted): `message` names it',
  409: 'The request conflicts with the stored state: `message` says how'
}

/**
 * What @fastify/swagger leaves inline becomes readable: every schema titled with a component
 * name (e.g. `Edge`) moves to components.schemas and is referenced from where it was, and each
 * response without a description of its own gets one from its status.
 */
export function finishDocument (document: OpenApiDocument): OpenApiDocument {
  const variants = new Map<string, Array<{ schema: JsonObject, refs: JsonObject[] }>>()
  const paths = hoist(document.paths ?? {}, variants) as OpenApiDocument['paths'] & object
  const schemas: Record<string, Json> = { ...document.components?.schemas }
  for (const [name, seen] of variants) {
    // The most common variant is the component; the others may differ from it only in description.
    const component = seen.reduce((best, variant) => variant.refs.length > best.refs.length ? variant : best)
    schemas[name] = component.schema
    for (const variant of seen) {
      if (variant === component) continue
      const { description, ...rest } = variant.schema
      const { description: _, ...componentRest } = component.schema
      if (!isDeepStrictEqual(rest, componentRest)) throw new Error(`Two different schemas are titled ${name}: give each its own title`)
      if (description !== undefined) for (const ref of variant.refs) ref.description = description
    }
  }
  for (const methods of Object.values(paths)) {
    for (const operation of Object.values(methods)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (response.description === 'Default Response') response.description = ERROR_DESCRIPTIONS[status] ?? STATUS_CODES[status] ?? status
      }
    }
  }
  const sorted = Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b)))
  return { ...document, paths, components: { ...document.components, schemas: sorted } }
}

/** A copy of `node` with each titled schema replaced by its $ref, innermost first; `variants` collects them. */
function hoist (node: unknown, variants: Map<string, Array<{ schema: JsonObject, refs: JsonObject[] }>>): Json {
  if (Array.isArray(node)) return node.map(item => hoist(item, variants))
  if (typeof node !== 'object' || node === null) return node as Json
  const copy: JsonObject = {}
  for (const [key, value] of Object.entries(node)) copy[key] = hoist(value, variants)
  const title = copy.title
  if (typeof title !== 'string' || !COMPONENT_NAME.test(title) || !('type' in copy || 'anyOf' in copy || 'enum' in copy)) return copy
  const ref: JsonObject = { $ref: `${COMPONENT}${title}` }
  const seen = variants.get(title) ?? []
  const same = seen.find(variant => isDeepStrictEqual(variant.schema, copy))
  if (same) same.refs.push(ref)
  else seen.push({ schema: copy, refs: [ref] })
  variants.set(title, seen)
  return ref
}
