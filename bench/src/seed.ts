import type { Pool } from 'pg'
import { seedDemoData, type DemoDataOptions } from '@incident-intel/demo-data'
import type { CanonicalUuid } from '@incident-intel/schemas'
import { createTestDatabase, createTestRedis, type Teardown } from '@incident-intel/test-support'
import { log } from './log.js'

/** demo-data's plausible mix without its dependency regions: the first organization has `first` current incidents, each other `others`. */
export const plainOrganizations = (organizations: number, first: number, others = 0): DemoDataOptions =>
  ({ organizations, currentIncidents: first, smallOrganizationIncidents: others, regions: { diamondRoots: 0, chains: 0, cycles: 0 } })

/** One seeded organization's live records, ids sorted: what the benchmarks read and write. */
export interface SeededOrganization { organizationId: CanonicalUuid, incidentIds: CanonicalUuid[], intelRequestIds: string[], assetIds: string[] }

/**
 * Every benchmark's data: demo-data's generators, without the refreshes their inserts queued
 * (each benchmark rebuilds the cache itself); each organization's current incidents, intel
 * requests and assets with it, the first organization's also at the top.
 */
export async function seedBenchmarkData (pool: Pool, options: DemoDataOptions) {
  let stage = ''
  const seeded = await seedDemoData(pool, options, (event) => {
    if (event.stage !== stage) log(`  ${event.stage} (${event.total})`)
    stage = event.stage
  })
  await pool.query('delete from current_incidents.refresh_queue')
  // Fresh statistics for every table, as autovacuum would gather soon after such a load.
  await pool.query('analyze')
  const { rows: records } = await pool.query<SeededOrganization>(`select o.id as "organizationId",
      array(select incident_id from incidents.incidents where organization_id = o.id and deleted is null and status <> 'resolved' order by 1) as "incidentIds",
      array(select intel_request_id from intel_requests.intel_requests where organization_id = o.id and deleted is null order by 1) as "intelRequestIds",
      array(select asset_id from assets.assets where organization_id = o.id and deleted is null order by 1) as "assetIds"
    from unnest($1::uuid[]) with ordinality o (id, n) order by n`, [seeded.organizations.map(o => o.organization_id)])
  return { ...seeded, records, organizationId: records[0]!.organizationId, incidentIds: records[0]!.incidentIds }
}

/** A private database and Redis key prefix (dropped at teardown) over one seeded organization of `incidents` current incidents. */
export async function seedOneOrganization (t: Teardown, incidents: number) {
  const { pool, url } = await createTestDatabase(t, { poolSize: 4 })
  const { prefix } = await createTestRedis(t)
  log(`seeding one organization of ${incidents} current incidents`)
  return { pool, url, prefix, ...await seedBenchmarkData(pool, plainOrganizations(1, incidents)) }
}

/** Current incidents of the organization that have intel requests, each with its first: deterministic, spread over the ids. */
export async function sampleIncidents (pool: Pool, organizationId: string, size: number) {
  const { rows } = await pool.query<{ incident_id: string, intel_request_id: string }>(`
    select i.incident_id, first.intel_request_id
      from incidents.incidents i
      join lateral (
        select d.dependent_id as intel_request_id
          from dependencies.dependencies d
          join intel_requests.intel_requests r on r.intel_request_id = d.dependent_id and r.deleted is null
         where d.blocker_type = 'incidents' and d.blocker_id = i.incident_id and d.dependent_type = 'intel_requests' and d.deleted is null
         order by d.dependent_id limit 1) first on true
     where i.organization_id = $1 and i.deleted is null and i.status <> 'resolved'
     order by md5(i.incident_id::text)
     limit $2`, [organizationId, size])
  if (rows.length === 0) throw new Error('no current incident with intel requests to sample')
  return rows
}
