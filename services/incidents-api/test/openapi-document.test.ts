import { readFile } from 'node:fs/promises'
import t from 'tap'
import { Validator } from '@seriousme/openapi-schema-validator'
import { buildOpenApiDocument } from '../src/openapi-document.js'

interface Operation {
  operationId?: string
  summary?: string
  tags?: string[]
  responses: Record<string, unknown>
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'])
// The probes take no input and need no token: no 4xx can happen.
const PROBES = ['GET /health', 'GET /ready']

const committed = await readFile(new URL('../../../openapi/incidents-api.json', import.meta.url), 'utf8')
const document = JSON.parse(committed)

t.test('the committed document is what the routes build (else run `pnpm generate`)', async t => {
  t.strictSame(await buildOpenApiDocument(), document)
})

t.test('it is a valid OpenAPI 3.1 document', async t => {
  const result = await new Validator().validate(document)
  t.strictSame(result.errors, undefined)
  t.equal(result.valid, true)
  t.equal(document.openapi, '3.1.0')
  t.equal(document.info.title, 'incidents-api')
})

t.test('every operation has a unique operationId, a summary, a tag and its 4xx', async t => {
  const operations = Object.entries(document.paths as Record<string, Record<string, Operation>>)
    .flatMap(([path, item]) => Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, operation })))
  t.ok(operations.length > 10, `${operations.length} operations`)
  const ids = operations.map(({ operation }) => operation.operationId)
  t.equal(new Set(ids).size, ids.length, 'operationIds are unique')
  const incomplete = operations.filter(({ operation }) =>
    typeof operation.operationId !== 'string' || !operation.summary || (operation.tags ?? []).length === 0)
  t.strictSame(incomplete.map(({ route }) => route), [], 'each has operationId, summary and tags')
  const without4xx = operations.filter(({ operation }) => !Object.keys(operation.responses).some(status => /^4\d\d$/.test(status)))
  t.strictSame(without4xx.map(({ route }) => route), PROBES, 'only the probes have no 4xx')
  const unguarded = operations.filter(({ route, operation }) => !PROBES.includes(route) && !('401' in operation.responses))
  t.strictSame(unguarded.map(({ route }) => route), [], 'every other operation documents its 401')
})
