import http from 'node:http'
import fc from 'fast-check'
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'

// ajv-formats is CommonJS: under NodeNext its default import is the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default

/** The parts of a JSON Schema node the generator reads; anything else is ignored. */
export interface JsonSchema {
  $ref?: string
  type?: string | string[]
  enum?: unknown[]
  const?: unknown
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  allOf?: JsonSchema[]
  format?: string
  pattern?: string
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  exclusiveMaximum?: number
  items?: JsonSchema
  minItems?: number
  maxItems?: number
  uniqueItems?: boolean
  properties?: Record<string, JsonSchema>
  required?: string[]
  additionalProperties?: boolean | JsonSchema
  minProperties?: number
  [keyword: string]: unknown
}

interface ParameterObject { name: string, in: string, required?: boolean, schema?: JsonSchema }
interface MediaObject { schema?: JsonSchema }
interface OperationObject {
  operationId?: string
  parameters?: ParameterObject[]
  requestBody?: { required?: boolean, content?: Record<string, MediaObject> }
  responses?: Record<string, { content?: Record<string, MediaObject> }>
}

export interface OpenApiDocument {
  openapi: string
  paths: Record<string, Record<string, OperationObject>>
  components?: { schemas?: Record<string, JsonSchema> }
}

export interface Parameter { name: string, required: boolean, schema: JsonSchema }

/** One operation of the document, every `$ref` resolved. */
export interface Operation {
  method: string
  path: string
  operationId: string
  pathParams: Parameter[]
  queryParams: Parameter[]
  body?: { required: boolean, schema: JsonSchema }
  /** Status (or `4XX`, `default`) to the JSON schema of its body; undefined when it has none. */
  responses: Map<string, JsonSchema | undefined>
}

const METHODS = new Set(['get', 'put', 'post', 'patch', 'delete'])

/** Every operation of the document, `$ref`s to the document resolved (a cycle stops as `{}`). */
export function listOperations (doc: OpenApiDocument): Operation[] {
  const resolve = (node: unknown, seen: string[] = []): unknown => {
    if (Array.isArray(node)) return node.map(item => resolve(item, seen))
    if (node === null || typeof node !== 'object') return node
    const { $ref: ref, ...rest } = node as Record<string, unknown>
    if (typeof ref === 'string') {
      if (seen.includes(ref) || !ref.startsWith('#/')) return {}
      const target = ref.slice(2).split('/').reduce<unknown>((at, key) =>
        (at as Record<string, unknown> | undefined)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc)
      return { ...(resolve(target, [...seen, ref]) as object), ...(resolve(rest, seen) as object) }
    }
    return Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, resolve(value, seen)]))
  }
  const operations: Operation[] = []
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(item)) {
      if (!METHODS.has(method)) continue
      const operation = resolve(raw) as OperationObject
      // An event stream's 200 stays open for as long as the client reads: no answer to check. Its
      // refusals (400, 401, 403, 404, 406, 409) are tested in services/incidents-api/test/feed/.
      if (operation.responses?.['200']?.content?.['text/event-stream'] !== undefined) continue
      const parameters = (operation.parameters ?? []).map(p => ({ in: p.in, name: p.name, required: p.required === true, schema: p.schema ?? {} }))
      const bodySchema = operation.requestBody?.content?.['application/json']?.schema
      operations.push({
        method: method.toUpperCase(),
        path,
        operationId: operation.operationId ?? `${method} ${path}`,
        pathParams: parameters.filter(p => p.in === 'path'),
        queryParams: parameters.filter(p => p.in === 'query'),
        ...(bodySchema ? { body: { required: operation.requestBody?.required === true, schema: bodySchema } } : {}),
        responses: new Map(Object.entries(operation.responses ?? {})
          .map(([status, response]) => [status, response.content?.['application/json']?.schema]))
      })
    }
  }
  return operations
}

