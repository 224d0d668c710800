import type { Pool } from 'pg'
import { withTransaction, type Queryable } from '@incident-intel/db'
import type { CanonicalUuid } from '@incident-intel/schemas'
import type { Edge } from './edge.js'
import { MaxDistanceError } from './errors.js'
import { RECORD_TYPES, type Direction, type Organizations, type RecordRef, type RecordType } from './record-types.js'
import { deleteDependency } from './sql/delete-dependency.js'
import { findLiveRecords, type LiveRecord } from './sql/find-live-records.js'
import { findDirectDependencies, type DirectDependencies } from './sql/find-direct-dependencies.js'
import { insertDependency, type NewDependency } from './sql/insert-dependency.js'
import { resolveDependencies, type Resolution } from './sql/resolve-dependencies.js'

export interface DependencyGraphOptions {
  pool: Pool
  /** Distance a recursive walk stops at when the caller names none (default 5, or the limit when that is lower). */
  maxDistanceDefault?: number
  /** Largest distance a caller may ask for (default 10). */
  maxDistanceLimit?: number
}

export interface ResolveRequest {
  roots: RecordRef[]
  direction: Direction
  recordTypes?: readonly RecordType[]
  maxDistance?: number
  /** The organizations the walk may see (default null: all). */
  organizations?: Organizations
}

/** How far a recursive walk goes when the caller names no distance, and how far it may ask for. */
export interface RecursionBounds {
  readonly maxDistanceDefault: number
  readonly maxDistanceLimit: number
}

/**
 * Every method takes the organizations the caller may see (null or left out: all): a record or
 * edge of any other is treated as unknown, in the SQL itself.
 */
export interface DependencyGraph extends RecursionBounds {
  /** Each record that exists and is not deleted, with its organization, in one query. */
  find (records: RecordRef[], organizations?: Organizations): Promise<Array<LiveRecord | undefined>>
  /** Direct blockers and dependents of each record, in one query. */
  direct (records: RecordRef[], organizations?: Organizations): Promise<DirectDependencies[]>
  /** Bounded recursive walk from every root, in one query. */
  resolve (request: ResolveRequest): Promise<Resolution[]>
  /** Adds an edge (refusing cycles) in its own transaction, or in `tx` when one is given. */
  add (dependency: NewDependency, tx?: Queryable, organizations?: Organizations): Promise<{ edge: Edge, created: boolean }>
  /** Soft-deletes a live edge. */
  remove (dependencyId: CanonicalUuid, organizations?: Organizations): Promise<void>
}

/** The bounds a service configured (default 5 and 10), checked: a RangeError names the one that is wrong. */
export function recursionBounds (options: Pick<DependencyGraphOptions, 'maxDistanceDefault' | 'maxDistanceLimit'>): RecursionBounds {
  const { maxDistanceLimit = 10 } = options
  const { maxDistanceDefault = Math.min(5, maxDistanceLimit) } = options
  if (!Number.isInteger(maxDistanceLimit) || maxDistanceLimit < 1) {
    throw new RangeError(`maxDistanceLimit must be a positive integer, got ${maxDistanceLimit}`)
  }
  if (!Number.isInteger(maxDistanceDefault) || maxDistanceDefault < 1 || maxDistanceDefault > maxDistanceLimit) {
    throw new RangeError(`maxDistanceDefault must be an integer from 1 to maxDistanceLimit (${maxDistanceLimit}), got ${maxDistanceDefault}`)
  }
  return { maxDistanceDefault, maxDistanceLimit }
}

/** The graph over one pool, with the recursion bounds the service was configured with. */
export function createDependencyGraph (options: DependencyGraphOptions): DependencyGraph {
  const { pool } = options
  const { maxDistanceDefault, maxDistanceLimit } = recursionBounds(options)

  return {
    maxDistanceDefault,
    maxDistanceLimit,
    find: (records, organizations) => findLiveRecords(pool, records, organizations),
    direct: (records, organizations) => findDirectDependencies(pool, records, organizations),
    resolve: async ({ roots, direction, recordTypes = RECORD_TYPES, maxDistance = maxDistanceDefault, organizations = null }) => {
      if (!Number.isInteger(maxDistance) || maxDistance < 1 || maxDistance > maxDistanceLimit) {
        throw new MaxDistanceError(maxDistanceLimit, maxDistance)
      }
      return resolveDependencies(pool, { roots, direction, recordTypes, maxDistance, organizations })
    },
    add: (dependency, tx, organizations) => tx
      ? insertDependency(tx, dependency, organizations)
      : withTransaction(pool, (client) => insertDependency(client, dependency, organizations)),
    remove: (dependencyId, organizations) => deleteDependency(pool, dependencyId, organizations)
  }
}
