import { randomUUID } from 'node:crypto'
import t from 'tap'
import type { Pool } from 'pg'
import { type CallerReply, callerRequests, createOrganization, forbiddenReply, type SeededRecords, seedRecords } from '@incident-intel/test-support'
import { buildTestApp } from '../../helpers/build-test-app.js'

// Three organizations, and tokens scoped to one (A), to two (A, B) and to all of them. The
// organizations are made first, on the database of a first app, so that the scopes can name them.
const ONE = 'scoped-to-one-4f1e2d3c'
const TWO = 'scoped-to-two-9a8b7c6d'
const ALL = 'scoped-to-all-1a2b3c4d'
const { app: _, ...shared } = await buildTestApp(t, { env: { CACHE_DRAIN: 'false' } })
const { pool } = shared
const A = await seedRecords(pool, await createOrganization(pool, 'Organization A'))
const B = await seedRecords(pool, await createOrganization(pool, 'Organization B'))
const C = await seedRecords(pool, await createOrganization(pool, 'Organization C'))
const { app } = await buildTestApp(t, {
  shared,
  env: { AUTH_TOKENS: `${ONE}:${A.organization_id},${TWO}:${A.organization_id.toUpperCase()}|${B.organization_id},${ALL}` }
})

const SCOPES: Array<[string, string, SeededRecords[]]> = [['one', ONE, [A]], ['two', TWO, [A, B]], ['all', ALL, [A, B, C]]]
const ORGANIZATIONS = [A, B, C]
const name = (records: SeededRecords) => records === A ? 'A' : records === B ? 'B' : 'C'

type Reply = CallerReply
const { send, unknownReply } = callerRequests(app)
const forbidden = forbiddenReply
const incidentNotFound = (id: string): Reply => ({
  status: 404, body: { statusCode: 404, code: 'INCIDENTS_NOT_FOUND', error: 'Not Found', message: `Incident ${id} does not exist` }
})

/** An md5 over each table's rows of the organization, as PostgreSQL writes them out. */
async function fingerprint (db: Pool, organizationId: string): Promise<string> {
  const tables = ['locations.locations', 'assets.assets', 'incidents.incidents', 'incidents.outages', 'incidents.internet_outages',
    'incidents.incident_assets', 'intel_requests.intel_requests', 'dependencies.dependencies']
  const parts = tables.map(table => `(select md5(coalesce(string_agg(t::text, ',' order by t::text), '')) from ${table} t where organization_id = $1)`)
  const { rows } = await db.query<{ md5: string }>(`select md5(concat(${parts.join(', ')})) as md5`, [organizationId])
  return rows[0]!.md5
}

// Reads are cache hits from here on.
for (const records of ORGANIZATIONS) {
  const rebuilt = await send(ALL, 'POST', '/incidents/current/rebuild', { organization_id: records.organization_id })
  if (rebuilt.status !== 200) throw new Error(`rebuild of ${name(records)}: ${rebuilt.status}`)
}

t.test('reads: records of the organizations in scope, and of no other, exactly as if unknown', async t => {
  for (const [scope, token, visible] of SCOPES) {
    for (const records of ORGANIZATIONS) {
      const sees = visible.includes(records)
      const label = `${scope} reading ${name(records)}`
      const [incidentId, , resolvedId] = records.incident_id as [string, string, string]
      const organizationId = records.organization_id

      const incident = await send(token, 'GET', `/incidents/${incidentId}?get_recursive_dependencies=true&recursive_max_distance=10`)
      if (sees) t.same([incident.status, (incident.body as { incident_id: string }).incident_id], [200, incidentId], `${label}: GET /incidents/:id`)
      else {
        t.same(incident, incidentNotFound(incidentId), `${label}: GET /incidents/:id`)
        t.same(incident, await unknownReply(token, 'GET', id => `/incidents/${id}?get_recursive_dependencies=true&recursive_max_distance=10`, incidentId))
      }

      const current = await send(token, 'GET', `/incidents/current/${incidentId}`)
      if (sees) t.same([current.status, (current.body as { incident_id: string }).incident_id], [200, incidentId], `${label}: GET /incidents/current/:id`)
      else {
        t.same(current, {
          status: 404,
          body: { statusCode: 404, code: 'INCIDENTS_NOT_CURRENT', error: 'Not Found', message: `Incident ${incidentId} is not current (resolved, deleted or unknown)` }
        }, `${label}: GET /incidents/current/:id`)
        t.same(current, await unknownReply(token, 'GET', id => `/incidents/current/${id}`, incidentId))
      }

      const list = await send(token, 'GET', `/incidents?organization_id=${organizationId}`)
      t.same(sees ? [list.status, (list.body as { incidents: Array<{ incident_id: string }> }).incidents.map(i => i.incident_id).sort()] : list,
        sees ? [200, [...records.incident_id].sort()] : forbidden(organizationId), `${label}: GET /incidents`)

      const currentList = await send(token, 'GET', `/incidents/current?organization_id=${organizationId.toUpperCase()}`)
      t.same(sees ? [currentList.status, (currentList.body as { incidents: Array<{ incident_id: string }> }).incidents.map(i => i.incident_id).sort()] : currentList,
        sees ? [200, records.incident_id.filter(id => id !== resolvedId).sort()] : forbidden(organizationId), `${label}: GET /incidents/current`)

      for (const path of ['rebuild', 'verify']) {
        const reply = await send(token, 'POST', `/incidents/current/${path}`, { organization_id: organizationId })
        t.same(sees ? reply.status : reply, sees ? 200 : forbidden(organizationId), `${label}: POST /incidents/current/${path}`)
      }

      const direct = await send(token, 'GET', `/dependencies?record_type=incidents&record_id=${incidentId}`)
      if (sees) t.same([direct.status, (direct.body as { dependents: unknown[] }).dependents.length], [200, 1], `${label}: GET /dependencies`)
      else {
        t.same(direct, {
          status: 404,
          body: { statusCode: 404, code: 'DEPENDENCY_RECORD_NOT_FOUND', error: 'Not Found', message: `record incidents ${incidentId} does not exist` }
        }, `${label}: GET /dependencies`)
        t.same(direct, await unknownReply(token, 'GET', id => `/dependencies?record_type=incidents&record_id=${id}`, incidentId))
      }
    }
  }
})

