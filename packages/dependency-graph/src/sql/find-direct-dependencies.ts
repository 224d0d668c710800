import type { Queryable } from '@incident-intel/db'
import { EDGE_COLUMNS, toEdge, type Edge, type EdgeRow } from '../edge.js'
import type { Organizations, RecordRef } from '../record-types.js'

export interface DirectDependencies {
  blockers: Edge[]
  dependents: Edge[]
}

// Two index-backed lookups joined by UNION ALL instead of one OR across both sides.
const FIND_DIRECT_DEPENDENCIES = `
  with records as (
    select ordinality::int as record_index, type, id
      from unnest($1::text[], $2::uuid[]) with ordinality as r(type, id)
  )
  select r.record_index, 'blockers' as side, ${EDGE_COLUMNS}
    from records r
    join dependencies.dependencies d
      on d.dependent_type = r.type and d.dependent_id = r.id and d.deleted is null
     and ($3::uuid[] is null or d.organization_id = any($3::uuid[]))
  union all
  select r.record_index, 'dependents' as side, ${EDGE_COLUMNS}
    from records r
    join dependencies.dependencies d
      on d.blocker_type = r.type and d.blocker_id = r.id and d.deleted is null
     and ($3::uuid[] is null or d.organization_id = any($3::uuid[]))
  order by record_index, side, created, dependency_id`

/** The live blockers and dependents of each record, in one query, in the order of `records`; with `organizations`, only their edges. */
export async function findDirectDependencies (db: Queryable, records: RecordRef[], organizations: Organizations = null): Promise<DirectDependencies[]> {
  const results = records.map((): DirectDependencies => ({ blockers: [], dependents: [] }))
  if (records.length === 0) return results
  const { rows } = await db.query<EdgeRow & { record_index: number, side: 'blockers' | 'dependents' }>({
    name: 'dependency-graph/find-direct-dependencies',
    text: FIND_DIRECT_DEPENDENCIES,
    values: [records.map(r => r.type), records.map(r => r.id), organizations]
  })
  for (const row of rows) results[row.record_index - 1]![row.side].push(toEdge(row))
  return results
}