/** A reference to a real record, resolved when the request is sent: the records change as the run goes. */
export class KnownId {
  /** `upper`: sent in capitals, which the uuid pattern admits. */
  constructor (readonly name: string, readonly index: number, readonly upper = false) {}

  resolve (ids: IdSource, name = this.name): string {
    const id = ids(name, this.index)
    return this.upper ? id.toUpperCase() : id
  }
}

/** JSON nested this deep, written as text when the request is built (JSON.stringify would overflow). */
export class DeepJson {
  constructor (readonly depth: number) {}
}

/** Raw text sent as the body, bypassing JSON.stringify (malformed or oversized JSON). */
export class RawBody {
  constructor (readonly text: string, readonly contentType = 'application/json') {}
}

export const INJECTIONS = [
  "'; drop table x; --", "' or 1=1 --", '$1', '\\', '%00', '../../etc/passwd', '{"$gt":""}',
  '"; select pg_sleep(10); --', '$' + '{jndi:ldap://x}', '<script>alert(1)</script>', '*', '%', '_', 'null', 'undefined'
]
export const UNICODE = [
  '😀🔥👩‍👩‍👧', '\u202Eevil\u202C', 'مرحبا بالعالم', 'שלום', 'a\u0000b', '\u0000', '\uD800', '\uDFFF', 'x\uD83Dy',
  '\uFEFFbom', 'e\u0301', 'ｆｕｌｌ', '\u200B', '𝕏'.repeat(40)
]
const NUMERIC_STRINGS = ['NaN', 'Infinity', '-Infinity', '1e999', '-0', '0x10', '1_000', ' 1', '', ' ', 'true', '9007199254740993']
const HUGE_STRING = 'A'.repeat(100_000)
const DEEP_DEPTH = 1000
const TEN_THOUSAND_IDS = Array.from({ length: 10_000 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`)
const TEN_THOUSAND_REFS = TEN_THOUSAND_IDS.map(id => ({ type: 'incidents', id }))

/** JSON nested `depth` levels deep, as objects or arrays. */
export function deepJson (depth: number, kind: 'object' | 'array' = 'object'): unknown {
  let value: unknown = 1
  for (let i = 0; i < depth; i++) value = kind === 'object' ? { a: value } : [value]
  return value
}

/** The text of JSON nested `depth` levels deep, past what JSON.stringify can recurse into. */
export function deepJsonText (depth: number, kind: 'object' | 'array' = 'object'): string {
  return kind === 'object' ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}` : `${'['.repeat(depth)}1${']'.repeat(depth)}`
}

function types (schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type
  if (typeof schema.type === 'string') return [schema.type]
  if (schema.properties) return ['object']
  if (schema.items) return ['array']
  return []
}

const branches = (schema: JsonSchema): JsonSchema[] | undefined => schema.anyOf ?? schema.oneOf

/** Values the schema admits (as far as a schema can say: a polygon's ring may still be open). */
export function validValue (schema: JsonSchema, name = ''): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const)
  if (schema.enum) return fc.constantFrom(...schema.enum)
  const union = branches(schema)
  if (union) return fc.oneof(...union.map(branch => validValue({ ...schema, anyOf: undefined, oneOf: undefined, ...branch }, name)))
  if (schema.allOf) return validValue(Object.assign({}, ...schema.allOf, { allOf: undefined }), name)
  const kinds = types(schema)
  if (kinds.length > 1) return fc.oneof(...kinds.map(type => validValue({ ...schema, type }, name)))
  switch (kinds[0]) {
    case 'string': return validString(schema, name)
    case 'integer': return validNumber(schema, true)
    case 'number': return validNumber(schema, false)
    case 'boolean': return fc.boolean()
    case 'null': return fc.constant(null)
    case 'array': return validArray(schema, name)
    case 'object': return validObject(schema)
    default: return fc.jsonValue({ maxDepth: 2 })
  }
}

