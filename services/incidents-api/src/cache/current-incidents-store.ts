import type { FastifyBaseLogger } from 'fastify'
import type { RedisClient } from '@incident-intel/service-kit'
import { LRUCache } from 'lru-cache'
import pLimit, { type LimitFunction } from 'p-limit'
import type { Pool, PoolClient } from 'pg'
import { withTransaction } from '@incident-intel/db'
import {
  advanceVersionSequence, bumpOrganizationVersions, bumpVersions, lockOrganizationExclusive, lockOrganizationsShared,
  pruneDocumentVersions, takeVersionFloor, tryLockOrganizationExclusive
} from '../sql/document-versions.js'
import { findIncidentOrganizations } from '../sql/incident-organizations.js'
import { findIncidentDocuments, findOrganizationDocuments, type IncidentDocumentRow } from '../sql/incident-documents.js'
import { claimQueuedRefreshesOf } from '../sql/refresh-queue.js'
import { organizationExists } from '../sql/find-organization.js'
import { DatabaseBusyError } from '../errors.js'
import { DISABLED_FIELD, READY_FIELD, REVISION_FIELD, documentsKey, isMarker, versionsKey } from './cache-keys.js'
import { DocumentBytesCache, uncachedBytes, type DocumentBytes } from './document-bytes.js'
import { CHANGE_LOG_DEFAULTS, defineCacheScripts, scriptArguments, type ChangeLogBounds } from './cache-scripts.js'
import { encodeDocument, type CurrentIncidentDocument } from './document-codec.js'
import type { CanonicalUuid } from '@incident-intel/schemas'
import type { Caller } from '@incident-intel/service-kit'

/** Where a read was answered from: `hit` the cache; `miss` the database, the cache lacking it; `bypass` the database, the cache being cold, off or down. */
export type CacheResult = 'hit' | 'miss' | 'bypass'

/** What organizationTag reads when Redis does not answer (down, timed out). */
export const TAG_UNANSWERED = Symbol('Redis did not answer')
/** The organization list's ETag as the cache holds it: null when the cache cannot answer the list. */
export type ListTag = string | null | typeof TAG_UNANSWERED

export interface RefreshTarget {
  organizationId: CanonicalUuid
  incidentId: CanonicalUuid
}

export interface RebuildResult {
  organization_id: CanonicalUuid
  cache_enabled: boolean
  /** Documents the rebuild's scripts wrote (not merely read). */
  documents: number
  removed: number
}

/** Why a cached document differed from the database, as verification and refused writes report it. */
export type DivergenceReason = 'missing' | 'stale' | 'not_current' | 'version_behind' | 'version_ahead' | 'cache_disabled'

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
  redis: RedisClient
  log: FastifyBaseLogger
  onRead?: (result: CacheResult) => void
  /** Called for each divergence found: by verification, or by a refresh Redis refused. */
  onDivergence?: (divergence: { organizationId: CanonicalUuid, incidentId: CanonicalUuid | null, reason: DivergenceReason }) => void
  /** Called for each refresh's script call: documents written or removed, and those refused as not newer. */
  onRefreshWrites?: (writes: { applied: number, notNewer: number }) => void
  /** Documents per script call of a rebuild, so no one call holds Redis long. */
  rebuildChunkSize?: number
  /** Rebuilds this process runs at once; more wait their turn. */
  rebuildConcurrency?: number
  /** Organization lists this process reads from the database at once, when the cache cannot answer. */
  fallbackConcurrency?: number
  /** Rebuilds, and organization lists from the database, that may wait for a slot; one more is a 503. */
  waitingMax?: number
  /** Bytes of documents kept in process, as Redis's value and as JSON (see DocumentBytesCache). */
  documentBytesMax?: number
  /** How far each organization's change log reaches back. */
  changeLog?: ChangeLogBounds
}

/**
 * The current-incident documents in Redis: versioned writes, rebuilds, and reads that fall back
 * to PostgreSQL (the LATERAL query) whenever the cache cannot answer.
 */
