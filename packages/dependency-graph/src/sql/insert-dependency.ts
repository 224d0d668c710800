import { ADVISORY_LOCKS, type Queryable } from '@incident-intel/db'
import { EDGE_COLUMNS, toEdge, type Edge, type EdgeRow } from '../edge.js'
import { CrossOrganizationError, CycleError, RecordNotFoundError, SelfDependencyError } from '../errors.js'
import type { Organizations, RecordRef } from '../record-types.js'
import { findCycle } from './find-cycle.js'
import { findLiveRecords } from './find-live-records.js'

export interface NewDependency {
  blocker: RecordRef
  dependent: RecordRef
}

const FIND_LIVE_EDGE = `
  select ${EDGE_COLUMNS} from dependencies.dependencies d
   where d.blocker_type = $1 and d.blocker_id = $2 and d.dependent_type = $3 and d.dependent_id = $4
     and d.deleted is null`

// A writer that skips the lock (hand-written SQL) may add the same edge first: then there is
// nothing to insert, and the edge it added is the answer.
const INSERT_EDGE = `
  insert into dependencies.dependencies as d (organization_id, blocker_type, blocker_id, dependent_type, dependent_id)
  values ($1, $2, $3, $4, $5)
  on conflict (blocker_type, blocker_id, dependent_type, dependent_id) where deleted is null do nothing
  returning ${EDGE_COLUMNS}`

/**
 * Adds "dependent depends on blocker", or returns the live edge that already says so.
 * Must run inside a transaction: it takes a transaction-scoped lock on the organization, so
 * two transactions can never each add one half of a cycle. Edges never cross organizations,
 * so one organization's writes never wait on another's, and a refused cycle lists only records
 * of the edge's organization. With `organizations`, a record of any other is not found (404).
 */
export async function insertDependency (tx: Queryable, dependency: NewDependency, organizations: Organizations = null): Promise<{ edge: Edge, created: boolean }> {
  // Ids are canonical (CanonicalUuid), so comparing them here and in findCycle is comparing records.
  const { blocker, dependent } = dependency
  if (blocker.type === dependent.type && blocker.id === dependent.id) {
    throw new SelfDependencyError(`${blocker.type} ${blocker.id}`)
  }
  const [blockerRecord, dependentRecord] = await findLiveRecords(tx, [blocker, dependent], organizations)
  if (!blockerRecord) throw new RecordNotFoundError('blocker', blocker.type, blocker.id)
  if (!dependentRecord) throw new RecordNotFoundError('dependent', dependent.type, dependent.id)
  if (blockerRecord.organizationId !== dependentRecord.organizationId) throw new CrossOrganizationError()

  await tx.query('select pg_advisory_xact_lock($1, hashtext($2::uuid::text))', [ADVISORY_LOCKS.graphEdges, blockerRecord.organizationId])

  const ends = [blocker.type, blocker.id, dependent.type, dependent.id]
  const { rows: [existing] } = await tx.query<EdgeRow>(FIND_LIVE_EDGE, ends)
  if (existing) return { edge: toEdge(existing), created: false }

  const cycle = await findCycle(tx, blocker, dependent)
  if (cycle) throw new CycleError(cycle)

  try {
    const { rows: [inserted] } = await tx.query<EdgeRow>(INSERT_EDGE, [blockerRecord.organizationId, ...ends])
    if (inserted) return { edge: toEdge(inserted), created: true }
    const { rows: [added] } = await tx.query<EdgeRow>(FIND_LIVE_EDGE, ends)
    return { edge: toEdge(added!), created: false }
  } catch (error) {
    // A record deleted between the lookup above and the insert: the database's check says which.
    const { code, constraint } = error as { code?: string, constraint?: string }
    if (code === '23503' && constraint === 'dependencies_blocker_record_fkey') throw new RecordNotFoundError('blocker', blocker.type, blocker.id)
    if (code === '23503' && constraint === 'dependencies_dependent_record_fkey') throw new RecordNotFoundError('dependent', dependent.type, dependent.id)
    throw error
  }
}
