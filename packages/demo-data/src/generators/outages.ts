import { INTERNET_PROVIDERS } from '../catalog.js'
import { MINUTE, type GenerationContext, type Organization, type Place } from './generation-context.js'
import { addArea, addPoint } from './locations.js'

export interface OutagesOfIncident {
  incidentId: string
  place: Place
  started: number
  /** Set when the incident is resolved: every outage is restored by then. */
  resolvedAt: number | null
  /** When the incident was resolved, or the reference date. */
  end: number
}

/** Outages near the incident (as many as the shape's fan-out draws), each with a point or an area of its own. */
export function addOutages (context: GenerationContext, organization: Organization, of: OutagesOfIncident): void {
  const { random, nextId, at, data, fanOut } = context
  const { incidentId, place, started, resolvedAt, end } = of
  const outages = random.weighted(fanOut.outages)
  for (let o = 0; o < outages; o++) {
    const outageStarted = Math.min(started + random.int(0, 90) * MINUTE, end)
    const restored = resolvedAt !== null || random.chance(0.25)
      ? Math.min(outageStarted + random.int(20, 12 * 60) * MINUTE, end)
      : null
    const locationId = random.chance(0.6) ? addArea(context, organization, outageStarted, place) : addPoint(context, organization, outageStarted, place).locationId
    data.outages.push({
      outage_id: nextId('outages'),
      incident_id: incidentId,
      organization_id: organization.id,
      location_id: locationId,
      utility_name: random.pick(organization.metro.utilities),
      status: restored === null ? 'active' : 'restored',
      started: at(outageStarted),
      restored: restored === null ? null : at(restored),
      customers_affected: Math.round(Math.exp(random.between(Math.log(5), Math.log(40_000)))),
      created: at(outageStarted),
      updated: at(restored ?? outageStarted)
    })
  }
}

/** Internet outages as the shape's fan-out draws (1–2 for a fiber cut). */
export function addInternetOutages (context: GenerationContext, organization: Organization, of: OutagesOfIncident & { fiberCut: boolean }): void {
  const { random, nextId, at, data, fanOut } = context
  const { incidentId, started, resolvedAt, end } = of
  const internetOutages = of.fiberCut ? random.int(1, 2) : random.weighted(fanOut.internetOutages)
  for (let o = 0; o < internetOutages; o++) {
    const outageStarted = Math.min(started + random.int(0, 120) * MINUTE, end)
    const restored = resolvedAt !== null || random.chance(0.4)
      ? Math.min(outageStarted + random.int(15, 8 * 60) * MINUTE, end)
      : null
    data.internetOutages.push({
      internet_outage_id: nextId('internet_outages'),
      incident_id: incidentId,
      organization_id: organization.id,
      provider: random.pick(INTERNET_PROVIDERS),
      started: at(outageStarted),
      restored: restored === null ? null : at(restored),
      created: at(outageStarted),
      updated: at(restored ?? outageStarted)
    })
  }
}
