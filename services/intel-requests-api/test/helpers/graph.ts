import type { Queryable } from '@incident-intel/db'
import { type RecordRef, type RecordType } from '@incident-intel/dependency-graph'
import { canonicalUuid } from '@incident-intel/schemas'
import { createRecords } from '@incident-intel/test-support'
import type { StoredEdge } from './stored.js'

export interface GraphSpec {
  /** Node name to record type. */
  nodes: Record<string, RecordType>
  /** [blocker, dependent] pairs of node names: "dependent depends on blocker". */
  edges: Array<[string, string]>
}

export interface Graph {
  node: Record<string, RecordRef>
  /** Each edge as stored, keyed `blocker>dependent`. */
  edge: Record<string, StoredEdge>
}

/**
 * Creates the spec's records and writes its edges straight into the table in one statement, as
 * a hand-written SQL client would: nothing refuses a cycle here.
 */
export async function buildGraph (db: Queryable, organizationId: string, spec: GraphSpec): Promise<Graph> {
  const node: Record<string, RecordRef> = {}
  const nameOf = new Map<string, string>()
  for (const [name, type] of Object.entries(spec.nodes)) {
    const [id] = await createRecords(db, type, organizationId, 1)
    node[name] = { type, id: canonicalUuid(id!)! }
    nameOf.set(id!, name)
  }
  const edge: Record<string, StoredEdge> = {}
  if (spec.edges.length > 0) {
    const blockers = spec.edges.map(([b]) => node[b]!)
    const dependents = spec.edges.map(([, d]) => node[d]!)
    const { rows } = await db.query(
      `insert into dependencies.dependencies (organization_id, blocker_type, blocker_id, dependent_type, dependent_id)
       select $1, bt, bi, dt, di from unnest($2::text[], $3::uuid[], $4::text[], $5::uuid[]) as e(bt, bi, dt, di)
       returning dependency_id, blocker_type, blocker_id, dependent_type, dependent_id, created`,
      [organizationId, blockers.map(r => r.type), blockers.map(r => r.id), dependents.map(r => r.type), dependents.map(r => r.id)])
    for (const row of rows) {
      edge[`${nameOf.get(row.blocker_id)}>${nameOf.get(row.dependent_id)}`] = {
        dependency_id: row.dependency_id,
        blocker_type: row.blocker_type,
        blocker_id: row.blocker_id,
        dependent_type: row.dependent_type,
        dependent_id: row.dependent_id,
        created: (row.created as Date).toISOString()
      }
    }
  }
  return { node, edge }
}

/**
 * The edges a walk must return, given as `blocker>dependent` names with their distances, in the
 * API's order: by distance, then creation, then dependency_id.
 */
export function walked (graph: Graph, expected: Record<string, number>): StoredEdge[] {
  return Object.entries(expected)
    .map(([name, distance]) => {
      const edge = graph.edge[name]
      if (!edge) throw new Error(`no edge ${name} in the graph`)
      return { ...edge, dependency_distance: distance }
    })
    .sort((a, b) => a.dependency_distance - b.dependency_distance ||
      a.created.localeCompare(b.created) || a.dependency_id.localeCompare(b.dependency_id))
}
