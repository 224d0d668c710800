import type { Queryable } from '@incident-intel/db'

export type FixtureRecordType = 'incidents' | 'intel_requests' | 'outages' | 'internet_outages' | 'assets'

/** Inserts an organization and returns its id. */
export async function createOrganization (db: Queryable, name = 'Test organization', metadata: object = {}): Promise<string> {
  const { rows } = await db.query<{ organization_id: string }>(
    'insert into organizations.organizations (name, metadata) values ($1, $2) returning organization_id',
    [name, metadata]
  )
  return rows[0]!.organization_id
}

/**
 * Inserts `count` minimal live records of `type` in the organization in one statement (plus the
 * incident that outages hang from, or the asset type assets need) and returns their ids in order.
 */
export async function createRecords (db: Queryable, type: FixtureRecordType, organizationId: string, count: number): Promise<string[]> {
  switch (type) {
    case 'incidents':
      return insertReturningIds(db,
        `insert into incidents.incidents (organization_id, title, incident_type)
         select $1, 'Fixture incident ' || n, 'power' from generate_series(1, $2) n
         returning incident_id as id`, [organizationId, count])
    case 'intel_requests':
      return insertReturningIds(db,
        `insert into intel_requests.intel_requests (organization_id, request_type)
         select $1, 'site_check' from generate_series(1, $2) n
         returning intel_request_id as id`, [organizationId, count])
    case 'outages': {
      const [incident] = await createRecords(db, 'incidents', organizationId, 1)
      return insertReturningIds(db,
        `insert into incidents.outages (organization_id, incident_id, utility_name)
         select $1, $3, 'Fixture utility ' || n from generate_series(1, $2) n
         returning outage_id as id`, [organizationId, count, incident])
    }
    case 'internet_outages': {
      const [incident] = await createRecords(db, 'incidents', organizationId, 1)
      return insertReturningIds(db,
        `insert into incidents.internet_outages (organization_id, incident_id, provider)
         select $1, $3, 'Fixture provider ' || n from generate_series(1, $2) n
         returning internet_outage_id as id`, [organizationId, count, incident])
    }
    case 'assets': {
      const [assetType] = await insertReturningIds(db,
        `insert into assets.asset_types (asset_type_name)
         values ('fixture type ' || gen_random_uuid()) returning asset_type_id as id`, [])
      return insertReturningIds(db,
        `insert into assets.assets (organization_id, asset_name, asset_type_id)
         select $1, 'Fixture asset ' || n, $3 from generate_series(1, $2) n
         returning asset_id as id`, [organizationId, count, assetType])
    }
  }
}

/** One record of `type`; see createRecords. */
export async function createRecord (db: Queryable, type: FixtureRecordType, organizationId: string): Promise<string> {
  const [id] = await createRecords(db, type, organizationId, 1)
  return id!
}

async function insertReturningIds (db: Queryable, text: string, values: unknown[]): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(text, values)
  return rows.map(row => row.id)
}

/** The ids of one organization's seeded records, by kind. */
export interface SeededRecords {
  organization_id: string
  location_id: string[]
  asset_id: string[]
  incident_id: string[]
  outage_id: string[]
  internet_outage_id: string[]
  intel_request_id: string[]
  dependency_id: string[]
}

/**
 * A small live graph in the organization: a location, two assets, three incidents (one
 * resolved), an outage and an internet outage under the first, an asset link, three intel
 * requests, and the edges outage → incident → request → request and asset → incident.
 */
export async function seedRecords (pool: Queryable, organizationId: string): Promise<SeededRecords> {
  const ids = async (text: string, values: unknown[]): Promise<string[]> =>
    (await pool.query<{ id: string }>(text, values)).rows.map(row => row.id)
  const [locationId] = await ids(
    `insert into locations.locations (organization_id, location, locality)
     values ($1, st_setsrid(st_makepoint(-97.74, 30.27), 4326), 'Austin') returning location_id as id`, [organizationId])
  const [assetTypeId] = await ids("insert into assets.asset_types (asset_type_name) values ('transformer ' || gen_random_uuid()) returning asset_type_id as id", [])
  const assetIds = await ids(
    `insert into assets.assets (organization_id, asset_name, asset_type_id, location_id)
     select $1, 'Asset ' || n, $2, $3 from generate_series(1, 2) n returning asset_id as id`, [organizationId, assetTypeId, locationId])
  const incidentIds = await ids(
    `insert into incidents.incidents (organization_id, title, incident_type, status, location_id)
     select $1, 'Incident ' || n, 'power', (array['active', 'monitoring', 'resolved'])[n], $2 from generate_series(1, 3) n
     returning incident_id as id`, [organizationId, locationId])
  const [incidentId] = incidentIds
  const outageIds = await ids(
    `insert into incidents.outages (organization_id, incident_id, location_id, utility_name, customers_affected)
     values ($1, $2, $3, 'City Power', 1200) returning outage_id as id`, [organizationId, incidentId, locationId])
  const internetOutageIds = await ids(
    `insert into incidents.internet_outages (organization_id, incident_id, provider)
     values ($1, $2, 'FiberNet') returning internet_outage_id as id`, [organizationId, incidentId])
  await pool.query('insert into incidents.incident_assets (organization_id, incident_id, asset_id) values ($1, $2, $3)',
    [organizationId, incidentId, assetIds[0]])
  const intelRequestIds = await ids(
    `insert into intel_requests.intel_requests (organization_id, request_type, description, asset_id)
     select $1, 'site_check', 'Request ' || n, $2 from generate_series(1, 3) n returning intel_request_id as id`,
    [organizationId, assetIds[0]])
  const edges: Array<[string, string, string, string]> = [
    ['outages', outageIds[0]!, 'incidents', incidentId!],
    ['assets', assetIds[0]!, 'incidents', incidentId!],
    ['incidents', incidentId!, 'intel_requests', intelRequestIds[0]!],
    ['intel_requests', intelRequestIds[0]!, 'intel_requests', intelRequestIds[1]!]
  ]
  const dependencyIds = await ids(
    `insert into dependencies.dependencies (organization_id, blocker_type, blocker_id, dependent_type, dependent_id)
     select $1, e.blocker_type, e.blocker_id, e.dependent_type, e.dependent_id
     from unnest($2::text[], $3::uuid[], $4::text[], $5::uuid[]) as e (blocker_type, blocker_id, dependent_type, dependent_id)
     returning dependency_id as id`,
    [organizationId, edges.map(e => e[0]), edges.map(e => e[1]), edges.map(e => e[2]), edges.map(e => e[3])])
  return {
    organization_id: organizationId,
    location_id: [locationId!],
    asset_id: assetIds,
    incident_id: incidentIds,
    outage_id: outageIds,
    internet_outage_id: internetOutageIds,
    intel_request_id: intelRequestIds,
    dependency_id: dependencyIds
  }
}