t.test('bulk reads and walks name only what the caller may see; the rest is not current, or reaches nothing', async t => {
  const ids = ORGANIZATIONS.flatMap(records => records.incident_id)
  const roots = ORGANIZATIONS.flatMap(records => [{ type: 'incidents', id: records.incident_id[0]! }, { type: 'outages', id: records.outage_id[0]! }])
  for (const [scope, token, visible] of SCOPES) {
    const visibleCurrent = visible.flatMap(records => records.incident_id.slice(0, 2))
    const bulk = await send(token, 'POST', '/incidents/current/bulk', { incident_ids: ids })
    const { incidents, not_current: notCurrent } = bulk.body as { incidents: Array<{ incident_id: string }>, not_current: string[] }
    t.same([bulk.status, incidents.map(i => i.incident_id)], [200, visibleCurrent], `${scope}: bulk documents`)
    t.same(notCurrent, ids.filter(id => !visibleCurrent.includes(id)), `${scope}: every other id is not current, as an unknown one`)

    const walk = await send(token, 'POST', '/dependencies/resolve', { roots: [...roots, { type: 'incidents', id: randomUUID() }], direction: 'dependents', max_distance: 10 })
    const results = (walk.body as { results: Array<{ root: { id: string }, edges: Array<{ blocker_id: string, dependent_id: string }>, truncated: boolean }> }).results
    const unknownRoot = results.pop()!
    t.same({ edges: unknownRoot.edges, truncated: unknownRoot.truncated }, { edges: [], truncated: false })
    results.forEach((result, i) => {
      const records = ORGANIZATIONS[Math.floor(i / 2)]!
      const own = new Set(Object.values(records).flat())
      if (visible.includes(records)) t.ok(result.edges.length > 0 && result.edges.every(edge => own.has(edge.blocker_id) && own.has(edge.dependent_id)), `${scope}: ${name(records)}'s walk`)
      else t.same({ edges: result.edges, truncated: result.truncated }, { edges: [], truncated: false }, `${scope}: ${name(records)}'s root reaches nothing, as an unknown one`)
    })
  }
})

