import type { Test } from 'tap'
import type { Pool } from 'pg'
import { Redis } from 'ioredis'
import {
  createIncidentsClient, createIntelRequestsClient, type IncidentsClient, type IntelRequestsClient
} from '@incident-intel/sdk'
import { createOrganization, createRecords } from '@incident-intel/test-support'
import { settledCache } from '../../../services/incidents-api/test/helpers/cache-state.js'

/** One organization with incidents, each with intel requests that depend on it. */
export interface Scenario {
  organizationId: string
  incidentIds: string[]
  /** intel request → the incident it depends on. */
  intelRequests: Array<{ intelRequestId: string, incidentId: string }>
}

/** Seeds `incidents` incidents with `perIncident` dependent intel requests each, straight into the database. */
export async function seedScenario (pool: Pool, { incidents, perIncident }: { incidents: number, perIncident: number }): Promise<Scenario> {
  const organizationId = await createOrganization(pool, 'Fault organization')
  const incidentIds = await createRecords(pool, 'incidents', organizationId, incidents)
  const intelRequestIds = await createRecords(pool, 'intel_requests', organizationId, incidents * perIncident)
  const intelRequests = intelRequestIds.map((intelRequestId, i) => ({ intelRequestId, incidentId: incidentIds[i % incidents]! }))
  await pool.query(
    `insert into dependencies.dependencies (organization_id, blocker_type, blocker_id, dependent_type, dependent_id)
     select $1, 'incidents', blocker, 'intel_requests', dependent from unnest($2::uuid[], $3::uuid[]) as edge (blocker, dependent)`,
    [organizationId, intelRequests.map(r => r.incidentId), intelRequests.map(r => r.intelRequestId)])
  return { organizationId, incidentIds, intelRequests }
}

export async function queueDepth (pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ count: number }>('select count(*)::int as count from current_incidents.refresh_queue')
  return rows[0]!.count
}

/** The distinct incidents with a refresh still queued. */
export async function queuedIncidents (pool: Pool): Promise<Set<string>> {
  const { rows } = await pool.query<{ incident_id: string }>(
    'select distinct incident_id from current_incidents.refresh_queue where incident_id is not null')
  return new Set(rows.map(row => row.incident_id))
}

/**
 * Waits for the cache to equal the database for the organization (every current document vs the
 * LATERAL query), then asserts it exactly, so a failure shows the difference.
 */
export async function assertCacheEqualsDatabase (t: Test, redisUrl: string, pool: Pool, organizationId: string, timeoutMs = 15_000): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 })
  await redis.connect()
  try {
    const { cached, database } = await settledCache(redis, pool, organizationId, timeoutMs)
    t.same(cached, database, 'every current document in Redis equals the LATERAL query')
    t.equal(Object.keys(cached).length, Object.keys(database).length)
  } finally {
    await redis.quit()
  }
}

/** What one request got: a status (and x-cache) or the error that ended it. */
export interface Outcome {
  operation: string
  /** The incident whose document the request read or changed, when it names one. */
  incidentId?: string
  status?: number
  cache?: string
  error?: string
  /** performance.now() when it was sent and when it ended. */
  sentAt: number
  endedAt: number
}

/** Request loops that run until stopped, each awaiting its request before sending the next. */
export interface Load {
  outcomes: Outcome[]
  stop: () => Promise<void>
}

/**
 * Runs `loops` concurrent loops; loop i's n-th request is `request(i, n)`, which answers with
 * its status, or throws for a request that got no response.
 */
export interface LoadRequest {
  operation: string
  incidentId?: string
  send: () => Promise<{ status: number, cache?: string }>
}

export function startLoad (loops: number, request: (loop: number, n: number) => LoadRequest): Load {
  const outcomes: Outcome[] = []
  const state = { stopped: false }
  const running = Array.from({ length: loops }, async (_, loop) => {
    for (let n = 0; !state.stopped; n++) {
      const { operation, incidentId, send } = request(loop, n)
      const named = incidentId === undefined ? {} : { incidentId }
      const sentAt = performance.now()
      try {
        const { status, cache } = await send()
        outcomes.push({ operation, ...named, status, ...(cache === undefined ? {} : { cache }), sentAt, endedAt: performance.now() })
      } catch (error) {
        outcomes.push({ operation, ...named, error: errorCode(error), sentAt, endedAt: performance.now() })
      }
    }
  })
  return {
    outcomes,
    stop: async () => {
      state.stopped = true
      await Promise.all(running)
    }
  }
}

/** The innermost code or message of a request error (fetch wraps socket errors in `cause`). */
export function errorCode (error: unknown): string {
  let current = error as { code?: unknown, message?: unknown, cause?: unknown } | undefined
  while (current?.cause !== undefined && current.cause !== null) current = current.cause as typeof current
  if (typeof current?.code === 'string') return current.code
  return typeof current?.message === 'string' ? current.message : String(error)
}

