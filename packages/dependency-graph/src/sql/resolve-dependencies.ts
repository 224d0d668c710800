import type { Queryable } from '@incident-intel/db'
import { EDGE_COLUMNS, toEdge, type Edge, type EdgeRow } from '../edge.js'
import type { Direction, Organizations, RecordRef, RecordType } from '../record-types.js'
import { WALK_COLUMNS } from './walk-columns.js'

export interface ResolveOptions {
  roots: RecordRef[]
  direction: Direction
  /** Types the walk may step onto; the roots themselves are never filtered out. */
  recordTypes: readonly RecordType[]
  maxDistance: number
  /** The organizations whose edges the walk may step on (null: all): a root of another one reaches nothing, as an unknown one. */
  organizations?: Organizations
}

export interface Resolution {
  root: RecordRef
  /** Each reachable live edge once, at its shortest distance, sorted by distance. */
  edges: Edge[]
  /** True when some walkable edge lies beyond maxDistance. */
  truncated: boolean
}

/**
 * One statement for all roots. The walk carries only (root, node, distance) and UNION drops
 * repeats, so it never enumerates paths: its work is bounded by maxDistance times the edges
 * reached, and cycles end at the distance bound. Edges are then read once, from each node's
 * shortest distance. Edges touching deleted records are soft-deleted with them (see
 * ddl/app/schemata/dependencies/triggers), so `deleted is null` is the whole liveness test.
 * Each step is a LATERAL index lookup fenced by OFFSET 0: for large batches the planner would
 * otherwise hash the whole edge table, and cost would grow with the table, not the walk.
 */
function resolveSql (direction: Direction): string {
  const { near, far } = WALK_COLUMNS[direction]
  const stepsFrom = (node: string, columns: string): string => `
      cross join lateral (
        select ${columns}
          from dependencies.dependencies d
         where d.${near}_type = ${node}.type and d.${near}_id = ${node}.id and d.deleted is null
           and d.${far}_type = any($3::text[])
           and ($5::uuid[] is null or d.organization_id = any($5::uuid[]))
        offset 0
      ) d`
  return `
  with recursive roots as (
    select ordinality::int as root_index, type, id
      from unnest($1::text[], $2::uuid[]) with ordinality as r(type, id)
  ), walk (root_index, type, id, distance) as (
    select root_index, type, id, 0 from roots
    union
    select w.root_index, d.type, d.id, w.distance + 1
      from walk w ${stepsFrom('w', `d.${far}_type::text as type, d.${far}_id as id`)}
     where w.distance < $4
  ), reached as (
    select root_index, type, id, min(distance) as distance
      from walk
     group by root_index, type, id
  ), edges as (
    select r.root_index, r.distance + 1 as dependency_distance, d.*
      from reached r ${stepsFrom('r', EDGE_COLUMNS)}
  )
  select * from edges where dependency_distance <= $4
  union all
  -- One marker row per root whose walk was cut short by the distance bound.
  select root_index, min(dependency_distance), null, null, null, null, null, null
    from edges where dependency_distance > $4
   group by root_index
  order by root_index, dependency_distance, created, dependency_id`
}

// Named, so each connection plans them once.
const RESOLVE_QUERY: Record<Direction, { name: string, text: string }> = {
  dependents: { name: 'dependency-graph/resolve-dependents', text: resolveSql('dependents') },
  blockers: { name: 'dependency-graph/resolve-blockers', text: resolveSql('blockers') }
}

type ResolveRow = EdgeRow & { root_index: number, dependency_distance: number }

/** Resolves every root in one round trip; results follow the order of `roots`. */
export async function resolveDependencies (db: Queryable, options: ResolveOptions): Promise<Resolution[]> {
  const { roots, direction, recordTypes, maxDistance, organizations = null } = options
  const results = roots.map((root): Resolution => ({ root, edges: [], truncated: false }))
  if (roots.length === 0) return results
  const { rows } = await db.query<ResolveRow>({
    ...RESOLVE_QUERY[direction],
    values: [roots.map(r => r.type), roots.map(r => r.id), recordTypes, maxDistance, organizations]
  })
  for (const row of rows) {
    const result = results[row.root_index - 1]!
    if (row.dependency_id === null) result.truncated = true
    else result.edges.push(toEdge(row, row.dependency_distance))
  }
  return results
}
