import { LRUCache } from 'lru-cache'
import { decodeDocument, type CurrentIncidentDocument } from './document-codec.js'

/** A document as served: its JSON bytes, and the version its ETag names. */
export interface DocumentBytes {
  json: Buffer
  version: number | null
}

interface Entry extends DocumentBytes {
  value: Buffer
}

/**
 * JSON bytes of the documents read from Redis, kept in process by incident. An entry serves a read
 * only when Redis's value is byte for byte the one it was made from, so a hit is never older than
 * Redis and costs a memcmp instead of a msgpack decode and a JSON encode.
 */
export class DocumentBytesCache {
  readonly #entries: LRUCache<string, Entry>

  constructor (maxBytes: number) {
    this.#entries = new LRUCache<string, Entry>({ maxSize: maxBytes, sizeCalculation: entry => entry.value.length + entry.json.length })
  }

  /** The JSON bytes of Redis's value for this incident. */
  bytesOf (incidentId: string, value: Buffer): DocumentBytes {
    const entry = this.#entries.get(incidentId)
    if (entry !== undefined && entry.value.equals(value)) return entry
    const document = decodeDocument(value)
    const made = { value: Buffer.from(value), json: Buffer.from(JSON.stringify(document)), version: document.cache.version }
    this.#entries.set(incidentId, made)
    return made
  }
}

/** JSON bytes of a document read from the database (never kept: it carries no version to check). */
export function uncachedBytes (document: CurrentIncidentDocument): DocumentBytes {
  return { json: Buffer.from(JSON.stringify(document)), version: null }
}