function validString (schema: JsonSchema, name: string): fc.Arbitrary<unknown> {
  if (schema.format === 'uuid') {
    return fc.oneof(
      { weight: 6, arbitrary: fc.nat(50).map(index => new KnownId(name, index)) },
      { weight: 1, arbitrary: fc.nat(50).map(index => new KnownId(name, index, true)) },
      { weight: 2, arbitrary: fc.uuid() }
    )
  }
  if (schema.format === 'date-time') {
    return fc.oneof(
      fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map(date => date.toISOString()),
      fc.constantFrom('0001-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z', '2024-02-29T12:00:00+14:00', '2016-12-31T23:59:60Z', '2024-06-01T00:00:00.123456789-12:00')
    )
  }
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern))
  const minLength = schema.minLength ?? 0
  const maxLength = schema.maxLength ?? 100_000
  const fits = (value: string) => [...value].length >= minLength && [...value].length <= maxLength
  const pool = [...INJECTIONS, ...UNICODE, 'x'.repeat(maxLength === 100_000 ? 1000 : maxLength), '😀'.repeat(Math.min(maxLength, 1000))].filter(fits)
  return fc.oneof(
    { weight: 3, arbitrary: fc.string({ minLength, maxLength: Math.max(minLength, Math.min(maxLength, 40)), unit: 'grapheme' }) },
    ...(pool.length > 0 ? [{ weight: 2, arbitrary: fc.constantFrom(...pool) }] : [])
  )
}

function validNumber (schema: JsonSchema, integer: boolean): fc.Arbitrary<unknown> {
  const min = schema.minimum ?? (schema.exclusiveMinimum === undefined ? undefined : schema.exclusiveMinimum + (integer ? 1 : Number.EPSILON))
  const max = schema.maximum ?? (schema.exclusiveMaximum === undefined ? undefined : schema.exclusiveMaximum - (integer ? 1 : Number.EPSILON))
  if (integer) {
    const lo = min ?? -(2 ** 31)
    const hi = max ?? 2 ** 31 - 1
    return fc.oneof(fc.integer({ min: Math.max(lo, -(2 ** 31)), max: Math.min(hi, 2 ** 31 - 1) }), fc.constantFrom(lo, hi))
  }
  return fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true, ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) }),
    fc.constantFrom(...[min, max, 0].filter(value => value !== undefined))
  )
}

function validArray (schema: JsonSchema, name: string): fc.Arbitrary<unknown> {
  const item = validValue(schema.items ?? {}, name)
  const minLength = schema.minItems ?? 0
  const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? 4, 4))
  return schema.uniqueItems
    ? fc.uniqueArray(item, { minLength, maxLength, selector: value => JSON.stringify(value) })
    : fc.array(item, { minLength, maxLength })
}

function validObject (schema: JsonSchema): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {}
  const required = new Set(schema.required ?? [])
  const record = fc.record(
    Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, validValue(value, key)])),
    { requiredKeys: Object.keys(properties).filter(key => required.has(key)) }
  )
  const extra = typeof schema.additionalProperties === 'object'
    ? fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...INJECTIONS)), validValue(schema.additionalProperties), { maxKeys: 3 })
    : fc.constant({})
  const minProperties = schema.minProperties ?? 0
  return fc.tuple(record, extra).map(([known, more]) => ({ ...more, ...known }))
    .filter(value => Object.keys(value).length >= minProperties)
}

