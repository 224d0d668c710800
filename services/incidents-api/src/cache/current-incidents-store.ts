import type { FastifyBaseLogger } from 'fastify'
import type { Redis } from 'ioredis'
import { LRUCache } from 'lru-cache'
import pLimit, { type LimitFunction } from 'p-limit'
import type { Pool, PoolClient } from 'pg'
import { withTransaction } from '@incident-intel/db'
import {
  bumpOrganizationVersions, bumpVersions, lockOrganizationExclusive, lockOrganizationsShared, pruneDocumentVersions,
  takeVersionFloor, tryLockOrganizationExclusive
} from '../sql/document-versions.js'
import { findIncidentOrganizations } from '../sql/incident-organizations.js'
import { findIncidentDocuments, findOrganizationDocuments, type IncidentDocumentRow } from '../sql/incident-documents.js'
import { claimQueuedRefreshesOf } from '../sql/refresh-queue.js'
import { organizationExists } from '../sql/find-organization.js'
import { DISABLED_FIELD, READY_FIELD, documentsKey, isMarker, versionsKey } from './cache-keys.js'
import { defineCacheScripts } from './cache-scripts.js'
import { decodeDocument, encodeDocument, type CurrentIncidentDocument } from './document-codec.js'
import type { CanonicalUuid } from '@incident-intel/schemas'

/** Where a read was answered from: `hit` the cache; `miss` the database, the cache lacking it; `bypass` the database, the cache being cold, off or down. */
export type CacheResult = 'hit' | 'miss' | 'bypass'

export interface RefreshTarget {
  organizationId: CanonicalUuid
  incidentId: CanonicalUuid
}

export interface RebuildResult {
  organization_id: CanonicalUuid
  cache_enabled: boolean
  documents: number
  removed: number
}

/** What a refresh read, under its version locks, before it writes Redis. */
interface DocumentsRead {
  organizationIds: CanonicalUuid[]
  versions: Map<CanonicalUuid, number>
  rows: Map<CanonicalUuid, IncidentDocumentRow>
}

/** What a refresh wrote: the incidents whose documents it removed (no longer current). */
export interface RefreshResult {
  removed: RefreshTarget[]
}

export interface StoreOptions {
  pool: Pool
  redis: Redis
  log: FastifyBaseLogger
  onRead?: (result: CacheResult) => void
  /** Documents per script call of a rebuild, so no one call holds Redis long. */
  rebuildChunkSize?: number
  /** Rebuilds this process runs at once; more wait their turn. */
  rebuildConcurrency?: number
}

/**
 * The current-incident documents in Redis: versioned writes, rebuilds, and reads that fall back
 * to PostgreSQL (the LATERAL query) whenever the cache cannot answer.
 */
export class CurrentIncidentsStore {
  readonly #pool: Pool
  readonly #redis: Redis
  readonly #log: FastifyBaseLogger
  readonly #onRead: (result: CacheResult) => void
  // An incident never changes organization, so its organization can be remembered for good.
  readonly #organizations = new LRUCache<CanonicalUuid, CanonicalUuid>({ max: 200_000 })
  readonly #rebuilding = new Map<CanonicalUuid, Promise<void>>()
  readonly #pruning = new Set<Promise<void>>()
  readonly #rebuildSlots: LimitFunction
  readonly #rebuildChunkSize: number

  constructor ({ pool, redis, log, onRead = () => {}, rebuildChunkSize = 500, rebuildConcurrency = 2 }: StoreOptions) {
    this.#pool = pool
    this.#redis = redis
    this.#log = log
    this.#onRead = onRead
    this.#rebuildChunkSize = rebuildChunkSize
    this.#rebuildSlots = pLimit(rebuildConcurrency)
    defineCacheScripts(redis)
  }

