import pg from 'pg'
import type { RecordRef } from '@incident-intel/dependency-graph'
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
export interface PathRow {
  dependent_type: string
  dependent_id: string
  blocker_type: string
  blocker_id: string
  dependency_distance: number
}

export interface PathLoopOutcome {
  ms: number
  /** A statement hit the timeout: the loop stopped there and `ms` is a lower bound. */
  timedOut: boolean
  /** Roots finished before the timeout (all of them when none). */
  rootsDone: number
  /** Each finished root's rows, in the order of the roots (when asked to keep them). */
  rows: PathRow[][]
}

/**
 * The CTE once per root, one after another, as the old DAO did; stops at a statement timeout.
 * Every row comes to the client, as it did to the old callers.
 */
export async function runPathEnumeratingLoop (session: pg.Client, roots: readonly RecordRef[], keepRows = false): Promise<PathLoopOutcome> {
  const rows: PathRow[][] = []
  let rootsDone = 0
  const started = performance.now()
  for (const root of roots) {
    try {
      const result = await session.query<PathRow>(PATH_ENUMERATING_SQL, [root.id, root.type])
      if (keepRows) rows.push(result.rows)
      rootsDone++
    } catch (error) {
      if (isStatementTimeout(error)) return { timedOut: true, ms: performance.now() - started, rootsDone, rows }
      throw error
    }
  }
  return { timedOut: false, ms: performance.now() - started, rootsDone, rows }
}

export interface PathStreamOutcome {
  ms: number
  /** The statement hit the timeout: `ms` is when the error reached the client. */
  timedOut: boolean
  /** Path rows the client received (before the stop, when it timed out). */
  rows: number
}

/**
 * The CTE once from `root`, every row to the client as the old callers received them, each
 * handed to `onRow` and not kept: a lattice's millions of path rows would not fit in this
 * process. A statement timeout is an outcome, not an error.
 */
export async function streamPathEnumerating (session: pg.Client, root: RecordRef, onRow: (row: PathRow) => void): Promise<PathStreamOutcome> {
  const query = new pg.Query<PathRow>(PATH_ENUMERATING_SQL, [root.id, root.type])
  let rows = 0
  // A 'row' listener before submitting: pg then hands rows over without collecting them.
  query.on('row', (row) => {
    rows++
    onRow(row)
  })
  const started = performance.now()
  const ended = new Promise<void>((resolve, reject) => {
    query.on('end', () => resolve())
    query.on('error', reject)
  })
  session.query(query)
  try {
    await ended
    return { ms: performance.now() - started, timedOut: false, rows }
  } catch (error) {
    if (isStatementTimeout(error)) return { ms: performance.now() - started, timedOut: true, rows }
    throw error
  }
}
