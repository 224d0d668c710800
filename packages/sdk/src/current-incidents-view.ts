import type { components } from './generated/incidents-api.js'
import { streamCurrentIncidents, type StreamCurrentIncidentsOptions } from './current-incidents-stream.js'

type CurrentIncidentDocument = components['schemas']['CurrentIncidentDocument']

/** One change the view applied, with the document it replaced or removed (if it held one). */
export type CurrentIncidentsChange =
  /** The whole map was replaced by a snapshot (the first, or a new one after a `reset`). */
  | { type: 'snapshot', cursor: string | null, documents: number }
  | { type: 'upsert', cursor: string | null, document: CurrentIncidentDocument, previous?: CurrentIncidentDocument }
  | { type: 'remove', cursor: string | null, incidentId: string, version: number, previous?: CurrentIncidentDocument }

export interface SyncCurrentIncidentsOptions extends Omit<StreamCurrentIncidentsOptions, 'snapshot' | 'lastEventId'> {
  /** Called after each change is applied to `documents`. */
  onChange?: (change: CurrentIncidentsChange) => void
}

/** A local copy of an organization's current-incident documents, kept in sync by the stream. */
export interface CurrentIncidentsView {
  /** incident_id → its current document; changed in place as events arrive. */
  readonly documents: ReadonlyMap<string, CurrentIncidentDocument>
  /** The cursor of the last change applied (null before the first snapshot). */
  readonly cursor: string | null
  /** Settles once the first snapshot is applied; rejects if the stream is refused first. */
  readonly ready: Promise<void>
  /** Settles when the view stops: after `close()`, or rejected with StreamRefusedError. */
  readonly done: Promise<void>
  /** Stops following the stream; `documents` keeps what it held. */
  close: () => Promise<void>
}

/**
 * Keeps a Map of an organization's current-incident documents in sync: a snapshot, then every
 * change in order, resumed with no gap after a dropped connection, and a new snapshot after a
 * `reset`. `view.documents` is always a state the organization's cache was in.
 */
export function syncCurrentIncidents (options: SyncCurrentIncidentsOptions): CurrentIncidentsView {
  const stop = new AbortController()
  const signal = options.signal === undefined ? stop.signal : AbortSignal.any([stop.signal, options.signal])
  const documents = new Map<string, CurrentIncidentDocument>()
  let cursor: string | null = null
  let markReady!: () => void
  const ready = new Promise<void>(resolve => { markReady = resolve })

  const follow = async () => {
    for await (const event of streamCurrentIncidents({ ...options, snapshot: true, signal })) {
      cursor = event.cursor ?? cursor
      let change: CurrentIncidentsChange
      switch (event.type) {
        case 'snapshot':
          documents.clear()
          for (const document of event.documents) documents.set(document.incident_id, document)
          change = { type: 'snapshot', cursor: event.cursor, documents: event.documents.length }
          markReady()
          break
        case 'upsert': {
          const previous = documents.get(event.document.incident_id)
          documents.set(event.document.incident_id, event.document)
          change = { type: 'upsert', cursor: event.cursor, document: event.document, ...(previous === undefined ? {} : { previous }) }
          break
        }
        case 'remove': {
          const previous = documents.get(event.incidentId)
          documents.delete(event.incidentId)
          change = { type: 'remove', cursor: event.cursor, incidentId: event.incidentId, version: event.version, ...(previous === undefined ? {} : { previous }) }
          break
        }
        case 'reset':
          // The stream takes a new snapshot next; until it comes, the map stays as it was.
          continue
      }
      options.onChange?.(change)
    }
  }
  const done = follow()
  // Both settle with the stream; a caller that awaits neither must not crash the process.
  const readyOrFailed = Promise.race([ready, done.then(() => { throw new Error('the view was closed before its first snapshot') })])
  readyOrFailed.catch(() => {})
  done.catch(() => {})

  return {
    documents,
    get cursor () { return cursor },
    ready: readyOrFailed,
    done,
    close: async () => {
      stop.abort()
      await done.catch(() => {})
    }
  }
}
