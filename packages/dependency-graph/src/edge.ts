import type { CanonicalUuid } from '@incident-intel/schemas'
import type { RecordType } from './record-types.js'

/** One live dependency: `dependent` depends on `blocker`. */
export interface Edge {
  dependency_id: CanonicalUuid
  blocker_type: RecordType
  blocker_id: CanonicalUuid
  dependent_type: RecordType
  dependent_id: CanonicalUuid
  created: string
  /** Shortest distance from the root of a recursive walk; absent on direct lookups. */
  dependency_distance?: number
}

export interface EdgeRow {
  dependency_id: CanonicalUuid
  blocker_type: RecordType
  blocker_id: CanonicalUuid
  dependent_type: RecordType
  dependent_id: CanonicalUuid
  created: Date
}

/** The columns every edge query selects, in the order EdgeRow names them. */
export const EDGE_COLUMNS = 'd.dependency_id, d.blocker_type, d.blocker_id, d.dependent_type, d.dependent_id, d.created'

export function toEdge (row: EdgeRow, distance?: number): Edge {
  const edge: Edge = {
    dependency_id: row.dependency_id,
    blocker_type: row.blocker_type,
    blocker_id: row.blocker_id,
    dependent_type: row.dependent_type,
    dependent_id: row.dependent_id,
    created: row.created.toISOString()
  }
  if (distance !== undefined) edge.dependency_distance = distance
  return edge
}
