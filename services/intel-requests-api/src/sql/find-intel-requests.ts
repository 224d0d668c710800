import type { Queryable } from '@incident-intel/db'
import type { CanonicalUuid } from '@incident-intel/schemas'
import type { Organizations } from '@incident-intel/dependency-graph'
import { INTEL_REQUEST_COLUMNS, type IntelRequestRow } from './intel-request-row.js'

// Named: the hot read of GET and bulk, planned once per connection.
const FIND_INTEL_REQUESTS = {
  name: 'intel-requests/find-intel-requests',
  text: `
  select ${INTEL_REQUEST_COLUMNS}
    from intel_requests.intel_requests ir
   where ir.intel_request_id = any($1::uuid[]) and ir.deleted is null
     and ($2::uuid[] is null or ir.organization_id = any($2::uuid[]))`
}

/** The live intel requests among `ids` (of `organizations`, when given), in the order of `ids`; undefined for the rest. */
export async function findIntelRequests (db: Queryable, ids: CanonicalUuid[], organizations: Organizations): Promise<Array<IntelRequestRow | undefined>> {
  if (ids.length === 0) return []
  const { rows } = await db.query<IntelRequestRow>({ ...FIND_INTEL_REQUESTS, values: [ids, organizations] })
  const byId = new Map(rows.map(row => [row.intel_request_id, row]))
  return ids.map(id => byId.get(id))
}
