import { Type } from '@sinclair/typebox'
import { ErrorSchema, Timestamp, Uuid, stringEnum } from '@incident-intel/schemas'
import { DIRECTIONS, RECORD_TYPES, type Direction, type RecordType } from './record-types.js'

export const RecordTypeSchema = stringEnum<RecordType>(RECORD_TYPES, { title: 'RecordType', description: 'A record type that dependencies can join' })

export const DirectionSchema = stringEnum<Direction>(DIRECTIONS, {
  title: 'Direction',
  description: '`dependents` walks from blocker to dependent, `blockers` the reverse'
})

export const RecordRefSchema = Type.Object({
  type: RecordTypeSchema,
  id: Uuid
}, { additionalProperties: false, title: 'RecordRef' })

export const EdgeSchema = Type.Object({
  dependency_id: Uuid,
  blocker_type: RecordTypeSchema,
  blocker_id: Uuid,
  dependent_type: RecordTypeSchema,
  dependent_id: Uuid,
  created: Timestamp,
  dependency_distance: Type.Optional(Type.Integer({ format: 'int32', minimum: 1, maximum: 100, description: 'Shortest distance from the root of a recursive walk' }))
}, { title: 'Edge', description: '`dependent` depends on `blocker`' })

export const DirectDependenciesSchema = Type.Object({
  blockers: Type.Array(EdgeSchema, { description: 'Live edges whose dependent is the record' }),
  dependents: Type.Array(EdgeSchema, { description: 'Live edges whose blocker is the record' })
}, { title: 'DirectDependencies' })

export const CycleErrorSchema = Type.Object({
  ...ErrorSchema.properties,
  cycle: Type.Array(RecordRefSchema, {
    description: 'The cycle the edge would close, in blocking order from the blocker, which is repeated last'
  })
}, { title: 'CycleError', description: 'A refused edge that would close a cycle, with the cycle' })

export const NewDependencySchema = Type.Object({
  blocker_type: RecordTypeSchema,
  blocker_id: Uuid,
  dependent_type: RecordTypeSchema,
  dependent_id: Uuid
}, { additionalProperties: false, title: 'NewDependency' })

export const DependencyIdParamsSchema = Type.Object({
  dependency_id: Uuid
}, { additionalProperties: false })

export const DirectQuerySchema = Type.Object({
  record_type: RecordTypeSchema,
  record_id: Uuid
}, { additionalProperties: false })

/** Most roots one resolve walks. */
export const RESOLVE_MAX_ROOTS = 1000

/** The resolve body; the distance bounds are the service's configuration. */
export function resolveBodySchema (maxDistanceDefault: number, maxDistanceLimit: number) {
  return Type.Object({
    roots: Type.Array(RecordRefSchema, { minItems: 1, maxItems: RESOLVE_MAX_ROOTS }),
    direction: DirectionSchema,
    record_types: Type.Optional(Type.Array(RecordTypeSchema, {
      minItems: 1,
      maxItems: RECORD_TYPES.length,
      uniqueItems: true,
      description: 'Types the walk may step onto (default: all); the roots themselves are never filtered out'
    })),
    max_distance: Type.Optional(Type.Integer({ format: 'int32', minimum: 1, maximum: maxDistanceLimit, default: maxDistanceDefault }))
  }, { additionalProperties: false, title: 'ResolveRequest' })
}

export const ResolutionSchema = Type.Object({
  root: RecordRefSchema,
  edges: Type.Array(EdgeSchema, { description: 'Each reachable live edge once, at its shortest distance, sorted by distance' }),
  truncated: Type.Boolean({ description: 'True when some walkable edge lies beyond max_distance' })
}, { title: 'Resolution' })

export const ResolveResponseSchema = Type.Object({
  results: Type.Array(ResolutionSchema, { maxItems: RESOLVE_MAX_ROOTS, description: 'One per root, in the order of `roots`' })
}, { title: 'ResolveResponse' })
