import t from 'tap'
import Fastify from 'fastify'
import swagger from '@fastify/swagger'
import { Validator } from '@seriousme/openapi-schema-validator'
import { dependencyRoutes, recursionBounds, RECORD_TYPES } from '../src/index.js'
import { AJV_OPTIONS } from '@incident-intel/schemas'

// The document is built from the route schemas alone: there is no pool.
const app = Fastify({ ajv: AJV_OPTIONS })
await app.register(swagger, { openapi: { openapi: '3.1.0', info: { title: 'dependencies', version: '0.0.0' } } })
await app.register(dependencyRoutes, { recursion: recursionBounds({}) })
await app.ready()
t.teardown(() => app.close())

const generated = app.swagger()
const document = generated as unknown as {
  paths: Record<string, Record<string, { operationId?: string, summary?: string, tags?: string[], responses: Record<string, unknown> }>>
}

t.test('the routes make a valid OpenAPI 3.1 document', async t => {
  const result = await new Validator().validate(generated as Parameters<Validator['validate']>[0])
  t.strictSame(result.errors, undefined)
  t.equal(result.valid, true)
})

t.test('every operation has its operationId, summary, tag and every status it returns', async t => {
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      route: `${method.toUpperCase()} ${path}`,
      operationId: operation.operationId,
      tags: operation.tags,
      statuses: Object.keys(operation.responses).sort(),
      summarized: typeof operation.summary === 'string' && operation.summary.length > 0
    })))
  t.strictSame(operations.sort((a, b) => a.route.localeCompare(b.route)), [
    { route: 'DELETE /dependencies/{dependency_id}', operationId: 'deleteDependency', tags: ['dependencies'], statuses: ['204', '400', '404'], summarized: true },
    { route: 'GET /dependencies', operationId: 'getDependencies', tags: ['dependencies'], statuses: ['200', '400', '404'], summarized: true },
    { route: 'POST /dependencies', operationId: 'createDependency', tags: ['dependencies'], statuses: ['200', '201', '400', '404', '409'], summarized: true },
    { route: 'POST /dependencies/resolve', operationId: 'resolveDependencies', tags: ['dependencies'], statuses: ['200', '400'], summarized: true }
  ])
})

t.test('record types and directions are enums; max_distance shows its bounds and default', async t => {
  const resolve = document.paths['/dependencies/resolve']!.post as unknown as {
    requestBody: { content: { 'application/json': { schema: { properties: Record<string, Record<string, unknown>> } } } }
  }
  const body = resolve.requestBody.content['application/json'].schema.properties
  t.strictSame(body.direction!.enum, ['dependents', 'blockers'])
  t.strictSame((body.record_types!.items as { enum: string[] }).enum, [...RECORD_TYPES])
  t.match(body.max_distance, { type: 'integer', minimum: 1, maximum: 10, default: 5 })
})
