import type { IncidentsClient, IntelRequestsClient } from '@incident-intel/sdk'
import type { DataSet, Organization } from './data-set.js'

export interface Clients {
  incidents: IncidentsClient
  intelRequests: IntelRequestsClient
}

/** What one request of the mix needs: the statuses that count as right, the call, and what to keep of its answer. */
export interface PlannedRequest {
  operation: OperationName
  expected: readonly number[]
  send: () => Promise<{ data?: unknown, error?: unknown, response: Response }>
  /** Called with an expected answer (e.g. to remember a created id). */
  onAnswer?: (status: number, data: unknown, response: Response) => void
}

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
const pickSome = <T>(items: readonly T[], count: number): T[] => Array.from({ length: count }, () => pick(items))
const pickTwo = <T>(items: readonly T[]): [T, T] => {
  const first = Math.floor(Math.random() * items.length)
  const second = (first + 1 + Math.floor(Math.random() * (items.length - 1))) % items.length
  return [items[first]!, items[second]!]
}
const field = (data: unknown, name: string): string => {
  const value = (data as Record<string, unknown> | undefined)?.[name]
  if (typeof value !== 'string') throw new Error(`the answer has no ${name}`)
  return value
}

type Planner = (clients: Clients, data: DataSet, state: WorkerState) => PlannedRequest

/** The mix, by share of requests: reads of the sender's document dominate, as in production. */
const MIX: Array<[weight: number, planner: Planner]> = [
  [60, (c, d) => {
    const { incidentId } = pick(d.incidents)
    return {
      operation: 'current_incident_get',
      expected: EXPECTED.current_incident_get,
      send: () => c.incidents.GET('/incidents/current/{incident_id}', { params: { path: { incident_id: incidentId } } })
    }
  }],
  [10, (c, d) => {
    const { incidentId } = pick(d.incidents)
    return {
      operation: 'incident_get_recursive',
      expected: EXPECTED.incident_get_recursive,
      send: () => c.incidents.GET('/incidents/{incident_id}', {
        params: { path: { incident_id: incidentId }, query: { get_recursive_dependencies: true, recursive_dependency_type: 'dependents' } }
      })
    }
  }],
  [5, (c, d) => {
    const id = pick(pick(d.incidents).organization.intelRequestIds)
    return {
      operation: 'intel_request_get_recursive',
      expected: EXPECTED.intel_request_get_recursive,
      send: () => c.intelRequests.GET('/intel-requests/{intel_request_id}', {
        params: { path: { intel_request_id: id }, query: { get_recursive_dependencies: true, recursive_dependency_type: 'blockers' } }
      })
    }
  }],
  [5, (c, d) => {
    const ids = [...new Set(pickSome(pick(d.incidents).organization.intelRequestIds, BULK_SIZE))]
    return {
      operation: 'intel_requests_bulk_recursive',
      expected: EXPECTED.intel_requests_bulk_recursive,
      send: () => c.intelRequests.POST('/intel-requests/bulk', {
        params: { query: { get_recursive_dependencies: true } },
        body: { intel_request_ids: ids }
      })
    }
  }],
  [2.5, (c, d) => {
    const { incidentId } = pick(d.incidents)
    return {
      operation: 'incident_patch',
      expected: EXPECTED.incident_patch,
      send: () => c.incidents.PATCH('/incidents/{incident_id}', {
        params: { path: { incident_id: incidentId } },
        // Never resolved: every incident stays current, so the document reads always answer 200.
        body: { title: `Soak edit ${Date.now()}`, status: pick(['active', 'monitoring'] as const) }
      })
    }
  }],
  [2.5, (c, d) => {
    const { incidentId, organization } = pick(d.incidents)
    return {
      operation: 'intel_request_create',
      expected: EXPECTED.intel_request_create,
      send: () => c.intelRequests.POST('/intel-requests', {
        body: {
          organization_id: organization.organizationId,
          request_type: 'site_check',
          priority: pick(['low', 'normal', 'high', 'urgent'] as const),
          description: 'Created by the soak',
          incident_id: incidentId
        }
      }),
      onAnswer: (_status, data) => { organization.intelRequestIds.push(field(data, 'intel_request_id')) }
    }
  }],
  [2.5, (c, d) => {
    const id = pick(pick(d.incidents).organization.intelRequestIds)
    return {
      operation: 'intel_request_patch',
      expected: EXPECTED.intel_request_patch,
      send: () => c.intelRequests.PATCH('/intel-requests/{intel_request_id}', {
        params: { path: { intel_request_id: id } },
        body: { status: pick(['pending', 'in_progress', 'completed'] as const), priority: pick(['low', 'normal', 'high'] as const) }
      })
    }
  }],
  [2.5, (c, d, state) => planEdge(c, pick(d.incidents).organization, state)],
  [1, (c, d, state) => planOutageCreate(c, pick(d.incidents).incidentId, state)],
  [2, (c, d, state) => {
    const own = state.outages.length === 0 ? undefined : pick(state.outages)
    if (own === undefined) return planOutageCreate(c, pick(d.incidents).incidentId, state)
    return {
      operation: 'outage_patch',
      expected: EXPECTED.outage_patch,
      send: () => c.incidents.PATCH('/incidents/{incident_id}/outages/{outage_id}', {
        params: { path: { incident_id: own.incidentId, outage_id: own.outageId } },
        body: { customers_affected: Math.floor(Math.random() * 10_000) }
      })
    }
  }],
  [2, (c, d) => {
    const { incidentId, organization } = pick(d.incidents)
    return {
      operation: 'incident_assets_put',
      expected: EXPECTED.incident_assets_put,
      send: () => c.incidents.PUT('/incidents/{incident_id}/assets', {
        params: { path: { incident_id: incidentId } },
        body: { asset_ids: pickTwo(organization.assetIds) }
      })
    }
  }],
  [2.5, (c, d, state) => {
    const { organizationId } = pick(d.incidents).organization
    const key = `incidents:${organizationId}`
    const cursor = state.cursors.get(key)
    return {
      operation: 'incidents_list',
      expected: EXPECTED.incidents_list,
      send: () => c.incidents.GET('/incidents', {
        params: { query: { organization_id: organizationId, limit: PAGE_SIZE, ...(cursor === undefined ? {} : { cursor }) } }
      }),
      onAnswer: (_status, data) => { followCursor(state, key, data) }
    }
  }],
  [2.5, (c, d, state) => {
    const { organizationId } = pick(d.incidents).organization
    const key = `intel_requests:${organizationId}`
    const cursor = state.cursors.get(key)
    return {
      operation: 'intel_requests_list',
      expected: EXPECTED.intel_requests_list,
      send: () => c.intelRequests.GET('/intel-requests', {
        params: { query: { organization_id: organizationId, limit: PAGE_SIZE, ...(cursor === undefined ? {} : { cursor }) } }
      }),
      onAnswer: (_status, data) => { followCursor(state, key, data) }
    }
  }]
]

