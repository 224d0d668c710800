import type { Queryable } from '@incident-intel/db'
import type { NewOutage, OutagePatch } from '../schemas/outages.js'
import type { CanonicalUuid } from '@incident-intel/schemas'

const INSERT_OUTAGE = `
  insert into incidents.outages (incident_id, organization_id, location_id, utility_name, status, started, restored, customers_affected)
  values ($1::uuid, $2::uuid, $3::uuid, $4::text, coalesce($5::text, 'active'), coalesce($6::timestamptz, now()),
          $7::timestamptz, $8::integer)
  returning outage_id`

const LOCK_OUTAGE = `
  select location_id from incidents.outages
   where outage_id = $1::uuid and incident_id = $2::uuid and deleted is null
     for no key update`

// As update-incident.ts: one fixed statement, `$3 ? 'field'` tells the fields given.
const UPDATE_OUTAGE = `
  update incidents.outages as o set
    utility_name = case when $3::jsonb ? 'utility_name' then $3::jsonb ->> 'utility_name' else o.utility_name end,
    status = case when $3::jsonb ? 'status' then $3::jsonb ->> 'status' else o.status end,
    started = case when $3::jsonb ? 'started' then ($3::jsonb ->> 'started')::timestamptz else o.started end,
    restored = case when $3::jsonb ? 'restored' then ($3::jsonb ->> 'restored')::timestamptz else o.restored end,
    customers_affected = case when $3::jsonb ? 'customers_affected' then ($3::jsonb ->> 'customers_affected')::integer else o.customers_affected end,
    location_id = case when $3::jsonb ? 'location_id' then ($3::jsonb ->> 'location_id')::uuid else o.location_id end
   where o.outage_id = $1::uuid and o.incident_id = $2::uuid and o.deleted is null`

const DELETE_OUTAGE = `
  update incidents.outages set deleted = now()
   where outage_id = $1::uuid and incident_id = $2::uuid and deleted is null`

export type OutageFieldsPatch = Omit<OutagePatch, 'location'> & { location_id?: string | null }

/** Inserts an outage of the incident, in the incident's organization; returns its id. */
export async function insertOutage (
  tx: Queryable, incident: { incidentId: CanonicalUuid, organizationId: CanonicalUuid }, outage: NewOutage, locationId: CanonicalUuid | null
): Promise<CanonicalUuid> {
  const { rows } = await tx.query<{ outage_id: CanonicalUuid }>(INSERT_OUTAGE, [
    incident.incidentId, incident.organizationId, locationId, outage.utility_name, outage.status ?? null,
    outage.started ?? null, outage.restored ?? null, outage.customers_affected ?? null
  ])
  return rows[0]!.outage_id
}

/** Locks a live outage of this incident; its location id, or undefined when there is no such outage. */
export async function lockOutage (tx: Queryable, incidentId: CanonicalUuid, outageId: CanonicalUuid): Promise<{ location_id: CanonicalUuid | null } | undefined> {
  const { rows } = await tx.query<{ location_id: CanonicalUuid | null }>(LOCK_OUTAGE, [outageId, incidentId])
  return rows[0]
}

/** Applies the fields present in `patch` to a live outage of this incident. */
export async function updateOutage (tx: Queryable, incidentId: CanonicalUuid, outageId: CanonicalUuid, patch: OutageFieldsPatch): Promise<void> {
  await tx.query(UPDATE_OUTAGE, [outageId, incidentId, JSON.stringify(patch)])
}

/** Soft-deletes a live outage of this incident; false when there was none. */
export async function deleteOutage (db: Queryable, incidentId: CanonicalUuid, outageId: CanonicalUuid): Promise<boolean> {
  const { rowCount } = await db.query(DELETE_OUTAGE, [outageId, incidentId])
  return rowCount === 1
}
