import t from 'tap'
import type { Pool } from 'pg'
import { createOrganization } from '@incident-intel/test-support'
import {
  createStore, seedRecords, startIncidentsApi, startIntelRequestsApi, type IncidentsApi, type IntelRequestsApi, type SeededRecords
} from './helpers/fuzz-services.js'

const store = await createStore(t)
const incidents = await startIncidentsApi(t, store)
const intelRequests = await startIntelRequestsApi(t, store)
const A = await seedRecords(store.pool, await createOrganization(store.pool, 'Organization A'))
const B = await seedRecords(store.pool, await createOrganization(store.pool, 'Organization B'))
const idsOf = (records: SeededRecords) => [records.organization_id, ...Object.values(records).filter(Array.isArray).flat()] as string[]
const idsOfA = idsOf(A)
const idsOfB = idsOf(B)

// Each table that holds an organization's rows, with the column that orders them.
const TABLES = [
  ['organizations.organizations', 'organization_id'],
  ['locations.locations', 'location_id'],
  ['assets.assets', 'asset_id'],
  ['incidents.incidents', 'incident_id'],
  ['incidents.outages', 'outage_id'],
  ['incidents.internet_outages', 'internet_outage_id'],
  ['incidents.incident_assets', 'incident_id, asset_id'],
  ['intel_requests.intel_requests', 'intel_request_id'],
  ['dependencies.dependencies', 'dependency_id']
] as const

/** An md5 per table over the organization's rows as PostgreSQL writes them out. */
async function fingerprint (pool: Pool, organizationId: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {}
  for (const [table, order] of TABLES) {
    const { rows } = await pool.query<{ md5: string }>(
      `select md5(coalesce(string_agg(t::text, E'\\n' order by ${order}), '')) as md5 from ${table} t where organization_id = $1`, [organizationId])
    result[table] = rows[0]!.md5
  }
  return result
}

const before = await fingerprint(store.pool, B.organization_id)

async function send (app: IncidentsApi | IntelRequestsApi, method: string, url: string, body?: unknown) {
  const response = await app.inject({ method: method as 'GET', url, ...(body === undefined ? {} : { payload: body as object }) })
  return { status: response.statusCode, body: response.body.length > 0 ? response.json() : undefined, text: response.body }
}

/** The ids of `ids` that appear anywhere in the text. */
const mentioned = (text: string, ids: string[]) => ids.filter(id => text.toLowerCase().includes(id))

t.test("a list by B's organization_id holds only B's records", async t => {
  const list = await send(incidents, 'GET', `/incidents?organization_id=${B.organization_id}`)
  t.equal(list.status, 200)
  t.strictSame(list.body.incidents.map((i: { incident_id: string }) => i.incident_id).sort(), [...B.incident_id].sort())
  t.strictSame(mentioned(list.text, idsOfA), [])
  const requests = await send(intelRequests, 'GET', `/intel-requests?organization_id=${B.organization_id}`)
  t.equal(requests.status, 200)
  t.strictSame(requests.body.intel_requests.map((r: { intel_request_id: string }) => r.intel_request_id).sort(), [...B.intel_request_id].sort())
  t.strictSame(mentioned(requests.text, idsOfA), [])
  const byIncident = await send(intelRequests, 'GET', `/intel-requests?organization_id=${B.organization_id}&incident_id=${A.incident_id[0]}`)
  t.equal(byIncident.status, 200)
  t.strictSame(byIncident.body.intel_requests, [], "A's incident has no requests in B")
})

t.test("B's current incidents never contain A's records", async t => {
  const current = await send(incidents, 'GET', `/incidents/current?organization_id=${B.organization_id}`)
  t.equal(current.status, 200)
  t.strictSame(current.body.incidents.map((i: { incident_id: string }) => i.incident_id).sort(), B.incident_id.slice(0, 2).sort())
  t.strictSame(mentioned(current.text, idsOfA), [])
  const rebuilt = await send(incidents, 'POST', '/incidents/current/rebuild', { organization_id: B.organization_id })
  t.equal(rebuilt.status, 200)
  const again = await send(incidents, 'GET', `/incidents/current?organization_id=${B.organization_id}`)
  t.strictSame(mentioned(again.text, idsOfA), [], 'nor after a rebuild of B')
})

