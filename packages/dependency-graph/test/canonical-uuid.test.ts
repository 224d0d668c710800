import t from 'tap'
import Fastify from 'fastify'
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { RecordRefSchema } from '../src/index.js'
import { AJV_OPTIONS, Uuid, canonicalUuid, uuidSchema } from '@incident-intel/schemas'

const LOWER = 'c71456d4-5bb1-3536-afde-d9b236d5c4ef'
const UPPER = LOWER.toUpperCase()
const MIXED = 'C71456d4-5Bb1-3536-aFdE-d9B236D5c4eF'
const OTHER = '0029929e-aa31-30cd-9712-89ec94423623'

// One route with a uuid in every part a request has, nested as the services nest them.
async function echoApp () {
  const app = Fastify({ ajv: AJV_OPTIONS }).withTypeProvider<TypeBoxTypeProvider>()
  app.post('/things/:thing_id', {
    schema: {
      params: Type.Object({ thing_id: Uuid }),
      querystring: Type.Object({ organization_id: Uuid, also: Type.Optional(Type.Array(Uuid)) }),
      body: Type.Object({
        ids: Type.Array(Uuid, { uniqueItems: true }),
        roots: Type.Array(RecordRefSchema),
        nested: Type.Object({ deeper: Type.Array(Type.Array(uuidSchema('An id in an array of arrays'))) }),
        maybe: Type.Union([Uuid, Type.Null()])
      })
    }
  }, async request => ({ params: request.params, query: request.query, body: request.body }))
  await app.ready()
  t.teardown(() => app.close())
  return app
}

t.test('every uuid of params, querystring and body reaches the handler in lower case', async t => {
  const app = await echoApp()
  for (const spelling of [UPPER, MIXED, LOWER]) {
    const response = await app.inject({
      method: 'POST',
      url: `/things/${spelling}?organization_id=${spelling}&also=${spelling}&also=${OTHER.toUpperCase()}`,
      payload: {
        ids: [spelling, OTHER.toUpperCase()],
        roots: [{ type: 'incidents', id: spelling }, { type: 'assets', id: OTHER }],
        nested: { deeper: [[spelling], [OTHER.toUpperCase(), spelling]] },
        maybe: spelling
      }
    })
    t.equal(response.statusCode, 200, spelling)
    t.strictSame(response.json(), {
      params: { thing_id: LOWER },
      query: { organization_id: LOWER, also: [LOWER, OTHER] },
      body: {
        ids: [LOWER, OTHER],
        roots: [{ type: 'incidents', id: LOWER }, { type: 'assets', id: OTHER }],
        nested: { deeper: [[LOWER], [OTHER, LOWER]] },
        maybe: LOWER
      }
    }, spelling)
  }
})

t.test('a null where a uuid may be null stays null', async t => {
  const app = await echoApp()
  const response = await app.inject({
    method: 'POST', url: `/things/${LOWER}?organization_id=${LOWER}`, payload: { ids: [], roots: [], nested: { deeper: [] }, maybe: null }
  })
  t.equal(response.statusCode, 200)
  t.equal(response.json().body.maybe, null)
})

t.test('one id in two spellings is one id: uniqueItems refuses it as a duplicate', async t => {
  const app = await echoApp()
  const response = await app.inject({
    method: 'POST', url: `/things/${LOWER}?organization_id=${LOWER}`, payload: { ids: [LOWER, UPPER], roots: [], nested: { deeper: [] }, maybe: null }
  })
  t.strictSame({ status: response.statusCode, message: response.json().message }, {
    status: 400, message: 'body/ids must NOT have duplicate items (items ## 1 and 0 are identical)'
  })
})

t.test('what is not a uuid is refused before any step makes it canonical', async t => {
  const app = await echoApp()
  const response = await app.inject({ method: 'POST', url: `/things/urn:uuid:${LOWER}?organization_id=${LOWER}`, payload: {} })
  t.equal(response.statusCode, 400)
  // A uuid is 36 characters: a longer string is refused by its length before its pattern.
  t.equal(response.json().message, 'params/thing_id must NOT have more than 36 characters')
})

t.test('an Ajv without the plugin refuses the schemas, so no app can skip the step', async t => {
  const app = Fastify({ ajv: { customOptions: AJV_OPTIONS.customOptions } }).withTypeProvider<TypeBoxTypeProvider>()
  app.get('/things/:thing_id', { schema: { params: Type.Object({ thing_id: Uuid }) } }, async () => ({}))
  await t.rejects(async () => { await app.ready() }, /unknown keyword: "x-canonical-uuid"/)
})

t.test('canonicalUuid: the lower-case form of a uuid, undefined for anything else', async t => {
  t.equal(canonicalUuid(UPPER), LOWER)
  t.equal(canonicalUuid(MIXED), LOWER)
  t.equal(canonicalUuid(LOWER), LOWER)
  t.equal(canonicalUuid(`urn:uuid:${LOWER}`), undefined)
  t.equal(canonicalUuid(`${LOWER}0`), undefined)
  t.equal(canonicalUuid(''), undefined)
})
