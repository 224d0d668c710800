import type { Queryable } from '@incident-intel/db'
import type { LocationInput } from '../schemas/location.js'
import type { CanonicalUuid } from '@incident-intel/schemas'

const INSERT_LOCATION = `
  insert into locations.locations (organization_id, location, thoroughfare, locality, administrative_area, postal_code, country)
  values ($1::uuid, st_setsrid(st_geomfromgeojson($2::text), 4326), $3::text, $4::text, $5::text, $6::text, $7::text)
  returning location_id`

// The whole location is replaced: an address field left out becomes null.
const UPDATE_LOCATION = `
  update locations.locations
     set location = st_setsrid(st_geomfromgeojson($2::text), 4326),
         thoroughfare = $3::text, locality = $4::text, administrative_area = $5::text,
         postal_code = $6::text, country = $7::text
   where location_id = $1::uuid and deleted is null
  returning location_id`

function values (location: LocationInput): unknown[] {
  return [
    JSON.stringify(location.geometry), location.thoroughfare ?? null, location.locality ?? null,
    location.administrative_area ?? null, location.postal_code ?? null, location.country ?? null
  ]
}

/**
 * Stores a record's inline location: its own live location row (`currentLocationId`) is updated
 * in place, so its id stays; otherwise a new row is inserted in the organization. Returns the id.
 */
export async function saveLocation (
  tx: Queryable, organizationId: CanonicalUuid, currentLocationId: CanonicalUuid | null, location: LocationInput
): Promise<CanonicalUuid> {
  if (currentLocationId !== null) {
    const { rows } = await tx.query<{ location_id: CanonicalUuid }>(UPDATE_LOCATION, [currentLocationId, ...values(location)])
    if (rows[0]) return rows[0].location_id
  }
  const { rows } = await tx.query<{ location_id: CanonicalUuid }>(INSERT_LOCATION, [organizationId, ...values(location)])
  return rows[0]!.location_id
}

/**
 * The location id a record holds after a write that may name its location: `undefined` (not
 * named) keeps it, `null` detaches it, an object saves it (see saveLocation).
 */
export async function nextLocationId (
  tx: Queryable, organizationId: CanonicalUuid, currentLocationId: CanonicalUuid | null, location: LocationInput | null | undefined
): Promise<CanonicalUuid | null> {
  if (location === undefined) return currentLocationId
  if (location === null) return null
  return saveLocation(tx, organizationId, currentLocationId, location)
}
