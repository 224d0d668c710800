import { DIRECT_REQUESTS, FOLLOW_UP_REQUESTS, PRIORITIES, REQUEST_CHANNELS, REQUEST_STATUSES } from '../catalog.js'
import type { RecordRef } from './demo-data-set.js'
import { addEdge } from './dependencies.js'
import { MINUTE, type GenerationContext, type Organization, type Place } from './generation-context.js'

export function addIntelRequest (
  { nextId, random, faker, at, data }: GenerationContext,
  organization: Organization,
  request: { type: string, description: string },
  fields: { status: string, assetId?: string | null, locationId?: string | null, created: number }
): RecordRef {
  const id = nextId('intel_requests')
  const updated = fields.status === 'pending' ? fields.created : fields.created + random.int(10, 600) * MINUTE
  data.intelRequests.push({
    intel_request_id: id,
    organization_id: organization.id,
    asset_id: fields.assetId ?? null,
    location_id: fields.locationId ?? null,
    request_type: request.type,
    status: fields.status,
    priority: random.weighted(PRIORITIES),
    description: request.description,
    metadata: JSON.stringify({ channel: random.pick(REQUEST_CHANNELS), requested_by: `${faker.person.firstName()} ${faker.person.lastName()}` }),
    created: at(fields.created),
    updated: at(Math.max(updated, fields.created))
  })
  return { type: 'intel_requests', id }
}

export interface IntelRequestsOfIncident {
  incident: RecordRef
  isCurrent: boolean
  place: Place
  /** The assets linked to the incident. */
  linkedAssetIds: string[]
  created: number
  /** When the incident was resolved, or the reference date. */
  end: number
}

/**
 * Intel requests that depend on the incident ("intel request depends on incident"), and
 * follow-ups on those: the document's intel_requests and parent_intel_requests. Returns the follow-ups.
 */
export function addIntelRequestsOfIncident (context: GenerationContext, organization: Organization, of: IntelRequestsOfIncident): RecordRef[] {
  const { random, fanOut } = context
  const { incident, isCurrent, place, linkedAssetIds, created, end } = of
  const directCount = isCurrent ? random.weighted(fanOut.directRequests) : (random.chance(0.5) ? 1 : 0)
  const direct: Array<{ ref: RecordRef, created: number }> = []
  for (let r = 0; r < directCount; r++) {
    const requestCreated = Math.min(created + random.int(5, 240) * MINUTE, end)
    const ref = addIntelRequest(context, organization, random.pick(DIRECT_REQUESTS), {
      status: isCurrent ? random.weighted(REQUEST_STATUSES) : 'completed',
      assetId: linkedAssetIds.length > 0 && random.chance(0.5) ? random.pick(linkedAssetIds) : null,
      locationId: random.chance(0.7) ? place.locationId : null,
      created: requestCreated
    })
    addEdge(context, organization, incident, ref, requestCreated)
    direct.push({ ref, created: requestCreated })
  }
  const followUps = direct.length === 0 || !isCurrent ? 0 : random.weighted(fanOut.followUps)
  const refs: RecordRef[] = []
  for (let r = 0; r < followUps; r++) {
    const blocker = random.pick(direct)
    const requestCreated = Math.min(blocker.created + random.int(10, 360) * MINUTE, end)
    const ref = addIntelRequest(context, organization, random.pick(FOLLOW_UP_REQUESTS), {
      status: random.weighted([['pending', 60], ['in_progress', 30], ['completed', 10]]),
      created: requestCreated
    })
    addEdge(context, organization, blocker.ref, ref, requestCreated)
    refs.push(ref)
  }
  return refs
}
