import type { CanonicalUuid } from '@incident-intel/schemas'
import type { IntelRequestPriority, IntelRequestStatus } from '../schemas/intel-requests.js'

export interface IntelRequestRow {
  intel_request_id: CanonicalUuid
  organization_id: CanonicalUuid
  asset_id: CanonicalUuid | null
  location_id: CanonicalUuid | null
  request_type: string
  status: IntelRequestStatus
  priority: IntelRequestPriority
  description: string | null
  metadata: Record<string, unknown>
  created: Date
  updated: Date
}

/** An intel request's own fields, without its dependencies. */
export type IntelRequestFields = Omit<IntelRequestRow, 'created' | 'updated'> & { created: string, updated: string }

/** The columns every intel request query selects, in the order IntelRequestRow names them. */
export const INTEL_REQUEST_COLUMNS = `ir.intel_request_id, ir.organization_id, ir.asset_id, ir.location_id, ir.request_type,
  ir.status, ir.priority, ir.description, ir.metadata, ir.created, ir.updated`

export function toIntelRequest (row: IntelRequestRow): IntelRequestFields {
  return {
    intel_request_id: row.intel_request_id,
    organization_id: row.organization_id,
    asset_id: row.asset_id,
    location_id: row.location_id,
    request_type: row.request_type,
    status: row.status,
    priority: row.priority,
    description: row.description,
    metadata: row.metadata,
    created: row.created.toISOString(),
    updated: row.updated.toISOString()
  }
}
