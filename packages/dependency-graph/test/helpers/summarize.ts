import type { Edge } from '../../src/index.js'
import type { Graph } from './graph-fixture.js'

/** Edges as sorted `blocker>dependent@distance` strings, with the graph's node names. */
export function summarize (graph: Graph, edges: Edge[]): string[] {
  return edges
    .map(e => `${graph.nameOf.get(e.blocker_id)}>${graph.nameOf.get(e.dependent_id)}@${e.dependency_distance ?? '-'}`)
    .sort()
}
