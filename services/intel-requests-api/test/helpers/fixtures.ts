import type { Queryable } from '@incident-intel/db'

/** A live location of the organization, at a point. */
export async function createLocation (db: Queryable, organizationId: string): Promise<string> {
  const { rows } = await db.query<{ location_id: string }>(
    `insert into locations.locations (organization_id, location, locality)
     values ($1, ST_SetSRID(ST_MakePoint(-0.1276, 51.5072), 4326), 'London') returning location_id`, [organizationId])
  return rows[0]!.location_id
}

/** Soft-deletes a row of `table` (a whitelisted literal) by its id column. */
export async function softDelete (db: Queryable, table: 'assets.assets' | 'locations.locations' | 'incidents.incidents' | 'intel_requests.intel_requests' | 'organizations.organizations', id: string): Promise<void> {
  const column = { 'assets.assets': 'asset_id', 'locations.locations': 'location_id', 'incidents.incidents': 'incident_id', 'intel_requests.intel_requests': 'intel_request_id', 'organizations.organizations': 'organization_id' }[table]
  await db.query(`update ${table} set deleted = now() where ${column} = $1`, [id])
}

/** How many intel requests the organization has, live or not. */
export async function countIntelRequests (db: Queryable, organizationId: string): Promise<number> {
  const { rows } = await db.query<{ count: number }>(
    'select count(*)::int as count from intel_requests.intel_requests where organization_id = $1', [organizationId])
  return rows[0]!.count
}