t.test('an edge between A and B is refused, by the API and by the database', async t => {
  const pairs: Array<[string, string, string, string]> = [
    ['incidents', A.incident_id[0]!, 'intel_requests', B.intel_request_id[2]!],
    ['intel_requests', B.intel_request_id[2]!, 'incidents', A.incident_id[1]!],
    ['assets', B.asset_id[1]!, 'outages', A.outage_id[0]!],
    ['internet_outages', A.internet_outage_id[0]!, 'assets', B.asset_id[1]!]
  ]
  for (const app of [incidents, intelRequests]) {
    for (const [blockerType, blockerId, dependentType, dependentId] of pairs) {
      const reply = await send(app, 'POST', '/dependencies', { blocker_type: blockerType, blocker_id: blockerId, dependent_type: dependentType, dependent_id: dependentId })
      t.equal(reply.status, 400, `${blockerType} → ${dependentType}`)
      t.equal(reply.body.code, 'DEPENDENCY_CROSS_ORGANIZATION')
    }
  }
  for (const organizationId of [A.organization_id, B.organization_id]) {
    const [blockerType, blockerId, dependentType, dependentId] = pairs[0]!
    await t.rejects(store.pool.query(
      `insert into dependencies.dependencies (organization_id, blocker_type, blocker_id, dependent_type, dependent_id)
       values ($1, $2, $3, $4, $5)`, [organizationId, blockerType, blockerId, dependentType, dependentId]),
    { code: /^(23503|23514)$/ }, `the database refuses it under ${organizationId === A.organization_id ? 'A' : 'B'}`)
  }
})

t.test("an intel request in A cannot name B's records", async t => {
  const base = { organization_id: A.organization_id, request_type: 'tenant_probe' }
  const attempts = [
    { incident_id: B.incident_id[0] },
    { blockers: [{ type: 'incidents', id: B.incident_id[0] }] },
    { blockers: [{ type: 'incidents', id: A.incident_id[0] }, { type: 'intel_requests', id: B.intel_request_id[0] }] },
    { asset_id: B.asset_id[0] },
    { location_id: B.location_id[0] }
  ]
  for (const attempt of attempts) {
    const reply = await send(intelRequests, 'POST', '/intel-requests', { ...base, ...attempt })
    t.ok(reply.status >= 400 && reply.status < 500, `${JSON.stringify(attempt)}: ${reply.status}`)
  }
  const patched = await send(intelRequests, 'PATCH', `/intel-requests/${A.intel_request_id[2]}`, { asset_id: B.asset_id[0] })
  t.ok(patched.status >= 400 && patched.status < 500, `PATCH asset_id of B: ${patched.status}`)
  const { rows } = await store.pool.query("select count(*)::int as count from intel_requests.intel_requests where request_type = 'tenant_probe'")
  t.equal(rows[0].count, 0, 'none was created')
})

t.test("A's incident cannot take B's assets, outages or locations", async t => {
  const assets = await send(incidents, 'PUT', `/incidents/${A.incident_id[0]}/assets`, { asset_ids: [B.asset_id[0]] })
  t.ok(assets.status >= 400 && assets.status < 500, `PUT assets: ${assets.status}`)
  const mixed = await send(incidents, 'PUT', `/incidents/${A.incident_id[0]}/assets`, { asset_ids: [A.asset_id[1], B.asset_id[1]] })
  t.ok(mixed.status >= 400 && mixed.status < 500, `PUT mixed assets: ${mixed.status}`)
  const outage = await send(incidents, 'POST', `/incidents/${A.incident_id[0]}/outages`, { organization_id: B.organization_id, utility_name: 'Probe' })
  t.ok(outage.status >= 400 && outage.status < 500, `an outage naming B: ${outage.status}`)
  const internetOutage = await send(incidents, 'POST', `/incidents/${A.incident_id[0]}/internet-outages`, { organization_id: B.organization_id, provider: 'Probe' })
  t.ok(internetOutage.status >= 400 && internetOutage.status < 500, `an internet outage naming B: ${internetOutage.status}`)
  for (const [method, path] of [['PATCH', 'outages'], ['DELETE', 'outages'], ['PATCH', 'internet-outages'], ['DELETE', 'internet-outages']] as const) {
    const id = path === 'outages' ? B.outage_id[0] : B.internet_outage_id[0]
    const reply = await send(incidents, method, `/incidents/${A.incident_id[0]}/${path}/${id}`, method === 'PATCH' ? { status: 'restored' } : undefined)
    t.ok(reply.status >= 400 && reply.status < 500, `${method} B's ${path} under A's incident: ${reply.status}`)
  }
  const { rows } = await store.pool.query(
    `select (select count(*) from incidents.outages where utility_name = 'Probe')
          + (select count(*) from incidents.internet_outages where provider = 'Probe') as count`)
  t.equal(Number(rows[0].count), 0, 'nothing was created')
})

t.test('an incident cannot move to another organization', async t => {
  const patch = await send(incidents, 'PATCH', `/incidents/${A.incident_id[0]}`, { organization_id: B.organization_id })
  t.equal(patch.status, 400, 'PATCH has no organization to change')
  const put = await send(incidents, 'PUT', `/incidents/${B.incident_id[0]}`, { organization_id: A.organization_id, title: 'Taken', incident_type: 'power' })
  t.equal(put.status, 409, "PUT of B's incident under A")
  const putUpper = await send(incidents, 'PUT', `/incidents/${B.incident_id[0]!.toUpperCase()}`, { organization_id: A.organization_id.toUpperCase(), title: 'Taken', incident_type: 'power' })
  t.equal(putUpper.status, 409, 'in capitals too')
  const intelPatch = await send(intelRequests, 'PATCH', `/intel-requests/${A.intel_request_id[0]}`, { organization_id: B.organization_id })
  t.equal(intelPatch.status, 400, 'an intel request has no organization to change either')
})