/** A value the node refuses or that stresses whatever reads it, by the node's own bounds. */
export function hostileValue (schema: JsonSchema, name = ''): fc.Arbitrary<unknown> {
  const kinds = types(schema)
  const boundary: unknown[] = [null, '', -1, 0, 2 ** 31, 2 ** 53 + 2, 1e308, -0, 1.5, true, ...NUMERIC_STRINGS]
  if (schema.minimum !== undefined) boundary.push(schema.minimum - 1, String(schema.minimum - 1))
  if (schema.maximum !== undefined) boundary.push(schema.maximum + 1, String(schema.maximum + 1), schema.maximum + 0.5)
  if (schema.maxLength !== undefined) boundary.push('x'.repeat(schema.maxLength + 1), '😀'.repeat(schema.maxLength + 1))
  if (schema.minLength !== undefined && schema.minLength > 0) boundary.push('x'.repeat(schema.minLength - 1))
  if (schema.format === 'uuid') boundary.push('00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', 'urn:uuid:00000000-0000-4000-8000-000000000000', '{00000000-0000-4000-8000-000000000000}', '00000000000040008000000000000000')
  if (schema.format === 'date-time') boundary.push('2024-13-01T00:00:00Z', '2024-02-30T00:00:00Z', 'infinity', '-infinity', 'epoch', '0000-00-00T00:00:00Z', '2024-01-01', '10000-01-01T00:00:00Z')
  if (schema.enum) boundary.push(...schema.enum.map(value => typeof value === 'string' ? value.toUpperCase() : value), ...schema.enum.map(value => ` ${String(value)}`))
  const wrongType: unknown[] = [42, {}, [], { $gt: '' }, 'string', false]
  const items = schema.items ?? {}
  const oversizedArrays: Array<fc.Arbitrary<unknown>> = []
  if (kinds.includes('array')) {
    const count = (schema.maxItems ?? 1000) + 1
    oversizedArrays.push(fc.array(validValue(items, name), { minLength: Math.min(count, 1001), maxLength: Math.min(count, 1001) }))
    oversizedArrays.push(fc.constant(types(items).includes('object') ? TEN_THOUSAND_REFS : TEN_THOUSAND_IDS))
    if ((schema.minItems ?? 0) > 0) boundary.push([])
  }
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...boundary) },
    { weight: 2, arbitrary: fc.constantFrom(...wrongType) },
    { weight: 3, arbitrary: fc.constantFrom(...INJECTIONS, ...UNICODE) },
    { weight: 1, arbitrary: fc.constantFrom(HUGE_STRING, deepJson(DEEP_DEPTH), deepJson(DEEP_DEPTH, 'array'), new DeepJson(10_000)) },
    ...oversizedArrays.map(arbitrary => ({ weight: 1, arbitrary }))
  )
}

/** Valid, except somewhere at or under this node, one value turns hostile. */
export function mutantValue (schema: JsonSchema, name = ''): fc.Arbitrary<unknown> {
  const options: Array<fc.WeightedArbitrary<unknown>> = [{ weight: 3, arbitrary: hostileValue(schema, name) }]
  const kinds = types(schema)
  const properties = Object.entries(schema.properties ?? {})
  if (kinds.includes('object') && properties.length > 0) {
    options.push({
      weight: 6,
      arbitrary: fc.tuple(validObject(schema), fc.nat(properties.length - 1)).chain(([object, at]) => {
        const [key, property] = properties[at]!
        return mutantValue(property, key).map(value => ({ ...(object as object), [key]: value }))
      })
    })
    options.push({ weight: 1, arbitrary: validObject(schema).map(object => ({ ...(object as object), unexpected_property: 1 })) })
    // JSON.parse makes `__proto__` an own property, as a client's JSON would.
    options.push({ weight: 1, arbitrary: validObject(schema).map(object => Object.assign(JSON.parse('{"__proto__":{"polluted":true}}'), object)) })
  }
  if (kinds.includes('array') && schema.items) {
    const items = schema.items
    options.push({
      weight: 3,
      arbitrary: fc.tuple(validArray({ ...schema, minItems: Math.max(1, schema.minItems ?? 0) }, name), mutantValue(items, name))
        .map(([array, value]) => [...(array as unknown[]).slice(1), value])
    })
  }
  const union = branches(schema)
  if (union) options.push({ weight: 3, arbitrary: fc.oneof(...union.map(branch => mutantValue(branch, name))) })
  return fc.oneof(...options)
}

