import t from 'tap'
import { Type } from '@sinclair/typebox'
import { createServiceFastify } from '../src/service-fastify.js'
import { errorHandler } from '../src/error-handler.js'

// Ajv coerces "1e999" and "Infinity" in a query, path or header to Infinity and then skips every
// bound of a number that is not finite; the services' validator refuses such a value.
const Bounded = Type.Integer({ format: 'int32', minimum: 1, maximum: 500 })

const app = createServiceFastify({ config: { LOG_LEVEL: 'silent', LOG_BUFFER_BYTES: 0 }, logger: false })
await app.register(errorHandler)
app.get('/things/:n', {
  schema: {
    params: Type.Object({ n: Bounded }),
    querystring: Type.Object({ limit: Type.Optional(Bounded), ids: Type.Optional(Type.Array(Type.Number())) }, { additionalProperties: false }),
    headers: Type.Object({ 'x-count': Type.Optional(Bounded) })
  }
}, async request => ({ n: request.params.n, limit: request.query.limit ?? null, ids: request.query.ids ?? null, count: request.headers['x-count'] ?? null }))
app.post('/things', { schema: { body: Type.Object({ n: Bounded }) } }, async request => ({ n: request.body.n }))
await app.ready()
t.teardown(() => app.close())

const refusal = (message: string) => ({ statusCode: 400, code: 'FST_ERR_VALIDATION', error: 'Bad Request', message })

t.test('a finite value is coerced and bounded as before', async t => {
  const ok = await app.inject({ url: '/things/7?limit=1e2&ids=1.5&ids=-2', headers: { 'x-count': '3' } })
  t.strictSame([ok.statusCode, ok.json()], [200, { n: 7, limit: 100, ids: [1.5, -2], count: 3 }])
  const over = await app.inject('/things/7?limit=501')
  t.strictSame([over.statusCode, over.json()], [400, refusal('querystring/limit must be <= 500')])
})

t.test('a value that is not a finite number is a 400 naming it, wherever text is coerced', async t => {
  for (const value of ['1e999', 'Infinity', '-Infinity', '-1e400']) {
    const query = await app.inject(`/things/7?limit=${encodeURIComponent(value)}`)
    t.strictSame([query.statusCode, query.json()], [400, refusal('querystring/limit must be a finite number')], `query ${value}`)
    const item = await app.inject(`/things/7?ids=1&ids=${encodeURIComponent(value)}`)
    t.strictSame([item.statusCode, item.json()], [400, refusal('querystring/ids must be a finite number')], `query item ${value}`)
    const path = await app.inject(`/things/${encodeURIComponent(value)}`)
    t.strictSame([path.statusCode, path.json()], [400, refusal('params/n must be a finite number')], `path ${value}`)
    const header = await app.inject({ url: '/things/7', headers: { 'x-count': value } })
    t.strictSame([header.statusCode, header.json()], [400, refusal('headers/x-count must be a finite number')], `header ${value}`)
  }
})

t.test('a JSON body\'s 1e999 was already refused by its type', async t => {
  const body = await app.inject({ method: 'POST', url: '/things', headers: { 'content-type': 'application/json' }, payload: '{"n": 1e999}' })
  t.strictSame([body.statusCode, body.json()], [400, refusal('body/n must be integer')])
})