const TOTAL_WEIGHT = MIX.reduce((sum, [weight]) => sum + weight, 0)

/** The next request of the mix, drawn at random by weight. */
export function planRequest (clients: Clients, data: DataSet, state: WorkerState): PlannedRequest {
  let draw = Math.random() * TOTAL_WEIGHT
  for (const [weight, planner] of MIX) {
    draw -= weight
    if (draw < 0) return planner(clients, data, state)
  }
  return MIX.at(-1)![1](clients, data, state)
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

function planEdge (c: Clients, organization: Organization, state: WorkerState): PlannedRequest {
  const draw = Math.random()
  if (state.edges.length > 0 && (state.edges.length >= MAX_OWN_EDGES || draw < 0.35)) {
    const [edge] = state.edges.splice(Math.floor(Math.random() * state.edges.length), 1)
    return {
      operation: 'dependency_delete',
      expected: EXPECTED.dependency_delete,
      send: () => c.intelRequests.DELETE('/dependencies/{dependency_id}', { params: { path: { dependency_id: edge!.dependencyId } } })
    }
  }
  if (state.edges.length > 0 && draw < 0.5) {
    const edge = pick(state.edges)
    return {
      operation: 'dependency_create_cycle',
      expected: EXPECTED.dependency_create_cycle,
      send: () => c.intelRequests.POST('/dependencies', {
        body: { blocker_type: 'intel_requests', blocker_id: edge.dependentId, dependent_type: 'intel_requests', dependent_id: edge.blockerId }
      })
    }
  }
  const [blockerId, dependentId] = pickTwo(organization.intelRequestIds)
  return {
    operation: 'dependency_create',
    expected: EXPECTED.dependency_create,
    send: () => c.intelRequests.POST('/dependencies', {
      body: { blocker_type: 'intel_requests', blocker_id: blockerId, dependent_type: 'intel_requests', dependent_id: dependentId }
    }),
    // Only an edge this request created is the worker's to delete; a 200 names someone else's.
    onAnswer: (status, data) => {
      if (status === 201) state.edges.push({ dependencyId: field(data, 'dependency_id'), blockerId, dependentId })
    }
  }
}

function planOutageCreate (c: Clients, incidentId: string, state: WorkerState): PlannedRequest {
  return {
    operation: 'outage_create',
    expected: EXPECTED.outage_create,
    send: () => c.incidents.POST('/incidents/{incident_id}/outages', {
      params: { path: { incident_id: incidentId } },
      body: { utility_name: 'Soak utility', customers_affected: Math.floor(Math.random() * 10_000) }
    }),
    onAnswer: (_status, data) => {
      state.outages.push({ incidentId, outageId: field(data, 'outage_id') })
      if (state.outages.length > MAX_OWN_OUTAGES) state.outages.shift()
    }
  }
}

function followCursor (state: WorkerState, key: string, data: unknown): void {
  const next = (data as { next_cursor?: unknown } | undefined)?.next_cursor
  if (typeof next === 'string') state.cursors.set(key, next)
  else state.cursors.delete(key)
}
