import type pg from 'pg'
import type { RecordRef } from '@incident-intel/dependency-graph'

/*
 * Baseline (b), from the production analysis (models.py:157-171, its index issue #10): a
 * record's direct dependencies, both sides in one OR condition, once per record.
 */
export const OR_DIRECT_DEPENDENCIES_SQL = `
SELECT d.dependency_id, d.blocker_type, d.blocker_id, d.dependent_type, d.dependent_id, d.created
  FROM dependencies.dependencies AS d
 WHERE ((d.blocker_type = $1 AND d.blocker_id = $2)
        OR (d.dependent_type = $1 AND d.dependent_id = $2))
   AND d.deleted IS NULL`

export async function runOrDirectLoop (session: pg.Client, records: readonly RecordRef[]): Promise<Array<Array<{ dependency_id: string }>>> {
  const results: Array<Array<{ dependency_id: string }>> = []
  for (const record of records) {
    results.push((await session.query<{ dependency_id: string }>(OR_DIRECT_DEPENDENCIES_SQL, [record.type, record.id])).rows)
  }
  return results
}
