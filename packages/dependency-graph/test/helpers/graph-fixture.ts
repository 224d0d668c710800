import type { Queryable } from '@incident-intel/db'
import { createRecords } from '@incident-intel/test-support'
import { type RecordRef, type RecordType } from '../../src/index.js'
import { canonicalUuid } from '@incident-intel/schemas'

export interface GraphSpec {
  /** Node name to record type. */
  nodes: Record<string, RecordType>
  /** [blocker, dependent] pairs of node names: "dependent depends on blocker". */
  edges: Array<[string, string]>
}

export interface Graph {
  organizationId: string
  /** The record behind each node name. */
  node: Record<string, RecordRef>
  /** The dependency_id of each edge, keyed `blocker>dependent`. */
  edge: Record<string, string>
  /** The node name of a record id. */
  nameOf: Map<string, string>
}

/**
 * Creates the spec's records and writes its edges straight into the table, as a hand-written
 * SQL client would: nothing here refuses cycles, so tests can build any graph.
 */
export async function buildGraph (db: Queryable, organizationId: string, spec: GraphSpec): Promise<Graph> {
  const node: Record<string, RecordRef> = {}
  const nameOf = new Map<string, string>()
  const byType = new Map<RecordType, string[]>()
  for (const [name, type] of Object.entries(spec.nodes)) byType.set(type, [...(byType.get(type) ?? []), name])
  for (const [type, names] of byType) {
    const ids = await createRecords(db, type, organizationId, names.length)
    names.forEach((name, i) => {
      node[name] = { type, id: canonicalUuid(ids[i]!)! }
      nameOf.set(ids[i]!, name)
    })
  }

  const edge: Record<string, string> = {}
  if (spec.edges.length > 0) {
    const blockers = spec.edges.map(([b]) => node[b]!)
    const dependents = spec.edges.map(([, d]) => node[d]!)
    const { rows } = await db.query<{ dependency_id: string, blocker_id: string, dependent_id: string }>(
      `insert into dependencies.dependencies (organization_id, blocker_type, blocker_id, dependent_type, dependent_id)
       select $1, bt, bi, dt, di from unnest($2::text[], $3::uuid[], $4::text[], $5::uuid[]) as e(bt, bi, dt, di)
       returning dependency_id, blocker_id, dependent_id`,
      [organizationId, blockers.map(r => r.type), blockers.map(r => r.id), dependents.map(r => r.type), dependents.map(r => r.id)])
    for (const row of rows) edge[`${nameOf.get(row.blocker_id)}>${nameOf.get(row.dependent_id)}`] = row.dependency_id
  }
  return { organizationId, node, edge, nameOf }
}

/** A layered lattice: `root` above `layers` layers of `width` nodes (`L<layer>_<i>`), each layer fully joined to the next. */
export function latticeSpec (layers: number, width: number, type: RecordType = 'intel_requests'): GraphSpec {
  const nodes: Record<string, RecordType> = { root: type }
  const edges: Array<[string, string]> = []
  for (let layer = 1; layer <= layers; layer++) {
    for (let i = 0; i < width; i++) {
      nodes[`L${layer}_${i}`] = type
      if (layer === 1) edges.push(['root', `L1_${i}`])
      else for (let j = 0; j < width; j++) edges.push([`L${layer - 1}_${j}`, `L${layer}_${i}`])
    }
  }
  return { nodes, edges }
}

/** The layer of a latticeSpec node name, which is also its distance from the root. */
export function latticeLayer (name: string | undefined): number {
  const layer = /^L(\d+)_/.exec(name ?? '')?.[1]
  if (layer === undefined) throw new Error(`not a lattice layer node: ${name}`)
  return Number(layer)
}
