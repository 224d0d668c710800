import { randomUUID } from 'node:crypto'
import t from 'tap'
import { type CallerReply, callerRequests, forbiddenReply, type SeededRecords, seedRecords } from '@incident-intel/test-support'
import { buildTestApp } from '../../helpers/build-test-app.js'

// Three organizations, and tokens scoped to one (A), to two (A, B) and to all of them.
const ONE = 'scoped-to-one-4f1e2d3c'
const TWO = 'scoped-to-two-9a8b7c6d'
const ALL = 'scoped-to-all-1a2b3c4d'
const [orgA, orgB, orgC] = [randomUUID(), randomUUID(), randomUUID()]
const { app, pool } = await buildTestApp(t, { AUTH_TOKENS: `${ONE}:${orgA},${TWO}:${orgA}|${orgB.toUpperCase()},${ALL}` })
await pool.query("insert into organizations.organizations (organization_id, name) select id, 'Organization ' || id from unnest($1::uuid[]) id", [[orgA, orgB, orgC]])
const A = await seedRecords(pool, orgA)
const B = await seedRecords(pool, orgB)
const C = await seedRecords(pool, orgC)

const SCOPES: Array<[string, string, SeededRecords[]]> = [['one', ONE, [A]], ['two', TWO, [A, B]], ['all', ALL, [A, B, C]]]
const ORGANIZATIONS = [A, B, C]
const name = (records: SeededRecords) => records === A ? 'A' : records === B ? 'B' : 'C'

type Reply = CallerReply
const { send, unknownReply } = callerRequests(app)
const forbidden = forbiddenReply
const notFound = (id: string): Reply => ({
  status: 404, body: { statusCode: 404, code: 'INTEL_REQUESTS_NOT_FOUND', error: 'Not Found', message: `Intel request ${id} does not exist` }
})
const ids = (records: Array<{ intel_request_id: string }>) => records.map(record => record.intel_request_id)

t.test('reads: intel requests of the organizations in scope, and of no other, exactly as if unknown', async t => {
  for (const [scope, token, visible] of SCOPES) {
    for (const records of ORGANIZATIONS) {
      const sees = visible.includes(records)
      const label = `${scope} reading ${name(records)}`
      const [id] = records.intel_request_id as [string]
      const one = await send(token, 'GET', `/intel-requests/${id}?get_recursive_dependencies=true&recursive_dependency_type=blockers`)
      if (sees) t.same([one.status, (one.body as { intel_request_id: string }).intel_request_id], [200, id], `${label}: GET one`)
      else {
        t.same(one, notFound(id), `${label}: GET one`)
        t.same(one, await unknownReply(token, 'GET', other => `/intel-requests/${other}?get_recursive_dependencies=true&recursive_dependency_type=blockers`, id))
      }
      const list = await send(token, 'GET', `/intel-requests?organization_id=${records.organization_id}`)
      t.same(sees ? [list.status, ids((list.body as { intel_requests: Array<{ intel_request_id: string }> }).intel_requests).sort()] : list,
        sees ? [200, [...records.intel_request_id].sort()] : forbidden(records.organization_id), `${label}: GET list`)
    }
    const all = ORGANIZATIONS.flatMap(records => records.intel_request_id)
    const bulk = await send(token, 'POST', '/intel-requests/bulk?get_recursive_dependencies=true&recursive_max_distance=10', { intel_request_ids: all })
    const visibleIds = visible.flatMap(records => records.intel_request_id)
    const body = bulk.body as { intel_requests: Array<{ intel_request_id: string }>, not_found: string[] }
    t.same([bulk.status, ids(body.intel_requests), body.not_found], [200, visibleIds, all.filter(id => !visibleIds.includes(id))], `${scope}: bulk`)
    const text = JSON.stringify(body.intel_requests)
    const hidden = ORGANIZATIONS.filter(records => !visible.includes(records)).flatMap(records => Object.values(records).flat())
    t.same(hidden.filter(id => text.includes(id)), [], `${scope}: the bulk names nothing of another organization`)

    const roots = ORGANIZATIONS.map(records => ({ type: 'intel_requests', id: records.intel_request_id[1]! }))
    const walk = await send(token, 'POST', '/dependencies/resolve', { roots, direction: 'blockers', max_distance: 10 })
    const results = (walk.body as { results: Array<{ edges: unknown[], truncated: boolean }> }).results
    t.same(results.map(result => result.edges.length), ORGANIZATIONS.map(records => visible.includes(records) ? 4 : 0), `${scope}: a walk reaches only its own records`)
  }
})

