import type { Clients } from '../clients.js'
import type { SeededOrganization } from '../seed.js'

/** One request of the mix: the call, and what to keep of an expected answer (e.g. a created id). */
interface PlannedRequest {
  operation: OperationName
  send: () => Promise<{ data?: unknown, error?: unknown, response: Response }>
  onAnswer?: (status: number, data: unknown) => void
}

/** A current incident, drawn uniformly by the reads, with its organization's records. */
export interface SoakIncident { incidentId: string, organization: SeededOrganization }

/** Each worker's own writes, so it alone deletes or patches them and knows the answer to expect. */
export interface WorkerState {
  edges: Array<{ dependencyId: string, blockerId: string, dependentId: string }>
  outages: Array<{ incidentId: string, outageId: string }>
  cursors: Map<string, string>
}

// Statuses that are right for each operation; anything else (every 5xx included) is an error.
export const EXPECTED = {
  current_incident_get: [200],
  incident_get_recursive: [200],
  intel_request_get_recursive: [200],
  intel_requests_bulk_recursive: [200],
  incident_patch: [200],
  intel_request_create: [201],
  intel_request_patch: [200],
  // A random pair may already be linked (200) or be linked the other way round, closing a cycle (409).
  dependency_create: [201, 200, 409],
  // The reverse of one of the worker's own live edges: always a cycle.
  dependency_create_cycle: [409],
  dependency_delete: [204],
  outage_create: [201],
  outage_patch: [200],
  incident_assets_put: [200],
  incidents_list: [200],
  intel_requests_list: [200]
} as const satisfies Record<string, readonly number[]>

export type OperationName = keyof typeof EXPECTED
export const OPERATION_NAMES = Object.keys(EXPECTED) as OperationName[]

const BULK_SIZE = 25
const PAGE_SIZE = 50
const MAX_OWN_EDGES = 20
const MAX_OWN_OUTAGES = 50

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!
const pickTwo = <T>(items: readonly T[]): [T, T] => {
  const first = Math.floor(Math.random() * items.length)
  return [items[first]!, items[(first + 1 + Math.floor(Math.random() * (items.length - 1))) % items.length]!]
}
const field = (data: unknown, name: string): string => {
  const value = (data as Record<string, unknown> | undefined)?.[name]
  if (typeof value !== 'string') throw new Error(`the answer has no ${name}`)
  return value
}
const request = (operation: OperationName, send: PlannedRequest['send'], onAnswer?: PlannedRequest['onAnswer']): PlannedRequest =>
  ({ operation, send, onAnswer })
const recursive = (type: 'dependents' | 'blockers') => ({ get_recursive_dependencies: true, recursive_dependency_type: type }) as const
const link = (blockerId: string, dependentId: string) =>
  ({ blocker_type: 'intel_requests', blocker_id: blockerId, dependent_type: 'intel_requests', dependent_id: dependentId }) as const

interface Draw extends SoakIncident { c: Clients, state: WorkerState }

/** The mix, by share of requests: reads of the sender's document dominate, as in production. */
const MIX: Array<[weight: number, plan: (draw: Draw) => PlannedRequest]> = [
  [60, ({ c, incidentId }) => request('current_incident_get',
    () => c.incidents.GET('/incidents/current/{incident_id}', { params: { path: { incident_id: incidentId } } }))],
  [10, ({ c, incidentId }) => request('incident_get_recursive',
    () => c.incidents.GET('/incidents/{incident_id}', { params: { path: { incident_id: incidentId }, query: recursive('dependents') } }))],
  [5, ({ c, organization }) => {
    const id = pick(organization.intelRequestIds)
    return request('intel_request_get_recursive',
      () => c.intelRequests.GET('/intel-requests/{intel_request_id}', { params: { path: { intel_request_id: id }, query: recursive('blockers') } }))
  }],
  [5, ({ c, organization }) => {
    const ids = [...new Set(Array.from({ length: BULK_SIZE }, () => pick(organization.intelRequestIds)))]
    return request('intel_requests_bulk_recursive',
      () => c.intelRequests.POST('/intel-requests/bulk', { params: { query: { get_recursive_dependencies: true } }, body: { intel_request_ids: ids } }))
  }],
  // Never resolved: every incident stays current, so the document reads always answer 200.
  [2.5, ({ c, incidentId }) => request('incident_patch', () => c.incidents.PATCH('/incidents/{incident_id}', {
    params: { path: { incident_id: incidentId } }, body: { title: `Soak edit ${Date.now()}`, status: pick(['active', 'monitoring'] as const) }
  }))],
  [2.5, ({ c, incidentId, organization }) => request('intel_request_create', () => c.intelRequests.POST('/intel-requests', {
    body: { organization_id: organization.organizationId, request_type: 'site_check', priority: pick(['low', 'normal', 'high', 'urgent'] as const), description: 'Created by the soak', incident_id: incidentId }
  }), (_status, data) => { organization.intelRequestIds.push(field(data, 'intel_request_id')) })],
  [2.5, ({ c, organization }) => {
    const id = pick(organization.intelRequestIds)
    return request('intel_request_patch', () => c.intelRequests.PATCH('/intel-requests/{intel_request_id}', {
      params: { path: { intel_request_id: id } }, body: { status: pick(['pending', 'in_progress', 'completed'] as const), priority: pick(['low', 'normal', 'high'] as const) }
    }))
  }],
  [2.5, planEdge],
  [1, planOutageCreate],
  [2, (draw) => {
    if (draw.state.outages.length === 0) return planOutageCreate(draw)
    const own = pick(draw.state.outages)
    return request('outage_patch', () => draw.c.incidents.PATCH('/incidents/{incident_id}/outages/{outage_id}', {
      params: { path: { incident_id: own.incidentId, outage_id: own.outageId } }, body: { customers_affected: Math.floor(Math.random() * 10_000) }
    }))
  }],
  [2, ({ c, incidentId, organization }) => request('incident_assets_put', () => c.incidents.PUT('/incidents/{incident_id}/assets', {
    params: { path: { incident_id: incidentId } }, body: { asset_ids: pickTwo(organization.assetIds) }
  }))],
  [2.5, (draw) => planPage(draw, 'incidents_list', query => draw.c.incidents.GET('/incidents', { params: { query } }))],
  [2.5, (draw) => planPage(draw, 'intel_requests_list', query => draw.c.intelRequests.GET('/intel-requests', { params: { query } }))]
]

