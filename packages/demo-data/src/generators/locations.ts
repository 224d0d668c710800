import type { GenerationContext, Organization, Place } from './generation-context.js'
import { round6 } from './generation-context.js'

function addLocation (
  { nextId, faker, random, at, data }: GenerationContext,
  organization: Organization, geometry: object, place: Omit<Place, 'locationId'>, created: number, address: boolean
): string {
  const locationId = nextId('locations')
  data.locations.push({
    location_id: locationId,
    organization_id: organization.id,
    location: JSON.stringify(geometry),
    thoroughfare: address ? `${faker.location.buildingNumber()} ${place.street}` : null,
    locality: place.locality,
    administrative_area: organization.metro.state,
    postal_code: `${random.pick(organization.metro.zipPrefixes)}${String(random.int(1, 99)).padStart(2, '0')}`,
    country: 'US',
    created: at(created),
    updated: at(created)
  })
  return locationId
}

/** A point with a street address, clustered around one of the metro's localities, or close to `near`. */
export function addPoint (context: GenerationContext, organization: Organization, created: number, near?: Place): Place {
  const { random, faker } = context
  const town = near ? undefined : random.pick(organization.metro.localities)
  const centre = near ?? town!
  const locality = near?.locality ?? town!.name
  const spread = near ? 0.006 : 0.03
  const lat = round6(centre.lat + random.normal() * spread)
  const lon = round6(centre.lon + random.normal() * spread / Math.cos(centre.lat * Math.PI / 180))
  const place = { locality, street: faker.location.street(), lat, lon }
  const locationId = addLocation(context, organization, { type: 'Point', coordinates: [lon, lat] }, place, created, true)
  return { ...place, locationId }
}

/** An outage area: a rough polygon around a point near the incident. */
export function addArea (context: GenerationContext, organization: Organization, created: number, near: Place): string {
  const { random } = context
  const lat = near.lat + random.normal() * 0.004
  const lon = near.lon + random.normal() * 0.004
  const radiusKm = random.between(0.3, 2.5)
  const vertices = random.int(6, 9)
  const ring: number[][] = []
  for (let i = 0; i < vertices; i++) {
    // Counter-clockwise, as GeoJSON wants an exterior ring.
    const angle = 2 * Math.PI * (i + random.between(-0.3, 0.3)) / vertices
    const radius = radiusKm * random.between(0.7, 1.3)
    ring.push([
      round6(lon + radius / (111.32 * Math.cos(lat * Math.PI / 180)) * Math.cos(angle)),
      round6(lat + radius / 110.57 * Math.sin(angle))
    ])
  }
  ring.push([...ring[0]!])
  return addLocation(context, organization, { type: 'Polygon', coordinates: [ring] }, { ...near, lat, lon }, created, false)
}
