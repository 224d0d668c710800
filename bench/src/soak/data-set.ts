import type { Pool } from 'pg'
import { seedBenchmarkData } from '../seed.js'

export interface Organization {
  organizationId: string
  /** Current incidents (the soak never resolves or deletes one). */
  incidentIds: string[]
  /** Live intel requests; the soak appends the ones it creates. */
  intelRequestIds: string[]
  assetIds: string[]
}

export type DataSet = Awaited<ReturnType<typeof seedDataSet>>

/**
 * The demo data set: one large organization of `incidents` current incidents (with the demo's
 * dependency regions: diamonds, chains, cycles) and four small ones of a twentieth of that each;
 * then the ids the load picks from, read back from the database.
 */
export async function seedDataSet (pool: Pool, incidents: number, log: (line: string) => void) {
  log(`seeding demo data: 5 organizations, ${incidents} current incidents in the first`)
  const seeded = await seedBenchmarkData(pool, { organizations: 5, currentIncidents: incidents, smallOrganizationIncidents: Math.max(1, Math.round(incidents / 20)) })
  const organizationIds = seeded.organizations.map(organization => organization.organization_id)
  const { rows } = await pool.query<Organization>(`select o.id as "organizationId",
      array(select incident_id from incidents.incidents where organization_id = o.id and deleted is null and status <> 'resolved' order by 1) as "incidentIds",
      array(select intel_request_id from intel_requests.intel_requests where organization_id = o.id and deleted is null order by 1) as "intelRequestIds",
      array(select asset_id from assets.assets where organization_id = o.id and deleted is null order by 1) as "assetIds"
    from unnest($1::uuid[]) o (id)`, [organizationIds])
  // Every write picks an incident and then its organization's records: each organization must have some.
  const organizations = rows.filter(o => o.incidentIds.length > 0 && o.intelRequestIds.length >= 2 && o.assetIds.length >= 2)
  if (organizations.length === 0) throw new Error('the seeded data has no organization with current incidents, intel requests and assets')
  return {
    organizationIds,
    organizations,
    /** Every current incident, with its organization: what the reads pick from, uniformly. */
    incidents: organizations.flatMap(organization => organization.incidentIds.map(incidentId => ({ incidentId, organization })))
  }
}
