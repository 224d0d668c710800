import type { Queryable } from '@incident-intel/db'
import type { InternetOutagePatch, NewInternetOutage } from '../schemas/internet-outages.js'
import type { CanonicalUuid } from '@incident-intel/schemas'

const INSERT_INTERNET_OUTAGE = `
  insert into incidents.internet_outages (incident_id, organization_id, provider, started, restored)
  values ($1::uuid, $2::uuid, $3::text, coalesce($4::timestamptz, now()), $5::timestamptz)
  returning internet_outage_id`

// As update-incident.ts: one fixed statement, `$3 ? 'field'` tells the fields given.
const UPDATE_INTERNET_OUTAGE = `
  update incidents.internet_outages as io set
    provider = case when $3::jsonb ? 'provider' then $3::jsonb ->> 'provider' else io.provider end,
    started = case when $3::jsonb ? 'started' then ($3::jsonb ->> 'started')::timestamptz else io.started end,
    restored = case when $3::jsonb ? 'restored' then ($3::jsonb ->> 'restored')::timestamptz else io.restored end
   where io.internet_outage_id = $1::uuid and io.incident_id = $2::uuid and io.deleted is null
  returning io.internet_outage_id`

const DELETE_INTERNET_OUTAGE = `
  update incidents.internet_outages set deleted = now()
   where internet_outage_id = $1::uuid and incident_id = $2::uuid and deleted is null`

/** Inserts an internet outage of the incident, in the incident's organization; returns its id. */
export async function insertInternetOutage (
  tx: Queryable, incident: { incidentId: CanonicalUuid, organizationId: CanonicalUuid }, outage: NewInternetOutage
): Promise<CanonicalUuid> {
  const { rows } = await tx.query<{ internet_outage_id: CanonicalUuid }>(INSERT_INTERNET_OUTAGE, [
    incident.incidentId, incident.organizationId, outage.provider, outage.started ?? null, outage.restored ?? null
  ])
  return rows[0]!.internet_outage_id
}

/** Applies the fields present in `patch` to a live internet outage of this incident; false when there is none. */
export async function updateInternetOutage (tx: Queryable, incidentId: CanonicalUuid, internetOutageId: CanonicalUuid, patch: InternetOutagePatch): Promise<boolean> {
  const { rowCount } = await tx.query(UPDATE_INTERNET_OUTAGE, [internetOutageId, incidentId, JSON.stringify(patch)])
  return rowCount === 1
}

/** Soft-deletes a live internet outage of this incident; false when there was none. */
export async function deleteInternetOutage (db: Queryable, incidentId: CanonicalUuid, internetOutageId: CanonicalUuid): Promise<boolean> {
  const { rowCount } = await db.query(DELETE_INTERNET_OUTAGE, [internetOutageId, incidentId])
  return rowCount === 1
}
