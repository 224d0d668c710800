import { INCIDENT_TYPES, SEVERITIES, SOURCES } from '../catalog.js'
import type { RecordRef } from './demo-data-set.js'
import type { GeneratedAsset } from './assets.js'
import { DAY, MINUTE, type GenerationContext, type Organization } from './generation-context.js'
import { addIntelRequestsOfIncident } from './intel-requests.js'
import { addPoint } from './locations.js'
import { addInternetOutages, addOutages } from './outages.js'

/**
 * One incident, current or resolved, started within the 30 days before the reference date,
 * with its outages, internet outages, linked assets and the intel requests that depend on it.
 * Returns the incident and its second-level intel requests.
 */
export function addIncident (context: GenerationContext, organization: Organization, isCurrent: boolean, assets: GeneratedAsset[]): { incident: RecordRef, followUps: RecordRef[] } {
  const { random, nextId, at, reference, data, fanOut } = context
  // Skewed towards the recent days of the 30 before the reference date.
  const age = 30 * DAY * random.between(0, 1) ** 1.5
  const started = reference - Math.max(isCurrent ? 10 * MINUTE : 2 * DAY, age)
  const resolvedAt = isCurrent ? null : Math.min(started + random.int(60, 72 * 60) * MINUTE, reference - 30 * MINUTE)
  const kind = random.weighted(INCIDENT_TYPES.map(t => [t, t.weight] as const))
  const place = addPoint(context, organization, started)
  const incidentId = nextId('incidents')
  const created = started + random.int(1, 15) * MINUTE
  const title = random.pick(kind.titles).replace('{locality}', place.locality).replace('{street}', place.street)
  data.incidents.push({
    incident_id: incidentId,
    organization_id: organization.id,
    location_id: place.locationId,
    title,
    incident_type: kind.type,
    status: isCurrent ? (random.chance(0.7) ? 'active' : 'monitoring') : 'resolved',
    started: at(started),
    resolved: resolvedAt === null ? null : at(resolvedAt),
    metadata: JSON.stringify({
      severity: random.weighted(SEVERITIES),
      source: random.pick(SOURCES),
      ...(fanOut.fullMetadata ? { dispatch_log: dispatchLog(context, started, place.street) } : {})
    }),
    created: at(created),
    updated: at(resolvedAt ?? created)
  })
  const end = resolvedAt ?? reference
  const outages = { incidentId, place, started, resolvedAt, end }
  addOutages(context, organization, outages)
  addInternetOutages(context, organization, { ...outages, fiberCut: kind.type === 'fiber_cut' })

  const linked = random.sample(assets, random.weighted(fanOut.linkedAssets))
  for (const asset of linked) {
    data.incidentAssets.push({ incident_id: incidentId, asset_id: asset.id, organization_id: organization.id, created: at(created) })
  }

  const incident: RecordRef = { type: 'incidents', id: incidentId }
  const followUps = addIntelRequestsOfIncident(context, organization, {
    incident, isCurrent, place, linkedAssetIds: linked.map(asset => asset.id), created, end
  })
  return { incident, followUps }
}

/** A few timestamped dispatcher entries, as an incident record accumulates them. */
function dispatchLog ({ random, faker, at }: GenerationContext, started: number, street: string) {
  return Array.from({ length: random.int(2, 4) }, (_, n) => ({
    at: at(started + (n + 1) * random.int(5, 60) * MINUTE),
    by: `${faker.person.firstName()} ${faker.person.lastName()}`,
    note: random.pick(['crew dispatched to', 'customer calls from', 'patrol confirmed damage at', 'estimated restoration posted for']) + ` ${street}`
  }))
}
