import t from 'tap'
import { randomUUID } from 'node:crypto'
import type { InjectOptions } from 'fastify'
import { buildTestApp } from '../helpers/build-test-app.js'

// intel-requests-api's own schemas: each bound is a 400 naming the field, and nothing is written.
const { app, pool } = await buildTestApp(t)
const organizationId = randomUUID()

const refused = async (request: InjectOptions) => {
  const response = await app.inject(request)
  return { status: response.statusCode, message: response.json().message }
}

t.test('an over-long description, too many blockers, a limit out of range, too many metadata keys', async t => {
  const base = { organization_id: organizationId, request_type: 'site_check' }
  t.strictSame(await refused({ method: 'POST', url: '/intel-requests', payload: { ...base, description: 'x'.repeat(10001) } }),
    { status: 400, message: 'body/description must NOT have more than 10000 characters' })
  const blockers = Array.from({ length: 101 }, () => ({ type: 'incidents', id: randomUUID() }))
  t.strictSame(await refused({ method: 'POST', url: '/intel-requests', payload: { ...base, blockers } }),
    { status: 400, message: 'body/blockers must NOT have more than 100 items' })
  const metadata = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`key${i}`, i]))
  t.strictSame(await refused({ method: 'POST', url: '/intel-requests', payload: { ...base, metadata } }),
    { status: 400, message: 'body/metadata must NOT have more than 100 properties' })
  t.strictSame(await refused({ url: '/intel-requests', query: { organization_id: organizationId, limit: '0' } }),
    { status: 400, message: 'querystring/limit must be >= 1' })
  t.strictSame((await pool.query('select count(*)::int as n from intel_requests.intel_requests')).rows, [{ n: 0 }])
})
