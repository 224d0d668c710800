import type { Queryable } from '@incident-intel/db'
import type { CanonicalUuid } from '@incident-intel/schemas'

// The trigger retire_edges_on_soft_delete retires the request's live edges in this statement's transaction.
const DELETE_INTEL_REQUEST = `
  update intel_requests.intel_requests set deleted = now()
   where intel_request_id = $1::uuid and deleted is null`

/** Soft-deletes a live intel request; false when there was none. */
export async function deleteIntelRequest (db: Queryable, id: CanonicalUuid): Promise<boolean> {
  const { rowCount } = await db.query(DELETE_INTEL_REQUEST, [id])
  return rowCount === 1
}