/** A request as generated, ids still symbolic. */
export interface RequestTemplate {
  operation: Operation
  pathParams: Record<string, unknown>
  query: Array<[string, unknown]>
  body?: unknown
  /** All valid; one part (a parameter, the body, or an unknown parameter) hostile; or any part. */
  mode: 'valid' | 'mutant' | 'chaos'
}

export interface FuzzRequest {
  method: string
  url: string
  headers: Record<string, string>
  payload?: string
}

/**
 * Requests for one operation: all valid (so that they reach the handlers), one parameter or
 * the body hostile, or everything hostile at once; plus malformed and oversized bodies.
 */
export function requestFor (operation: Operation): fc.Arbitrary<RequestTemplate> {
  const parts: Array<{ key: string, valid: fc.Arbitrary<unknown>, mutant: fc.Arbitrary<unknown>, optional: boolean }> = []
  for (const p of operation.pathParams) parts.push({ key: `path:${p.name}`, valid: validValue(p.schema, p.name), mutant: mutantValue(p.schema, p.name), optional: false })
  for (const p of operation.queryParams) {
    // A query parameter with a default is optional to a client whatever `required` says.
    const optional = !p.required || p.schema.default !== undefined
    parts.push({ key: `query:${p.name}`, valid: validValue(p.schema, p.name), mutant: mutantValue(p.schema, p.name), optional })
  }
  if (operation.body) {
    const schema = operation.body.schema
    parts.push({
      key: 'body',
      valid: validValue(schema),
      mutant: fc.oneof(
        { weight: 8, arbitrary: mutantValue(schema) },
        { weight: 1, arbitrary: fc.constantFrom(...malformedBodies()) },
        { weight: 1, arbitrary: fc.constantFrom(undefined, null, [], 'text', 0, deepJson(DEEP_DEPTH), deepJson(DEEP_DEPTH, 'array')) }
      ),
      optional: !operation.body.required
    })
  }
  const build = (values: unknown[], mode: RequestTemplate['mode']): RequestTemplate => {
    const template: RequestTemplate = { operation, pathParams: {}, query: [], mode }
    parts.forEach(({ key }, i) => {
      const value = values[i]
      if (value === OMIT) return
      if (key === 'body') template.body = value
      else if (key.startsWith('path:')) template.pathParams[key.slice(5)] = value
      else template.query.push([key.slice(6), value])
    })
    return template
  }
  const maybeOmitted = (arbitrary: fc.Arbitrary<unknown>, optional: boolean) =>
    optional ? fc.oneof({ weight: 1, arbitrary: fc.constant(OMIT) }, { weight: 2, arbitrary }) : arbitrary
  const valid = fc.tuple(...parts.map(part => maybeOmitted(part.valid, part.optional))).map(values => build(values, 'valid'))
  if (parts.length === 0) return valid
  const oneMutant = fc.nat(parts.length - 1).chain(at => fc.tuple(...parts.map((part, i) => i === at
    ? fc.oneof({ weight: 6, arbitrary: part.mutant }, { weight: 1, arbitrary: fc.constant(OMIT) })
    : maybeOmitted(part.valid, part.optional)))).map(values => build(values, 'mutant'))
  const chaos = fc.tuple(...parts.map(part => fc.oneof(part.mutant, part.valid, fc.constant(OMIT)))).map(values => build(values, 'chaos'))
  const unknownParameter = fc.tuple(valid, fc.constantFrom('unexpected_parameter', '__proto__', 'organization_id[]'), fc.constantFrom('1', ...INJECTIONS))
    .map(([template, name, value]): RequestTemplate => ({ ...template, query: [...template.query, [name, value]], mode: 'mutant' }))
  return fc.oneof({ weight: 10, arbitrary: valid }, { weight: 8, arbitrary: oneMutant }, { weight: 1, arbitrary: unknownParameter }, { weight: 2, arbitrary: chaos })
}

