import pg from 'pg'
import type { RecordRef } from '@incident-intel/dependency-graph'
import { edgeKey } from '../runner.js'
import { isStatementTimeout } from './session.js'

/*
 * Baseline (a), from the production analysis (gisual_data_mixins/models.py, lines 219-272):
 * UNION ALL, one row per *path*, cycle detection by scanning the path's growing array of ROW()s,
 * no depth bound (callers never passed max_distance), and (daos.py:147-157) run once per record
 * in a loop. Direction `dependents`: the upstream side is the blocker.
 */
export const PATH_ENUMERATING_SQL = `
WITH RECURSIVE dependents (
  dependent_type, dependent_id, blocker_type, blocker_id,
  created, deleted, dependency_distance, dependency_path
) AS (
  -- Base case: direct dependencies
  SELECT d.dependent_type, d.dependent_id, d.blocker_type, d.blocker_id,
         d.created, d.deleted,
         1 AS dependency_distance,
         ARRAY[ROW(d.dependent_type, d.dependent_id,
                   d.blocker_type, d.blocker_id)] AS dependency_path
    FROM dependencies.dependencies AS d
   WHERE d.blocker_id = $1
     AND d.blocker_type = $2
     AND d.deleted IS NULL
  UNION ALL
  -- Recursive case: traverse the graph
  SELECT d.dependent_type, d.dependent_id, d.blocker_type, d.blocker_id,
         d.created, d.deleted,
         rd.dependency_distance + 1 AS dependency_distance,
         rd.dependency_path || ARRAY[ROW(d.dependent_type, d.dependent_id,
                                         d.blocker_type, d.blocker_id)] AS dependency_path
    FROM dependencies.dependencies AS d
    JOIN dependents AS rd
      ON (d.blocker_id = rd.dependent_id
          AND d.blocker_type = rd.dependent_type)
   WHERE NOT ROW(d.dependent_type, d.dependent_id,
                 d.blocker_type, d.blocker_id) = ANY(rd.dependency_path)
     AND d.deleted IS NULL
)
SELECT * FROM dependents`

/** One row per path through an edge; the caller received them all. */
type PathRow = Parameters<typeof edgeKey>[0] & { dependency_distance: number }

export interface PathOutcome {
  ms: number
  /** A statement hit the timeout: the run stopped there and `ms` is a lower bound. */
  timedOut: boolean
  /** Path rows the client received (before the stop, when it timed out). */
  rows: number
  /** Each root finished: its edges (edgeKey) at their shortest distance, when asked to keep them. */
  shortest: Array<Map<string, number>>
}

/**
 * The CTE once per root, one after another, as the old DAO did, every row to the client as the
 * old callers received them; stops at a statement timeout (an outcome, not an error). Rows are
 * handed over one at a time and folded, never collected: a lattice's path rows are many.
 */
export async function runPathEnumerating (session: pg.Client, roots: readonly RecordRef[], keep = false): Promise<PathOutcome> {
  const outcome: PathOutcome = { ms: 0, timedOut: false, rows: 0, shortest: [] }
  const started = performance.now()
  for (const root of roots) {
    const shortest = new Map<string, number>()
    const query = new pg.Query<PathRow>(PATH_ENUMERATING_SQL, [root.id, root.type])
    // A 'row' listener before submitting: pg then hands rows over without collecting them.
    query.on('row', (row: PathRow) => {
      outcome.rows++
      if (!keep) return
      const key = edgeKey(row)
      shortest.set(key, Math.min(shortest.get(key) ?? Number.POSITIVE_INFINITY, row.dependency_distance))
    })
    const ended = new Promise<void>((resolve, reject) => {
      query.on('end', () => resolve())
      query.on('error', reject)
    })
    session.query(query)
    try {
      await ended
    } catch (error) {
      if (!isStatementTimeout(error)) throw error
      outcome.timedOut = true
      break
    }
    if (keep) outcome.shortest.push(shortest)
  }
  outcome.ms = performance.now() - started
  return outcome
}
