import type { Queryable } from '@incident-intel/db'
import type { CanonicalUuid, KeysetPosition } from '@incident-intel/schemas'

/** Where a page starts: strictly after this (created, incident_id); its cursor is the shared keyset cursor. */
export type ListPosition = KeysetPosition

export interface ListIncidentsOptions {
  organizationId: CanonicalUuid
  status?: string | undefined
  after?: ListPosition | undefined
  limit: number
}

// Keyset on (created, incident_id). Unnamed, so each execution is planned with its values and
// the filters left out fold away.
const LIST_INCIDENTS = `
  select i.incident_id, i.created::text as position_created
    from incidents.incidents i
   where i.organization_id = $1::uuid and i.deleted is null
     and ($2::text is null or i.status = $2::text)
     and ($3::timestamptz is null or (i.created, i.incident_id) > ($3::timestamptz, $4::uuid))
   order by i.created, i.incident_id
   limit $5::int`

/** The ids of one page, oldest first, and the position after its last row when more rows follow. */
export async function listIncidentIds (db: Queryable, options: ListIncidentsOptions): Promise<{ ids: CanonicalUuid[], next: ListPosition | null }> {
  const { organizationId, status, after, limit } = options
  // One row beyond the page says whether another page follows.
  const { rows } = await db.query<{ incident_id: CanonicalUuid, position_created: string }>(LIST_INCIDENTS, [
    organizationId, status ?? null, after?.created ?? null, after?.id ?? null, limit + 1
  ])
  const page = rows.slice(0, limit)
  const last = page[page.length - 1]
  const next = rows.length > limit && last ? { created: last.position_created, id: last.incident_id } : null
  return { ids: page.map(row => row.incident_id), next }
}
