import type { Queryable } from '@incident-intel/db'
import { createOrganization, createRecords } from '@incident-intel/test-support'

export interface BenchFixtures {
  organizationId: string
  /** The lattice's root: above 10 layers of 5, each layer fully joined to the next. */
  latticeRoot: string
  latticeEdges: number
  /** Intel requests without edges. */
  plain: string[]
}

export const LATTICE_LAYERS = 10
export const LATTICE_WIDTH = 5

/**
 * One organization: a root intel request blocking the 5 of layer 1, every node of layer k
 * blocking every node of layer k + 1 (5 + 9 × 25 = 230 edges, about 12 million paths from the
 * root), and `plainCount` intel requests without edges.
 */
export async function seedLattice (db: Queryable, plainCount: number): Promise<BenchFixtures> {
  const organizationId = await createOrganization(db, 'Benchmark')
  const [latticeRoot, ...nodes] = await createRecords(db, 'intel_requests', organizationId, 1 + LATTICE_LAYERS * LATTICE_WIDTH)
  const layer = (k: number): string[] => nodes.slice((k - 1) * LATTICE_WIDTH, k * LATTICE_WIDTH)
  const edges: Array<[string, string]> = layer(1).map(node => [latticeRoot!, node])
  for (let k = 2; k <= LATTICE_LAYERS; k++) {
    for (const blocker of layer(k - 1)) for (const dependent of layer(k)) edges.push([blocker, dependent])
  }
  const { rowCount } = await db.query(
    `insert into dependencies.dependencies (organization_id, blocker_type, blocker_id, dependent_type, dependent_id)
     select $1, 'intel_requests', b, 'intel_requests', d from unnest($2::uuid[], $3::uuid[]) as e(b, d)`,
    [organizationId, edges.map(e => e[0]), edges.map(e => e[1])])
  const plain = await createRecords(db, 'intel_requests', organizationId, plainCount)
  await db.query('analyze')
  return { organizationId, latticeRoot: latticeRoot!, latticeEdges: rowCount ?? 0, plain }
}
