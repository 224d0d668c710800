import createError from '@fastify/error'
import type { RecordRef } from './record-types.js'

export const SelfDependencyError = createError<[string]>(
  'DEPENDENCY_SELF', 'A record cannot depend on itself: %s', 400)

export const RecordNotFoundError = createError<[string, string, string]>(
  'DEPENDENCY_RECORD_NOT_FOUND', '%s %s %s does not exist', 404)

export const CrossOrganizationError = createError(
  'DEPENDENCY_CROSS_ORGANIZATION', 'A dependency cannot join records of different organizations', 400)

export const DependencyNotFoundError = createError<[string]>(
  'DEPENDENCY_NOT_FOUND', 'Dependency %s does not exist', 404)

export const MaxDistanceError = createError<[number, number]>(
  'DEPENDENCY_MAX_DISTANCE', 'max_distance must be an integer from 1 to %d, got %s', 400)

const CycleErrorBase = createError<[string]>(
  'DEPENDENCY_CYCLE', 'The dependency would close a cycle: %s', 409)

/** Refusal of an edge that would close a cycle; `cycle` lists it in blocking order, first record repeated last. */
export class CycleError extends CycleErrorBase {
  readonly cycle: RecordRef[]

  constructor (cycle: RecordRef[]) {
    super(cycle.map(({ type, id }) => `${type} ${id}`).join(' -> '))
    this.cycle = cycle
  }
}