const TOTAL_WEIGHT = MIX.reduce((sum, [weight]) => sum + weight, 0)

/** The next request of the mix, drawn at random by weight, about an incident drawn uniformly. */
export function planRequest (c: Clients, incidents: readonly SoakIncident[], state: WorkerState): PlannedRequest {
  const draw = { c, state, ...pick(incidents) }
  let weight = Math.random() * TOTAL_WEIGHT
  return (MIX.find(([share]) => (weight -= share) < 0) ?? MIX.at(-1)!)[1](draw)
}

/** The mix's shares in percent, by planner group, for the report. */
export const MIX_DESCRIPTION = [
  '60% GET /incidents/current/:id',
  '10% GET /incidents/:id with recursion',
  '10% intel requests: GET /intel-requests/:id and POST /intel-requests/bulk (25 ids), with recursion',
  '10% writes: PATCH incident, POST intel request with incident_id, PATCH intel request, POST/DELETE dependency edge',
  '5% outages and assets: POST/PATCH outage, PUT incident assets',
  '5% list pages: GET /incidents, GET /intel-requests (50 a page, following the cursor)'
]

function planEdge ({ c, organization, state }: Draw): PlannedRequest {
  const draw = Math.random()
  if (state.edges.length > 0 && (state.edges.length >= MAX_OWN_EDGES || draw < 0.35)) {
    const [edge] = state.edges.splice(Math.floor(Math.random() * state.edges.length), 1)
    return request('dependency_delete', () => c.intelRequests.DELETE('/dependencies/{dependency_id}', { params: { path: { dependency_id: edge!.dependencyId } } }))
  }
  if (state.edges.length > 0 && draw < 0.5) {
    const edge = pick(state.edges)
    return request('dependency_create_cycle', () => c.intelRequests.POST('/dependencies', { body: link(edge.dependentId, edge.blockerId) }))
  }
  const [blockerId, dependentId] = pickTwo(organization.intelRequestIds)
  // Only an edge this request created is the worker's to delete; a 200 names someone else's.
  return request('dependency_create', () => c.intelRequests.POST('/dependencies', { body: link(blockerId, dependentId) }), (status, data) => {
    if (status === 201) state.edges.push({ dependencyId: field(data, 'dependency_id'), blockerId, dependentId })
  })
}

function planOutageCreate ({ c, incidentId, state }: Draw): PlannedRequest {
  return request('outage_create', () => c.incidents.POST('/incidents/{incident_id}/outages', {
    params: { path: { incident_id: incidentId } }, body: { utility_name: 'Soak utility', customers_affected: Math.floor(Math.random() * 10_000) }
  }), (_status, data) => {
    state.outages.push({ incidentId, outageId: field(data, 'outage_id') })
    if (state.outages.length > MAX_OWN_OUTAGES) state.outages.shift()
  })
}

/** The next page of the organization's list, following the worker's cursor to the end and starting over. */
function planPage ({ organization, state }: Draw, operation: 'incidents_list' | 'intel_requests_list',
  get: (query: { organization_id: string, limit: number, cursor?: string }) => PlannedRequest['send'] extends () => infer R ? R : never): PlannedRequest {
  const key = `${operation}:${organization.organizationId}`
  const cursor = state.cursors.get(key)
  return request(operation, () => get({ organization_id: organization.organizationId, limit: PAGE_SIZE, ...(cursor === undefined ? {} : { cursor }) }), (_status, data) => {
    const next = (data as { next_cursor?: unknown } | undefined)?.next_cursor
    if (typeof next === 'string') state.cursors.set(key, next)
    else state.cursors.delete(key)
  })
}
