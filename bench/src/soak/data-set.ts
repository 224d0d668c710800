import type { Pool } from 'pg'
import { seedDemoData } from '@incident-intel/demo-data'

export interface Organization {
  organizationId: string
  /** Current incidents (the soak never resolves or deletes one). */
  incidentIds: string[]
  /** Live intel requests; the soak appends the ones it creates. */
  intelRequestIds: string[]
  assetIds: string[]
}

export interface DataSet {
  organizationIds: string[]
  organizations: Organization[]
  /** Every current incident, with its organization: what the reads pick from, uniformly. */
  incidents: Array<{ incidentId: string, organization: Organization }>
}

const ORGANIZATIONS = 5

/**
 * The demo data set: one large organization of `incidents` current incidents (with the demo's
 * dependency regions: diamonds, chains, cycles) and four small ones of a twentieth of that each;
 * then the ids the load picks from, read back from the database.
 */
export async function seedDataSet (pool: Pool, incidents: number, log: (line: string) => void): Promise<DataSet> {
  log(`seeding demo data: ${ORGANIZATIONS} organizations, ${incidents} current incidents in the first`)
  const summary = await seedDemoData(pool, { organizations: ORGANIZATIONS, currentIncidents: incidents, smallOrganizationIncidents: Math.max(1, Math.round(incidents / 20)) })
  log(`seeded in ${(summary.elapsedMs / 1000).toFixed(1)} s: ${Object.entries(summary.counts).map(([table, n]) => `${table.split('.')[1]} ${n.toLocaleString('en-US')}`).join(', ')}`)
  const organizationIds = summary.organizations.map(organization => organization.organization_id)
  const ids = async (table: string, id: string, current = '') => {
    const { rows } = await pool.query<{ organization_id: string, ids: string[] }>(`select organization_id, array_agg(${id} order by ${id}) as ids from ${table}
      where organization_id = any($1::uuid[]) and deleted is null ${current} group by organization_id`, [organizationIds])
    return new Map(rows.map(row => [row.organization_id, row.ids]))
  }
  const [incidentIds, intelRequestIds, assetIds] = await Promise.all([
    ids('incidents.incidents', 'incident_id', "and status <> 'resolved'"), ids('intel_requests.intel_requests', 'intel_request_id'), ids('assets.assets', 'asset_id')
  ])
  // Every write picks an incident and then its organization's records: each organization must have some.
  const organizations = organizationIds
    .map(organizationId => ({ organizationId, incidentIds: incidentIds.get(organizationId) ?? [], intelRequestIds: intelRequestIds.get(organizationId) ?? [], assetIds: assetIds.get(organizationId) ?? [] }))
    .filter(o => o.incidentIds.length > 0 && o.intelRequestIds.length >= 2 && o.assetIds.length >= 2)
  if (organizations.length === 0) throw new Error('the seeded data has no organization with current incidents, intel requests and assets')
  return { organizationIds, organizations, incidents: organizations.flatMap(organization => organization.incidentIds.map(incidentId => ({ incidentId, organization }))) }
}