const OMIT = Symbol('omit')

function malformedBodies (): RawBody[] {
  return [
    new RawBody('{'), new RawBody('{"a":1,}'), new RawBody(''), new RawBody('nul'), new RawBody('\u0000'),
    new RawBody('{"__proto__":{"polluted":true}}'), new RawBody('{"constructor":{"prototype":{"polluted":true}}}'),
    new RawBody('{"a":"\\ud800"}'), new RawBody('['.repeat(5000)), new RawBody('{"x":1}', 'text/plain'),
    new RawBody('{"x":1}', 'application/x-www-form-urlencoded'), new RawBody('<x/>', 'application/xml'),
    new RawBody('{"x":1}', 'application/json; charset=utf-16'),
    new RawBody(`{"x":"${'A'.repeat(1024 * 1024 + 16)}"}`)
  ]
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Percent-encodes any string, lone surrogates included (as the CESU-8 bytes no decoder accepts). */
export function encodeComponent (value: string): string {
  if (!LONE_SURROGATE.test(value)) return encodeURIComponent(value)
  let out = ''
  for (const char of value) {
    const code = char.codePointAt(0)!
    if (code >= 0xD800 && code <= 0xDFFF) {
      out += [0xE0 | (code >> 12), 0x80 | ((code >> 6) & 0x3F), 0x80 | (code & 0x3F)].map(byte => `%${byte.toString(16).toUpperCase()}`).join('')
    } else {
      out += encodeURIComponent(char)
    }
  }
  return out
}

/**
 * Ids that exist now, by parameter or property name (`any` for the rest). A uuid beside a record
 * type (`type`/`id`, `blocker_type`/`blocker_id`, `record_type`/`record_id`) is named by that type.
 */
export type IdSource = (name: string, index: number) => string

function typedName (key: string, siblings: Record<string, unknown>): string {
  const typeKey = key === 'id' ? 'type' : key.endsWith('_id') ? `${key.slice(0, -3)}_type` : undefined
  const type = typeKey === undefined ? undefined : siblings[typeKey]
  return typeof type === 'string' ? type : key
}

/** Replaces every KnownId with a current id. */
export function materialize (value: unknown, ids: IdSource): unknown {
  if (value instanceof KnownId) return value.resolve(ids)
  if (Array.isArray(value)) return value.map(item => materialize(item, ids))
  if (value !== null && typeof value === 'object' && !(value instanceof RawBody) && !(value instanceof DeepJson)) {
    const siblings = value as Record<string, unknown>
    return Object.fromEntries(Object.entries(siblings).map(([key, item]) => [key, item instanceof KnownId
      ? item.resolve(ids, typedName(key, siblings))
      : materialize(item, ids)]))
  }
  return value
}

const DEEP_MARK = '\u0001deep:'

/** JSON text of a value, a DeepJson anywhere inside written out in full. */
export function jsonText (value: unknown): string {
  const text = JSON.stringify(value, (_key, item: unknown) => item instanceof DeepJson ? `${DEEP_MARK}${item.depth}` : item) ?? ''
  return text.replace(/"\\u0001deep:(\d+)"/g, (_, depth: string) => deepJsonText(Number(depth)))
}

function asText (value: unknown): string {
  return typeof value === 'string' ? value : jsonText(value)
}

/** The HTTP request for a template, with ids from `ids`. */
export function toRequest (template: RequestTemplate, ids: IdSource): FuzzRequest {
  const { operation } = template
  const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    name in template.pathParams ? encodeComponent(asText(materialize(template.pathParams[name], ids))) : '')
  const siblings = Object.fromEntries(template.query)
  const query = template.query.flatMap(([name, raw]) => {
    const value = raw instanceof KnownId ? raw.resolve(ids, typedName(name, siblings)) : materialize(raw, ids)
    // An array is the repeated form of the parameter.
    const values = Array.isArray(value) && value.length <= 20_000 ? value : [value]
    return values.map(item => `${encodeComponent(name)}=${encodeComponent(asText(item))}`)
  })
  const url = query.length > 0 ? `${path}?${query.join('&')}` : path
  const request: FuzzRequest = { method: operation.method, url, headers: {} }
  if (template.body instanceof RawBody) {
    request.headers['content-type'] = template.body.contentType
    request.payload = template.body.text
  } else if (template.body !== undefined) {
    request.headers['content-type'] = 'application/json'
    request.payload = jsonText(materialize(template.body, ids))
  }
  return request
}

