import t from 'tap'
import { randomUUID } from 'node:crypto'
import type { InjectOptions } from 'fastify'
import { buildTestApp } from '../helpers/build-test-app.js'

// One representative route per schema family: the shared primitives (metadata), the dependency
// graph's, and incidents-api's own. Each bound is a 400 naming the field, and nothing is written.
const { app, pool } = await buildTestApp(t)
const organizationId = randomUUID()

const refused = async (request: InjectOptions) => {
  const response = await app.inject(request)
  return { status: response.statusCode, message: response.json().message }
}

t.test('incidents: an over-long title, too many metadata keys, a limit out of range', async t => {
  t.strictSame(await refused({ method: 'POST', url: '/incidents', payload: { organization_id: organizationId, title: 'x'.repeat(501), incident_type: 'fire' } }),
    { status: 400, message: 'body/title must NOT have more than 500 characters' })
  const metadata = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`key${i}`, i]))
  t.strictSame(await refused({ method: 'POST', url: '/incidents', payload: { organization_id: organizationId, title: 'Fire', incident_type: 'fire', metadata } }),
    { status: 400, message: 'body/metadata must NOT have more than 100 properties' })
  t.strictSame(await refused({ url: '/incidents', query: { organization_id: organizationId, limit: '501' } }),
    { status: 400, message: 'querystring/limit must be <= 500' })
  t.strictSame(await refused({ method: 'POST', url: '/incidents/current/bulk', payload: { incident_ids: Array.from({ length: 1001 }, () => randomUUID()) } }),
    { status: 400, message: 'body/incident_ids must NOT have more than 1000 items' })
  t.strictSame((await pool.query('select count(*)::int as n from incidents.incidents')).rows, [{ n: 0 }])
})

t.test('dependencies: too many roots, too many record types, a distance out of range', async t => {
  const roots = Array.from({ length: 1001 }, () => ({ type: 'incidents', id: randomUUID() }))
  t.strictSame(await refused({ method: 'POST', url: '/dependencies/resolve', payload: { roots, direction: 'dependents' } }),
    { status: 400, message: 'body/roots must NOT have more than 1000 items' })
  t.strictSame(await refused({ method: 'POST', url: '/dependencies/resolve', payload: { roots: roots.slice(0, 1), direction: 'dependents', max_distance: 11 } }),
    { status: 400, message: 'body/max_distance must be <= 10' })
  t.strictSame(await refused({ url: `/incidents/${randomUUID()}`, query: { get_recursive_dependencies: 'true', recursive_record_types: 'incidents,'.repeat(10) + 'assets' } }),
    { status: 400, message: 'querystring/recursive_record_types/0 must NOT have more than 56 characters' })
})