t.test("a walk from A's records never reaches B's", async t => {
  const roots = [
    ...A.incident_id.map(id => ({ type: 'incidents', id })), ...A.intel_request_id.map(id => ({ type: 'intel_requests', id })),
    ...A.outage_id.map(id => ({ type: 'outages', id })), ...A.asset_id.map(id => ({ type: 'assets', id }))
  ]
  for (const app of [incidents, intelRequests]) {
    for (const direction of ['dependents', 'blockers']) {
      const reply = await send(app, 'POST', '/dependencies/resolve', { roots, direction, max_distance: 10 })
      t.equal(reply.status, 200)
      t.strictSame(mentioned(reply.text, idsOfB), [], direction)
      t.ok(reply.body.results.some((r: { edges: unknown[] }) => r.edges.length > 0), 'the walk found A\'s own edges')
    }
  }
  const recursive = '?get_recursive_dependencies=true&recursive_max_distance=10'
  for (const direction of ['dependents', 'blockers']) {
    const incident = await send(incidents, 'GET', `/incidents/${A.incident_id[0]}${recursive}&recursive_dependency_type=${direction}`)
    t.equal(incident.status, 200)
    t.strictSame(mentioned(incident.text, idsOfB), [])
  }
  const direct = await send(incidents, 'GET', `/dependencies?record_type=incidents&record_id=${A.incident_id[0]}`)
  t.equal(direct.status, 200)
  t.strictSame(mentioned(direct.text, idsOfB), [])
})

t.test('a bulk read of mixed ids keeps each record with its own organization', async t => {
  const ids = [A.intel_request_id[0]!, B.intel_request_id[0]!, A.intel_request_id[1]!, B.intel_request_id[1]!]
  const reply = await send(intelRequests, 'POST', '/intel-requests/bulk?get_recursive_dependencies=true&recursive_dependency_type=blockers&recursive_max_distance=10', { intel_request_ids: ids })
  t.equal(reply.status, 200)
  t.strictSame(reply.body.intel_requests.map((r: { intel_request_id: string }) => r.intel_request_id), ids, 'in request order')
  for (const record of reply.body.intel_requests as Array<{ intel_request_id: string, organization_id: string }>) {
    const own = record.organization_id === A.organization_id ? idsOfA : idsOfB
    const other = own === idsOfA ? idsOfB : idsOfA
    t.ok(own.includes(record.intel_request_id), 'the record is of the organization it names')
    t.strictSame(mentioned(JSON.stringify(record), other), [], `${record.intel_request_id} names nothing of the other organization`)
  }
})

t.test('the database holds no cross-organization row, and B is untouched', async t => {
  const { rows: edges } = await store.pool.query<{ count: number }>(`
    with records (type, id, organization_id) as (
      select 'incidents', incident_id, organization_id from incidents.incidents
      union all select 'intel_requests', intel_request_id, organization_id from intel_requests.intel_requests
      union all select 'outages', outage_id, organization_id from incidents.outages
      union all select 'internet_outages', internet_outage_id, organization_id from incidents.internet_outages
      union all select 'assets', asset_id, organization_id from assets.assets)
    select count(*)::int as count from dependencies.dependencies d
    left join records b on b.type = d.blocker_type and b.id = d.blocker_id
    left join records p on p.type = d.dependent_type and p.id = d.dependent_id
    where b.organization_id is distinct from d.organization_id or p.organization_id is distinct from d.organization_id`)
  t.equal(edges[0]!.count, 0, 'no edge joins two organizations')
  const { rows: links } = await store.pool.query<{ count: number }>(`
    select count(*)::int as count from incidents.incident_assets l
    join incidents.incidents i using (incident_id) join assets.assets a using (asset_id)
    where i.organization_id <> l.organization_id or a.organization_id <> l.organization_id`)
  t.equal(links[0]!.count, 0, 'no asset link joins two organizations')
  const { rows: children } = await store.pool.query<{ count: number }>(`
    select count(*)::int as count from (
      select o.organization_id, i.organization_id as parent from incidents.outages o join incidents.incidents i using (incident_id)
      union all
      select o.organization_id, i.organization_id from incidents.internet_outages o join incidents.incidents i using (incident_id)) c
    where c.organization_id <> c.parent`)
  t.equal(children[0]!.count, 0, 'no outage hangs from an incident of another organization')
  t.strictSame(await fingerprint(store.pool, B.organization_id), before, "B's rows are byte-identical")
})
