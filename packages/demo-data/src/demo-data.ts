import type pg from 'pg'
import { withTransaction, type Queryable } from '@incident-intel/db'
import { ASSET_TYPES } from './catalog.js'
import { assetTypeId, demoId } from './demo-ids.js'
import { generateDemoData, type DemoDataSizes, type LatticeSizes, type RecordRef, type Shape } from './generate-demo-data.js'
import type { Regions } from './generators/demo-data-set.js'
import { insertRows, type RowSet, type TableName } from './insert-rows.js'

export type { RecordRef, Shape }

export interface DemoDataOptions {
  /** Same seed and sizes give the same rows, ids included. Default 1. */
  seed?: number
  /**
   * `demo` (default): a plausible mix for trying the API. `production`: the analysis's large
   * customer alone, its incidents fanned out as its figures imply, with lattices under its
   * second-level intel requests (PRODUCTION_SIZES); other sizes given here override its defaults.
   */
  shape?: Shape
  /** Organizations in all; the first is the large one (like the analysis's ~3K-incident customer). Default 21. */
  organizations?: number
  /** Current (not resolved, not deleted) incidents of the first organization. Default 3000. */
  currentIncidents?: number
  /** Current incidents of every other organization. Default 50. */
  smallOrganizationIncidents?: number
  /** Dependency regions added to the first organization (intel requests only, written directly in SQL). */
  regions?: { diamondRoots?: number, diamondDepth?: number, chains?: number, chainLength?: number, cycles?: number }
  /** Lattices under the first organization's second-level intel requests (production shape: see PRODUCTION_SIZES). */
  lattices?: Partial<LatticeSizes>
}

export interface DemoDataSummary {
  seed: number
  organizations: Array<{ organization_id: string, name: string, current_incidents: number }>
  counts: Record<string, number> // rows inserted per table, e.g. 'incidents.incidents'
  /**
   * The region records: each diamond root, each chain's head, every member of every cycle
   * (cycle by cycle, in edge order), and the lattices' gateways with their incidents.
   */
  regions: Regions
  elapsedMs: number
}

export type DemoDataProgress = (event: { stage: string, done: number, total: number }) => void

/** The seed's organizations are in the database already: remove them first (removeDemoData). */
export class DemoDataExistsError extends Error {
  readonly seed: number
  readonly organizationIds: string[]

  constructor (seed: number, organizationIds: string[]) {
    super(`the demo data of seed ${seed} is already in the database (${organizationIds.length} organizations, the first ${organizationIds[0]})`)
    this.name = 'DemoDataExistsError'
    this.seed = seed
    this.organizationIds = organizationIds
  }
}

export const DEFAULT_SIZES: DemoDataSizes = {
  seed: 1,
  shape: 'demo',
  organizations: 21,
  currentIncidents: 3000,
  smallOrganizationIncidents: 50,
  regions: { diamondRoots: 100, diamondDepth: 8, chains: 5, chainLength: 40, cycles: 3 },
  lattices: { count: 0, layers: 0, width: 0, badDay: 0 }
}

/**
 * The analysis's large customer: one organization of 3,000 current incidents (as many resolved),
 * the first second-level intel request of each above one of 30 lattices of 7 layers of 5
 * (5 + 25 + … + 5^7 = 97,655 paths each for the old CTE), the bad-day incident's above 8 more.
 */
export const PRODUCTION_SIZES: DemoDataSizes = {
  ...DEFAULT_SIZES,
  shape: 'production',
  organizations: 1,
  smallOrganizationIncidents: 0,
  regions: { ...DEFAULT_SIZES.regions, diamondRoots: 0, chains: 0, cycles: 0 },
  lattices: { count: 30, layers: 7, width: 5, badDay: 8 }
}

/** Rows per statement: large enough that round trips do not count, small enough for modest parameter arrays. */
const BATCH_SIZE = 4000
/** Organization ids are looked up this many at a time. */
const ORGANIZATION_CHUNK = 1000

/**
 * Loads the demo data set of `options.seed` in one transaction: all of it or nothing. Refuses
 * (DemoDataExistsError) when that seed's organizations exist already. Every trigger runs, as
 * for any other client's insert: edges are checked and each new incident is queued for the cache.
 */
