import type { Pool } from 'pg'

export interface Organization {
  organizationId: string
  /** Current incidents (the soak never resolves or deletes one). */
  incidentIds: string[]
  /** Live intel requests; the soak appends the ones it creates. */
  intelRequestIds: string[]
  assetIds: string[]
}

export interface DataSet {
  organizations: Organization[]
  /** Every current incident, with its organization: what the reads pick from, uniformly. */
  incidents: Array<{ incidentId: string, organization: Organization }>
}

/** The ids the load picks from, read from the seeded database (one query per kind). */
export async function loadDataSet (pool: Pool, organizationIds: string[]): Promise<DataSet> {
  const byOrganization = async (text: string): Promise<Map<string, string[]>> => {
    const { rows } = await pool.query<{ organization_id: string, ids: string[] }>(text, [organizationIds])
    return new Map(rows.map(row => [row.organization_id, row.ids]))
  }
  const [incidents, intelRequests, assets] = await Promise.all([
    byOrganization(`select organization_id, array_agg(incident_id order by incident_id) as ids from incidents.incidents
                     where organization_id = any($1::uuid[]) and deleted is null and status <> 'resolved' group by organization_id`),
    byOrganization(`select organization_id, array_agg(intel_request_id order by intel_request_id) as ids from intel_requests.intel_requests
                     where organization_id = any($1::uuid[]) and deleted is null group by organization_id`),
    byOrganization(`select organization_id, array_agg(asset_id order by asset_id) as ids from assets.assets
                     where organization_id = any($1::uuid[]) and deleted is null group by organization_id`)
  ])
  const organizations = organizationIds.map(organizationId => ({
    organizationId,
    incidentIds: incidents.get(organizationId) ?? [],
    intelRequestIds: intelRequests.get(organizationId) ?? [],
    assetIds: assets.get(organizationId) ?? []
  }))
  // Every write picks an incident and then its organization's records: each organization must have some.
  const usable = organizations.filter(o => o.incidentIds.length > 0 && o.intelRequestIds.length >= 2 && o.assetIds.length >= 2)
  if (usable.length === 0) throw new Error('the seeded data has no organization with current incidents, intel requests and assets')
  return {
    organizations: usable,
    incidents: usable.flatMap(organization => organization.incidentIds.map(incidentId => ({ incidentId, organization })))
  }
}
