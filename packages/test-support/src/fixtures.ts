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
