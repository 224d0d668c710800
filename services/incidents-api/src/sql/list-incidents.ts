import type { Queryable } from '@incident-intel/db'
import { canonicalUuid, type CanonicalUuid } from '@incident-intel/dependency-graph'

/** Where a page starts: strictly after this (created, incident_id). */
export interface ListPosition {
  /** `created::text`: microseconds and offset kept, which a JS Date would lose. */
  created: string
  id: CanonicalUuid
}

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

// created::text as PostgreSQL writes it (DateStyle ISO): date, time, optional fraction, offset.
const CREATED = /^\d{4,}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2}$/

/** The opaque cursor for a position: base64url JSON, so clients pass it without escaping. */
export function encodeCursor (position: ListPosition): string {
  return Buffer.from(JSON.stringify({ created: position.created, id: position.id })).toString('base64url')
}

/** The position a cursor holds; undefined when it is not one that encodeCursor made. */
export function decodeCursor (cursor: string): ListPosition | undefined {
  let value: unknown
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    return undefined
  }
  if (typeof value !== 'object' || value === null) return undefined
  const { created, id } = value as Record<string, unknown>
  const position = typeof id === 'string' ? canonicalUuid(id) : undefined
  if (typeof created !== 'string' || !CREATED.test(created) || position === undefined) return undefined
  return { created, id: position }
}
