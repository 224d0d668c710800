import { isDeepStrictEqual } from 'node:util'
import type { Pool } from 'pg'
import type { IncidentsClient } from '@incident-intel/sdk'
// The one LATERAL query the service builds documents with: the check compares against it, not a copy.
import { canonicalUuid } from '@incident-intel/schemas'
import { findOrganizationDocuments } from '@incident-intel/incidents-api/sql/incident-documents'

export interface OrganizationCacheCheck {
  organization_id: string
  /** What GET /incidents/current answered from: `cache` is what the check needs. */
  source: string
  cached_documents: number
  database_documents: number
  /** Current in the database, absent from the cache. */
  missing: string[]
  /** In the cache, not current in the database. */
  extra: string[]
  /** In both, with different contents. */
  different: string[]
}

export interface CacheCheck {
  ok: boolean
  queue_drain_ms: number
  /** Refreshes still queued when the check gave up waiting (0 when it drained). */
  queue_left: number
  documents: number
  organizations: OrganizationCacheCheck[]
}

const QUEUE_TIMEOUT_MS = 60_000
const SETTLE_TIMEOUT_MS = 15_000

/**
 * Once the load has stopped: waits for the refresh queue to drain, then checks that every
 * organization's cached documents (GET /incidents/current, answered from Redis) equal what the
 * LATERAL query reads from PostgreSQL, field by field. A rebuild or refresh may still be
 * finishing after the queue empties, so a mismatch is retried until SETTLE_TIMEOUT_MS.
 */
export async function checkCache (pool: Pool, client: IncidentsClient, organizationIds: string[]): Promise<CacheCheck> {
  const started = performance.now()
  let queued = await queueDepth(pool)
  while (queued > 0 && performance.now() - started < QUEUE_TIMEOUT_MS) {
    await sleep(100)
    queued = await queueDepth(pool)
  }
  const drainMs = performance.now() - started

  const organizations: OrganizationCacheCheck[] = []
  for (const organizationId of organizationIds) {
    const deadline = performance.now() + SETTLE_TIMEOUT_MS
    let check = await compare(pool, client, organizationId)
    while (!matches(check) && performance.now() < deadline) {
      await sleep(250)
      check = await compare(pool, client, organizationId)
    }
    organizations.push(check)
  }
  return {
    ok: queued === 0 && organizations.every(matches),
    queue_drain_ms: Math.round(drainMs),
    queue_left: queued,
    documents: organizations.reduce((sum, o) => sum + o.cached_documents, 0),
    organizations
  }
}

const matches = (check: OrganizationCacheCheck): boolean =>
  check.source === 'cache' && check.missing.length === 0 && check.extra.length === 0 && check.different.length === 0

async function compare (pool: Pool, client: IncidentsClient, organizationId: string): Promise<OrganizationCacheCheck> {
  const [answer, rows] = await Promise.all([
    client.GET('/incidents/current', { params: { query: { organization_id: organizationId } } }),
    findOrganizationDocuments(pool, canonicalUuid(organizationId)!)
  ])
  if (answer.data === undefined) throw new Error(`GET /incidents/current answered ${answer.response.status}: ${JSON.stringify(answer.error)}`)
  const listed = answer.data as { source: string, incidents: Array<{ incident_id: string, cache?: unknown }> }
  // The stamp says when the document was written; the LATERAL query has no such field.
  const cached = new Map(listed.incidents.map(({ cache: _cache, ...document }) => [document.incident_id, document]))
  // The route answers JSON: the database's side goes through JSON too (dates, numbers).
  const database = new Map<string, unknown>(rows.map(row => [row.incident_id, JSON.parse(JSON.stringify(row.document)) as unknown]))
  return {
    organization_id: organizationId,
    source: listed.source,
    cached_documents: cached.size,
    database_documents: database.size,
    missing: [...database.keys()].filter(id => !cached.has(id)),
    extra: [...cached.keys()].filter(id => !database.has(id)),
    different: [...database.keys()].filter(id => cached.has(id) && !isDeepStrictEqual(cached.get(id), database.get(id)))
  }
}

async function queueDepth (pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ count: number }>('select count(*)::int as count from current_incidents.refresh_queue')
  return rows[0]!.count
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))
