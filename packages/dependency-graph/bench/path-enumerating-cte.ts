import pg from 'pg'
import type { RecordRef } from '../src/index.js'

/*
 * FOR COMPARISON ONLY: this reproduces the design of the recursive CTE described in
 * shared/seed/production-analysis.txt (gisual_data_mixins/models.py), adapted to our
 * dependencies.dependencies columns, direction `dependents` (blocker to dependent). It keeps
 * that design on purpose: UNION ALL, one row per *path*, cycle detection by scanning a growing
 * array of ROW()s, and no depth bound (callers never passed max_distance). It is not used by
 * the package; the benchmark runs it only to show what resolveDependencies replaces.
 */
const PATH_ENUMERATING_CTE = `
  with recursive dependents (
    dependent_type, dependent_id, blocker_type, blocker_id,
    created, deleted, dependency_distance, dependency_path
  ) as (
    -- Base case: direct dependencies
    select d.dependent_type, d.dependent_id, d.blocker_type, d.blocker_id,
           d.created, d.deleted,
           1 as dependency_distance,
           array[row(d.dependent_type, d.dependent_id, d.blocker_type, d.blocker_id)] as dependency_path
      from dependencies.dependencies as d
     where d.blocker_id = $1 and d.blocker_type = $2 and d.deleted is null
    union all
    -- Recursive case: traverse the graph, one row per path
    select d.dependent_type, d.dependent_id, d.blocker_type, d.blocker_id,
           d.created, d.deleted,
           rd.dependency_distance + 1 as dependency_distance,
           rd.dependency_path || array[row(d.dependent_type, d.dependent_id, d.blocker_type, d.blocker_id)]
      from dependencies.dependencies as d
      join dependents as rd
        on d.blocker_id = rd.dependent_id and d.blocker_type = rd.dependent_type
     where not row(d.dependent_type, d.dependent_id, d.blocker_type, d.blocker_id) = any(rd.dependency_path)
       and d.deleted is null
  )`

/** Every row to the client, as the analysis's callers received them. */
export const PATH_ENUMERATING_SQL = `${PATH_ENUMERATING_CTE}\n  select * from dependents`

/**
 * The same walk counted in the database: on the big lattice, millions of path rows would not
 * fit in this process, so this measures a lower bound of the analysis's cost (no transfer).
 */
export const PATH_ENUMERATING_COUNT_SQL = `${PATH_ENUMERATING_CTE}\n  select count(*)::int as rows from dependents`

/** A session of its own, so its statement_timeout touches nothing else. */
export async function connectBaselineSession (url: string, timeoutMs: number): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url })
  // A session ended from outside (e.g. the database dropped on SIGINT) must not crash the process.
  client.on('error', (error) => console.error(`baseline session: ${error.message}`))
  await client.connect()
  await client.query(`set statement_timeout = ${Math.trunc(timeoutMs)}`)
  return client
}

export type BaselineOutcome =
  | { finished: true, ms: number, rows: number }
  | { finished: false, timeoutMs: number }

const QUERY_CANCELED = '57014'

/** Runs the counting CTE once from `root`; a statement timeout is an outcome, not an error. */
export async function runBaselineOnce (session: pg.Client, root: RecordRef, timeoutMs: number): Promise<BaselineOutcome> {
  const started = performance.now()
  try {
    const { rows } = await session.query<{ rows: number }>(PATH_ENUMERATING_COUNT_SQL, [root.id, root.type])
    return { finished: true, ms: performance.now() - started, rows: rows[0]!.rows }
  } catch (error) {
    if ((error as { code?: string }).code === QUERY_CANCELED) return { finished: false, timeoutMs }
    throw error
  }
}
