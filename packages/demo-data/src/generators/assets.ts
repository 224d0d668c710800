import { ASSET_TYPES } from '../catalog.js'
import { assetTypeId } from '../demo-ids.js'
import { DAY, type GenerationContext, type Organization, type Place } from './generation-context.js'
import { addPoint } from './locations.js'

export interface GeneratedAsset {
  id: string
  place: Place
}

/** `count` assets of the organization, each with a type and a location of its own. */
export function addAssets (context: GenerationContext, organization: Organization, count: number): GeneratedAsset[] {
  const { random, nextId, at, data, fanOut, faker } = context
  const assets: GeneratedAsset[] = []
  for (let a = 0; a < count; a++) {
    const created = organization.created + random.int(1, 300) * DAY
    const place = addPoint(context, organization, created)
    const typeName = random.pick(ASSET_TYPES)
    const id = nextId('assets')
    data.assets.push({
      asset_id: id,
      organization_id: organization.id,
      asset_name: `${place.locality} ${titleCase(typeName)} ${String(a + 1).padStart(3, '0')}`,
      asset_type_id: assetTypeId(typeName),
      location_id: place.locationId,
      metadata: JSON.stringify({
        tag: `${typeName.replace(/[^a-z]/g, '').slice(0, 3).toUpperCase()}-${String(random.int(100, 9999)).padStart(4, '0')}`,
        commissioned: 1960 + random.int(0, 64),
        ...(fanOut.fullMetadata
          ? {
              manufacturer: faker.company.name(),
              inspections: Array.from({ length: random.int(2, 4) }, () => ({ at: at(created + random.int(30, 3000) * DAY), by: faker.person.fullName(), result: random.pick(['pass', 'pass', 'repair scheduled']) }))
            }
          : {})
      }),
      created: at(created),
      updated: at(created)
    })
    data.assetTypeNames.push(typeName)
    assets.push({ id, place })
  }
  return assets
}

function titleCase (words: string): string {
  return words.replace(/\b[a-z]/g, letter => letter.toUpperCase())
}
