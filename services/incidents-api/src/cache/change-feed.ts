import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyBaseLogger } from 'fastify'
import { duplicateRedisClient, type RedisClient } from '@incident-intel/service-kit'
import type { CanonicalUuid } from '@incident-intel/schemas'
import { changesKey } from './cache-keys.js'
import { ChangeLog, START_CURSOR, compareCursors, type Change, type DocumentsSnapshot } from './change-log.js'
import { decodeDocument } from './document-codec.js'

/** What a snapshot sends: the documents' JSON, and the cursor to follow from. */
export interface Snapshot extends Omit<DocumentsSnapshot, 'documents'> {
  documents: string[]
}

const json = new WeakMap<Buffer, string>()

/** A document's JSON, made once however many subscribers it is sent to. */
export function documentJson (document: Buffer): string {
  let text = json.get(document)
  if (text === undefined) {
    text = JSON.stringify(decodeDocument(document))
    json.set(document, text)
  }
  return text
}

/** One follower of an organization's changes (a stream subscriber). Called in log order, never concurrently. */
export interface FeedFollower {
  /** A change after the follower's cursor: an upsert, a remove, or a reset the log holds. */
  deliver (change: Change): void
  /** The log no longer reaches back to the follower's cursor (trimmed past it, or lost by Redis); it goes on from `cursor`. */
  lost (cursor: string): void
}

interface Following {
  follower: FeedFollower
  cursor: string
}

export interface ChangeFeedOptions {
  /** The service's client, for the transactions that read the log. */
  redis: RedisClient
  log: FastifyBaseLogger
  /** Entries read at once, by a reader and by a follower catching up. */
  batchSize?: number
  /** How long one blocking read waits for a change before it is issued again. */
  blockMs?: number
  /** Each change a reader reads, once, before it is delivered (the lag metric). */
  onRead?: (change: Change) => void
}

/**
 * The organizations' change logs, followed live: one reader per organization with followers in
 * this process, blocked on XREAD on a connection of its own (never the shared auto-pipelined
 * client), delivers each change once to every follower. A new follower catches up from its cursor
 * with paged reads, then joins the live delivery where the reader stands.
 */
export class ChangeFeed {
  readonly #redis: RedisClient
  readonly #changeLog: ChangeLog
  readonly #log: FastifyBaseLogger
  readonly #batchSize: number
  readonly #blockMs: number
  readonly #onRead: (change: Change) => void
  readonly #readers = new Map<CanonicalUuid, OrganizationReader>()
  readonly #snapshots = new Map<CanonicalUuid, Promise<Snapshot>>()
  #closed = false

  constructor ({ redis, log, batchSize = 500, blockMs = 5000, onRead = () => {} }: ChangeFeedOptions) {
    this.#redis = redis
    this.#changeLog = new ChangeLog(redis)
    this.#log = log
    this.#batchSize = batchSize
    this.#blockMs = blockMs
    this.#onRead = onRead
  }

  get changeLog (): ChangeLog {
    return this.#changeLog
  }

