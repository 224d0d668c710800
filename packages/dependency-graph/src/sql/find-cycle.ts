import type { Queryable } from '@incident-intel/db'
import type { CanonicalUuid } from '@incident-intel/schemas'
import type { RecordRef, RecordType } from '../record-types.js'

// Everything downstream of a record, each node once (UNION on the node alone), so it ends on
// any cycle and costs one visit per reachable edge, however many paths there are.
const DOWNSTREAM = `
  with recursive downstream (type, id) as (
    select $1::text, $2::uuid
    union
    select d.dependent_type::text, d.dependent_id
      from downstream s
      join dependencies.dependencies d
        on d.blocker_type = s.type and d.blocker_id = s.id and d.deleted is null
  )`

const REACHES = `${DOWNSTREAM}
  select exists (select 1 from downstream where type = $3 and id = $4::uuid) as reaches`

const DOWNSTREAM_EDGES = `${DOWNSTREAM}
  select d.blocker_type, d.blocker_id, d.dependent_type, d.dependent_id
    from downstream s
    join dependencies.dependencies d
      on d.blocker_type = s.type and d.blocker_id = s.id and d.deleted is null`

interface EdgeEnds {
  blocker_type: RecordType
  blocker_id: CanonicalUuid
  dependent_type: RecordType
  dependent_id: CanonicalUuid
}

const key = (type: string, id: string): string => `${type}/${id}`

/**
 * The cycle that a new edge "dependent depends on blocker" would close, or undefined when it
 * closes none. A cycle exists when the blocker already lies downstream of the dependent; it is
 * returned in blocking order from the blocker, with the blocker repeated last. The common case
 * (no cycle) is one query; the path is only fetched to explain a refusal.
 */
export async function findCycle (db: Queryable, blocker: RecordRef, dependent: RecordRef): Promise<RecordRef[] | undefined> {
  const { rows: [reach] } = await db.query<{ reaches: boolean }>(
    REACHES, [dependent.type, dependent.id, blocker.type, blocker.id])
  if (!reach?.reaches) return undefined

  // Shortest path dependent -> ... -> blocker by breadth-first search over the downstream edges.
  const { rows } = await db.query<EdgeEnds>(DOWNSTREAM_EDGES, [dependent.type, dependent.id])
  const next = new Map<string, RecordRef[]>()
  for (const e of rows) {
    const from = key(e.blocker_type, e.blocker_id)
    const list = next.get(from) ?? []
    list.push({ type: e.dependent_type, id: e.dependent_id })
    next.set(from, list)
  }
  const parent = new Map<string, RecordRef | null>([[key(dependent.type, dependent.id), null]])
  const queue: RecordRef[] = [dependent]
  const target = key(blocker.type, blocker.id)
  for (let i = 0; i < queue.length && !parent.has(target); i++) {
    const node = queue[i]!
    for (const child of next.get(key(node.type, node.id)) ?? []) {
      const k = key(child.type, child.id)
      if (parent.has(k)) continue
      parent.set(k, node)
      queue.push(child)
    }
  }
  const path: RecordRef[] = []
  for (let node: RecordRef | null | undefined = blocker; node; node = parent.get(key(node.type, node.id))) {
    path.unshift(node)
  }
  return [blocker, ...path]
}