export class CurrentIncidentsStore {
  readonly #pool: Pool
  readonly #redis: RedisClient
  readonly #log: FastifyBaseLogger
  readonly #onRead: (result: CacheResult) => void
  readonly #onDivergence: NonNullable<StoreOptions['onDivergence']>
  readonly #onRefreshWrites: NonNullable<StoreOptions['onRefreshWrites']>
  // An incident never changes organization, so its organization can be remembered for good.
  readonly #organizations = new LRUCache<CanonicalUuid, CanonicalUuid>({ max: 200_000 })
  readonly #rebuilding = new Map<CanonicalUuid, Promise<void>>()
  readonly #pruning = new Set<Promise<void>>()
  readonly #rebuildSlots: LimitFunction
  readonly #fallbackSlots: LimitFunction
  readonly #waitingMax: number
  readonly #rebuildChunkSize: number
  readonly #bytes: DocumentBytesCache
  readonly #lists = new LRUCache<CanonicalUuid, { tag: string, documents: DocumentBytes[] }>({ max: 64 })
  readonly #changeLog: ChangeLogBounds

  constructor ({ pool, redis, log, onRead = () => {}, onDivergence = () => {}, onRefreshWrites = () => {}, rebuildChunkSize = 500, rebuildConcurrency = 2, fallbackConcurrency = 2, waitingMax = 16, documentBytesMax = 256 * 1024 * 1024, changeLog = CHANGE_LOG_DEFAULTS }: StoreOptions) {
    this.#changeLog = changeLog
    this.#bytes = new DocumentBytesCache(documentBytesMax)
    this.#pool = pool
    this.#redis = redis
    this.#log = log
    this.#onRead = onRead
    this.#onDivergence = onDivergence
    this.#onRefreshWrites = onRefreshWrites
    this.#rebuildChunkSize = rebuildChunkSize
    this.#rebuildSlots = pLimit(rebuildConcurrency)
    this.#fallbackSlots = pLimit(fallbackConcurrency)
    this.#waitingMax = waitingMax
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
    const calls: Array<Array<string | Buffer | number>> = []
    const written: Array<{ organizationId: CanonicalUuid, attempted: number }> = []
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
      calls.push([...this.#scriptArguments(organizationId), ...triples])
      written.push({ organizationId, attempted: triples.length / 3 })
    }
    if (written.length === 0) return { removed }
    // One call per organization, not one pipeline: on a cluster each goes to its organization's
    // slot; auto-pipelining still sends those for one server in one write.
    const results = await Promise.all(calls.map(async call => this.#redis.writeDocuments(...call)))
    written.forEach(({ organizationId, attempted }, i) => {
      const [count, ready, disabled] = results[i] as [number, number, number]
      this.#onRefreshWrites({ applied: count, notNewer: attempted - count })
      if (count < attempted) {
        // Versions bumped just now, under the organization's lock, and still not newer: RedisClient holds
        // versions the sequence has not reached (the database was restored to an earlier point).
        // Counted once per repair: refreshes refused while its rebuild waits for the lock are the same finding.
        if (!this.#rebuilding.has(organizationId)) {
          this.#diverged(organizationId, null, 'version_ahead', 'Redis refused a refresh as not newer; rebuilding the organization past its versions')
        }
        this.scheduleRebuild(organizationId)
      } else if (ready === 0 && disabled === 0) this.scheduleRebuild(organizationId)
    })
    return { removed }
  }

  /** Rebuilds the organization's documents from the database in one transaction, when a rebuild slot is free. */
  async rebuild (organizationId: CanonicalUuid): Promise<RebuildResult | null> {
    return await this.#boundedSlot(this.#rebuildSlots, 'rebuilds', () => withTransaction(this.#pool, client => this.#rebuildWithin(client, organizationId)))
  }

  /**
   * Runs `task` in a slot of `slots`, so these heavy reads never take more than their share of
   * the pool; a DatabaseBusyError (503) when waitingMax tasks already wait for one.
   */
  async #boundedSlot<T> (slots: LimitFunction, what: string, task: () => Promise<T>): Promise<T> {
    if (slots.activeCount >= slots.concurrency && slots.pendingCount >= this.#waitingMax) throw new DatabaseBusyError(what, slots.pendingCount)
    return await slots(task)
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
    // Under the exclusive lock no refresh of the organization runs: once the sequence is past every
    // version Redis holds for it, this rebuild's versions are the newest, and every write lands.
    await this.#catchUpVersions(client, organizationId)
    const args = this.#scriptArguments(organizationId)
    if (organization === null || !organization.use_cache) {
      await pruneDocumentVersions(client, organizationId, null)
      const disabledAt = organization === null ? '' : new Date().toISOString()
      const applied = await this.#redis.dropDocuments(...args, disabledAt, await takeVersionFloor(client))
      if (applied !== 1) throw new Error(`Redis refused the organization ${organizationId}'s drop as not newer`)
      return organization === null ? null : { organization_id: organizationId, cache_enabled: false, documents: 0, removed: 0 }
    }
    const { floor, versions: bumped } = await bumpOrganizationVersions(client, organizationId)
    const rows = new Map((await findOrganizationDocuments(client, organizationId)).map(row => [row.incident_id, row]))
    const refreshedAt = new Date().toISOString()
    const entries = [...bumped]
    let written = 0
    // The chunks are not logged one document each: the finish logs one reset for them all.
    const quiet = this.#scriptArguments(organizationId, false)
    let removed: number
    try {
      for (let start = 0; start < entries.length; start += this.#rebuildChunkSize) {
        const triples: Array<string | Buffer | number> = []
        for (const [incidentId, version] of entries.slice(start, start + this.#rebuildChunkSize)) {
          triples.push(incidentId, version, documentValue(rows.get(incidentId), version, refreshedAt))
        }
        written += (await this.#redis.writeDocuments(...quiet, ...triples))[0]
      }
      removed = await this.#redis.finishRebuild(...args, refreshedAt, floor)
    } catch (error) {
      // Chunks may have changed documents: readers of the log are told, if Redis still answers.
      if (written > 0) await this.#redis.logReset(...args).catch(() => {})
      throw error
    }
    if (removed < 0 && written > 0) await this.#redis.logReset(...args)
    // Rolled back, so that a rebuild never reports documents it did not write.
    if (written < entries.length || removed < 0) {
      throw new Error(`Redis refused ${entries.length - written} of the organization ${organizationId}'s ${entries.length} rebuilt documents as not newer`)
    }
    await pruneDocumentVersions(client, organizationId, null)
    return { organization_id: organizationId, cache_enabled: true, documents: written, removed }
  }

  #scriptArguments (organizationId: CanonicalUuid, logEach = true) {
    return scriptArguments(organizationId, this.#changeLog, logEach)
  }

  /** Advances the version sequence past every version Redis holds for the organization (a database restored to an earlier point is behind). */
  async #catchUpVersions (client: PoolClient, organizationId: CanonicalUuid): Promise<void> {
    const highest = (await this.#redis.hvals(versionsKey(organizationId))).reduce((max, value) => Math.max(max, Number(value) || 0), 0)
    if (highest > 0 && await advanceVersionSequence(client, highest)) {
      this.#log.warn({ organizationId, version: highest }, 'Redis holds versions ahead of the database; the version sequence moved past them')
    }
  }

  #diverged (organizationId: CanonicalUuid, incidentId: CanonicalUuid | null, reason: DivergenceReason, message: string): void {
    this.#log.warn({ organizationId, incidentId, reason }, message)
    this.#onDivergence({ organizationId, incidentId, reason })
  }

  /** Reports a divergence verification found (logged with its reason, counted). */
  reportDivergence (organizationId: CanonicalUuid, incidentId: CanonicalUuid | null, reason: DivergenceReason): void {
    this.#diverged(organizationId, incidentId, reason, 'cached document differed from the database; repaired')
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
      await this.#redis.pruneVersions(...this.#scriptArguments(organizationId), ...pairs)
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
   * One current incident's document, as JSON bytes: on a hit, one Redis round trip, no PostgreSQL
   * query, and no decode when this process has served Redis's value before.
   * null when the incident is not current (or does not exist, or is of an organization not `visible`).
   */
  async read (incidentId: CanonicalUuid, visible: Caller['organizations'] = 'all'): Promise<{ document: DocumentBytes | null, result: CacheResult }> {
    const { documents, result } = await this.readMany([incidentId], visible)
    return { document: documents[0] ?? null, result }
  }

  /**
   * Current incidents' documents in the order asked (null for one not current), with one Redis
   * round trip for all their organizations; PostgreSQL answers only what the cache cannot.
   * The result is the worst of theirs: bypass, then miss, then hit. An incident of an organization
   * not `visible` is treated as unknown before anything of it is read (a set lookup per id).
   */
  async readMany (incidentIds: CanonicalUuid[], visible: Caller['organizations'] = 'all'): Promise<{ documents: Array<DocumentBytes | null>, result: CacheResult }> {
    // The sender's read passes one id: this path allocates little, as it runs on every hit.
    const distinct = incidentIds.length > 1 ? [...new Set(incidentIds)] : incidentIds
    const looked = this.#organizationsOf(distinct)
    const organizations = looked instanceof Map ? looked : await looked
    const byOrganization = new Map<CanonicalUuid, CanonicalUuid[]>()
    let unknown = false
    for (const incidentId of distinct) {
      const organizationId = organizations.get(incidentId)
      if (organizationId === undefined || (visible !== 'all' && !visible.has(organizationId))) {
        unknown = true
        continue
      }
      const ids = byOrganization.get(organizationId)
      if (ids === undefined) byOrganization.set(organizationId, [incidentId])
      else ids.push(incidentId)
    }
    const found = new Map<CanonicalUuid, DocumentBytes>()
    // What the database decides: the cache being cold, off or down (bypass), or ready but lacking it (miss).
    const bypassed: CanonicalUuid[] = []
    const missed: CanonicalUuid[] = []
    let replies: Array<Array<Buffer | null>> | null = null
    if (byOrganization.size > 0) {
      try {
        replies = await this.#hmgetEach(byOrganization)
      } catch (error) {
        this.#log.debug({ err: error }, 'cache read failed; reading the database')
      }
    }
    let i = 0
    for (const [organizationId, ids] of byOrganization) {
      const reply = replies?.[i++]
      // [ready, disabled, ...one value per id]
      if (reply === undefined || reply[1]) {
        bypassed.push(...ids)
        continue
      }
      if (!reply[0]) {
        this.scheduleRebuild(organizationId)
        bypassed.push(...ids)
        continue
      }
      for (let j = 0; j < ids.length; j++) {
        const value = reply[j + 2]
        if (value) found.set(ids[j]!, this.#bytes.bytesOf(ids[j]!, value))
        else missed.push(ids[j]!)
      }
    }
    if (bypassed.length + missed.length > 0) {
      const rows = await findIncidentDocuments(this.#pool, [...bypassed, ...missed])
      for (const row of rows) if (row.current) found.set(row.incident_id, uncachedBytes(uncachedDocument(row)))
      // Ready but absent and yet current: a refresh still queued behind a Redis outage. Not awaited:
      // the answer needs no cache write; a failure is logged.
      const stale = missed.filter(incidentId => found.has(incidentId))
      if (stale.length > 0) this.refresh(stale)
    }
    const result = bypassed.length > 0 ? 'bypass' : missed.length > 0 || unknown ? 'miss' : 'hit'
    return { documents: incidentIds.map(incidentId => found.get(incidentId) ?? null), result: this.#count(result) }
  }

  /** One HMGET per organization, of its ready and disabled markers and then its ids' raw values, in one round trip per server. */
  async #hmgetEach (byOrganization: Map<CanonicalUuid, CanonicalUuid[]>): Promise<Array<Array<Buffer | null>>> {
    if (byOrganization.size === 1) {
      const [organizationId, ids] = byOrganization.entries().next().value!
      return [await this.#redis.hmgetBuffer(documentsKey(organizationId), READY_FIELD, DISABLED_FIELD, ...ids)]
    }
    // Auto-pipelined rather than one pipeline, which a cluster refuses across slots.
    return await Promise.all([...byOrganization].map(async ([organizationId, ids]) =>
      this.#redis.hmgetBuffer(documentsKey(organizationId), READY_FIELD, DISABLED_FIELD, ...ids)))
  }

  /**
   * The organization list's ETag as the cache holds it now, in one small read; null when the cache
   * cannot answer the list (a database answer carries no ETag: its documents are made on each read),
   * TAG_UNANSWERED when Redis did not answer.
   */
  async organizationTag (organizationId: CanonicalUuid): Promise<ListTag> {
    try {
      const [ready, disabled, revision] = await this.#redis.hmget(documentsKey(organizationId), READY_FIELD, DISABLED_FIELD, REVISION_FIELD)
      return ready && !disabled ? organizationTag(ready, revision) : null
    } catch (error) {
      this.#log.debug({ err: error }, 'cache read failed; the list will say')
      return TAG_UNANSWERED
    }
  }

  /**
   * Every current incident of the organization, by incident_id, as JSON bytes, with the list's ETag
   * when it comes from the cache; null when the organization does not exist. `tagRead`: what the
   * caller's organizationTag just read, not read again.
   */
  async readOrganization (organizationId: CanonicalUuid, tagRead?: ListTag): Promise<{ documents: DocumentBytes[] | null, result: CacheResult, tag: string | null }> {
    // The list last read, while its ETag still holds in Redis: a small read instead of the whole hash.
    const last = this.#lists.get(organizationId)
    const tag = tagRead !== undefined ? tagRead : last === undefined ? null : await this.organizationTag(organizationId)
    // Redis did not answer: the whole hash would make the request wait as long again.
    if (tag === TAG_UNANSWERED) return { documents: await this.#organizationFromDatabase(organizationId), result: this.#count('bypass'), tag: null }
    if (last !== undefined && tag === last.tag) {
      return { documents: last.documents, result: this.#count('hit'), tag: last.tag }
    }
    let fields: Record<string, Buffer>
    try {
      fields = await this.#redis.hgetallBuffer(documentsKey(organizationId))
    } catch (error) {
      this.#log.debug({ err: error }, 'cache read failed; reading the database')
      return { documents: await this.#organizationFromDatabase(organizationId), result: this.#count('bypass'), tag: null }
    }
    const ready = fields[READY_FIELD]
    if (ready && !fields[DISABLED_FIELD]) {
      const documents = Object.entries(fields)
        .filter(([field]) => !isMarker(field))
        .sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0)
        .map(([incidentId, value]) => this.#bytes.bytesOf(incidentId, value))
      const tag = organizationTag(ready.toString(), fields[REVISION_FIELD]?.toString())
      this.#lists.set(organizationId, { tag, documents })
      return { documents, result: this.#count('hit'), tag }
    }
    const documents = await this.#organizationFromDatabase(organizationId)
    if (documents === null) return { documents, result: this.#count('miss'), tag: null }
    if (!fields[DISABLED_FIELD]) this.scheduleRebuild(organizationId)
    return { documents, result: this.#count('bypass'), tag: null }
  }

  #count (result: CacheResult): CacheResult {
    this.#onRead(result)
    return result
  }

  // An unknown organization costs one indexed lookup, and no rebuild is started for it.
  async #organizationFromDatabase (organizationId: CanonicalUuid): Promise<DocumentBytes[] | null> {
    return await this.#boundedSlot(this.#fallbackSlots, 'organization lists', async () => {
      if (!await organizationExists(this.#pool, organizationId)) return null
      return (await findOrganizationDocuments(this.#pool, organizationId)).map(row => uncachedBytes(uncachedDocument(row)))
    })
  }

  /** Each id's organization: from this process's memory when it knows them all (no await), else with one query for the rest. */
  #organizationsOf (incidentIds: CanonicalUuid[]): Map<CanonicalUuid, CanonicalUuid> | Promise<Map<CanonicalUuid, CanonicalUuid>> {
    const known = new Map<CanonicalUuid, CanonicalUuid>()
    const unknown: CanonicalUuid[] = []
    for (const incidentId of incidentIds) {
      const organizationId = this.#organizations.get(incidentId)
      if (organizationId) known.set(incidentId, organizationId)
      else unknown.push(incidentId)
    }
    if (unknown.length === 0) return known
    return findIncidentOrganizations(this.#pool, unknown).then(rows => {
      for (const [incidentId, organizationId] of rows) {
        this.#organizations.set(incidentId, organizationId)
        known.set(incidentId, organizationId)
      }
      return known
    })
  }
}

/** The value to store for an incident: its document, or '' (remove it) when it is not current. */
function documentValue (row: IncidentDocumentRow | undefined, version: number, refreshedAt: string): Buffer | '' {
  if (!row?.current) return ''
  return encodeDocument({ ...row.document, cache: { version, refreshed_at: refreshedAt } } as CurrentIncidentDocument)
}

/** The list's ETag: the rebuild that made the hash ready, and the changes since. */
function organizationTag (ready: string, revision: string | undefined | null): string {
  return `"${ready}.${revision ?? 0}"`
}

function uncachedDocument (row: IncidentDocumentRow): CurrentIncidentDocument {
  return { ...row.document, cache: { version: null, refreshed_at: new Date().toISOString() } } as CurrentIncidentDocument
}
