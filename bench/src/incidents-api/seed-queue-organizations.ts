import type { Pool } from 'pg'
import { withTransaction } from '@incident-intel/db'
import type { CanonicalUuid } from '@incident-intel/schemas'

export interface QueueOrganizations {
  organizationIds: string[]
  /** Every incident of those organizations, organization by organization. */
  incidentIds: string[]
  organizationOf: Map<string, CanonicalUuid>
  /** incident → the intel request that depends on it. */
  requestOf: Map<string, string>
  /** One more organization whose current incidents all show assets of one type (and 40 resolved ones too). */
  burst: { organizationId: string, assetTypeId: string }
}

/**
 * `organizations` organizations of `incidents` current incidents each (a location, an outage, an
 * intel request that depends on it), and the burst organization. Ids derive from the organization's
 * and the row's numbers. Set-based: a few statements per organization whatever the size.
 */
export async function seedQueueOrganizations (pool: Pool, { organizations, incidents, burstIncidents }: {
  organizations: number
  incidents: number
  burstIncidents: number
}): Promise<QueueOrganizations> {
  const organizationIds: string[] = []
  for (let o = 0; o < organizations; o++) {
    organizationIds.push(await withTransaction(pool, async client => {
      const { rows: [organization] } = await client.query<{ organization_id: string }>(
        "insert into organizations.organizations (name) values ('Queue benchmark utility ' || $1::text) returning organization_id", [o])
      const organizationId = organization!.organization_id
      const statements = [
        `insert into locations.locations (location_id, organization_id, location, locality, country)
         select md5($3 || 'location' || n)::uuid, $1, st_setsrid(st_makepoint(-100 + (n % 97) * 0.3, 35 + (n % 89) * 0.1), 4326), 'Town ' || (n % 50), 'US'
           from generate_series(1, $2) n`,
        `insert into incidents.incidents (incident_id, organization_id, location_id, title, incident_type, status)
         select md5($3 || 'incident' || n)::uuid, $1, md5($3 || 'location' || n)::uuid, 'Incident ' || n, 'power', 'active'
           from generate_series(1, $2) n`,
        `insert into incidents.outages (organization_id, incident_id, location_id, utility_name, customers_affected)
         select $1, md5($3 || 'incident' || n)::uuid, md5($3 || 'location' || n)::uuid, 'Utility ' || (n % 7), n from generate_series(1, $2) n`,
        `insert into intel_requests.intel_requests (intel_request_id, organization_id, request_type, description)
         select md5($3 || 'request' || n)::uuid, $1, 'site_check', 'Request ' || n from generate_series(1, $2) n`,
        `insert into dependencies.dependencies (organization_id, blocker_type, blocker_id, dependent_type, dependent_id)
         select $1, 'incidents', md5($3 || 'incident' || n)::uuid, 'intel_requests', md5($3 || 'request' || n)::uuid from generate_series(1, $2) n`
      ]
      for (const text of statements) await client.query(text, [organizationId, incidents, `queue-${o}-`])
      return organizationId
    }))
  }
  const burst = await withTransaction(pool, async client => {
    const { rows: [organization] } = await client.query<{ organization_id: string }>(
      "insert into organizations.organizations (name) values ('Burst utility') returning organization_id")
    const organizationId = organization!.organization_id
    const { rows: [type] } = await client.query<{ asset_type_id: string }>(
      "insert into assets.asset_types (asset_type_name) values ('Burst type ' || gen_random_uuid()) returning asset_type_id")
    const assetTypeId = type!.asset_type_id
    await client.query(
      `insert into incidents.incidents (incident_id, organization_id, title, incident_type, status)
       select md5('burst-incident' || n)::uuid, $1, 'Burst incident ' || n, 'power', case when n > $2 then 'resolved' else 'active' end
         from generate_series(1, $2 + 40) n`, [organizationId, burstIncidents])
    await client.query(
      `insert into assets.assets (asset_id, organization_id, asset_name, asset_type_id)
       select md5('burst-asset' || n)::uuid, $1, 'Burst asset ' || n, $2 from generate_series(1, $3 + 40) n`, [organizationId, assetTypeId, burstIncidents])
    await client.query(
      `insert into incidents.incident_assets (organization_id, incident_id, asset_id)
       select $1, md5('burst-incident' || n)::uuid, md5('burst-asset' || n)::uuid from generate_series(1, $2 + 40) n`, [organizationId, burstIncidents])
    return { organizationId, assetTypeId }
  })
  // The seed's own refreshes: the benchmark rebuilds each cache instead.
  await pool.query('delete from current_incidents.refresh_queue')
  await pool.query('analyze')
  const { rows } = await pool.query<{ incident_id: string, organization_id: CanonicalUuid, intel_request_id: string }>(
    `select i.incident_id, i.organization_id, d.dependent_id as intel_request_id
       from incidents.incidents i join dependencies.dependencies d on d.blocker_type = 'incidents' and d.blocker_id = i.incident_id
      where i.organization_id = any($1::uuid[]) order by i.organization_id, i.incident_id`, [organizationIds])
  return {
    organizationIds,
    incidentIds: rows.map(row => row.incident_id),
    organizationOf: new Map(rows.map(row => [row.incident_id, row.organization_id])),
    requestOf: new Map(rows.map(row => [row.incident_id, row.intel_request_id])),
    burst
  }
}
