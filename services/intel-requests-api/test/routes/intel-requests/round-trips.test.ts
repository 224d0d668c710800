import t from 'tap'
import { countQueries, createOrganization, createRecords } from '@incident-intel/test-support'
import { buildTestApp } from '../../helpers/build-test-app.js'
import { send } from '../../helpers/requests.js'

const { app, pool } = await buildTestApp(t)
// Before the app's first query: its pool has no connection yet.
const queries = countQueries(app.pg)
const organizationId = await createOrganization(pool)
const ids = await createRecords(pool, 'intel_requests', organizationId, 500)
// A chain through all of them, so every walk has edges to read.
await pool.query(
  `insert into dependencies.dependencies (organization_id, blocker_type, blocker_id, dependent_type, dependent_id)
   select $1, 'intel_requests', ids[i], 'intel_requests', ids[i + 1]
     from (select $2::uuid[] as ids) a, generate_series(1, array_length($2::uuid[], 1) - 1) i`, [organizationId, ids])

async function statementsFor (intelRequestIds: string[], query: string): Promise<number> {
  queries.reset()
  const reply = await send(app, { method: 'POST', url: `/intel-requests/bulk${query}`, payload: { intel_request_ids: intelRequestIds } })
  if (reply.status !== 200) throw new Error(`bulk answered ${reply.status}: ${JSON.stringify(reply.body)}`)
  if (reply.body.intel_requests.length !== intelRequestIds.length) throw new Error('records missing')
  return queries.count
}

t.test('a recursive bulk of 500 costs as many statements as one of 1: three', async t => {
  const query = '?get_recursive_dependencies=true&recursive_max_distance=10'
  const one = await statementsFor(ids.slice(0, 1), query)
  const many = await statementsFor(ids, query)
  t.equal(one, 3)
  t.equal(many, one)
})

t.test('without recursion: two statements, 1 or 500 ids', async t => {
  t.equal(await statementsFor(ids.slice(0, 1), ''), 2)
  t.equal(await statementsFor(ids, ''), 2)
})

t.test('GET one intel request with recursion: three statements', async t => {
  queries.reset()
  const reply = await send(app, { method: 'GET', url: `/intel-requests/${ids[0]}?get_recursive_dependencies=true` })
  t.equal(reply.status, 200)
  t.equal(reply.body.dependents.length, 5)
  t.equal(queries.count, 3)
})