export interface FuzzResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

const ENVELOPE = {
  type: 'object',
  required: ['statusCode', 'error', 'message'],
  properties: {
    statusCode: { type: 'integer' },
    code: { type: 'string' },
    error: { type: 'string', minLength: 1 },
    message: { type: 'string' }
  }
}

/**
 * Node refuses an oversized header block (431) before any route exists for the request, so no
 * operation can declare it: reported, not failed. So is a 404 for a route that did not match.
 * Every other status must be one the operation declares.
 */
export const FRAMEWORK_STATUSES = new Set([431])

/** Checks responses against the document: declared status, body schema, error envelope. */
export class ResponseChecker {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true })
  private readonly compiled = new Map<JsonSchema, ValidateFunction>()
  private readonly envelope: ValidateFunction
  /** `METHOD path status` of each tolerated undeclared status seen, with a count. */
  readonly undeclared = new Map<string, number>()

  constructor () {
    addFormats(this.ajv)
    this.envelope = this.ajv.compile(ENVELOPE)
  }

  private validator (schema: JsonSchema): ValidateFunction {
    let validate = this.compiled.get(schema)
    if (!validate) {
      validate = this.ajv.compile(schema)
      this.compiled.set(schema, validate)
    }
    return validate
  }

  /** The problems with this response; empty when it keeps the contract. */
  check (operation: Operation, response: FuzzResponse): string[] {
    const problems: string[] = []
    const { status } = response
    if (status >= 500) problems.push(`status ${status}`)
    let body: unknown
    if (response.body.length > 0) {
      try {
        body = JSON.parse(response.body)
      } catch {
        problems.push(`body is not JSON: ${truncate(response.body, 200)}`)
        return problems
      }
    }
    const declared = [String(status), `${String(status)[0]}XX`, 'default'].find(key => operation.responses.has(key))
    if (declared === undefined) {
      const unmatchedRoute = status === 404 && /^Route \w+:.* not found$/.test((body as { message?: string } | undefined)?.message ?? '')
      if (unmatchedRoute || FRAMEWORK_STATUSES.has(status)) {
        const key = `${operation.method} ${operation.path} ${status}${unmatchedRoute ? ' (unmatched route)' : ''}`
        this.undeclared.set(key, (this.undeclared.get(key) ?? 0) + 1)
      } else {
        problems.push(`status ${status} is not declared (declared: ${[...operation.responses.keys()].join(', ')})`)
      }
    }
    const schema = declared === undefined ? undefined : operation.responses.get(declared)
    if (status === 204) {
      if (response.body.length > 0) problems.push('a 204 with a body')
    } else if (schema !== undefined) {
      const validate = this.validator(schema)
      if (!validate(body)) problems.push(`body does not match the documented ${declared} schema: ${this.ajv.errorsText(validate.errors)}`)
    }
    if (status >= 400) {
      if (!this.envelope(body)) {
        problems.push(`error body is not the envelope: ${this.ajv.errorsText(this.envelope.errors)}`)
      } else if ((body as { statusCode: number }).statusCode !== status) {
        problems.push(`envelope statusCode ${(body as { statusCode: number }).statusCode} differs from ${status}`)
      }
    }
    return problems
  }
}

