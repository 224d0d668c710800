import { Type, type Static } from '@sinclair/typebox'
import type { CanonicalUuid } from '@incident-intel/schemas'
import type { DependencyGraph, RecursionBounds } from './dependency-graph.js'
import type { Edge } from './edge.js'
import { DIRECTIONS, RECORD_TYPES, type Direction, type Organizations, type RecordType } from './record-types.js'
import { stringEnum } from '@incident-intel/schemas'
import { DirectDependenciesSchema, DirectionSchema, EdgeSchema, RecordTypeSchema } from './schemas.js'
import type { DirectDependencies } from './sql/find-direct-dependencies.js'

const TYPE_LIST = `(${RECORD_TYPES.join('|')})`

/**
 * The querystring parameters by which a record GET (or a bulk POST) asks for a recursive walk.
 * Record types come comma-separated or repeated; `True`/`False` are accepted as well as
 * `true`/`false`, as Python clients spell them. Compose it with the route's own parameters
 * (e.g. `Type.Composite([own, recursiveQuerySchema(bounds)], { additionalProperties: false })`).
 */
export function recursiveQuerySchema (bounds: RecursionBounds) {
  return Type.Object({
    get_recursive_dependencies: Type.Optional(Type.Union([Type.Boolean(), Type.Literal('True'), Type.Literal('False')], {
      default: false, description: 'Walk the dependencies recursively'
    })),
    recursive_dependency_type: Type.Optional(stringEnum<Direction>(DIRECTIONS, {
      default: 'dependents', description: DirectionSchema.description
    })),
    recursive_record_types: Type.Optional(Type.Array(
      Type.String({ pattern: `^${TYPE_LIST}(,${TYPE_LIST})*$`, maxLength: RECORD_TYPES.join(',').length }),
      { minItems: 1, maxItems: RECORD_TYPES.length, description: `Types the walk may step onto, comma-separated or repeated (default: all): ${RECORD_TYPES.join(', ')}` }
    )),
    recursive_max_distance: Type.Optional(Type.Integer({
      format: 'int32', minimum: 1, maximum: bounds.maxDistanceLimit, default: bounds.maxDistanceDefault
    }))
  })
}

export type RecursiveQuery = Static<ReturnType<typeof recursiveQuerySchema>>

export const RecursiveDependencyMetaSchema = Type.Object({
  direction: DirectionSchema,
  max_distance: Type.Integer({ format: 'int32', minimum: 1, maximum: 100 }),
  record_types: Type.Array(RecordTypeSchema, { maxItems: RECORD_TYPES.length }),
  truncated: Type.Boolean({ description: 'True when some walkable edge lies beyond max_distance' }),
  edge_count: Type.Integer({ format: 'int32', minimum: 0, maximum: 2147483647 })
})

/** What a record carries about its dependencies; spread into each record's response schema. */
export const RecordDependenciesProperties = {
  dependencies: DirectDependenciesSchema,
  dependents: Type.Optional(Type.Array(EdgeSchema, { description: 'With get_recursive_dependencies and direction dependents: every edge reached, sorted by distance' })),
  blockers: Type.Optional(Type.Array(EdgeSchema, { description: 'With get_recursive_dependencies and direction blockers: every edge reached, sorted by distance' })),
  recursive_dependency_meta: Type.Optional(RecursiveDependencyMetaSchema)
}

export interface RecordDependencies {
  dependencies: DirectDependencies
  dependents?: Edge[]
  blockers?: Edge[]
  recursive_dependency_meta?: Static<typeof RecursiveDependencyMetaSchema>
}

/**
 * The dependencies of `ids` (records of one type) as the query asks, in the order of `ids`:
 * their direct edges, and the recursive walk when asked, over the edges of `organizations`
 * (null: all). Two queries, whatever the number of records, run side by side.
 */
export async function fetchRecordDependencies (
  graph: DependencyGraph, type: RecordType, ids: CanonicalUuid[], query: RecursiveQuery, organizations: Organizations = null
): Promise<RecordDependencies[]> {
  const records = ids.map(id => ({ type, id }))
  if (!isAsked(query.get_recursive_dependencies)) {
    return (await graph.direct(records, organizations)).map(dependencies => ({ dependencies }))
  }
  const direction: Direction = query.recursive_dependency_type ?? 'dependents'
  const maxDistance = query.recursive_max_distance ?? graph.maxDistanceDefault
  const recordTypes = parseRecordTypes(query.recursive_record_types)
  const [direct, walks] = await Promise.all([
    graph.direct(records, organizations),
    graph.resolve({ roots: records, direction, maxDistance, recordTypes, organizations })
  ])
  return direct.map((dependencies, i) => {
    const { edges, truncated } = walks[i]!
    return {
      dependencies,
      [direction]: edges,
      recursive_dependency_meta: { direction, max_distance: maxDistance, record_types: recordTypes, truncated, edge_count: edges.length }
    }
  })
}

function isAsked (value: RecursiveQuery['get_recursive_dependencies']): boolean {
  return value === true || value === 'True'
}

/** The types named, each once, in RECORD_TYPES order; all of them when none is named. */
function parseRecordTypes (values: string[] | undefined): RecordType[] {
  if (values === undefined) return [...RECORD_TYPES]
  const named = new Set(values.flatMap(value => value.split(',')))
  return RECORD_TYPES.filter(type => named.has(type))
}
