import type { Queryable } from '@incident-intel/db'
import type { CanonicalUuid } from '@incident-intel/schemas'

/** The organization of each of these incidents (deleted ones included: an incident never changes organization). */
export async function findIncidentOrganizations (db: Queryable, incidentIds: CanonicalUuid[]): Promise<Map<CanonicalUuid, CanonicalUuid>> {
  const { rows } = await db.query<{ incident_id: CanonicalUuid, organization_id: CanonicalUuid }>({
    name: 'find-incident-organizations',
    text: 'select incident_id, organization_id from incidents.incidents where incident_id = any($1::uuid[])',
    values: [incidentIds]
  })
  return new Map(rows.map(row => [row.incident_id, row.organization_id]))
}
