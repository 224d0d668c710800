import { addAssets } from './generators/assets.js'
import type { DemoDataSet } from './generators/demo-data-set.js'
import { addDependencyRegions, type RegionSizes } from './generators/dependency-regions.js'
import { createGenerationContext, type Organization } from './generators/generation-context.js'
import { addIncident } from './generators/incidents.js'
import { addOrganization } from './generators/organizations.js'

export type { DemoDataSet, RecordRef } from './generators/demo-data-set.js'
export type { RegionSizes } from './generators/dependency-regions.js'
export { REFERENCE_DATE } from './generators/generation-context.js'

export interface DemoDataSizes {
  seed: number
  organizations: number
  currentIncidents: number
  smallOrganizationIncidents: number
  regions: RegionSizes
}

/**
 * Builds the whole data set in memory, deterministically from the seed and sizes: per
 * organization its assets, then its incidents (a fifth as many resolved as current) with what
 * hangs from them; then the dependency regions of the first organization.
 */
export function generateDemoData (sizes: DemoDataSizes): DemoDataSet {
  const context = createGenerationContext(sizes.seed)
  const organizations: Organization[] = []
  for (let index = 0; index < sizes.organizations; index++) {
    const current = index === 0 ? sizes.currentIncidents : sizes.smallOrganizationIncidents
    const organization = addOrganization(context, index, current)
    organizations.push(organization)
    const total = current + Math.round(current * 0.2)
    const assets = addAssets(context, organization, total === 0 ? 0 : Math.max(1, Math.round(total / 3)))
    for (let i = 0; i < total; i++) addIncident(context, organization, i < current, assets)
  }
  if (organizations.length > 0) addDependencyRegions(context, organizations[0]!, sizes.regions)
  return context.data
}