export function truncate (text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length)}… (${text.length} chars)`
}

/** How a request is described in a failure: enough to replay it. */
export function describeRequest (request: FuzzRequest): string {
  const headers = Object.keys(request.headers).length > 0 ? ` ${JSON.stringify(request.headers)}` : ''
  const body = request.payload === undefined ? '' : `\n  body: ${truncate(request.payload, 500)}`
  return `${request.method} ${truncate(request.url, 500)}${headers}${body}`
}

export interface FuzzFailure {
  request: FuzzRequest
  status: number | undefined
  problems: string[]
}

export interface FuzzRunOptions {
  operations: Operation[]
  cases: number
  seed: number
  send: (request: FuzzRequest) => Promise<FuzzResponse>
  ids: IdSource
  checker: ResponseChecker
  /** Sees every response (to learn the ids of records the run creates). */
  onResponse?: (request: FuzzRequest, response: FuzzResponse) => void
  /** Runs before every `every`-th case (to seed fresh records as the run deletes them). */
  refresh?: { every: number, run: () => Promise<void> }
}

export interface FuzzRunResult {
  failures: FuzzFailure[]
  /** `METHOD path` to status to count. */
  statuses: Map<string, Map<number, number>>
  elapsedMs: number
}

/** The templates of a run: the same for the same seed and document. */
export function sampleTemplates (operations: Operation[], cases: number, seed: number): RequestTemplate[] {
  const perOperation = operations.map(requestFor)
  return fc.sample(fc.nat(operations.length - 1).chain(i => perOperation[i]!), { seed, numRuns: cases })
}

/** Sends `cases` generated requests one at a time and checks each response; never stops early. */
export async function runFuzz ({ operations, cases, seed, send, ids, checker, onResponse, refresh }: FuzzRunOptions): Promise<FuzzRunResult> {
  const templates = sampleTemplates(operations, cases, seed)
  const failures: FuzzFailure[] = []
  const statuses = new Map<string, Map<number, number>>()
  const started = performance.now()
  for (const [i, template] of templates.entries()) {
    if (refresh && i > 0 && i % refresh.every === 0) await refresh.run()
    const request = toRequest(template, ids)
    let response: FuzzResponse
    try {
      response = await send(request)
    } catch (error) {
      failures.push({ request, status: undefined, problems: [`no response: ${(error as Error).message}`] })
      continue
    }
    const key = `${template.operation.method} ${template.operation.path}`
    const counts = statuses.get(key) ?? new Map<number, number>()
    counts.set(response.status, (counts.get(response.status) ?? 0) + 1)
    statuses.set(key, counts)
    const problems = checker.check(template.operation, response)
    if (problems.length > 0) failures.push({ request, status: response.status, problems: [...problems, `response: ${truncate(response.body, 300)}`] })
    onResponse?.(request, response)
  }
  return { failures, statuses, elapsedMs: performance.now() - started }
}

/** One line per operation: how its responses were spread over statuses. */
export function statusSummary (statuses: FuzzRunResult['statuses']): string {
  return [...statuses.entries()].sort(([a], [b]) => a.localeCompare(b))
    .map(([key, counts]) => `${key}: ${[...counts.entries()].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`).join(' ')}`)
    .join('\n')
}

/**
 * Sends over real HTTP, exactly the bytes of the URL and body given (no normalisation), one
 * connection per request: after a 431 Node closes the socket without saying so.
 */
export function httpSender (baseUrl: string): (request: FuzzRequest) => Promise<FuzzResponse> {
  const { hostname, port } = new URL(baseUrl)
  return request => new Promise((resolve, reject) => {
    const payload = request.payload === undefined ? undefined : Buffer.from(request.payload)
    const req = http.request({
      host: hostname,
      port,
      method: request.method,
      path: request.url,
      agent: false,
      headers: { ...request.headers, connection: 'close', ...(payload === undefined ? {} : { 'content-length': String(payload.length) }) }
    }, res => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(payload)
  })
}
