import t from 'tap'
import pg from 'pg'
import { countQueries, createOrganization, createRecords, createTestDatabase } from '@incident-intel/test-support'
import { createDependencyGraph, findDirectDependencies, type Edge, type RecordRef, type RecordType } from '../../src/index.js'
import { canonicalUuid } from '@incident-intel/schemas'

const { pool, url } = await createTestDatabase(t)
const graph = createDependencyGraph({ pool })
const organizationId = await createOrganization(pool)

const MISSING = canonicalUuid('00000000-0000-4000-8000-000000000000')!

async function record (type: RecordType): Promise<RecordRef> {
  const [id] = await createRecords(pool, type, organizationId, 1)
  return { type, id: canonicalUuid(id!)! }
}

/** Adds the edge in its own transaction, so edges are created in the order of the calls. */
async function link (blocker: RecordRef, dependent: RecordRef): Promise<Edge> {
  return (await graph.add({ blocker, dependent })).edge
}

// hub's blockers: incident, asset (and a deleted edge from request); its dependents: outage, internet.
// internet also blocks request; lonely has none.
const hub = await record('intel_requests')
const incident = await record('incidents')
const asset = await record('assets')
const request = await record('intel_requests')
const outage = await record('outages')
const internet = await record('internet_outages')
const lonely = await record('incidents')
const incidentHub = await link(incident, hub)
const hubOutage = await link(hub, outage)
const assetHub = await link(asset, hub)
const hubInternet = await link(hub, internet)
const requestHub = await link(request, hub)
await graph.remove(requestHub.dependency_id)
const internetRequest = await link(internet, request)

t.test('several records in one query, in the order given, repeats and unknown records included', async t => {
  const counted = new pg.Pool({ connectionString: url })
  t.teardown(() => counted.end())
  const counter = countQueries(counted)
  const unknown: RecordRef = { type: 'incidents', id: MISSING }
  const result = await findDirectDependencies(counted, [internet, hub, lonely, unknown, request, hub, outage])
  t.equal(counter.count, 1, 'one round trip')
  t.strictSame(result, [
    { blockers: [hubInternet], dependents: [internetRequest] },
    { blockers: [incidentHub, assetHub], dependents: [hubOutage, hubInternet] },
    { blockers: [], dependents: [] },
    { blockers: [], dependents: [] },
    { blockers: [internetRequest], dependents: [] },
    { blockers: [incidentHub, assetHub], dependents: [hubOutage, hubInternet] },
    { blockers: [hubOutage], dependents: [] }
  ])
})

t.test('direct edges carry no distance and match the table', async t => {
  const [direct] = await findDirectDependencies(pool, [incident])
  const { rows } = await pool.query(
    `select dependency_id, blocker_type, blocker_id, dependent_type, dependent_id, created
       from dependencies.dependencies where blocker_id = $1 and deleted is null`, [incident.id])
  t.strictSame(direct, { blockers: [], dependents: rows.map(row => ({ ...row, created: row.created.toISOString() })) })
  t.notOk('dependency_distance' in direct!.dependents[0]!)
})

t.test('the type is part of the record: the same id under another type has no edges', async t => {
  t.strictSame(await findDirectDependencies(pool, [{ type: 'outages', id: hub.id }, { type: 'incidents', id: internet.id }]), [
    { blockers: [], dependents: [] },
    { blockers: [], dependents: [] }
  ])
})

t.test('deleted edges are excluded, including those of a deleted record', async t => {
  const [a, b, c] = await Promise.all([record('intel_requests'), record('intel_requests'), record('assets')])
  const ab = await link(a, b)
  const bc = await link(b, c)
  const ac = await link(a, c)
  t.strictSame(await findDirectDependencies(pool, [a, b, c]), [
    { blockers: [], dependents: [ab, ac] },
    { blockers: [ab], dependents: [bc] },
    { blockers: [bc, ac], dependents: [] }
  ])
  await graph.remove(ac.dependency_id)
  t.strictSame(await findDirectDependencies(pool, [a, c]), [
    { blockers: [], dependents: [ab] },
    { blockers: [bc], dependents: [] }
  ], 'a deleted edge')
  await pool.query('update intel_requests.intel_requests set deleted = now() where intel_request_id = $1', [b.id])
  t.strictSame(await findDirectDependencies(pool, [a, b, c]), [
    { blockers: [], dependents: [] },
    { blockers: [], dependents: [] },
    { blockers: [], dependents: [] }
  ], 'a deleted record takes its edges')
})

t.test('no records: no query', async t => {
  const counted = new pg.Pool({ connectionString: url })
  t.teardown(() => counted.end())
  const counter = countQueries(counted)
  t.strictSame(await findDirectDependencies(counted, []), [])
  t.equal(counter.count, 0)
})

t.test('graph.direct gives the same answer', async t => {
  t.strictSame(await graph.direct([hub, lonely]), [
    { blockers: [incidentHub, assetHub], dependents: [hubOutage, hubInternet] },
    { blockers: [], dependents: [] }
  ])
})