  /**
   * Delivers to `follower` every change after `from` (null: from where the log ends now), then
   * each new one, until the returned function is called. Resolves once it follows live.
   */
  async follow (organizationId: CanonicalUuid, from: string | null, follower: FeedFollower): Promise<() => void> {
    if (this.#closed) throw new Error('the change feed is closed')
    let reader = this.#readers.get(organizationId)
    if (reader === undefined) {
      reader = new OrganizationReader(organizationId, this, this.#blockMs)
      this.#readers.set(organizationId, reader)
    }
    const following: Following = { follower, cursor: START_CURSOR }
    reader.pending++
    try {
      await reader.started
      // From the reader's position: nothing to catch up (and no read, when many connect at once).
      if (from === null) {
        following.cursor = reader.position
        reader.followers.add(following)
        return this.#unfollowing(organizationId, reader, following)
      }
      following.cursor = from
      // Pages until the log's end is reached and the cursor is at the reader's position, checked
      // with no await before joining: every later change comes from the reader, and none twice.
      for (;;) {
        const page = await this.#changeLog.read(organizationId, following.cursor, this.#batchSize)
        if (page.reset) {
          following.cursor = page.last
          follower.lost(page.last)
        } else {
          for (const change of page.changes) follower.deliver(change)
          following.cursor = page.changes.at(-1)?.cursor ?? following.cursor
        }
        if (page.changes.length < this.#batchSize && compareCursors(following.cursor, reader.position) >= 0) break
      }
      reader.followers.add(following)
    } finally {
      reader.pending--
      this.#retireIfIdle(organizationId, reader)
    }
    return this.#unfollowing(organizationId, reader, following)
  }

  #unfollowing (organizationId: CanonicalUuid, reader: OrganizationReader, following: Following): () => void {
    return () => {
      reader.followers.delete(following)
      this.#retireIfIdle(organizationId, reader)
    }
  }

  /** A reader no one follows or is about to follow stops, and its connection closes. */
  #retireIfIdle (organizationId: CanonicalUuid, reader: OrganizationReader): void {
    if (reader.followers.size > 0 || reader.pending > 0) return
    if (this.#readers.get(organizationId) === reader) this.#readers.delete(organizationId)
    reader.stop().catch(() => {})
  }

  /**
   * Every current document of the organization with the cursor to follow from, read atomically;
   * subscribers that ask while a read is under way share it (its cursor holds for each of them).
   */
  async snapshot (organizationId: CanonicalUuid): Promise<Snapshot> {
    let reading = this.#snapshots.get(organizationId)
    if (reading === undefined) {
      reading = this.#changeLog.snapshot(organizationId)
        .then(({ documents, ...state }) => ({ ...state, documents: documents.map(([, value]) => documentJson(value)) }))
        .finally(() => this.#snapshots.delete(organizationId))
      this.#snapshots.set(organizationId, reading)
    }
    return await reading
  }

  /** Stops every reader; followers get nothing more. */
  async close (): Promise<void> {
    this.#closed = true
    const readers = [...this.#readers.values()]
    this.#readers.clear()
    await Promise.all(readers.map(reader => reader.stop()))
  }

  /** For the readers: the shared pieces. */
  get context () {
    return { redis: this.#redis, changeLog: this.#changeLog, log: this.#log, batchSize: this.#batchSize, onRead: this.#onRead }
  }
}

/** The one reader of an organization's log in this process. */
class OrganizationReader {
  readonly followers = new Set<Following>()
  /** Followers catching up, not yet joined: the reader stays while any does. */
  pending = 0
  /** The last change delivered (or, at first, the log's end when the reader started). */
  position = START_CURSOR
  readonly started: Promise<string>
  readonly #organizationId: CanonicalUuid
  readonly #feed: ChangeFeed
  readonly #connection: RedisClient
  #stopped = false
  readonly #running: Promise<void>

  constructor (organizationId: CanonicalUuid, feed: ChangeFeed, blockMs: number) {
    this.#organizationId = organizationId
    this.#feed = feed
    const { redis, log } = feed.context
    // A blocking read holds its connection: never the shared client's, whose commands would wait
    // behind it. On a cluster the copy sends the read to the log's master.
    this.#connection = duplicateRedisClient(redis, { enableAutoPipelining: false, enableOfflineQueue: true, lazyConnect: false, commandTimeout: blockMs + 5000, maxRetriesPerRequest: null })
    this.#connection.on('error', error => log.debug({ err: error, organizationId }, 'change feed reader: Redis error'))
    let resolveStarted!: (position: string) => void
    this.started = new Promise(resolve => { resolveStarted = resolve })
    this.#running = this.#run(blockMs, resolveStarted)
  }

  async #run (blockMs: number, resolveStarted: (position: string) => void): Promise<void> {
    const { changeLog, log, batchSize, onRead } = this.#feed.context
    let failures = 0
    let started = false
    while (!this.#stopped) {
      try {
        if (!started) {
          this.position = (await changeLog.read(this.#organizationId, null, 0)).last
          started = true
          resolveStarted(this.position)
        }
        const page = await changeLog.read(this.#organizationId, this.position, batchSize)
        failures = 0
        if (page.reset) {
          // Redis lost or trimmed what this reader had not read: every follower missed it too.
          this.position = page.last
          for (const following of this.followers) {
            following.cursor = page.last
            following.follower.lost(page.last)
          }
          continue
        }
        for (const change of page.changes) {
          onRead(change)
          for (const following of this.followers) {
            if (compareCursors(change.cursor, following.cursor) <= 0) continue
            following.cursor = change.cursor
            following.follower.deliver(change)
          }
          this.position = change.cursor
        }
        if (page.changes.length === batchSize) continue
        // Only a wake-up: the entries are read again above, in one transaction with the floor.
        await this.#connection.xread('COUNT', 1, 'BLOCK', blockMs, 'STREAMS', changesKey(this.#organizationId), this.position)
      } catch (error) {
        if (this.#stopped) break
        failures++
        if (failures === 1) log.warn({ err: error, organizationId: this.#organizationId }, 'change feed reader failed; retrying')
        await sleep(Math.min(100 * 2 ** failures, 2000))
      }
    }
  }

  async stop (): Promise<void> {
    if (this.#stopped) return
    this.#stopped = true
    this.#connection.disconnect()
    await this.#running
  }
}