export async function seedDemoData (pool: pg.Pool, options: DemoDataOptions = {}, onProgress: DemoDataProgress = () => {}): Promise<DemoDataSummary> {
  const started = performance.now()
  const sizes = resolveSizes(options)
  const existing = await findDemoOrganizations(pool, sizes.seed)
  if (existing.length > 0) throw new DemoDataExistsError(sizes.seed, existing)

  onProgress({ stage: 'generate', done: 0, total: 1 })
  const data = generateDemoData(sizes)
  onProgress({ stage: 'generate', done: 1, total: 1 })

  const counts: Record<string, number> = {}
  const insert = async (client: Queryable, rows: RowSet<TableName>): Promise<void> => {
    onProgress({ stage: rows.table, done: 0, total: rows.length })
    counts[rows.table] = await insertRows(client, rows, BATCH_SIZE, done => onProgress({ stage: rows.table, done, total: rows.length }))
  }

  try {
    await withTransaction(pool, async client => {
      await insert(client, data.organizations)
      onProgress({ stage: 'assets.asset_types', done: 0, total: ASSET_TYPES.length })
      const assetTypes = await ensureAssetTypes(client)
      counts['assets.asset_types'] = assetTypes.inserted
      onProgress({ stage: 'assets.asset_types', done: ASSET_TYPES.length, total: ASSET_TYPES.length })
      const typeIds = data.assets.column('asset_type_id')
      data.assetTypeNames.forEach((name, index) => { typeIds[index] = assetTypes.ids.get(name) })

      await insert(client, data.locations)
      await insert(client, data.assets)
      await insert(client, data.incidents)
      await insert(client, data.outages)
      await insert(client, data.internetOutages)
      await insert(client, data.incidentAssets)
      await insert(client, data.intelRequests)
      await insert(client, data.dependencies)
    })
  } catch (error) {
    // Another process loaded the same seed between the check and this transaction.
    if ((error as { constraint?: string }).constraint === 'organizations_pkey') {
      throw new DemoDataExistsError(sizes.seed, await findDemoOrganizations(pool, sizes.seed))
    }
    throw error
  }

  // Fresh statistics, so the services' first queries are planned for the real table sizes.
  onProgress({ stage: 'analyze', done: 0, total: 1 })
  await pool.query(`analyze ${ANALYZED_TABLES.join(', ')}`)
  onProgress({ stage: 'analyze', done: 1, total: 1 })

  return {
    seed: sizes.seed,
    organizations: data.summary,
    counts,
    regions: data.regions,
    elapsedMs: Math.round(performance.now() - started)
  }
}

/**
 * Deletes (hard delete) every row of the seed's organizations, demo or not, in every table, in
 * one transaction, so a re-seed starts clean. Shared asset types stay. Every trigger runs, as
 * for any other client's delete: the refresh triggers queue each removed incident, whose
 * document then leaves the cache.
 */
export async function removeDemoData (pool: pg.Pool, seed: number = DEFAULT_SIZES.seed): Promise<void> {
  checkSeed(seed)
  const organizationIds = await findDemoOrganizations(pool, seed)
  if (organizationIds.length === 0) return
  await withTransaction(pool, async client => {
    for (const table of REMOVAL_ORDER) {
      await client.query(`delete from ${table} where organization_id = any($1::uuid[])`, [organizationIds])
    }
  })
}

/** The ids of the seed's organizations that exist (deleted or not), in seed order. */
export async function findDemoOrganizations (db: Queryable, seed: number): Promise<string[]> {
  const found: string[] = []
  for (let start = 0; ; start += ORGANIZATION_CHUNK) {
    const ids = Array.from({ length: ORGANIZATION_CHUNK }, (_, index) => demoId(seed, 'organizations', start + index))
    const { rows } = await db.query<{ organization_id: string }>(
      `select organization_id from organizations.organizations o
         join unnest($1::uuid[]) with ordinality as wanted (organization_id, position) using (organization_id)
        order by position`, [ids])
    found.push(...rows.map(row => row.organization_id))
    if (rows.length < ORGANIZATION_CHUNK) return found
  }
}