/** Outcomes tallied as `<operation> <status | error>[ <x-cache>]` → count, for one exact comparison. */
export function tally (outcomes: Outcome[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const outcome of outcomes) {
    const key = `${outcome.operation} ${outcome.status ?? outcome.error}`
    counts[key] = (counts[key] ?? 0) + 1
  }
  return counts
}

/** Outcomes that are 5xx or got no response. */
export function failures (outcomes: Outcome[]): Outcome[] {
  return outcomes.filter(outcome => outcome.status === undefined || outcome.status >= 500)
}

// The requests the fault tests send, through the SDK: status, x-cache and body (data or error envelope).
const TIMEOUT_MS = 20_000
const incidentsClients = new Map<string, IncidentsClient>()
const intelRequestsClients = new Map<string, IntelRequestsClient>()

function incidentsClient (origin: string): IncidentsClient {
  let client = incidentsClients.get(origin)
  if (!client) incidentsClients.set(origin, client = createIncidentsClient({ baseUrl: origin }))
  return client
}

function intelRequestsClient (origin: string): IntelRequestsClient {
  let client = intelRequestsClients.get(origin)
  if (!client) intelRequestsClients.set(origin, client = createIntelRequestsClient({ baseUrl: origin }))
  return client
}

export interface Answer {
  status: number
  cache?: string
  retryAfter?: string
  body: any
}

function answer ({ data, error, response }: { data?: unknown, error?: unknown, response: Response }): Answer {
  const cache = response.headers.get('x-cache')
  const retryAfter = response.headers.get('retry-after')
  return {
    status: response.status,
    ...(cache === null ? {} : { cache }),
    ...(retryAfter === null ? {} : { retryAfter }),
    body: data ?? error
  }
}

const signal = () => AbortSignal.timeout(TIMEOUT_MS)

export async function getCurrentIncident (origin: string, incidentId: string): Promise<Answer> {
  return answer(await incidentsClient(origin).GET('/incidents/current/{incident_id}', { params: { path: { incident_id: incidentId } }, signal: signal() }))
}

export async function getIncident (origin: string, incidentId: string): Promise<Answer> {
  return answer(await incidentsClient(origin).GET('/incidents/{incident_id}', { params: { path: { incident_id: incidentId } }, signal: signal() }))
}

export async function patchIncident (origin: string, incidentId: string, title: string): Promise<Answer> {
  return answer(await incidentsClient(origin).PATCH('/incidents/{incident_id}', { params: { path: { incident_id: incidentId } }, body: { title }, signal: signal() }))
}

export async function rebuildCurrentIncidents (origin: string, organizationId: string): Promise<Answer> {
  return answer(await incidentsClient(origin).POST('/incidents/current/rebuild', { body: { organization_id: organizationId }, signal: signal() }))
}

export async function getIntelRequest (origin: string, intelRequestId: string): Promise<Answer> {
  return answer(await intelRequestsClient(origin).GET('/intel-requests/{intel_request_id}', { params: { path: { intel_request_id: intelRequestId } }, signal: signal() }))
}

export async function patchIntelRequest (origin: string, intelRequestId: string, description: string): Promise<Answer> {
  return answer(await intelRequestsClient(origin).PATCH('/intel-requests/{intel_request_id}', {
    params: { path: { intel_request_id: intelRequestId } }, body: { description }, signal: signal()
  }))
}

/** /ready of either service (both have the same operation). */
export async function getReady (origin: string): Promise<Answer> {
  return answer(await incidentsClient(origin).GET('/ready', { signal: signal() }))
}

/**
 * Reads and writes through both services, one loop each: current-incident reads and incident
 * PATCHes on incidents-api; intel request reads and PATCHes (which queue their incident's refresh)
 * on intel-requests-api, when its origin is given.
 */
export function startMixedLoad (scenario: Scenario, origins: { incidents: string, intelRequests?: string }): Load {
  const { incidentIds, intelRequests } = scenario
  const loops: Array<(n: number) => LoadRequest> = [
    n => {
      const incidentId = incidentIds[n % incidentIds.length]!
      return { operation: 'read current incident', incidentId, send: () => getCurrentIncident(origins.incidents, incidentId) }
    },
    n => {
      const incidentId = incidentIds[n % incidentIds.length]!
      return { operation: 'patch incident', incidentId, send: () => patchIncident(origins.incidents, incidentId, `Title ${n}`) }
    }
  ]
  const intelOrigin = origins.intelRequests
  if (intelOrigin !== undefined) {
    loops.push(
      n => {
        const { intelRequestId, incidentId } = intelRequests[n % intelRequests.length]!
        return { operation: 'read intel request', incidentId, send: () => getIntelRequest(intelOrigin, intelRequestId) }
      },
      n => {
        const { intelRequestId, incidentId } = intelRequests[n % intelRequests.length]!
        return { operation: 'patch intel request', incidentId, send: () => patchIntelRequest(intelOrigin, intelRequestId, `Description ${n}`) }
      })
  }
  return startLoad(loops.length, (loop, n) => loops[loop]!(n))
}
