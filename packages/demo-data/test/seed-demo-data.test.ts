import t from 'tap'
import type pg from 'pg'
import { createDependencyGraph } from '@incident-intel/dependency-graph'
import { canonicalUuid } from '@incident-intel/schemas'
import { createTestDatabase } from '@incident-intel/test-support'
import {
  DemoDataExistsError, findDemoOrganizations, removeDemoData, seedDemoData,
  type DemoDataOptions, type DemoDataSummary, type RecordRef
} from '../src/index.js'

const SMALL = {
  seed: 7,
  organizations: 3,
  currentIncidents: 40,
  smallOrganizationIncidents: 5,
  regions: { diamondRoots: 4, diamondDepth: 3, chains: 2, chainLength: 12, cycles: 3 }
} satisfies DemoDataOptions
// Region records and edges of SMALL: diamonds 4 roots + 3 per layer, 2 per root + 4 per layer - 2;
// chains of 12 edges (13 records); cycles of 2, 3 and 7.
const REGION_REQUESTS = 4 + 3 * 3 + 2 * 13 + (2 + 3 + 7)
const REGION_EDGES = (2 * 4 + 4 * 3 - 2) + 2 * 12 + (2 + 3 + 7)

/** Every table that holds rows of an organization. */
const DATA_TABLES = [
  'organizations.organizations', 'locations.locations', 'assets.assets', 'incidents.incidents', 'incidents.outages',
  'incidents.internet_outages', 'incidents.incident_assets', 'intel_requests.intel_requests', 'dependencies.dependencies'
] as const

const first = await createTestDatabase(t)
const second = await createTestDatabase(t)

async function count (pool: pg.Pool, sql: string, values: unknown[] = []): Promise<number> {
  const { rows } = await pool.query<{ count: number }>(`select (${sql})::int as count`, values)
  return rows[0]!.count
}

/** Row count and an md5 over every column of every row, per table, for these organizations. */
async function checksums (pool: pg.Pool, organizationIds: string[]): Promise<Record<string, { rows: number, md5: string }>> {
  const result: Record<string, { rows: number, md5: string }> = {}
  for (const table of DATA_TABLES) {
    const { rows } = await pool.query<{ rows: number, md5: string }>(
      `select count(*)::int as rows, md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as md5
         from ${table} t where organization_id = any($1::uuid[])`, [organizationIds])
    result[table] = rows[0]!
  }
  return result
}

const ids = (summary: DemoDataSummary): string[] => summary.organizations.map(organization => organization.organization_id)
const withoutTiming = ({ elapsedMs, ...rest }: DemoDataSummary) => rest

/** The incidents of these organizations, as the refresh queue names them. */
/** The organizations' current incidents: what the triggers queue (a resolved one has no document to refresh). */
async function currentIncidentsOf (pool: pg.Pool, organizationIds: string[]): Promise<Array<{ organization_id: string, incident_id: string }>> {
  const { rows } = await pool.query<{ organization_id: string, incident_id: string }>(
    `select organization_id, incident_id from incidents.incidents
      where organization_id = any($1::uuid[]) and status <> 'resolved' and deleted is null
      order by organization_id, incident_id`, [organizationIds])
  return rows
}

/** What the triggers queued after refresh `after`: each (organization, incident) once. */
async function queuedSince (pool: pg.Pool, after: number): Promise<Array<{ organization_id: string, incident_id: string | null }>> {
  const { rows } = await pool.query<{ organization_id: string, incident_id: string | null }>(
    `select distinct organization_id, incident_id from current_incidents.refresh_queue
      where refresh_id > $1 order by organization_id, incident_id`, [after])
  return rows
}

const lastRefreshId = async (pool: pg.Pool): Promise<number> =>
  count(pool, 'select coalesce(max(refresh_id), 0) from current_incidents.refresh_queue')

const events: Array<{ stage: string, done: number, total: number }> = []
const summary = await seedDemoData(first.pool, SMALL, event => events.push(event))
const seededChecksums = await checksums(first.pool, ids(summary))

