import { isDeepStrictEqual } from 'node:util'
import type { RedisClient } from '@incident-intel/service-kit'
import type { Pool, PoolClient } from 'pg'
import { withTransaction } from '@incident-intel/db'
import type { CanonicalUuid } from '@incident-intel/schemas'
import {
  findOrganizationCacheToggle, findOrganizationVersions, lockOrganizationExclusive, readVersionSequence, tryLockOrganizationExclusive
} from '../sql/document-versions.js'
import { findOrganizationDocuments } from '../sql/incident-documents.js'
import { findQueuedRefreshes } from '../sql/refresh-queue.js'
import { DISABLED_FIELD, READY_FIELD, documentsKey, isMarker, versionsKey } from './cache-keys.js'
import type { CurrentIncidentsStore, DivergenceReason, RefreshTarget } from './current-incidents-store.js'
import { decodeDocument } from './document-codec.js'

export interface Divergence {
  incident_id: CanonicalUuid
  reason: DivergenceReason
}

export interface VerificationResult {
  organization_id: CanonicalUuid
  /** Incidents compared: those current in the database and those cached. */
  checked: number
  repaired: number
  divergences: Divergence[]
}

/**
 * Compares an organization's cached documents, and their versions, with the LATERAL query, and
 * repairs what differs. It finds what no trigger saw (session_replication_role = replica,
 * TRUNCATE, an edge whose endpoints moved) and a Redis or database that went back in time.
 */
export class CurrentIncidentsVerifier {
  readonly #pool: Pool
  readonly #redis: RedisClient
  readonly #store: CurrentIncidentsStore

  constructor ({ pool, redis, store }: { pool: Pool, redis: RedisClient, store: CurrentIncidentsStore }) {
    this.#pool = pool
    this.#redis = redis
    this.#store = store
  }

  /**
   * Verifies under the organization's exclusive lock, so no refresh runs between the two reads.
   * `wait: false` gives up (answers 'busy') rather than wait for the lock. null: no such organization.
   */
  async verify (organizationId: CanonicalUuid, { wait = true } = {}): Promise<VerificationResult | 'busy' | null> {
    let removed: RefreshTarget[] = []
    const result = await withTransaction(this.#pool, async client => {
      const organization = wait
        ? await lockOrganizationExclusive(client, organizationId)
        : await tryLockOrganizationExclusive(client, organizationId) ? await findOrganizationCacheToggle(client, organizationId) : 'busy'
      if (organization === null || organization === 'busy') return organization
      const outcome = await this.#verifyWithin(client, organizationId, organization.use_cache)
      removed = outcome.removed
      return outcome.result
    })
    this.#store.schedulePrune(removed)
    if (result !== null && result !== 'busy') {
      for (const { incident_id: incidentId, reason } of result.divergences) this.#store.reportDivergence(organizationId, incidentId, reason)
    }
    return result
  }

  async #verifyWithin (client: PoolClient, organizationId: CanonicalUuid, useCache: boolean): Promise<{ result: VerificationResult, removed: RefreshTarget[] }> {
    const [[documentsError, fields], [versionsError, storedVersions]] = (await this.#redis.pipeline()
      .hgetallBuffer(documentsKey(organizationId))
      .hgetall(versionsKey(organizationId))
      .exec())! as [[Error | null, Record<string, Buffer>], [Error | null, Record<string, string>]]
    if (documentsError) throw documentsError
    if (versionsError) throw versionsError
    const cached = Object.entries(fields).filter(([field]) => !isMarker(field)) as Array<[CanonicalUuid, Buffer]>
    const result = (divergences: Divergence[], checked: number): VerificationResult =>
      ({ organization_id: organizationId, checked, repaired: divergences.length, divergences })

    if (!useCache) {
      // Toggle off: nothing may be cached, and reads must be told to go to the database.
      const divergences = cached.map(([incidentId]) => ({ incident_id: incidentId, reason: 'cache_disabled' as const }))
      if (divergences.length > 0 || !fields[DISABLED_FIELD]) await this.#store.rebuildWithin(client, organizationId)
      return { result: result(divergences, cached.length), removed: [] }
    }
    // A rebuild queued is the drainer's to apply. A cache not ready yet may lack documents (reads
    // go to the database for them) but what it holds is served, so that is compared.
    const queued = await findQueuedRefreshes(client, organizationId)
    if (fields[DISABLED_FIELD] || queued.organizationWide) return { result: result([], 0), removed: [] }
    const ready = fields[READY_FIELD] !== undefined

    const sequence = await readVersionSequence(client)
    const ahead = Object.entries(storedVersions)
      .filter(([field, version]) => !isMarker(field) && Number(version) > sequence)
      .map(([incidentId]) => ({ incident_id: incidentId as CanonicalUuid, reason: 'version_ahead' as const }))
    const rows = new Map((await findOrganizationDocuments(client, organizationId)).map(row => [row.incident_id, row]))
    const checked = new Set([...ready ? rows.keys() : [], ...cached.map(([incidentId]) => incidentId)]).size
    if (ahead.length > 0) {
      // The database went back in time: only a rebuild past Redis's versions is newer than them.
      await this.#store.rebuildWithin(client, organizationId)
      return { result: result(ahead, checked), removed: [] }
    }

    const versions = await findOrganizationVersions(client, organizationId)
    const divergences: Divergence[] = []
    // A refresh still queued is the drainer's to apply: a document behind it is late, not wrong.
    for (const [incidentId, value] of cached) {
      if (queued.incidentIds.has(incidentId)) continue
      const row = rows.get(incidentId)
      if (!row) {
        divergences.push({ incident_id: incidentId, reason: 'not_current' })
        continue
      }
      const stored = Number(storedVersions[incidentId])
      const { cache: _cache, ...document } = decodeDocument(value)
      if (stored < (versions.get(incidentId) ?? 0)) divergences.push({ incident_id: incidentId, reason: 'version_behind' })
      else if (!isDeepStrictEqual(document, row.document)) divergences.push({ incident_id: incidentId, reason: 'stale' })
    }
    for (const incidentId of ready ? rows.keys() : []) {
      if (!fields[incidentId] && !queued.incidentIds.has(incidentId)) divergences.push({ incident_id: incidentId, reason: 'missing' })
    }
    divergences.sort((a, b) => a.incident_id < b.incident_id ? -1 : a.incident_id > b.incident_id ? 1 : 0)
    if (divergences.length === 0) return { result: result([], checked), removed: [] }
    const { removed } = await this.#store.refreshWithin(client, divergences.map(({ incident_id: incidentId }) => ({ organizationId, incidentId })))
    return { result: result(divergences, checked), removed }
  }
}
