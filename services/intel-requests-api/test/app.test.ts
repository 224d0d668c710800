import t from 'tap'
import { Validator } from '@seriousme/openapi-schema-validator'
import { buildTestApp } from './helpers/build-test-app.js'
import { send } from './helpers/requests.js'

const { app } = await buildTestApp(t)

t.test('GET /health and /ready: PostgreSQL, and Redis for the shared rate limits', async t => {
  t.strictSame(await send(app, { method: 'GET', url: '/health' }), { status: 200, body: { status: 'ok' } })
  t.strictSame(await send(app, { method: 'GET', url: '/ready' }),
    { status: 200, body: { status: 'ready', checks: { postgres: 'up', redis: 'up', rate_limit: 'up' } } })
})

t.test('GET /metrics counts the requests per route', async t => {
  await send(app, { method: 'GET', url: '/intel-requests/00000000-0000-4000-8000-000000000000' })
  const response = await app.inject({ method: 'GET', url: '/metrics' })
  t.equal(response.statusCode, 200)
  t.match(response.headers['content-type'], /^text\/plain/)
  t.match(response.body, /intel_requests_api_http_request_duration_seconds_count\{method="GET",route="\/intel-requests\/:intel_request_id",status_code="404"\} 1/)
})

t.test('GET /openapi.json: valid OpenAPI 3.1, every operation named, summarized, tagged, with its statuses', async t => {
  const reply = await send(app, { method: 'GET', url: '/openapi.json' })
  t.equal(reply.status, 200)
  const result = await new Validator().validate(reply.body)
  t.strictSame(result.errors, undefined)
  t.equal(result.valid, true)
  t.equal(reply.body.openapi, '3.1.0')

  const paths = reply.body.paths as Record<string, Record<string, { operationId: string, summary?: string, tags: string[], responses: object }>>
  const operations = Object.entries(paths).flatMap(([path, methods]) => Object.entries(methods)
    .filter(([, operation]) => operation.tags?.includes('intel-requests'))
    .map(([method, operation]) => ({
      route: `${method.toUpperCase()} ${path}`,
      operationId: operation.operationId,
      summarized: typeof operation.summary === 'string' && operation.summary.length > 0,
      statuses: Object.keys(operation.responses).sort()
    })))
  t.strictSame(operations.sort((a, b) => a.route.localeCompare(b.route)), [
    { route: 'DELETE /intel-requests/{intel_request_id}', operationId: 'deleteIntelRequest', summarized: true, statuses: ['204', '400', '401', '404', '414', '429', '500', '503'] },
    { route: 'GET /intel-requests', operationId: 'listIntelRequests', summarized: true, statuses: ['200', '400', '401', '403', '429', '500', '503'] },
    { route: 'GET /intel-requests/{intel_request_id}', operationId: 'getIntelRequest', summarized: true, statuses: ['200', '400', '401', '404', '414', '429', '500', '503'] },
    { route: 'PATCH /intel-requests/{intel_request_id}', operationId: 'updateIntelRequest', summarized: true, statuses: ['200', '400', '401', '404', '409', '413', '414', '415', '429', '500', '503'] },
    { route: 'POST /intel-requests', operationId: 'createIntelRequest', summarized: true, statuses: ['201', '400', '401', '403', '404', '409', '413', '415', '429', '500', '503'] },
    { route: 'POST /intel-requests/bulk', operationId: 'getIntelRequestsBulk', summarized: true, statuses: ['200', '400', '401', '413', '415', '429', '500', '503'] }
  ])
  t.ok(paths['/dependencies'], 'the shared /dependencies routes are mounted too')
})

t.test('enums and bounds show in the document', async t => {
  const { body } = await send(app, { method: 'GET', url: '/openapi.json' })
  const list = body.paths['/intel-requests'].get.parameters as Array<{ name: string, schema: Record<string, unknown> }>
  // A named schema (e.g. IntelRequestStatus) is a component that the parameter references.
  const resolve = (schema: Record<string, unknown>) => typeof schema.$ref === 'string'
    ? body.components.schemas[schema.$ref.replace('#/components/schemas/', '')] as Record<string, unknown>
    : schema
  const parameter = (name: string) => resolve(list.find(p => p.name === name)!.schema)
  t.strictSame(parameter('status').enum, ['pending', 'in_progress', 'completed', 'cancelled'])
  t.match(parameter('limit'), { type: 'integer', minimum: 1, maximum: 500, default: 100 })
  const get = body.paths['/intel-requests/{intel_request_id}'].get.parameters as Array<{ name: string, schema: Record<string, unknown> }>
  t.match(get.find(p => p.name === 'recursive_max_distance')!.schema, { type: 'integer', minimum: 1, maximum: 10, default: 5 })
})
