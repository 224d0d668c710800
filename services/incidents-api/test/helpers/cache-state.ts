import type { TestRedisClient } from '@incident-intel/test-support'
import type { Pool } from 'pg'
import { canonicalUuid } from '@incident-intel/schemas'
import { documentsKey, isMarker } from '../../src/cache/cache-keys.js'
import { decodeDocument } from '../../src/cache/document-codec.js'
import { findOrganizationDocuments } from '../../src/sql/incident-documents.js'

type Documents = Record<string, Record<string, unknown>>

/** What Redis holds for the organization: incident_id → document without its `cache` stamp. */
export async function cachedDocuments (redis: TestRedisClient, organizationId: string): Promise<Documents> {
  const fields = await redis.hgetallBuffer(documentsKey(canonicalUuid(organizationId)!))
  return Object.fromEntries(Object.entries(fields)
    .filter(([field]) => !isMarker(field))
    .map(([field, value]) => {
      const { cache: _cache, ...document } = decodeDocument(value)
      return [field, document]
    }))
}

/** What the LATERAL query returns for the organization's current incidents, keyed the same way. */
export async function databaseDocuments (pool: Pool, organizationId: string): Promise<Documents> {
  const rows = await findOrganizationDocuments(pool, canonicalUuid(organizationId)!)
  return Object.fromEntries(rows.map(row => [row.incident_id, row.document]))
}

/**
 * Polls until the cache equals the database for the organization, or `timeoutMs` passes; returns
 * both sides as last seen, for the test to compare exactly (so a failure shows the difference).
 */
export async function settledCache (redis: TestRedisClient, pool: Pool, organizationId: string, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const [cached, database] = await Promise.all([cachedDocuments(redis, organizationId), databaseDocuments(pool, organizationId)])
    if (JSON.stringify(sortKeys(cached)) === JSON.stringify(sortKeys(database)) || Date.now() > deadline) return { cached, database }
    await new Promise(resolve => setTimeout(resolve, 20))
  }
}

function sortKeys (value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(Object.keys(value).sort().map(key => [key, sortKeys((value as Record<string, unknown>)[key])]))
}

/** Waits until the refresh queue is empty and the app's rebuilds have finished: nothing more will write to the cache. */
export async function quiesce (app: { currentIncidents: { settle: () => Promise<void> } }, pool: Pool, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const { rows } = await pool.query<{ count: number }>('select count(*)::int as count from current_incidents.refresh_queue')
    if (rows[0]!.count === 0) break
    if (Date.now() > deadline) throw new Error(`the refresh queue still holds ${rows[0]!.count} refreshes`)
    await new Promise(resolve => setTimeout(resolve, 20))
  }
  await app.currentIncidents.settle()
}
