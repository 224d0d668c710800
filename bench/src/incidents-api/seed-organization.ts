import type { Pool } from 'pg'
import { withTransaction } from '@incident-intel/db'
import type { CanonicalUuid } from '@incident-intel/schemas'

/**
 * One organization of `incidents` current incidents, each with a location, an outage (every
 * other one an internet outage too), two assets, three intel requests that depend on it and a
 * fourth that depends on the first of those (distance 2). Ids derive from the row number, so the
 * data is the same on every run. Set-based: a few statements whatever the size.
 */
export async function seedOrganization (pool: Pool, incidents: number): Promise<{ organizationId: CanonicalUuid, incidentIds: CanonicalUuid[] }> {
  const seeded = await withTransaction(pool, async client => {
    const { rows: [organization] } = await client.query<{ organization_id: CanonicalUuid }>(
      "insert into organizations.organizations (name) values ('Benchmark utility') returning organization_id")
    const organizationId = organization!.organization_id
    const statements = [
      `insert into assets.asset_types (asset_type_id, asset_type_name)
       select md5('type' || n)::uuid, 'bench type ' || n || ' ' || $1::text from generate_series(1, 3) n`,
      `insert into locations.locations (location_id, organization_id, location, thoroughfare, locality, country)
       select md5('location' || n)::uuid, $1,
              st_setsrid(st_makepoint(-122 + (n % 97) * 0.37, 32 + (n % 89) * 0.13), 4326), n || ' Main St', 'Town ' || (n % 50), 'US'
         from generate_series(1, $2) n`,
      `insert into incidents.incidents (incident_id, organization_id, location_id, title, incident_type, status)
       select md5('incident' || n)::uuid, $1::uuid, md5('location' || n)::uuid, 'Incident ' || n, 'power',
              case when n % 5 = 0 then 'monitoring' else 'active' end
         from generate_series(1, $2) n`,
      `insert into incidents.outages (organization_id, incident_id, location_id, utility_name, customers_affected)
       select $1::uuid, md5('incident' || n)::uuid, md5('location' || n)::uuid, 'Utility ' || (n % 7), n * 10 from generate_series(1, $2) n`,
      `insert into incidents.internet_outages (organization_id, incident_id, provider)
       select $1::uuid, md5('incident' || n)::uuid, 'Provider ' || (n % 4) from generate_series(1, $2, 2) n`,
      `insert into assets.assets (asset_id, organization_id, asset_name, asset_type_id, location_id)
       select md5('asset' || n || '-' || k)::uuid, $1::uuid, 'Asset ' || n || '-' || k, md5('type' || k)::uuid, md5('location' || n)::uuid
         from generate_series(1, $2) n, generate_series(1, 2) k`,
      `insert into incidents.incident_assets (organization_id, incident_id, asset_id)
       select $1::uuid, md5('incident' || n)::uuid, md5('asset' || n || '-' || k)::uuid from generate_series(1, $2) n, generate_series(1, 2) k`,
      `insert into intel_requests.intel_requests (intel_request_id, organization_id, request_type, description)
       select md5('request' || n || '-' || k)::uuid, $1::uuid, 'site_check', 'Request ' || n || '-' || k
         from generate_series(1, $2) n, generate_series(1, 4) k`,
      `insert into dependencies.dependencies (organization_id, blocker_type, blocker_id, dependent_type, dependent_id)
       select $1::uuid, 'incidents', md5('incident' || n)::uuid, 'intel_requests', md5('request' || n || '-' || k)::uuid
         from generate_series(1, $2) n, generate_series(1, 3) k
       union all
       select $1::uuid, 'intel_requests', md5('request' || n || '-1')::uuid, 'intel_requests', md5('request' || n || '-4')::uuid
         from generate_series(1, $2) n`
    ]
    for (const text of statements) await client.query(text, text.includes('$2') ? [organizationId, incidents] : [organizationId])
    // The seed's own refreshes: the benchmark rebuilds the cache instead.
    await client.query('delete from current_incidents.refresh_queue')
    const { rows } = await client.query<{ incident_id: CanonicalUuid }>(
      'select incident_id from incidents.incidents where organization_id = $1 order by incident_id', [organizationId])
    return { organizationId, incidentIds: rows.map(row => row.incident_id) }
  })
  // Fresh statistics, as autovacuum would gather soon after such a load: the plans then fit the data.
  await pool.query('analyze')
  return seeded
}
