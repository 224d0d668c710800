import type { CanonicalUuid } from '@incident-intel/schemas'
import type { RedisClient } from '@incident-intel/service-kit'
import { DISABLED_FIELD, LOG_FLOOR_FIELD, LOG_TRIMMED_FIELD, READY_FIELD, changesKey, documentsKey, isMarker, versionsKey } from './cache-keys.js'
import { execBatch } from './redis-replies.js'

/** The cursor of an empty log: before every entry. */
export const START_CURSOR = '0-0'

/** One entry of an organization's change log (cache-scripts.ts appends them). */
export interface Change {
  /** The stream entry's id: `<ms>-<seq>`, Redis's time of the write, then its order within that ms. */
  cursor: string
  kind: 'upsert' | 'remove' | 'reset'
  /** Absent on a reset. */
  incidentId?: CanonicalUuid
  version?: number
  /** An upsert's document, msgpack as in the documents hash. */
  document?: Buffer
}

/** What the cache says of the organization, read in the same transaction as the log. */
interface CacheState {
  ready: boolean
  disabled: boolean
  /** The log's last id, START_CURSOR when it is empty. */
  last: string
}

export interface ChangesPage extends CacheState {
  /** True when the log no longer holds every change after the cursor asked for (trimmed, or it is ahead of the log's end). */
  reset: boolean
  /** The changes after the cursor, resets the log holds included. */
  changes: Change[]
}

export interface DocumentsSnapshot extends CacheState {
  /** incident_id → msgpack document, every one the hash held at `last`. */
  documents: Array<[CanonicalUuid, Buffer]>
}

/** Orders two cursors (`<ms>-<seq>`, each a decimal integer without leading zeros), as Redis orders stream ids. */
export function compareCursors (a: string, b: string): number {
  if (a === b) return 0
  const aDash = a.indexOf('-')
  const bDash = b.indexOf('-')
  return compareDigits(a.slice(0, aDash), b.slice(0, bDash)) || compareDigits(a.slice(aDash + 1), b.slice(bDash + 1))
}

// Decimal integers of any length, compared without parsing: the shorter is smaller, else the first differing digit.
function compareDigits (a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1
  return a < b ? -1 : a > b ? 1 : 0
}

const STREAM_SEQUENCE_MAX = 2n ** 64n - 1n

/** Whether a cursor the schema let through (`<ms>-<seq>`, digits) is one Redis can name: seq fits in 64 bits. */
export function isStreamId (cursor: string): boolean {
  return BigInt(cursor.slice(cursor.indexOf('-') + 1)) <= STREAM_SEQUENCE_MAX
}

/** The time of the write a cursor names, in ms since the epoch. */
export function cursorTime (cursor: string): number {
  return Number(cursor.slice(0, cursor.indexOf('-')))
}

type StreamEntry = [Buffer, Buffer[]]

function parseEntry ([id, fields]: StreamEntry): Change {
  const values: Record<string, Buffer> = {}
  for (let i = 0; i < fields.length; i += 2) values[fields[i]!.toString()] = fields[i + 1]!
  const change: Change = { cursor: id.toString(), kind: values.kind!.toString() as Change['kind'] }
  if (values.incident_id) change.incidentId = values.incident_id.toString() as CanonicalUuid
  if (values.version) change.version = Number(values.version.toString())
  if (values.document) change.document = values.document
  return change
}

/**
 * Reads an organization's change log together with its documents' state, each read one MULTI, so
 * what it says of the log's floor and end holds for the entries it returns.
 */
export class ChangeLog {
  readonly #redis: RedisClient

  constructor (redis: RedisClient) {
    this.#redis = redis
  }

  /**
   * Up to `limit` changes after `after`, in one MULTI with the markers and the end of the log, so
   * what it says of them holds for the entries it returns. `after` null: from the floor on, where a
   * reader that has just read the documents starts (then one more round trip).
   */
  async read (organizationId: CanonicalUuid, after: string | null, limit: number): Promise<ChangesPage> {
    const [state, markers, entries] = await this.#read(organizationId, after ?? START_CURSOR, limit)
    if (after === null) {
      if (markers.floor === null || limit === 0) return { ...state, reset: false, changes: entries.map(parseEntry) }
      const [again, , fromFloor] = await this.#read(organizationId, markers.floor, limit)
      return { ...again, reset: false, changes: fromFloor.map(parseEntry) }
    }
    const missed = (markers.trimmed !== null && compareCursors(after, markers.trimmed) < 0) || compareCursors(after, state.last) > 0
    return missed ? { ...state, reset: true, changes: [] } : { ...state, reset: false, changes: entries.map(parseEntry) }
  }

  async #read (organizationId: CanonicalUuid, after: string, limit: number): Promise<[CacheState, { floor: string | null, trimmed: string | null }, StreamEntry[]]> {
    const multi = this.#redis.multi()
      .hmget(documentsKey(organizationId), READY_FIELD, DISABLED_FIELD)
      .hmget(versionsKey(organizationId), LOG_FLOOR_FIELD, LOG_TRIMMED_FIELD)
      .xrevrange(changesKey(organizationId), '+', '-', 'COUNT', 1)
    if (limit > 0) multi.xrangeBuffer(changesKey(organizationId), `(${after}`, '+', 'COUNT', limit)
    const [[ready, disabled], [floor, trimmed], [lastEntry], entries = []] = await execBatch(multi) as
      [[string | null, string | null], [string | null, string | null], Array<[string, string[]]>, StreamEntry[]?]
    return [{ ready: ready !== null, disabled: disabled !== null, last: lastEntry?.[0] ?? START_CURSOR }, { floor, trimmed }, entries]
  }

  /** Every document the hash holds and the log's last id, read in one MULTI: a reader that follows from `last` misses nothing. */
  async snapshot (organizationId: CanonicalUuid): Promise<DocumentsSnapshot> {
    const [fields, [lastEntry]] = await execBatch(this.#redis.multi()
      .hgetallBuffer(documentsKey(organizationId))
      .xrevrange(changesKey(organizationId), '+', '-', 'COUNT', 1)) as [Record<string, Buffer>, Array<[string, string[]]>]
    const documents = Object.entries(fields)
      .filter(([field]) => !isMarker(field))
      .sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0) as Array<[CanonicalUuid, Buffer]>
    return { ready: fields[READY_FIELD] !== undefined, disabled: fields[DISABLED_FIELD] !== undefined, last: lastEntry?.[0] ?? START_CURSOR, documents }
  }
}