  /**
   * Refreshes these incidents' documents now, after the write that changed them committed
   * (read-your-writes). Never throws: the write stands whatever happens here, so a failure
   * (Redis down, a lock or statement timeout, PostgreSQL gone) is logged, and the change stays
   * in the refresh queue, which the drainer applies once it can.
   */
  async refresh (incidentIds: CanonicalUuid[]): Promise<void> {
    try {
      const organizations = await this.#organizationsOf(incidentIds)
      const targets = incidentIds.flatMap(incidentId => {
        const organizationId = organizations.get(incidentId)
        return organizationId ? [{ organizationId, incidentId }] : []
      })
      if (targets.length === 0) return
      const { removed } = await withTransaction(this.#pool, async client => {
        return await this.#writeDocuments(targets, await this.#readDocuments(client, targets, true))
      })
      this.schedulePrune(removed)
    } catch (error) {
      this.#log.warn({ err: error, incidentIds }, 'write-through refresh failed; the refresh queue will apply the change')
    }
  }

  /**
   * Refreshes documents inside the caller's transaction: bumps their versions, reads them with the
   * LATERAL query and writes them (or removes those no longer current) with one versioned script
   * per organization, in one Redis round trip. Throws when Redis fails, so the caller rolls back.
   * Once it commits, the caller passes what it removed to schedulePrune.
   */
  async refreshWithin (client: PoolClient, targets: RefreshTarget[]): Promise<RefreshResult> {
    return await this.#writeDocuments(targets, await this.#readDocuments(client, targets, false))
  }

  async #readDocuments (client: PoolClient, targets: RefreshTarget[], claimQueued: boolean): Promise<DocumentsRead> {
    const organizationIds = [...new Set(targets.map(target => target.organizationId))]
    await lockOrganizationsShared(client, organizationIds)
    const versions = await bumpVersions(client, targets)
    // A write-through also answers the refreshes its own write queued: the drainer need not repeat
    // them (if Redis fails, the rollback puts them back).
    if (claimQueued) await claimQueuedRefreshesOf(client, [...versions.keys()])
    const rows = new Map((await findIncidentDocuments(client, [...versions.keys()])).map(row => [row.incident_id, row]))
    return { organizationIds, versions, rows }
  }

  async #writeDocuments (targets: RefreshTarget[], { organizationIds, versions, rows }: DocumentsRead): Promise<RefreshResult> {
    const refreshedAt = new Date().toISOString()
    const pipeline = this.#redis.pipeline()
    const written: CanonicalUuid[] = []
    const removed: RefreshTarget[] = []
    for (const organizationId of organizationIds) {
      const triples: Array<string | Buffer | number> = []
      for (const target of targets.filter(target => target.organizationId === organizationId)) {
        const row = rows.get(target.incidentId)
        if (row?.use_cache === false) continue // toggle off: the organization's refresh has cleared it
        const version = versions.get(target.incidentId)!
        const value = documentValue(row, version, refreshedAt)
        if (value === '') removed.push(target)
        triples.push(target.incidentId, version, value)
      }
      if (triples.length === 0) continue
      pipeline.writeDocuments(documentsKey(organizationId), versionsKey(organizationId), ...triples)
      written.push(organizationId)
    }
    if (written.length === 0) return { removed }
    const results = await execPipeline(pipeline)
    written.forEach((organizationId, i) => {
      const [, ready, disabled] = results[i] as [number, number, number]
      if (ready === 0 && disabled === 0) this.scheduleRebuild(organizationId)
    })
    return { removed }
  }

  /** Rebuilds the organization's documents from the database in one transaction, when a rebuild slot is free. */
  async rebuild (organizationId: CanonicalUuid): Promise<RebuildResult | null> {
    return await this.#rebuildSlots(() => withTransaction(this.#pool, client => this.#rebuildWithin(client, organizationId)))
  }

  /** The rebuild inside the caller's transaction, when a rebuild slot is free; null when the organization does not exist. */
  async rebuildWithin (client: PoolClient, organizationId: CanonicalUuid): Promise<RebuildResult | null> {
    return await this.#rebuildSlots(() => this.#rebuildWithin(client, organizationId))
  }

  /**
   * Under the organization's exclusive lock: bumps every current incident's version, reads them all
   * with the LATERAL query and writes them in chunks of rebuildChunkSize; then one script drops what
   * it did not write (below its floor) and marks the cache ready, and the version rows of incidents
   * no longer current are pruned.
   */
  async #rebuildWithin (client: PoolClient, organizationId: CanonicalUuid): Promise<RebuildResult | null> {
    const organization = await lockOrganizationExclusive(client, organizationId)
    const documents = documentsKey(organizationId)
    const versions = versionsKey(organizationId)
    if (organization === null || !organization.use_cache) {
      await pruneDocumentVersions(client, organizationId, null)
      const disabledAt = organization === null ? '' : new Date().toISOString()
      await this.#redis.dropDocuments(documents, versions, disabledAt, await takeVersionFloor(client))
      return organization === null ? null : { organization_id: organizationId, cache_enabled: false, documents: 0, removed: 0 }
    }
    const { floor, versions: bumped } = await bumpOrganizationVersions(client, organizationId)
    const rows = new Map((await findOrganizationDocuments(client, organizationId)).map(row => [row.incident_id, row]))
    const refreshedAt = new Date().toISOString()
    const entries = [...bumped]
    for (let start = 0; start < entries.length; start += this.#rebuildChunkSize) {
      const triples: Array<string | Buffer | number> = []
      for (const [incidentId, version] of entries.slice(start, start + this.#rebuildChunkSize)) {
        triples.push(incidentId, version, documentValue(rows.get(incidentId), version, refreshedAt))
      }
      await this.#redis.writeDocuments(documents, versions, ...triples)
    }
    const removed = await this.#redis.finishRebuild(documents, versions, refreshedAt, floor)
    await pruneDocumentVersions(client, organizationId, null)
    return { organization_id: organizationId, cache_enabled: true, documents: rows.size, removed }
  }

  /**
   * Prunes the version history of these incidents, whose documents a committed refresh removed:
   * their rows in the database and their fields in Redis, raising the floor. It needs the
   * organization to itself for a moment, and leaves it for a later refresh when it is busy.
   */
  schedulePrune (removed: RefreshTarget[]): void {
    const byOrganization = new Map<CanonicalUuid, CanonicalUuid[]>()
    for (const { organizationId, incidentId } of removed) byOrganization.set(organizationId, [...byOrganization.get(organizationId) ?? [], incidentId])
    for (const [organizationId, incidentIds] of byOrganization) {
      const pruning = this.#prune(organizationId, incidentIds)
        .catch(error => this.#log.warn({ err: error, organizationId }, 'pruning document versions failed; a later refresh retries'))
        .finally(() => this.#pruning.delete(pruning))
      this.#pruning.add(pruning)
    }
  }

  async #prune (organizationId: CanonicalUuid, incidentIds: CanonicalUuid[]): Promise<void> {
    await withTransaction(this.#pool, async client => {
      if (!await tryLockOrganizationExclusive(client, organizationId)) return
      const pruned = await pruneDocumentVersions(client, organizationId, incidentIds)
      if (pruned.size === 0) return
      const pairs = [...pruned].flat()
      await this.#redis.pruneVersions(documentsKey(organizationId), versionsKey(organizationId), ...pairs)
    })
  }

  /** Starts a rebuild of the organization unless one is running in this process. */
  scheduleRebuild (organizationId: CanonicalUuid): void {
    if (this.#rebuilding.has(organizationId)) return
    const running = this.rebuild(organizationId)
      .then(() => {}, error => this.#log.warn({ err: error, organizationId }, 'cache rebuild failed'))
      .finally(() => this.#rebuilding.delete(organizationId))
    this.#rebuilding.set(organizationId, running)
  }

  /** Waits for the rebuilds and prunes this process started. */
  async settle (): Promise<void> {
    while (this.#rebuilding.size > 0 || this.#pruning.size > 0) await Promise.all([...this.#rebuilding.values(), ...this.#pruning])
  }

  /**
   * One current incident's document: on a hit, one Redis round trip and no PostgreSQL query.
   * null when the incident is not current (or does not exist).
   */
  async read (incidentId: CanonicalUuid): Promise<{ document: CurrentIncidentDocument | null, result: CacheResult }> {
    const organizationId = (await this.#organizationsOf([incidentId])).get(incidentId)
    if (organizationId === undefined) return { document: null, result: this.#count('miss') }
    let fields: Array<Buffer | null>
    try {
      fields = await this.#redis.hmgetBuffer(documentsKey(organizationId), incidentId, READY_FIELD, DISABLED_FIELD)
    } catch (error) {
      this.#log.debug({ err: error }, 'cache read failed; reading the database')
      return { document: await this.#fromDatabase(incidentId), result: this.#count('bypass') }
    }
    const [value, ready, disabled] = fields
    if (disabled) return { document: await this.#fromDatabase(incidentId), result: this.#count('bypass') }
    if (value) return { document: decodeDocument(value), result: this.#count('hit') }
    if (!ready) {
      this.scheduleRebuild(organizationId)
      return { document: await this.#fromDatabase(incidentId), result: this.#count('bypass') }
    }
    // Ready but absent: not current, or a refresh still queued behind a Redis outage. The database decides.
    const document = await this.#fromDatabase(incidentId)
    if (document) this.refresh([incidentId]) // not awaited: the answer needs no cache write; a failure is logged
    return { document, result: this.#count('miss') }
  }

  /** Every current incident of the organization, by incident_id; null when the organization does not exist. */
  async readOrganization (organizationId: CanonicalUuid): Promise<{ documents: CurrentIncidentDocument[] | null, result: CacheResult }> {
    let fields: Record<string, Buffer>
    try {
      fields = await this.#redis.hgetallBuffer(documentsKey(organizationId))
    } catch (error) {
      this.#log.debug({ err: error }, 'cache read failed; reading the database')
      return { documents: await this.#organizationFromDatabase(organizationId), result: this.#count('bypass') }
    }
    if (fields[READY_FIELD] && !fields[DISABLED_FIELD]) {
      const documents = Object.entries(fields)
        .filter(([field]) => !isMarker(field))
        .sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0)
        .map(([, value]) => decodeDocument(value))
      return { documents, result: this.#count('hit') }
    }
    const documents = await this.#organizationFromDatabase(organizationId)
    if (documents === null) return { documents, result: this.#count('miss') }
    if (!fields[DISABLED_FIELD]) this.scheduleRebuild(organizationId)
    return { documents, result: this.#count('bypass') }
  }

  #count (result: CacheResult): CacheResult {
    this.#onRead(result)
    return result
  }

  async #fromDatabase (incidentId: CanonicalUuid): Promise<CurrentIncidentDocument | null> {
    const [row] = await findIncidentDocuments(this.#pool, [incidentId])
    return row?.current ? uncachedDocument(row) : null
  }

  // An unknown organization costs one indexed lookup, and no rebuild is started for it.
  async #organizationFromDatabase (organizationId: CanonicalUuid): Promise<CurrentIncidentDocument[] | null> {
    if (!await organizationExists(this.#pool, organizationId)) return null
    return (await findOrganizationDocuments(this.#pool, organizationId)).map(uncachedDocument)
  }

  async #organizationsOf (incidentIds: CanonicalUuid[]): Promise<Map<CanonicalUuid, CanonicalUuid>> {
    const known = new Map<CanonicalUuid, CanonicalUuid>()
    const unknown: CanonicalUuid[] = []
    for (const incidentId of incidentIds) {
      const organizationId = this.#organizations.get(incidentId)
      if (organizationId) known.set(incidentId, organizationId)
      else unknown.push(incidentId)
    }
    if (unknown.length > 0) {
      for (const [incidentId, organizationId] of await findIncidentOrganizations(this.#pool, unknown)) {
        this.#organizations.set(incidentId, organizationId)
        known.set(incidentId, organizationId)
      }
    }
    return known
  }
}

/** The value to store for an incident: its document, or '' (remove it) when it is not current. */
function documentValue (row: IncidentDocumentRow | undefined, version: number, refreshedAt: string): Buffer | '' {
  if (!row?.current) return ''
  return encodeDocument({ ...row.document, cache: { version, refreshed_at: refreshedAt } } as CurrentIncidentDocument)
}

function uncachedDocument (row: IncidentDocumentRow): CurrentIncidentDocument {
  return { ...row.document, cache: { version: null, refreshed_at: new Date().toISOString() } } as CurrentIncidentDocument
}

async function execPipeline (pipeline: ReturnType<Redis['pipeline']>): Promise<unknown[]> {
  const replies = await pipeline.exec()
  if (replies === null) throw new RedisUnavailableError('Redis pipeline was discarded')
  return replies.map(([error, result]) => {
    if (error) throw error
    return result
  })
}

class RedisUnavailableError extends Error {}

/** Errors from ioredis (down, timed out, refused) rather than from PostgreSQL or our code. */
export function isRedisError (error: unknown): boolean {
  if (error instanceof RedisUnavailableError) return true
  if (!(error instanceof Error)) return false
  // ioredis 6 answers an error reply with subclasses of ReplyError (SimpleError, BlobError) named ReplyError.
  return [error.name, error.constructor.name].some(name => ['ReplyError', 'MaxRetriesPerRequestError', 'AbortError'].includes(name)) ||
    /Connection is closed|Command timed out|Stream isn't writeable|enableOfflineQueue|ECONNREFUSED|ECONNRESET/.test(error.message)
}
