import { InvalidGeometryError } from '../errors.js'
import { geometryProblem, type Geometry } from '../schemas/location.js'

/** Throws the 400 for a location whose geometry PostGIS would refuse or misplace; `field` names it in the body. */
export function checkLocation (field: string, location: { geometry: Geometry } | null | undefined): void {
  if (!location) return
  const problem = geometryProblem(location.geometry)
  if (problem !== undefined) throw new InvalidGeometryError(`${field}/geometry`, problem)
}
