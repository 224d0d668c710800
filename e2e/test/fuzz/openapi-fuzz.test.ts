import t from 'tap'
import fc from 'fast-check'
import {
  DeepJson, INJECTIONS, KnownId, ResponseChecker, hostileValue, jsonText, listOperations, sampleTemplates, toRequest,
  validValue, type OpenApiDocument
} from '../helpers/openapi-fuzz.js'

// A small document in the shape @fastify/swagger writes, with shared components.
const doc: OpenApiDocument = {
  openapi: '3.1.0',
  components: {
    schemas: {
      Error: { type: 'object', required: ['statusCode', 'error', 'message'], properties: { statusCode: { type: 'integer' }, code: { type: 'string' }, error: { type: 'string' }, message: { type: 'string' } } },
      Thing: { type: 'object', required: ['thing_id', 'name'], properties: { thing_id: { type: 'string', format: 'uuid' }, name: { type: 'string', maxLength: 5 } } }
    }
  },
  paths: {
    '/things/{thing_id}': {
      get: {
        operationId: 'getThing',
        parameters: [
          { in: 'path', name: 'thing_id', required: true, schema: { type: 'string', format: 'uuid' } },
          { in: 'query', name: 'kinds', schema: { type: 'array', items: { type: 'string', enum: ['a', 'b'] } } }
        ],
        responses: {
          200: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
          400: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
          404: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }
        }
      },
      delete: { operationId: 'deleteThing', parameters: [{ in: 'path', name: 'thing_id', required: true, schema: { type: 'string' } }], responses: { 204: {} } }
    },
    '/things': {
      post: {
        operationId: 'createThing',
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', additionalProperties: false, required: ['name'], properties: { name: { type: 'string', maxLength: 5 }, tags: { type: 'array', maxItems: 3, items: { type: 'string' } } } } } } },
        responses: { 201: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } } }
      }
    }
  }
}
const operations = listOperations(doc)
const byId = (id: string) => operations.find(o => o.operationId === id)!
const ids = (_name: string, index: number) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`

t.test('operations come out with their parameters, body and responses, $refs resolved', async t => {
  t.strictSame(operations.map(o => `${o.method} ${o.path}`), ['GET /things/{thing_id}', 'DELETE /things/{thing_id}', 'POST /things'])
  const get = byId('getThing')
  t.strictSame(get.pathParams.map(p => p.name), ['thing_id'])
  t.strictSame(get.queryParams.map(p => p.name), ['kinds'])
  t.match(get.responses.get('200'), { type: 'object', required: ['thing_id', 'name'] })
  t.equal(byId('createThing').body?.required, true)
})

t.test('the checker fails what breaks the document and only that', async t => {
  const checker = new ResponseChecker()
  const get = byId('getThing')
  const thing = JSON.stringify({ thing_id: '00000000-0000-4000-8000-000000000001', name: 'ok' })
  const error = (status: number) => JSON.stringify({ statusCode: status, error: 'E', message: 'm' })
  const check = (status: number, body: string, operation = get) => checker.check(operation, { status, headers: {}, body })
  t.strictSame(check(200, thing), [])
  t.strictSame(check(400, error(400)), [])
  t.match(check(500, error(500)), [/status 500/, /not declared/])
  t.match(check(409, error(409)), [/status 409 is not declared/])
  t.match(check(200, JSON.stringify({ thing_id: 'x', name: 'ok' })), [/documented 200 schema.*format "uuid"/])
  t.match(check(200, JSON.stringify({ name: 'too long' })), [/documented 200 schema/])
  t.match(check(404, JSON.stringify({ message: 'no' })), [/documented 404 schema/, /not the envelope/])
  t.match(check(400, error(404)), [/statusCode 404 differs from 400/])
  t.match(check(200, 'not json'), [/not JSON/])
  t.match(check(204, 'x', byId('deleteThing')), [/not JSON/])
  t.match(check(204, '""', byId('deleteThing')), [/a 204 with a body/])
  t.strictSame(check(404, JSON.stringify({ statusCode: 404, error: 'Not Found', message: 'Route DELETE:/things/ not found' }), byId('deleteThing')), [], 'an unmatched route')
  t.match(check(404, error(404), byId('deleteThing')), [/status 404 is not declared/], 'a 404 of the route itself')
  t.match(check(413, error(413), byId('createThing')), [/status 413 is not declared/], 'a body limit must be declared')
  t.strictSame(check(431, error(431), byId('createThing')), [], 'a header block Node refused before any route')
  t.strictSame([...checker.undeclared.keys()].sort(), ['DELETE /things/{thing_id} 404 (unmatched route)', 'POST /things 431'])
})

t.test('the same seed makes the same requests; another seed, others', async t => {
  const requests = (seed: number) => sampleTemplates(operations, 200, seed).map(template => toRequest(template, ids))
  t.strictSame(requests(7), requests(7))
  t.not(JSON.stringify(requests(7)), JSON.stringify(requests(8)))
})

t.test('hostile values cover bounds, wrong types, sizes, depth, unicode and injections', async t => {
  const values = fc.sample(hostileValue({ type: 'string', maxLength: 5, minLength: 1 }), { seed: 1, numRuns: 3000 })
  const has = (predicate: (value: unknown) => boolean) => values.some(predicate)
  t.ok(has(v => v === 'xxxxxx'), 'maxLength + 1')
  t.ok(has(v => v === ''), 'below minLength')
  t.ok(has(v => typeof v === 'number'), 'a number for a string')
  t.ok(has(v => v === null), 'null')
  t.ok(has(v => Array.isArray(v) || (typeof v === 'object' && v !== null)), 'an object or array for a string')
  t.ok(has(v => typeof v === 'string' && v.length === 100_000), 'a 100 kB string')
  t.ok(has(v => v instanceof DeepJson && v.depth === 10_000), 'JSON 10,000 deep')
  t.ok(has(v => typeof v === 'string' && v.includes('\u0000')), 'NUL')
  t.ok(has(v => v === '\uD800'), 'a lone surrogate')
  t.ok(has(v => v === '\u202Eevil\u202C'), 'right-to-left override')
  for (const injection of INJECTIONS) t.ok(has(v => v === injection), injection)
  const arrays = fc.sample(hostileValue({ type: 'array', maxItems: 1000, items: { type: 'string', format: 'uuid' } }), { seed: 1, numRuns: 1000 })
  t.ok(arrays.some(v => Array.isArray(v) && v.length === 1001), 'maxItems + 1')
  t.ok(arrays.some(v => Array.isArray(v) && v.length === 10_000), '10,000 items')
  const numbers = fc.sample(hostileValue({ type: 'integer', minimum: 1, maximum: 500 }), { seed: 1, numRuns: 1000 })
  for (const bound of [0, 501, -1, 2 ** 31, 2 ** 53 + 2, 'NaN']) t.ok(numbers.includes(bound), `integer ${bound}`)
})

t.test('valid values keep the schema; uuids name records that exist', async t => {
  const values = fc.sample(validValue({ type: 'object', required: ['organization_id', 'at'], properties: { organization_id: { type: 'string', format: 'uuid' }, at: { type: 'string', format: 'date-time' }, n: { type: 'integer', minimum: 1, maximum: 3 } } }), { seed: 3, numRuns: 300 })
  t.ok(values.every(v => typeof (v as { at: unknown }).at === 'string'))
  t.ok(values.some(v => (v as { organization_id: unknown }).organization_id instanceof KnownId), 'some uuids are records that exist')
  t.ok(values.every(v => { const n = (v as { n?: number }).n; return n === undefined || (n >= 1 && n <= 3) }))
})

t.test('a DeepJson becomes JSON text of that depth; record ids follow the type beside them', async t => {
  t.equal(jsonText({ a: new DeepJson(3) }), '{"a":{"a":{"a":{"a":1}}}}')
  const seen: string[] = []
  const request = toRequest({
    operation: byId('createThing'),
    pathParams: {},
    query: [],
    body: { roots: [{ type: 'incidents', id: new KnownId('id', 0) }], blocker_type: 'assets', blocker_id: new KnownId('blocker_id', 1), other: new KnownId('other', 2, true) },
    mode: 'valid'
  }, (name, index) => { seen.push(name); return `id-${index}` })
  t.strictSame(seen, ['incidents', 'assets', 'other'])
  t.equal(request.payload, '{"roots":[{"type":"incidents","id":"id-0"}],"blocker_type":"assets","blocker_id":"id-1","other":"ID-2"}')
  t.equal(request.headers['content-type'], 'application/json')
})
