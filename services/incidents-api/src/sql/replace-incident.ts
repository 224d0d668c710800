import type { Queryable } from '@incident-intel/db'
import type { IncidentInput } from '../schemas/incidents.js'
import type { CanonicalUuid } from '@incident-intel/schemas'

// A replacement: every field the body leaves out returns to its default, except `started`,
// which keeps the stored value (it records a fact, not a setting). The organization never changes.
const REPLACE_INCIDENT = `
  update incidents.incidents
     set location_id = $2::uuid, title = $3::text, incident_type = $4::text,
         status = coalesce($5::text, 'active'), started = coalesce($6::timestamptz, started),
         resolved = $7::timestamptz, metadata = coalesce($8::jsonb, '{}')
   where incident_id = $1::uuid and deleted is null`

/** Replaces a live incident's fields with the body's; its location row is already stored. */
export async function replaceIncident (tx: Queryable, incidentId: CanonicalUuid, input: IncidentInput, locationId: CanonicalUuid | null): Promise<void> {
  await tx.query(REPLACE_INCIDENT, [
    incidentId, locationId, input.title, input.incident_type, input.status ?? null, input.started ?? null,
    input.resolved ?? null, input.metadata === undefined ? null : JSON.stringify(input.metadata)
  ])
}
