import { addAssets } from './generators/assets.js'
import type { DemoDataSet, RecordRef } from './generators/demo-data-set.js'
import { addDependencyRegions, type RegionSizes } from './generators/dependency-regions.js'
import { createGenerationContext, type Organization } from './generators/generation-context.js'
import { addIncident } from './generators/incidents.js'
import { addLattices } from './generators/lattices.js'
import { addOrganization } from './generators/organizations.js'
import type { LatticeSizes, Shape } from './generators/shapes.js'

export type { DemoDataSet, RecordRef } from './generators/demo-data-set.js'
export type { RegionSizes } from './generators/dependency-regions.js'
export type { LatticeSizes, Shape } from './generators/shapes.js'
export { REFERENCE_DATE } from './generators/generation-context.js'

export interface DemoDataSizes {
  seed: number
  shape: Shape
  organizations: number
  currentIncidents: number
  smallOrganizationIncidents: number
  regions: RegionSizes
  /** Lattices under the first organization's second-level intel requests (count 0: none). */
  lattices: LatticeSizes
}

/**
 * Builds the whole data set in memory, deterministically from the seed and sizes: per
 * organization its assets, then its incidents (current, then the shape's share of resolved ones)
 * with what hangs from them; then the dependency regions and lattices of the first organization.
 */
export function generateDemoData (sizes: DemoDataSizes): DemoDataSet {
  const context = createGenerationContext(sizes.seed, sizes.shape)
  const { fanOut, data } = context
  const organizations: Organization[] = []
  const gateways: Array<{ incident: RecordRef, gateway: RecordRef }> = []
  for (let index = 0; index < sizes.organizations; index++) {
    const current = index === 0 ? sizes.currentIncidents : sizes.smallOrganizationIncidents
    const organization = addOrganization(context, index, current)
    organizations.push(organization)
    const total = current + Math.round(current * fanOut.resolvedPerCurrent)
    const assets = addAssets(context, organization, total === 0 ? 0 : Math.max(1, Math.round(total * fanOut.assetsPerIncident)))
    for (let i = 0; i < total; i++) {
      const { incident, followUps } = addIncident(context, organization, i < current, assets)
      if (index === 0 && i < current && followUps.length > 0) gateways.push({ incident, gateway: followUps[0]! })
    }
  }
  const first = organizations[0]
  if (first !== undefined) {
    addDependencyRegions(context, first, sizes.regions)
    if (sizes.lattices.count > 0 && gateways.length > 0) {
      addLattices(context, first, gateways.map(g => g.gateway), sizes.lattices)
      data.regions.latticeGateways = gateways.map(g => g.gateway)
      data.regions.latticeIncidents = gateways.map(g => g.incident)
    }
  }
  return data
}
