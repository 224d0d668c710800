import type { Queryable } from '@incident-intel/db'
import type { IncidentInput } from '../schemas/incidents.js'
import type { CanonicalUuid } from '@incident-intel/schemas'

// Fields left out take the table's defaults; a null incident id lets the database make one.
const INSERT_INCIDENT = `
  insert into incidents.incidents (incident_id, organization_id, location_id, title, incident_type, status, started, resolved, metadata)
  values (coalesce($1::uuid, gen_random_uuid()), $2::uuid, $3::uuid, $4::text, $5::text,
          coalesce($6::text, 'active'), coalesce($7::timestamptz, now()), $8::timestamptz, coalesce($9::jsonb, '{}'))
  returning incident_id`

/** Inserts an incident (with the client's id when given) whose location row is already stored; returns its id. */
export async function insertIncident (
  tx: Queryable, incidentId: CanonicalUuid | null, input: IncidentInput, locationId: CanonicalUuid | null
): Promise<CanonicalUuid> {
  const { rows } = await tx.query<{ incident_id: CanonicalUuid }>(INSERT_INCIDENT, [
    incidentId, input.organization_id, locationId, input.title, input.incident_type, input.status ?? null,
    input.started ?? null, input.resolved ?? null, input.metadata === undefined ? null : JSON.stringify(input.metadata)
  ])
  return rows[0]!.incident_id
}
