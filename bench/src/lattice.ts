import type { Queryable } from '@incident-intel/db'
import type { RecordRef } from '@incident-intel/dependency-graph'
import type { CanonicalUuid } from '@incident-intel/schemas'
import { createOrganization } from '@incident-intel/test-support'
import { edgeKey } from './comparison.js'

/** A root intel request above `layers` layers of `width`, every node of a layer blocking every node of the next. */
export interface Lattice {
  layers: number
  width: number
  organizationId: string
  root: RecordRef
  /** Every edge (edgeKey) with the layer of its dependent, which is its distance from the root. */
  edgeLayers: Map<string, number>
  /** Every edge's dependency_id. */
  dependencyIds: Set<string>
}

/** Edges of a lattice: width from the root, then width² between each pair of layers. */
export const latticeEdgeCount = (layers: number, width: number) => width + (layers - 1) * width ** 2

/** Paths from the root, one row each in the path-enumerating CTE: width + width² + … + width^layers. */
export function latticePathCount (layers: number, width: number): number {
  let paths = 0
  for (let layer = 1; layer <= layers; layer++) paths += width ** layer
  return paths
}

/**
 * Writes a lattice in SQL into an organization of its own, so the demo data the other
 * comparisons read stays as seeded. Each node's layer sits in its metadata.
 */
export async function buildLattice (db: Queryable, layers: number, width: number): Promise<Lattice> {
  const organizationId = await createOrganization(db, `Lattice ${layers} × ${width}`)
  const { rows: nodes } = await db.query<{ intel_request_id: CanonicalUuid, layer: number }>(`
    insert into intel_requests.intel_requests (organization_id, request_type, description, metadata)
    select $1, 'site_check', format('lattice layer %s, node %s', layer, node),
           jsonb_build_object('lattice_layer', layer, 'lattice_node', node)
      from generate_series(0, $2::int) as layer
     cross join lateral generate_series(0, case when layer = 0 then 0 else $3::int - 1 end) as node
    returning intel_request_id, (metadata->>'lattice_layer')::int as layer`, [organizationId, layers, width])
  const { rows: edges } = await db.query<{ dependency_id: string, blocker_id: string, dependent_id: string }>(`
    insert into dependencies.dependencies (organization_id, blocker_type, blocker_id, dependent_type, dependent_id)
    select $1, 'intel_requests', b.intel_request_id, 'intel_requests', d.intel_request_id
      from intel_requests.intel_requests b
      join intel_requests.intel_requests d
        on d.organization_id = b.organization_id
       and (d.metadata->>'lattice_layer')::int = (b.metadata->>'lattice_layer')::int + 1
     where b.organization_id = $1
    returning dependency_id, blocker_id, dependent_id`, [organizationId])

  const layerOf = new Map<string, number>(nodes.map(node => [node.intel_request_id, node.layer]))
  const root = nodes.find(node => node.layer === 0)
  if (root === undefined) throw new Error(`lattice ${layers} × ${width}: no root`)
  const edgeLayers = new Map(edges.map(edge => [
    edgeKey({ blocker_type: 'intel_requests', blocker_id: edge.blocker_id, dependent_type: 'intel_requests', dependent_id: edge.dependent_id }),
    layerOf.get(edge.dependent_id)!
  ]))
  if (edges.length !== latticeEdgeCount(layers, width)) {
    throw new Error(`lattice ${layers} × ${width}: ${edges.length} edges written, ${latticeEdgeCount(layers, width)} expected`)
  }
  return {
    layers,
    width,
    organizationId,
    root: { type: 'intel_requests', id: root.intel_request_id },
    edgeLayers,
    dependencyIds: new Set(edges.map(edge => edge.dependency_id))
  }
}
