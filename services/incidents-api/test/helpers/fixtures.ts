import type { Queryable } from '@incident-intel/db'

/** Inserts a row and returns it with timestamps as ISO strings, as documents show them. */
async function insert<R> (db: Queryable, text: string, values: unknown[]): Promise<R> {
  const { rows } = await db.query(text, values)
  return isoTimestamps(rows[0]!) as R
}

function isoTimestamps (row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, value instanceof Date ? value.toISOString() : value]))
}

export const point = (longitude: number, latitude: number) => ({ type: 'Point' as const, coordinates: [longitude, latitude] })

export async function insertLocation (db: Queryable, organizationId: string, geometry: object, locality = 'Springfield') {
  return insert<{ location_id: string }>(db,
    `insert into locations.locations (organization_id, location, thoroughfare, locality, administrative_area, postal_code, country)
     values ($1, st_setsrid(st_geomfromgeojson($2::text), 4326), '1 Main St', $3, 'IL', '62701', 'US')
     returning location_id`, [organizationId, JSON.stringify(geometry), locality])
}

export async function insertIncident (db: Queryable, organizationId: string, fields: { title?: string, status?: string, location_id?: string | null } = {}) {
  return insert<Record<string, string | null>>(db,
    `insert into incidents.incidents (organization_id, title, incident_type, status, location_id, metadata)
     values ($1, $2, 'power', $3, $4, '{"source": "test"}')
     returning incident_id, organization_id, title, incident_type, status, started, resolved, metadata, created, updated, location_id`,
    [organizationId, fields.title ?? 'Substation fire', fields.status ?? 'active', fields.location_id ?? null])
}

export async function insertIntelRequest (db: Queryable, organizationId: string, requestType = 'site_check') {
  return insert<Record<string, unknown> & { intel_request_id: string, created: string }>(db,
    `insert into intel_requests.intel_requests (organization_id, request_type, description)
     values ($1, $2, 'Check the site')
     returning intel_request_id, request_type, status, priority, description, asset_id, location_id, metadata, created, updated`,
    [organizationId, requestType])
}

/** "dependent depends on blocker", written as any client would, straight into the table. */
export async function insertEdge (db: Queryable, organizationId: string, blocker: [string, string], dependent: [string, string]): Promise<string> {
  const { rows } = await db.query<{ dependency_id: string }>(
    `insert into dependencies.dependencies (organization_id, blocker_type, blocker_id, dependent_type, dependent_id)
     values ($1, $2, $3, $4, $5) returning dependency_id`,
    [organizationId, blocker[0], blocker[1], dependent[0], dependent[1]])
  return rows[0]!.dependency_id
}

export async function insertAsset (db: Queryable, organizationId: string, locationId: string | null, name = 'Transformer T1') {
  const type = await insert<{ asset_type_id: string, asset_type_name: string }>(db,
    "insert into assets.asset_types (asset_type_name) values ('transformer ' || gen_random_uuid()) returning asset_type_id, asset_type_name", [])
  const asset = await insert<Record<string, unknown> & { asset_id: string, asset_type_id: string }>(db,
    `insert into assets.assets (organization_id, asset_name, asset_type_id, location_id, metadata)
     values ($1, $2, $3, $4, '{"kv": 11}') returning asset_id, asset_name, asset_type_id, metadata`,
    [organizationId, name, type.asset_type_id, locationId])
  return { ...asset, asset_type_name: type.asset_type_name }
}

export async function linkAsset (db: Queryable, organizationId: string, incidentId: string, assetId: string): Promise<void> {
  await db.query('insert into incidents.incident_assets (organization_id, incident_id, asset_id) values ($1, $2, $3)',
    [organizationId, incidentId, assetId])
}

export async function insertOutage (db: Queryable, organizationId: string, incidentId: string, locationId: string | null) {
  return insert<Record<string, unknown>>(db,
    `insert into incidents.outages (organization_id, incident_id, location_id, utility_name, customers_affected)
     values ($1, $2, $3, 'City Power', 1200)
     returning outage_id, incident_id, organization_id, utility_name, status, started, restored, customers_affected, created, updated`,
    [organizationId, incidentId, locationId])
}

export async function insertInternetOutage (db: Queryable, organizationId: string, incidentId: string) {
  return insert<Record<string, unknown>>(db,
    `insert into incidents.internet_outages (organization_id, incident_id, provider)
     values ($1, $2, 'FiberNet')
     returning internet_outage_id, incident_id, organization_id, provider, started, restored, created, updated`,
    [organizationId, incidentId])
}
