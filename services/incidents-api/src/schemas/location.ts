import { Type, type Static } from '@sinclair/typebox'
import { Uuid } from '@incident-intel/schemas'
import { nullable } from '@incident-intel/schemas'

// GeoJSON (RFC 7946) in WGS 84: PostGIS refuses malformed geometry with an internal error, so
// the shapes it needs (closed rings, enough points) are checked here, as a 400.
// Locations are stored in two dimensions: an altitude would be refused by the column.
// The numbers' ranges (±180, ±90) are geometryProblem's: in the union of shapes Ajv's message would name every shape.
const Position = Type.Array(Type.Number(), {
  minItems: 2,
  maxItems: 2,
  description: '[longitude, latitude]'
})
const MAX_POSITIONS = 10000
const LineCoordinates = Type.Array(Position, { minItems: 2, maxItems: MAX_POSITIONS })
const Ring = Type.Array(Position, { minItems: 4, maxItems: MAX_POSITIONS, description: 'A closed ring: the first position is repeated last' })
const PolygonCoordinates = Type.Array(Ring, { minItems: 1, maxItems: 1000 })

export const GeometrySchema = Type.Union([
  Type.Object({ type: Type.Literal('Point'), coordinates: Position }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('MultiPoint'), coordinates: Type.Array(Position, { minItems: 1, maxItems: MAX_POSITIONS }) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('LineString'), coordinates: LineCoordinates }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('MultiLineString'), coordinates: Type.Array(LineCoordinates, { minItems: 1, maxItems: 1000 }) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('Polygon'), coordinates: PolygonCoordinates }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('MultiPolygon'), coordinates: Type.Array(PolygonCoordinates, { minItems: 1, maxItems: 1000 }) }, { additionalProperties: false })
], { title: 'Geometry', description: 'A GeoJSON geometry in WGS 84 (longitude, latitude)' })

export type Geometry = Static<typeof GeometrySchema>

const ADDRESS_MAX_LENGTHS = { thoroughfare: 500, locality: 200, administrative_area: 200, postal_code: 50, country: 100 }
const nullableString = (maxLength: number) => nullable(Type.String({ maxLength }))

const AddressProperties = {
  thoroughfare: Type.Optional(nullableString(ADDRESS_MAX_LENGTHS.thoroughfare)),
  locality: Type.Optional(nullableString(ADDRESS_MAX_LENGTHS.locality)),
  administrative_area: Type.Optional(nullableString(ADDRESS_MAX_LENGTHS.administrative_area)),
  postal_code: Type.Optional(nullableString(ADDRESS_MAX_LENGTHS.postal_code)),
  country: Type.Optional(nullableString(ADDRESS_MAX_LENGTHS.country))
}

/** A location given inline with the record that sits there. */
export const LocationInputSchema = Type.Object({
  geometry: GeometrySchema,
  ...AddressProperties
}, { additionalProperties: false, title: 'LocationInput' })

export type LocationInput = Static<typeof LocationInputSchema>

/** A stored location, as every response shows it. */
export const LocationSchema = Type.Object({
  location_id: Uuid,
  geometry: GeometrySchema,
  thoroughfare: Type.Union([Type.String({ maxLength: ADDRESS_MAX_LENGTHS.thoroughfare }), Type.Null()]),
  locality: Type.Union([Type.String({ maxLength: ADDRESS_MAX_LENGTHS.locality }), Type.Null()]),
  administrative_area: Type.Union([Type.String({ maxLength: ADDRESS_MAX_LENGTHS.administrative_area }), Type.Null()]),
  postal_code: Type.Union([Type.String({ maxLength: ADDRESS_MAX_LENGTHS.postal_code }), Type.Null()]),
  country: Type.Union([Type.String({ maxLength: ADDRESS_MAX_LENGTHS.country }), Type.Null()])
}, { title: 'Location' })

export type Location = Static<typeof LocationSchema>

/** Longitude within ±180 and latitude within ±90, and every ring closed; the reason otherwise. */
export function geometryProblem (geometry: Geometry): string | undefined {
  const positions: number[][] = []
  const rings: number[][][] = []
  switch (geometry.type) {
    case 'Point': positions.push(geometry.coordinates); break
    case 'MultiPoint': case 'LineString': positions.push(...geometry.coordinates); break
    case 'MultiLineString': positions.push(...geometry.coordinates.flat()); break
    case 'Polygon': rings.push(...geometry.coordinates); break
    case 'MultiPolygon': rings.push(...geometry.coordinates.flat()); break
  }
  for (const ring of rings) {
    positions.push(...ring)
    const first = ring[0]!
    const last = ring[ring.length - 1]!
    if (first.some((value, i) => value !== last[i]) || first.length !== last.length) {
      return 'every polygon ring must be closed: its last position must repeat its first'
    }
  }
  for (const [longitude, latitude] of positions) {
    if (Math.abs(longitude!) > 180 || Math.abs(latitude!) > 90) {
      return `position [${longitude}, ${latitude}] is outside WGS 84: longitude must lie within ±180 and latitude within ±90`
    }
  }
  return undefined
}
