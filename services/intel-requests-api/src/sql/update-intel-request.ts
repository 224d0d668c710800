import type { Queryable } from '@incident-intel/db'
import type { CanonicalUuid } from '@incident-intel/schemas'
import type { Organizations } from '@incident-intel/dependency-graph'
import type { IntelRequestPatch } from '../schemas/intel-requests.js'
import { INTEL_REQUEST_COLUMNS, type IntelRequestRow } from './intel-request-row.js'

// One fixed statement for every patch: `$2 ? 'field'` tells a field left out from one set to
// null, so no SQL is assembled from the request.
const UPDATE_INTEL_REQUEST = `
  update intel_requests.intel_requests as ir set
    status = case when $2::jsonb ? 'status' then $2::jsonb ->> 'status' else ir.status end,
    priority = case when $2::jsonb ? 'priority' then $2::jsonb ->> 'priority' else ir.priority end,
    description = case when $2::jsonb ? 'description' then $2::jsonb ->> 'description' else ir.description end,
    metadata = case when $2::jsonb ? 'metadata' then $2::jsonb -> 'metadata' else ir.metadata end,
    asset_id = case when $2::jsonb ? 'asset_id' then ($2::jsonb ->> 'asset_id')::uuid else ir.asset_id end,
    location_id = case when $2::jsonb ? 'location_id' then ($2::jsonb ->> 'location_id')::uuid else ir.location_id end
   where ir.intel_request_id = $1::uuid and ir.deleted is null
  returning ${INTEL_REQUEST_COLUMNS}`

const LOCK_INTEL_REQUEST = `
  select organization_id from intel_requests.intel_requests
   where intel_request_id = $1::uuid and deleted is null
     and ($2::uuid[] is null or organization_id = any($2::uuid[]))
     for no key update`

/** Locks a live intel request for the rest of the transaction; its organization, or undefined when it is not live (or not of `organizations`). */
export async function lockIntelRequest (tx: Queryable, id: CanonicalUuid, organizations: Organizations): Promise<CanonicalUuid | undefined> {
  const { rows } = await tx.query<{ organization_id: CanonicalUuid }>(LOCK_INTEL_REQUEST, [id, organizations])
  return rows[0]?.organization_id
}

/** Applies the fields present in `patch`; the updated row, or undefined when the request is not live. */
export async function updateIntelRequest (db: Queryable, id: CanonicalUuid, patch: IntelRequestPatch): Promise<IntelRequestRow | undefined> {
  const { rows } = await db.query<IntelRequestRow>(UPDATE_INTEL_REQUEST, [id, JSON.stringify(patch)])
  return rows[0]
}
