import t from 'tap'
import Fastify from 'fastify'
import { errorHandler } from '../src/error-handler.js'
import { MAX_JSON_DEPTH, jsonDepthLimit, nestedDeeperThan } from '../src/json-depth.js'

const nested = (depth: number) => `${'{"a":'.repeat(depth - 1)}{}${'}'.repeat(depth - 1)}`

t.test('nestedDeeperThan counts objects and arrays, at any depth, without recursion', async t => {
  t.equal(nestedDeeperThan(1, 0), false)
  t.equal(nestedDeeperThan({}, 1), false)
  t.equal(nestedDeeperThan({ a: [] }, 1), true)
  t.equal(nestedDeeperThan({ a: [1, { b: 'x' }] }, 3), false)
  t.equal(nestedDeeperThan({ a: [1, { b: {} }] }, 3), true)
  t.equal(nestedDeeperThan(JSON.parse(nested(100_000)), MAX_JSON_DEPTH), true)
})

t.test(`a body nested deeper than ${MAX_JSON_DEPTH} levels is a 400 with the envelope`, async t => {
  const app = Fastify({ logger: false })
  await app.register(errorHandler)
  await app.register(jsonDepthLimit)
  app.post('/echo', async request => ({ ok: request.body !== undefined }))
  await app.ready()
  t.teardown(() => app.close())
  const post = (payload: string) => app.inject({ method: 'POST', url: '/echo', headers: { 'content-type': 'application/json' }, payload })
  t.equal((await post(nested(MAX_JSON_DEPTH))).statusCode, 200)
  for (const depth of [MAX_JSON_DEPTH + 1, 1337, 10_000]) {
    const refused = await post(nested(depth))
    t.strictSame([refused.statusCode, refused.json()],
      [400, { statusCode: 400, code: 'SERVICE_JSON_TOO_DEEP', error: 'Bad Request', message: `body is nested deeper than ${MAX_JSON_DEPTH} levels` }], `depth ${depth}`)
  }
})
