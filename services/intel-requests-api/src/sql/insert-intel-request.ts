import type { Queryable } from '@incident-intel/db'
import type { IntelRequestPriority, IntelRequestStatus } from '../schemas/intel-requests.js'
import { INTEL_REQUEST_COLUMNS, type IntelRequestRow } from './intel-request-row.js'

export interface IntelRequestInsert {
  organizationId: string
  assetId: string | null
  locationId: string | null
  requestType: string
  status: IntelRequestStatus
  priority: IntelRequestPriority
  description: string | null
  metadata: Record<string, unknown>
}

const INSERT_INTEL_REQUEST = `
  insert into intel_requests.intel_requests as ir
    (organization_id, asset_id, location_id, request_type, status, priority, description, metadata)
  values ($1::uuid, $2::uuid, $3::uuid, $4::text, $5::text, $6::text, $7::text, $8::jsonb)
  returning ${INTEL_REQUEST_COLUMNS}`

export async function insertIntelRequest (db: Queryable, request: IntelRequestInsert): Promise<IntelRequestRow> {
  const { rows } = await db.query<IntelRequestRow>(INSERT_INTEL_REQUEST, [
    request.organizationId, request.assetId, request.locationId, request.requestType,
    request.status, request.priority, request.description, JSON.stringify(request.metadata)
  ])
  return rows[0]!
}