t.test('inserts the sizes asked, and the summary counts every row', async t => {
  t.same(summary.organizations.map(o => [o.name, o.current_incidents]), [
    ['City of Austin Utilities', 40], ['Gulf Coast Power & Light', 5], ['Front Range Electric', 5]
  ])
  t.same(await findDemoOrganizations(first.pool, SMALL.seed), ids(summary), 'the ids are the seed\'s organization ids')
  for (const table of DATA_TABLES) {
    t.equal(await count(first.pool, `select count(*) from ${table}`), summary.counts[table], table)
  }
  t.equal(summary.counts['assets.asset_types'], 11, 'the fixed list of asset types, into an empty table')
  t.equal(await count(first.pool, 'select count(*) from assets.asset_types'), 11)

  const { rows: perOrganization } = await first.pool.query<{ organization_id: string, current: number, resolved: number }>(
    `select organization_id, count(*) filter (where status <> 'resolved')::int as current,
            count(*) filter (where status = 'resolved')::int as resolved
       from incidents.incidents group by organization_id`)
  const byId = new Map(perOrganization.map(row => [row.organization_id, row]))
  t.same(ids(summary).map(id => [byId.get(id)?.current, byId.get(id)?.resolved]), [[40, 8], [5, 1], [5, 1]],
    'exactly the current incidents asked, and a fifth as many resolved ones')
  t.equal(summary.counts['assets.assets'], 16 + 2 + 2, 'an asset per three incidents')
  t.equal(summary.counts['locations.locations'], 60 + 20 + summary.counts['incidents.outages']!,
    'a location per incident, asset and outage')
  t.equal(summary.counts['dependencies.dependencies'], summary.counts['intel_requests.intel_requests']! - REGION_REQUESTS + REGION_EDGES,
    'one edge into every intel request outside the regions, plus the regions\' edges')

  t.same(events.filter(event => event.done === event.total).map(event => event.stage), [
    'generate', 'organizations.organizations', 'assets.asset_types', 'locations.locations', 'assets.assets',
    'incidents.incidents', 'incidents.outages', 'incidents.internet_outages', 'incidents.incident_assets',
    'intel_requests.intel_requests', 'dependencies.dependencies', 'analyze'
  ], 'each stage reports its end')
  t.ok(events.every(event => event.done >= 0 && event.done <= event.total), 'progress never passes its total')

  t.same(await queuedSince(first.pool, 0), await currentIncidentsOf(first.pool, ids(summary)),
    'the triggers queued every current incident loaded, and nothing else')
})

t.test('rows are realistic and shaped as the documents read them', async t => {
  t.equal(await count(first.pool, `select count(*) from locations.locations
    where not st_isvalid(location) or st_srid(location) <> 4326 or country <> 'US'
       or st_geometrytype(location) not in ('ST_Point', 'ST_Polygon')
       or not st_within(location, st_makeenvelope(-125, 24, -66, 50, 4326))`), 0, 'valid points and areas in the contiguous US')
  t.ok(await count(first.pool, "select count(*) from locations.locations where st_geometrytype(location) = 'ST_Polygon'") > 0, 'outage areas')
  t.equal(await count(first.pool, `select count(*) from incidents.incidents
    where started > $1 or started < $1::timestamptz - interval '30 days'`, ['2026-06-01T12:00:00Z']), 0,
  'started within the 30 days before the reference date')
  t.equal(await count(first.pool, `select count(*) from incidents.incidents i
    where (select count(*) from dependencies.dependencies d
            where d.blocker_type = 'incidents' and d.blocker_id = i.incident_id) > 3`), 0, 'at most three direct intel requests')
  const direct = await count(first.pool, `select count(*) from intel_requests.intel_requests r where exists (
    select from dependencies.dependencies d
     where d.blocker_type = 'incidents' and d.dependent_type = 'intel_requests' and d.dependent_id = r.intel_request_id)`)
  const followUps = await count(first.pool, `select count(*) from dependencies.dependencies d
    join dependencies.dependencies p on p.dependent_type = 'intel_requests' and p.dependent_id = d.blocker_id and p.blocker_type = 'incidents'
   where d.blocker_type = 'intel_requests' and d.dependent_type = 'intel_requests'`)
  t.ok(direct > 0 && followUps > 0, 'intel requests at distance 1 and 2 of incidents')
  t.equal(direct + followUps + REGION_REQUESTS, summary.counts['intel_requests.intel_requests'],
    'every other intel request depends on an incident, or on one that does')
  t.equal(await count(first.pool, `select count(*) from intel_requests.intel_requests r where not exists (
    select from dependencies.dependencies d where d.dependent_type = 'intel_requests' and d.dependent_id = r.intel_request_id)`),
  SMALL.regions.diamondRoots + SMALL.regions.chains, 'only the diamond roots and chain heads depend on nothing')
})