t.test('writes to another organization are refused exactly as to an unknown record, and change nothing', async t => {
  const snapshot = async () => (await pool.query('select * from intel_requests.intel_requests where organization_id <> $1 order by intel_request_id', [orgA])).rows
  const before = await snapshot()
  for (const [scope, token, visible] of SCOPES.slice(0, 2)) {
    for (const records of ORGANIZATIONS.filter(records => !visible.includes(records))) {
      const label = `${scope} writing ${name(records)}`
      const [id] = records.intel_request_id as [string]
      const patch = await send(token, 'PATCH', `/intel-requests/${id}`, { status: 'cancelled' })
      t.same(patch, notFound(id), `${label}: PATCH`)
      t.same(patch, await unknownReply(token, 'PATCH', other => `/intel-requests/${other}`, id, () => ({ status: 'cancelled' })))
      t.same(await send(token, 'DELETE', `/intel-requests/${id}`), notFound(id), `${label}: DELETE`)
      t.same(await send(token, 'POST', '/intel-requests', { organization_id: records.organization_id, request_type: 'probe' }), forbidden(records.organization_id), `${label}: POST naming it`)
      // The caller's own request may not name another organization's records: they are unknown to it.
      const base = { organization_id: orgA, request_type: 'probe' }
      const attempts: Array<[string, object, (other: string) => object]> = [
        ['incident_id', { incident_id: records.incident_id[0] }, other => ({ incident_id: other })],
        ['blockers', { blockers: [{ type: 'intel_requests', id: records.intel_request_id[0] }] }, other => ({ blockers: [{ type: 'intel_requests', id: other }] })],
        ['asset_id', { asset_id: records.asset_id[0] }, other => ({ asset_id: other })],
        ['location_id', { location_id: records.location_id[0] }, other => ({ location_id: other })]
      ]
      for (const [field, attempt, unknown] of attempts) {
        const reply = await send(token, 'POST', '/intel-requests', { ...base, ...attempt })
        const named = Object.values(attempt).flat().map(value => typeof value === 'string' ? value : (value as { id: string }).id)[0]!
        t.equal(reply.status, 404, `${label}: ${field}`)
        t.same(reply, await unknownReply(token, 'POST', () => '/intel-requests', named, other => ({ ...base, ...unknown(other) })))
      }
      const asset = await send(token, 'PATCH', `/intel-requests/${A.intel_request_id[2]}`, { asset_id: records.asset_id[0] })
      t.same(asset, await unknownReply(token, 'PATCH', () => `/intel-requests/${A.intel_request_id[2]}`, records.asset_id[0]!, other => ({ asset_id: other })), `${label}: PATCH asset_id`)
    }
  }
  t.same(await snapshot(), before, 'B and C are untouched')
  const { rows } = await pool.query("select count(*)::int as count from intel_requests.intel_requests where request_type = 'probe'")
  t.same(rows, [{ count: 0 }], 'nothing was created')
})

t.test('writes within scope go through', async t => {
  for (const [scope, token, visible] of SCOPES) {
    for (const records of visible) {
      const label = `${scope} writing ${name(records)}`
      const created = await send(token, 'POST', '/intel-requests', {
        organization_id: records.organization_id, request_type: 'site_check', incident_id: records.incident_id[1], asset_id: records.asset_id[1]
      })
      t.equal(created.status, 201, `${label}: POST`)
      const id = (created.body as { intel_request_id: string }).intel_request_id
      t.equal((await send(token, 'PATCH', `/intel-requests/${id}`, { status: 'in_progress' })).status, 200, `${label}: PATCH`)
      t.equal((await send(token, 'DELETE', `/intel-requests/${id}`)).status, 204, `${label}: DELETE`)
    }
  }
  // A caller that sees both organizations keeps the 400 of a reference across them.
  const across = await send(TWO, 'POST', '/intel-requests', { organization_id: orgA, request_type: 'site_check', asset_id: B.asset_id[0] })
  t.same([across.status, (across.body as { code: string }).code], [400, 'INTEL_REQUESTS_CROSS_ORGANIZATION'])
})
