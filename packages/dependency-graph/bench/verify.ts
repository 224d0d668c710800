import assert from 'node:assert/strict'
import type { DependencyGraph, Resolution } from '../src/index.js'
import { latticeLayer, type Graph } from '../test/helpers/graph-fixture.js'
import { REGION_DISTANCES, type Fixtures } from './fixtures.js'

/** What each measured call returns, checked once before timing, for the table's result column. */
export interface VerifiedResults {
  lattice10: string
  lattice5: string
  batch: string
  loop: string
  single: string
}

function describe ({ edges, truncated }: Resolution): string {
  return `${edges.length} edges, truncated=${truncated}`
}

/** Each lattice edge must sit at its dependent's layer: `L{k}_{i}` is k steps from the root. */
function assertLatticeDistances (graph: Graph, result: Resolution): void {
  assert.equal(new Set(result.edges.map(e => e.dependency_id)).size, result.edges.length, 'each edge once')
  const known = new Set(Object.values(graph.edge))
  for (const edge of result.edges) {
    assert.ok(known.has(edge.dependency_id), `edge ${edge.dependency_id} belongs to the lattice`)
    const layer = latticeLayer(graph.nameOf.get(edge.dependent_id))
    assert.equal(edge.dependency_distance, layer, `edge into layer ${layer} is at distance ${layer}`)
  }
}

async function verifyLattice (graph: DependencyGraph, { lattice }: Fixtures) {
  const roots = [lattice.node.root!]
  const [ten] = await graph.resolve({ roots, direction: 'dependents', maxDistance: 10 })
  assert.equal(ten!.edges.length, 230, 'lattice 10x5 at max_distance 10: all 230 edges')
  assert.equal(ten!.truncated, false, 'lattice 10x5 at max_distance 10: not truncated')
  assertLatticeDistances(lattice, ten!)

  const [five] = await graph.resolve({ roots, direction: 'dependents' })
  assert.equal(five!.edges.length, 5 + 4 * 25, 'lattice 10x5 at max_distance 5: layers 1 to 5')
  assert.equal(five!.truncated, true, 'lattice 10x5 at max_distance 5: truncated')
  assertLatticeDistances(lattice, five!)
  return { lattice10: describe(ten!), lattice5: describe(five!) }
}

async function verifyRegions (graph: DependencyGraph, { regions, regionRoots }: Fixtures) {
  const batch = await graph.resolve({ roots: regionRoots, direction: 'dependents' })
  assert.equal(batch.length, regionRoots.length, 'one result per root')
  batch.forEach((result, i) => {
    assert.deepEqual(result.root, regionRoots[i], 'results follow the order of roots')
    assert.equal(result.truncated, false, `root${i}: not truncated`)
    assert.deepEqual(result.edges.map(e => e.dependency_distance), REGION_DISTANCES, `root${i}: its region's distances`)
    for (const edge of result.edges) {
      assert.ok(regions.nameOf.get(edge.dependent_id)?.startsWith(`root${i}.`), `root${i}: only its own region`)
    }
  })
  // Concurrent (the pool queues them): only the answers are checked here, not their timing.
  const alone = await Promise.all(regionRoots.map(root => graph.resolve({ roots: [root], direction: 'dependents' })))
  alone.forEach(([result], i) => assert.deepEqual(result, batch[i], `root${i}: one call alone returns what the batch returns`))
  const edges = batch.reduce((sum, r) => sum + r.edges.length, 0)
  const perRoot = `${REGION_DISTANCES.length} edges, truncated=false per root`
  return {
    batch: `${batch.length} roots, ${edges} edges`,
    loop: `${batch.length} calls, ${perRoot}`,
    single: describe(batch[0]!)
  }
}

/** Fails loudly when any measured call returns a wrong answer, so no timing can measure one. */
export async function verifyResults (graph: DependencyGraph, fixtures: Fixtures): Promise<VerifiedResults> {
  return {
    ...await verifyLattice(graph, fixtures),
    ...await verifyRegions(graph, fixtures)
  }
}