t.test('the dependency regions have the shapes asked', async t => {
  const graph = createDependencyGraph({ pool: first.pool })
  // The demo data writes its ids in canonical form; the graph takes them typed so.
  const refs = (records: RecordRef[]) => records.map(({ type, id }) => ({ type, id: canonicalUuid(id)! }))
  const [diamondRoots, chainRoots, cycleMembers] = [refs(summary.regions.diamondRoots), refs(summary.regions.chainRoots), refs(summary.regions.cycleMembers)]
  t.equal(diamondRoots.length, 4)
  const diamonds = await graph.resolve({ roots: diamondRoots, direction: 'dependents', maxDistance: 10 })
  for (const { edges, truncated } of diamonds) {
    t.same(edges.map(edge => edge.dependency_distance), [1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6], 'two edges per distance, 4 per diamond')
    t.equal(truncated, false)
  }
  t.equal(new Set(diamonds.map(({ edges }) => edges.at(-1)!.dependent_id)).size, 1, 'the roots share one diamond stack')
  const [shallow] = await graph.resolve({ roots: diamondRoots.slice(0, 1), direction: 'dependents', maxDistance: 4 })
  t.same([shallow!.edges.length, shallow!.truncated], [8, true])

  t.equal(chainRoots.length, 2)
  for (const { edges, truncated } of await graph.resolve({ roots: chainRoots, direction: 'dependents', maxDistance: 10 })) {
    t.same(edges.map(edge => edge.dependency_distance), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    t.equal(truncated, true, 'a chain of 12 is longer than the walk')
  }

  t.equal(cycleMembers.length, 2 + 3 + 7)
  const cycles = await graph.resolve({ roots: cycleMembers, direction: 'dependents', maxDistance: 10 })
  t.same(cycles.map(({ edges }) => edges.length), [2, 2, 3, 3, 3, 7, 7, 7, 7, 7, 7, 7], 'each member walks its whole cycle')
  t.ok(cycles.every(({ root, edges, truncated }) => !truncated && edges.some(edge => edge.dependent_id === root.id)),
    'each member reaches itself')
})

t.test('the same seed gives the same rows; another seed other rows', async t => {
  const again = await seedDemoData(second.pool, SMALL)
  t.same(withoutTiming(again), withoutTiming(summary), 'the same summary, ids included')
  t.same(await checksums(second.pool, ids(again)), seededChecksums, 'every row of every table identical')
  const assetTypes = 'select md5(string_agg(t::text, \',\' order by asset_type_id)) as md5 from assets.asset_types t'
  t.same((await second.pool.query(assetTypes)).rows, (await first.pool.query(assetTypes)).rows)

  const other = await seedDemoData(second.pool, { ...SMALL, seed: 8 })
  t.equal(ids(other).filter(id => ids(summary).includes(id)).length, 0, 'no id in common')
  t.equal(other.counts['assets.asset_types'], 0, 'asset types are shared, inserted once')
  const otherChecksums = await checksums(second.pool, ids(other))
  for (const table of DATA_TABLES) {
    t.not(otherChecksums[table]!.md5, seededChecksums[table]!.md5, `${table} differs`)
  }
})

t.test('refuses to load a seed that is there already, changing nothing', async t => {
  const before = await checksums(first.pool, ids(summary))
  await t.rejects(seedDemoData(first.pool, { ...SMALL, organizations: 1 }), DemoDataExistsError)
  t.same(await checksums(first.pool, ids(summary)), before)
})

t.test('refuses sizes that are not counts', async t => {
  await t.rejects(seedDemoData(first.pool, { seed: 99, organizations: 0 }), new RangeError('organizations must be an integer of at least 1, got 0'))
  await t.rejects(seedDemoData(first.pool, { seed: -1 }), RangeError)
  await t.rejects(seedDemoData(first.pool, { seed: 99, regions: { chains: 1.5 } }), new RangeError('regions.chains must be an integer of at least 0, got 1.5'))
  t.same(await findDemoOrganizations(first.pool, 99), [])
})

t.test('removeDemoData deletes every row of the seed and nothing else, through the triggers', async t => {
  const eight = await findDemoOrganizations(second.pool, 8)
  const removed = await currentIncidentsOf(second.pool, eight)
  t.equal(removed.length, 50)
  const before = await lastRefreshId(second.pool)
  await removeDemoData(second.pool, 8)
  t.same(Object.values(await checksums(second.pool, eight)).map(c => c.rows), DATA_TABLES.map(() => 0), 'no row of seed 8 left')
  t.same(await checksums(second.pool, ids(summary)), seededChecksums, 'seed 7 untouched')
  t.same(await queuedSince(second.pool, before), removed, 'the triggers queued every current incident removed, so each document leaves the cache')
  await removeDemoData(second.pool, 8)
  t.same(await findDemoOrganizations(second.pool, 8), [], 'removing again does nothing')

  const reloaded = await lastRefreshId(first.pool)
  await removeDemoData(first.pool, SMALL.seed)
  t.same(Object.values(await checksums(first.pool, ids(summary))).map(c => c.rows), DATA_TABLES.map(() => 0), 'no row of seed 7 left')
  const reseeded = await seedDemoData(first.pool, SMALL)
  t.same(await checksums(first.pool, ids(reseeded)), seededChecksums, 'a re-seed starts clean and gives the same rows')
  t.same(await queuedSince(first.pool, reloaded), await currentIncidentsOf(first.pool, ids(reseeded)),
    'removal and re-seed queued each current incident of the seed, and nothing else')
})
