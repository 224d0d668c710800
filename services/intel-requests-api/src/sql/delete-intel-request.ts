import type { Queryable } from '@incident-intel/db'
import type { CanonicalUuid } from '@incident-intel/schemas'
import type { Organizations } from '@incident-intel/dependency-graph'

// The trigger retire_edges_on_soft_delete retires the request's live edges in this statement's transaction.
const DELETE_INTEL_REQUEST = `
  update intel_requests.intel_requests set deleted = now()
   where intel_request_id = $1::uuid and deleted is null
     and ($2::uuid[] is null or organization_id = any($2::uuid[]))`

/** Soft-deletes a live intel request (of `organizations`, when given); false when there was none. */
export async function deleteIntelRequest (db: Queryable, id: CanonicalUuid, organizations: Organizations): Promise<boolean> {
  const { rowCount } = await db.query(DELETE_INTEL_REQUEST, [id, organizations])
  return rowCount === 1
}
