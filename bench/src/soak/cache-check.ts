import { isDeepStrictEqual } from 'node:util'
import type { Pool } from 'pg'
import type { IncidentsClient } from '@incident-intel/sdk'
import { canonicalUuid } from '@incident-intel/schemas'
// The one LATERAL query the service builds documents with: the check compares against it, not a copy.
import { findOrganizationDocuments } from '@incident-intel/incidents-api/sql/incident-documents'
import { drainQueue, sleep } from '../queue.js'

export type CacheCheck = Awaited<ReturnType<typeof checkCache>>
type OrganizationCheck = Awaited<ReturnType<typeof compare>>

const QUEUE_TIMEOUT_MS = 60_000
const SETTLE_TIMEOUT_MS = 15_000

/**
 * Once the load has stopped: waits for the refresh queue to drain, then checks that every
 * organization's cached documents (GET /incidents/current, answered from Redis) equal what the
 * LATERAL query reads from PostgreSQL, field by field. A rebuild or refresh may still be
 * finishing after the queue empties, so a mismatch is retried until SETTLE_TIMEOUT_MS.
 */
export async function checkCache (pool: Pool, client: IncidentsClient, organizationIds: string[]) {
  const started = performance.now()
  const { at, left } = await drainQueue(pool, QUEUE_TIMEOUT_MS, 100)
  const organizations: OrganizationCheck[] = []
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
    ok: left === 0 && organizations.every(matches),
    queue_drain_ms: Math.round(at - started),
    /** Refreshes still queued when the check gave up waiting (0 when it drained). */
    queue_left: left,
    documents: organizations.reduce((sum, o) => sum + o.cached_documents, 0),
    organizations
  }
}

/** `source` must be `cache`; `missing`: current in the database, absent from the cache; `extra`: the reverse; `different`: in both, other contents. */
const matches = (check: OrganizationCheck): boolean =>
  check.source === 'cache' && check.missing.length === 0 && check.extra.length === 0 && check.different.length === 0

async function compare (pool: Pool, client: IncidentsClient, organizationId: string) {
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
