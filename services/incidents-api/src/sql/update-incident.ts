import type { Queryable } from '@incident-intel/db'
import type { IncidentPatch } from '../schemas/incidents.js'
import type { CanonicalUuid } from '@incident-intel/schemas'

export type IncidentFieldsPatch = Omit<IncidentPatch, 'location'> & { location_id?: string | null }

// One fixed statement for every patch: `$2 ? 'field'` tells a field left out from one set to
// null, so no SQL is assembled from the request. The row is written even when only the
// location row changed, so that `updated` moves.
const UPDATE_INCIDENT = `
  update incidents.incidents as i set
    title = case when $2::jsonb ? 'title' then $2::jsonb ->> 'title' else i.title end,
    incident_type = case when $2::jsonb ? 'incident_type' then $2::jsonb ->> 'incident_type' else i.incident_type end,
    status = case when $2::jsonb ? 'status' then $2::jsonb ->> 'status' else i.status end,
    started = case when $2::jsonb ? 'started' then ($2::jsonb ->> 'started')::timestamptz else i.started end,
    resolved = case when $2::jsonb ? 'resolved' then ($2::jsonb ->> 'resolved')::timestamptz else i.resolved end,
    metadata = case when $2::jsonb ? 'metadata' then $2::jsonb -> 'metadata' else i.metadata end,
    location_id = case when $2::jsonb ? 'location_id' then ($2::jsonb ->> 'location_id')::uuid else i.location_id end
   where i.incident_id = $1::uuid and i.deleted is null`

/** Applies the fields present in `patch` to a live incident. */
export async function updateIncident (tx: Queryable, incidentId: CanonicalUuid, patch: IncidentFieldsPatch): Promise<void> {
  await tx.query(UPDATE_INCIDENT, [incidentId, JSON.stringify(patch)])
}
