import type { Queryable } from '@incident-intel/db'
import type { CanonicalUuid, KeysetPosition } from '@incident-intel/schemas'
import type { IntelRequestStatus } from '../schemas/intel-requests.js'
import { INTEL_REQUEST_COLUMNS, type IntelRequestRow } from './intel-request-row.js'

/** Where a page starts: strictly after this (created, intel_request_id); its cursor is the shared keyset cursor. */
export type ListPosition = KeysetPosition

export interface ListOptions {
  organizationId: CanonicalUuid
  status?: IntelRequestStatus | undefined
  incidentId?: CanonicalUuid | undefined
  after?: ListPosition | undefined
  limit: number
}

// Keyset on (created, intel_request_id) along intel_requests_organization_idx. Unnamed, so each
// execution is planned with its values and the filters left out fold away.
const LIST_INTEL_REQUESTS = `
  select ${INTEL_REQUEST_COLUMNS}, ir.created::text as position_created
    from intel_requests.intel_requests ir
   where ir.organization_id = $1::uuid and ir.deleted is null
     and ($2::text is null or ir.status = $2::text)
     and ($3::uuid is null or exists (
           select from dependencies.dependencies d
            where d.blocker_type = 'incidents' and d.blocker_id = $3::uuid
              and d.dependent_type = 'intel_requests' and d.dependent_id = ir.intel_request_id
              and d.deleted is null))
     and ($4::timestamptz is null or (ir.created, ir.intel_request_id) > ($4::timestamptz, $5::uuid))
   order by ir.created, ir.intel_request_id
   limit $6::int`

/** One page, oldest first, and the position after its last row when more rows follow. */
export async function listIntelRequests (db: Queryable, options: ListOptions): Promise<{ rows: IntelRequestRow[], next: ListPosition | null }> {
  const { organizationId, status, incidentId, after, limit } = options
  // One row beyond the page says whether another page follows.
  const { rows } = await db.query<IntelRequestRow & { position_created: string }>(LIST_INTEL_REQUESTS, [
    organizationId, status ?? null, incidentId ?? null, after?.created ?? null, after?.id ?? null, limit + 1
  ])
  const page = rows.slice(0, limit)
  const last = page[page.length - 1]
  const next = rows.length > limit && last ? { created: last.position_created, id: last.intel_request_id } : null
  return { rows: page.map(({ position_created: _, ...row }) => row), next }
}
