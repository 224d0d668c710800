import type { Direction, RecordRef, RecordType } from '../../src/index.js'

/** A live edge: `dependent` depends on `blocker`. */
export interface ReferenceEdge {
  dependencyId: string
  blocker: RecordRef
  dependent: RecordRef
}

export interface ReferenceRequest {
  roots: RecordRef[]
  direction: Direction
  recordTypes: readonly RecordType[]
  maxDistance: number
}

export interface ReferenceResolution {
  edges: Array<{ dependencyId: string, distance: number }>
  truncated: boolean
}

const key = (record: RecordRef): string => `${record.type}/${record.id}`

/**
 * Recursive resolution, brute force, written from the contract's words and not from the SQL.
 *
 * - An edge is walkable when, seen from the direction, its near end is the side the step
 *   leaves from (`dependents`: the blocker; `blockers`: the dependent) and its far end's type
 *   is in recordTypes. The root itself is never filtered out.
 * - Each node's distance is its shortest distance from the root: plain, unbounded BFS over
 *   walkable edges.
 * - The result holds every walkable edge whose near end is reached at a distance d < maxDistance,
 *   with dependency_distance d + 1.
 * - truncated: some walkable edge leaves a node reached at distance exactly maxDistance, i.e.
 *   some walkable edge has a shortest distance beyond maxDistance.
 *
 * `edges` must be the live edges only: deleted edges, and edges touching a deleted record, are
 * left out by the caller.
 */
export function referenceResolve (edges: readonly ReferenceEdge[], request: ReferenceRequest): ReferenceResolution[] {
  const { roots, direction, recordTypes, maxDistance } = request
  const ends = (e: ReferenceEdge): [RecordRef, RecordRef] =>
    direction === 'dependents' ? [e.blocker, e.dependent] : [e.dependent, e.blocker]
  const walkable = edges.filter(e => recordTypes.includes(ends(e)[1].type))

  return roots.map(root => {
    const distance = new Map<string, number>([[key(root), 0]])
    const queue: RecordRef[] = [root]
    for (let i = 0; i < queue.length; i++) {
      const node = queue[i]!
      for (const e of walkable) {
        const [near, far] = ends(e)
        if (key(near) === key(node) && !distance.has(key(far))) {
          distance.set(key(far), distance.get(key(node))! + 1)
          queue.push(far)
        }
      }
    }

    const result: ReferenceResolution = { edges: [], truncated: false }
    for (const e of walkable) {
      const d = distance.get(key(ends(e)[0]))
      if (d === undefined) continue
      if (d < maxDistance) result.edges.push({ dependencyId: e.dependencyId, distance: d + 1 })
      if (d === maxDistance) result.truncated = true
    }
    return result
  })
}
