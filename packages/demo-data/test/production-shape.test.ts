import t from 'tap'
import { createDependencyGraph } from '@incident-intel/dependency-graph'
import { canonicalUuid } from '@incident-intel/schemas'
import { createTestDatabase } from '@incident-intel/test-support'
import { generateDemoData } from '../src/generate-demo-data.js'
import { PRODUCTION_SIZES, seedDemoData, type RecordRef } from '../src/index.js'

const LATTICES = { count: 2, layers: 3, width: 2, badDay: 1 }
const { pool } = await createTestDatabase(t)
const summary = await seedDemoData(pool, { shape: 'production', seed: 5, currentIncidents: 60, lattices: LATTICES })
const organizationId = summary.organizations[0]!.organization_id

async function rows<T> (sql: string): Promise<T[]> {
  return (await pool.query(sql, [organizationId])).rows as T[]
}

t.test('one organization of the incidents asked, as many resolved', async t => {
  t.equal(summary.organizations.length, 1)
  t.same(await rows("select status = 'resolved' as resolved, count(*)::int as n from incidents.incidents where organization_id = $1 group by 1 order by 1"),
    [{ resolved: false, n: 60 }, { resolved: true, n: 60 }])
})

t.test('each current incident fans out as the analysis\'s figures imply', async t => {
  const fanOut = await rows<{ outages: number, outage_locations: number, assets: number, direct: number }>(`
    select (select count(*) from incidents.outages o where o.incident_id = i.incident_id)::int as outages,
           (select count(distinct o.location_id) from incidents.outages o where o.incident_id = i.incident_id)::int as outage_locations,
           (select count(*) from incidents.incident_assets a where a.incident_id = i.incident_id)::int as assets,
           (select count(*) from dependencies.dependencies d where d.blocker_id = i.incident_id)::int as direct
      from incidents.incidents i where i.organization_id = $1 and i.status <> 'resolved'`)
  t.equal(fanOut.length, 60)
  t.ok(fanOut.every(f => f.outages >= 1 && f.outages <= 5), '1 to 5 outages each')
  t.ok(fanOut.every(f => f.outage_locations === f.outages), 'each outage with a location of its own')
  t.ok(fanOut.every(f => f.assets <= 15), 'up to 15 linked assets')
  t.ok(fanOut.every(f => f.direct >= 1 && f.direct <= 3), '1 to 3 direct intel requests')
})

t.test('each gateway sits above its lattice, the bad-day one above more', async t => {
  const { latticeGateways, latticeIncidents } = summary.regions
  const refs = (records: RecordRef[]) => records.map(({ type, id }) => ({ type, id: canonicalUuid(id)! }))
  t.equal(latticeGateways.length, latticeIncidents.length)
  const withFollowUps = await rows<{ n: number }>(`
    select count(distinct d1.blocker_id)::int as n from dependencies.dependencies d1
      join dependencies.dependencies d2 on d2.blocker_id = d1.dependent_id and d2.dependent_type = 'intel_requests'
      join intel_requests.intel_requests r on r.intel_request_id = d2.dependent_id and r.description not like 'Regional restoration%'
     where d1.blocker_type = 'incidents' and d1.organization_id = $1`)
  t.equal(latticeGateways.length, withFollowUps[0]!.n, 'one gateway per current incident with a second-level intel request')
  const perLattice = LATTICES.width + (LATTICES.layers - 1) * LATTICES.width ** 2
  const graph = createDependencyGraph({ pool })
  const walks = await graph.resolve({ roots: refs(latticeGateways), direction: 'dependents', maxDistance: 10 })
  t.same(walks.map(w => w.edges.length), latticeGateways.map((_, g) => g === 0 ? (1 + LATTICES.badDay) * perLattice : perLattice), 'each gateway reaches its lattices\' every edge')
  t.same(walks[1]!.edges.map(e => e.dependency_distance), [1, 1, 2, 2, 2, 2, 3, 3, 3, 3], 'a layer per distance')
  const [incident] = await graph.resolve({ roots: refs(latticeIncidents.slice(1, 2)), direction: 'dependents', maxDistance: 10 })
  t.ok(incident!.edges.some(e => e.dependent_id === canonicalUuid(latticeGateways[1]!.id) && e.dependency_distance === 2), 'the gateway is at distance 2 from its incident')
  t.same(await rows("select count(*)::int as n from dependencies.dependencies where organization_id = $1 and blocker_type = 'intel_requests' and blocker_id in (select intel_request_id from intel_requests.intel_requests where description like 'Regional restoration%')"),
    [{ n: (LATTICES.count + LATTICES.badDay) * (LATTICES.layers - 1) * LATTICES.width ** 2 }], 'the lattices\' own edges')
})

t.test('at full size the flat LEFT JOIN\'s cross product passes 100,000 rows', async t => {
  const product = () => {
    const data = generateDemoData(PRODUCTION_SIZES)
    const per = (column: string[]) => column.reduce((m, id) => m.set(id, (m.get(id) ?? 0) + 1), new Map<string, number>())
    const outages = per(data.outages.column('incident_id') as string[])
    const internet = per(data.internetOutages.column('incident_id') as string[])
    const assets = per(data.incidentAssets.column('incident_id') as string[])
    const [blockerType, blocker, dependent] = (['blocker_type', 'blocker_id', 'dependent_id'] as const).map(c => data.dependencies.column(c) as string[])
    const direct = new Map<string, string[]>()
    const below = new Map<string, number>()
    blocker!.forEach((b, k) => {
      if (blockerType![k] === 'incidents') direct.set(b, [...direct.get(b) ?? [], dependent![k]!])
      else below.set(b, (below.get(b) ?? 0) + 1)
    })
    const ids = data.incidents.column('incident_id') as string[]
    const status = data.incidents.column('status') as string[]
    const at = (m: Map<string, number>, id: string) => Math.max(1, m.get(id) ?? 0)
    return ids.filter((_, i) => status[i] !== 'resolved').reduce((sum, id) => sum + at(outages, id) * at(internet, id) * at(assets, id) *
      Math.max(1, (direct.get(id) ?? []).reduce((n, r) => n + at(below, r), 0)), 0)
  }
  t.equal(product(), 131_914, 'the rows the old query builds for 3,000 current incidents (production: 123K), the same on every generation')
})