t.test('writes to another organization are refused exactly as to an unknown record, and change nothing', async t => {
  const before = await Promise.all([B, C].map(records => fingerprint(pool, records.organization_id)))
  for (const [scope, token, visible] of SCOPES.slice(0, 2)) {
    for (const records of ORGANIZATIONS.filter(records => !visible.includes(records))) {
      const label = `${scope} writing ${name(records)}`
      const [incidentId] = records.incident_id as [string]
      const outageId = records.outage_id[0]!
      const internetOutageId = records.internet_outage_id[0]!
      const organizationId = records.organization_id
      const own = A.incident_id[1]!
      const attempts: Array<[string, (id: string) => string, object | undefined, string]> = [
        ['PATCH', id => `/incidents/${id}`, { title: 'Taken' }, incidentId],
        ['DELETE', id => `/incidents/${id}`, undefined, incidentId],
        ['POST', id => `/incidents/${id}/outages`, { utility_name: 'Probe' }, incidentId],
        ['PATCH', id => `/incidents/${id}/outages/${outageId}`, { status: 'restored' }, incidentId],
        ['DELETE', id => `/incidents/${id}/outages/${outageId}`, undefined, incidentId],
        ['POST', id => `/incidents/${id}/internet-outages`, { provider: 'Probe' }, incidentId],
        ['PATCH', id => `/incidents/${id}/internet-outages/${internetOutageId}`, { provider: 'Probe' }, incidentId],
        ['DELETE', id => `/incidents/${id}/internet-outages/${internetOutageId}`, undefined, incidentId],
        ['PUT', id => `/incidents/${id}/assets`, { asset_ids: [] }, incidentId],
        ['PUT', id => `/incidents/${id}`, { organization_id: A.organization_id, title: 'Taken', incident_type: 'power' }, incidentId]
      ]
      for (const [method, url, body, id] of attempts) {
        const reply = await send(token, method, url(id), body)
        t.same(reply, incidentNotFound(id), `${label}: ${method} ${url(':id')}`)
      }
      // Another organization's asset on the caller's own incident: not found, as an unknown asset.
      const asset = await send(token, 'PUT', `/incidents/${own}/assets`, { asset_ids: [records.asset_id[0]] })
      t.same(asset, await unknownReply(token, 'PUT', () => `/incidents/${own}/assets`, records.asset_id[0]!, id => ({ asset_ids: [id] })), `${label}: PUT assets`)
      t.same(asset.status, 404)
      for (const [method, url, body] of [
        ['POST', '/incidents', { organization_id: organizationId, title: 'Planted', incident_type: 'power' }],
        ['PUT', `/incidents/${randomUUID()}`, { organization_id: organizationId, title: 'Planted', incident_type: 'power' }],
        ['PUT', `/incidents/${incidentId}`, { organization_id: organizationId, title: 'Taken', incident_type: 'power' }]
      ] as const) {
        t.same(await send(token, method, url, body), forbidden(organizationId), `${label}: ${method} naming ${name(records)} is a 403`)
      }
      const edge = await send(token, 'POST', '/dependencies', { blocker_type: 'incidents', blocker_id: records.incident_id[1], dependent_type: 'intel_requests', dependent_id: records.intel_request_id[2] })
      t.same(edge, await unknownReply(token, 'POST', () => '/dependencies', records.incident_id[1]!, id => ({
        blocker_type: 'incidents', blocker_id: id, dependent_type: 'intel_requests', dependent_id: records.intel_request_id[2]
      })), `${label}: POST /dependencies`)
      t.equal(edge.status, 404)
      const removed = await send(token, 'DELETE', `/dependencies/${records.dependency_id[0]}`)
      t.same(removed, await unknownReply(token, 'DELETE', id => `/dependencies/${id}`, records.dependency_id[0]!), `${label}: DELETE /dependencies/:id`)
      t.equal(removed.status, 404)
    }
  }
  t.same(await Promise.all([B, C].map(records => fingerprint(pool, records.organization_id))), before, 'B and C are untouched')
})

t.test('a refused cycle names only records of the caller\'s organization', async t => {
  // A: incident 0 → request 0 → request 1; request 1 → incident 0 would close it.
  const reply = await send(ONE, 'POST', '/dependencies', { blocker_type: 'intel_requests', blocker_id: A.intel_request_id[1], dependent_type: 'incidents', dependent_id: A.incident_id[0] })
  t.same(reply.status, 409)
  t.same((reply.body as { cycle: unknown[] }).cycle, [
    { type: 'intel_requests', id: A.intel_request_id[1] }, { type: 'incidents', id: A.incident_id[0] },
    { type: 'intel_requests', id: A.intel_request_id[0] }, { type: 'intel_requests', id: A.intel_request_id[1] }
  ])
})

t.test('writes within scope go through, for each caller on each of its organizations', async t => {
  for (const [scope, token, visible] of SCOPES) {
    for (const records of visible) {
      const label = `${scope} writing ${name(records)}`
      const created = await send(token, 'POST', '/incidents', { organization_id: records.organization_id, title: `By ${scope}`, incident_type: 'power' })
      t.equal(created.status, 201, `${label}: POST /incidents`)
      const id = (created.body as { incident_id: string }).incident_id
      t.equal((await send(token, 'PATCH', `/incidents/${id}`, { title: 'Patched' })).status, 200, `${label}: PATCH`)
      t.equal((await send(token, 'PUT', `/incidents/${id}/assets`, { asset_ids: [records.asset_id[1]] })).status, 200, `${label}: PUT assets`)
      const outage = await send(token, 'POST', `/incidents/${id}/outages`, { utility_name: 'Grid' })
      t.equal(outage.status, 201, `${label}: POST outage`)
      t.equal((await send(token, 'DELETE', `/incidents/${id}/outages/${(outage.body as { outage_id: string }).outage_id}`)).status, 204, `${label}: DELETE outage`)
      t.equal((await send(token, 'DELETE', `/incidents/${id}`)).status, 204, `${label}: DELETE`)
    }
  }
  // A caller that sees both organizations keeps the 409 of an incident that cannot move.
  const moved = await send(TWO, 'PUT', `/incidents/${B.incident_id[1]}`, { organization_id: A.organization_id, title: 'Moved', incident_type: 'power' })
  t.same([moved.status, (moved.body as { code: string }).code], [409, 'INCIDENTS_ORGANIZATION_FIXED'])
})
