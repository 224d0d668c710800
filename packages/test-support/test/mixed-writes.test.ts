import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import t from 'tap'
import { MIXED_WRITE_KINDS, createOrganization, createRecords, createTestDatabase, findMixedWriteTargets, readMetricSample, runMixedWrites } from '../src/index.js'

const { pool } = await createTestDatabase(t)

/** Two incidents, each with an intel request that depends on it and an asset; a third incident with none. */
async function seed () {
  const organizationId = await createOrganization(pool)
  const incidentIds = await createRecords(pool, 'incidents', organizationId, 3)
  const intelRequestIds = await createRecords(pool, 'intel_requests', organizationId, 2)
  const assetIds = await createRecords(pool, 'assets', organizationId, 2)
  const { rows } = await pool.query<{ dependency_id: string }>(`insert into dependencies.dependencies (organization_id, blocker_type, blocker_id, dependent_type, dependent_id)
    select $1, 'incidents', blocker, 'intel_requests', dependent from unnest($2::uuid[], $3::uuid[]) as edge (blocker, dependent) returning dependency_id`,
  [organizationId, incidentIds.slice(0, 2), intelRequestIds])
  await pool.query(`insert into incidents.incident_assets (organization_id, incident_id, asset_id)
    select $1, incident, asset from unnest($2::uuid[], $3::uuid[]) as link (incident, asset)`, [organizationId, incidentIds.slice(0, 2), assetIds])
  return { organizationId, incidentIds, intelRequestIds, assetIds, dependencyIds: rows.map(row => row.dependency_id).sort() }
}

t.test('findMixedWriteTargets: the records hanging from the incidents; none is an error', async t => {
  const seeded = await seed()
  t.same(await findMixedWriteTargets(pool, seeded.organizationId, seeded.incidentIds.slice(0, 2)), {
    organizationId: seeded.organizationId,
    incidentIds: seeded.incidentIds.slice(0, 2),
    intelRequestIds: [...seeded.intelRequestIds].sort(),
    assetIds: [...seeded.assetIds].sort(),
    dependencyIds: seeded.dependencyIds
  })
  await t.rejects(findMixedWriteTargets(pool, seeded.organizationId, seeded.incidentIds.slice(2)), { message: 'mixed writes: the incidents have no intelRequestIds' })
})

t.test('runMixedWrites: each kind in turn, SQL committed, a failed HTTP write counted by its error', async t => {
  const seeded = await seed()
  const targets = [await findMixedWriteTargets(pool, seeded.organizationId, seeded.incidentIds.slice(0, 2))]
  // Nothing listens there: every HTTP write fails, and the load goes on.
  const closed = createServer()
  await new Promise<void>(resolve => closed.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`
  await new Promise(resolve => closed.close(resolve))

  const writes = await runMixedWrites({ db: pool, targets, origins: { incidents: [origin], intelRequests: [origin] }, writers: 3, total: 2 * MIXED_WRITE_KINDS.length })
  t.same(writes.outcomes, {
    'sql incident title ok': 2,
    'sql incident status ok': 2,
    'sql outage ok': 2,
    'sql asset ok': 2,
    'sql intel request ok': 2,
    'sql dependency edge ok': 2,
    'incidents-api title fetch failed': 2,
    'intel-requests-api description fetch failed': 2
  })
  t.equal(writes.writes, 16)
  t.equal(writes.failures, 4)
  const { rows: [outages] } = await pool.query<{ n: number }>('select count(*)::int as n from incidents.outages where organization_id = $1', [seeded.organizationId])
  t.equal(outages!.n, 2, 'two outages inserted')
  const { rows: titles } = await pool.query<{ title: string }>("select title from incidents.incidents where organization_id = $1 and title like 'Mixed title %'", [seeded.organizationId])
  t.ok(titles.length >= 1 && titles.length <= 2, 'the titles were written (two writes, maybe to one incident)')
})

t.test('runMixedWrites: aborted before its first write, it makes none', async t => {
  const seeded = await seed()
  const targets = [await findMixedWriteTargets(pool, seeded.organizationId, seeded.incidentIds.slice(0, 2))]
  const stop = new AbortController()
  stop.abort()
  const none = await runMixedWrites({ db: pool, targets, origins: { incidents: [], intelRequests: [] }, writers: 2, perSecond: 10, signal: stop.signal })
  t.same([none.writes, none.outcomes], [0, {}], 'aborted before the first write: none made')
})

t.test('readMetricSample: one sample by its exact name and labels', async t => {
  const server = createServer((_request, response) => {
    response.end('# HELP a_total a\n# TYPE a_total counter\na_total{result="applied"} 12\na_total{result="not_newer"} 0\nb_count 3\n')
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => new Promise(resolve => server.close(resolve)))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  t.equal(await readMetricSample(origin, 'a_total{result="applied"}'), 12)
  t.equal(await readMetricSample(origin, 'a_total{result="not_newer"}'), 0)
  t.equal(await readMetricSample(origin, 'b_count'), 3)
  await t.rejects(readMetricSample(origin, 'b'), { message: `${origin}/metrics has no sample b` })
})
