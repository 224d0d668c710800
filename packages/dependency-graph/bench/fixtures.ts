import type { Queryable } from '@incident-intel/db'
import { createOrganization } from '@incident-intel/test-support'
import type { RecordRef } from '../src/index.js'
import { buildGraph, latticeSpec, type Graph, type GraphSpec } from '../test/helpers/graph-fixture.js'

/** The edges of one region below a root, with their distances from it (see regionSpec). */
export const REGION_DISTANCES = [1, 1, 1, 2, 2, 2, 3, 3, 3, 4]

/**
 * `count` roots (incidents), each above its own region of intel requests: a diamond
 * (root>a, root>b, a>c, b>c), two leaves under its foot (c>f, c>g) and a chain of
 * depth 4 (root>e1>e2>e3>e4). Ten edges, the farthest at distance 4.
 */
export function regionsSpec (count: number): GraphSpec {
  const spec: GraphSpec = { nodes: {}, edges: [] }
  for (let i = 0; i < count; i++) {
    const root = `root${i}`
    const n = (name: string) => `${root}.${name}`
    spec.nodes[root] = 'incidents'
    for (const name of ['a', 'b', 'c', 'f', 'g', 'e1', 'e2', 'e3', 'e4']) spec.nodes[n(name)] = 'intel_requests'
    spec.edges.push(
      [root, n('a')], [root, n('b')], [n('a'), n('c')], [n('b'), n('c')],
      [n('c'), n('f')], [n('c'), n('g')],
      [root, n('e1')], [n('e1'), n('e2')], [n('e2'), n('e3')], [n('e3'), n('e4')])
  }
  return spec
}

export interface Fixtures {
  /** latticeSpec(10, 5): 230 edges, about 12 million paths from its root. */
  lattice: Graph
  /** The regions' graph, all in one organization. */
  regions: Graph
  /** Its roots, in order. */
  regionRoots: RecordRef[]
}

export async function buildFixtures (db: Queryable, regionCount: number): Promise<Fixtures> {
  const lattice = await buildGraph(db, await createOrganization(db, 'Lattice 10x5'), latticeSpec(10, 5))
  const regions = await buildGraph(db, await createOrganization(db, 'Regions'), regionsSpec(regionCount))
  const regionRoots = Array.from({ length: regionCount }, (_, i) => regions.node[`root${i}`]!)
  await db.query('analyze')
  return { lattice, regions, regionRoots }
}