const ANALYZED_TABLES: readonly TableName[] = [
  'locations.locations', 'assets.assets', 'incidents.incidents', 'incidents.outages', 'incidents.internet_outages',
  'incidents.incident_assets', 'intel_requests.intel_requests', 'dependencies.dependencies'
]

/**
 * One set-based statement per table, children before parents. Edges go first: each record's
 * edge-retiring trigger then finds none left, and each statement's refresh trigger queues once.
 */
const REMOVAL_ORDER: readonly TableName[] = [
  'dependencies.dependencies',
  'intel_requests.intel_requests',
  'incidents.incident_assets',
  'incidents.internet_outages',
  'incidents.outages',
  'incidents.incidents',
  'assets.assets',
  'locations.locations',
  'organizations.organizations'
]

/** Inserts the asset types that no live row names yet; returns every type's id by name. */
async function ensureAssetTypes (db: Queryable): Promise<{ inserted: number, ids: Map<string, string> }> {
  const names = [...ASSET_TYPES]
  const created = new Date('2025-01-01T00:00:00.000Z').toISOString()
  const insert = await db.query(
    `insert into assets.asset_types (asset_type_id, asset_type_name, created, updated)
     select v.asset_type_id, v.asset_type_name, $3, $3
       from unnest($1::uuid[], $2::text[]) as v (asset_type_id, asset_type_name)
      where not exists (select from assets.asset_types t where t.asset_type_name = v.asset_type_name and t.deleted is null)
     on conflict do nothing`,
    [names.map(assetTypeId), names, created])
  const { rows } = await db.query<{ asset_type_id: string, asset_type_name: string }>(
    `select asset_type_id, asset_type_name from assets.asset_types
      where asset_type_name = any($1::text[]) and deleted is null`, [names])
  const ids = new Map(rows.map(row => [row.asset_type_name, row.asset_type_id]))
  const missing = names.filter(name => !ids.has(name))
  if (missing.length > 0) {
    // Only when a deleted type holds the id this package gives that name.
    throw new Error(`asset types ${missing.join(', ')} could not be created: a deleted asset type holds their id`)
  }
  return { inserted: insert.rowCount ?? 0, ids }
}

function resolveSizes (options: DemoDataOptions): DemoDataSizes {
  const defaults = options.shape === 'production' ? PRODUCTION_SIZES : DEFAULT_SIZES
  const sizes: DemoDataSizes = {
    seed: options.seed ?? defaults.seed,
    shape: defaults.shape,
    organizations: options.organizations ?? defaults.organizations,
    currentIncidents: options.currentIncidents ?? defaults.currentIncidents,
    smallOrganizationIncidents: options.smallOrganizationIncidents ?? defaults.smallOrganizationIncidents,
    regions: { ...defaults.regions, ...definedOnly(options.regions ?? {}) },
    lattices: { ...defaults.lattices, ...definedOnly(options.lattices ?? {}) }
  }
  checkSeed(sizes.seed)
  checkCount('organizations', sizes.organizations, 1)
  checkCount('currentIncidents', sizes.currentIncidents, 0)
  checkCount('smallOrganizationIncidents', sizes.smallOrganizationIncidents, 0)
  for (const [name, value] of Object.entries(sizes.regions)) checkCount(`regions.${name}`, value, 0)
  for (const [name, value] of Object.entries(sizes.lattices)) checkCount(`lattices.${name}`, value, 0)
  if (sizes.lattices.count > 0 && (sizes.lattices.layers < 1 || sizes.lattices.width < 1)) {
    throw new RangeError('lattices.layers and lattices.width must be at least 1 when lattices.count is')
  }
  return sizes
}

function definedOnly<T extends object> (value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>
}

function checkSeed (seed: number): void {
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0x7fffffff) {
    throw new RangeError(`seed must be an integer from 0 to ${0x7fffffff}, got ${seed}`)
  }
}

function checkCount (name: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer of at least ${min}, got ${value}`)
  }
}
