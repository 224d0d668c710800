import { createParser, type EventSourceMessage } from 'eventsource-parser'
import type { components } from './generated/incidents-api.js'

type CurrentIncidentDocument = components['schemas']['CurrentIncidentDocument']

/** What `streamCurrentIncidents` yields, in the order Redis applied the changes. */
export type CurrentIncidentEvent =
  /** Every current document at `cursor` (only with `snapshot: true`): the events after it follow from there. */
  | { type: 'snapshot', cursor: string | null, documents: CurrentIncidentDocument[] }
  | { type: 'upsert', cursor: string | null, document: CurrentIncidentDocument }
  | { type: 'remove', cursor: string | null, incidentId: string, version: number }
  /**
   * What you hold may be stale (the log was trimmed past your cursor, the cache was rebuilt, or
   * this subscriber fell behind). With `snapshot: true` a new `snapshot` follows; without, read
   * the list again.
   */
  | { type: 'reset', cursor: string | null, reason: string | null }

export interface StreamCurrentIncidentsOptions {
  /** The service's root, e.g. `http://127.0.0.1:3001`. */
  baseUrl: string
  /** Sent as `authorization: Bearer <token>`. */
  token?: string
  /** Default: globalThis.fetch. */
  fetch?: typeof globalThis.fetch
  organizationId: string
  /** Start with every current document (one `snapshot` event), and take a new one after each `reset`. */
  snapshot?: boolean
  /** Resume after this cursor (an event's `cursor`); with `snapshot`, one comes only when the log no longer reaches back to it. */
  lastEventId?: string
  /** Ends the iteration (it returns; it does not throw). */
  signal?: AbortSignal
  /** Reconnection back-off: the first delay, doubled per failed attempt up to `maxDelayMs` (defaults 100 ms, 5 s). */
  retry?: { initialDelayMs?: number, maxDelayMs?: number }
  /**
   * A connection that brings no byte for this long (not even the service's heartbeat, every
   * CHANGE_FEED_HEARTBEAT_MS, 15 s by default) is taken for dead and replaced (default 45 s).
   */
  idleTimeoutMs?: number
  /** Called before each reconnection, with why and how long it waits. */
  onReconnect?: (info: { attempt: number, delayMs: number, error: unknown }) => void
}

/** The service refused the subscription for good (400, 401, 403, 404, 406, 409): retrying would not help. */
export class StreamRefusedError extends Error {
  constructor (readonly status: number, readonly body: unknown) {
    super(`the stream was refused: HTTP ${status}${typeof body === 'object' && body !== null && 'message' in body ? `: ${String(body.message)}` : ''}`)
    this.name = 'StreamRefusedError'
  }
}

// Statuses that mean "this request will not work" (409: the organization's cache is off, so it
// has no feed); anything else (429, 5xx, a dropped connection) is retried with back-off.
const REFUSED = new Set([400, 401, 403, 404, 406, 409])

/** A snapshot being received: its count, once its reset said it, and the documents so far. */
interface PendingSnapshot {
  expected: number | null
  cursor: string | null
  documents: CurrentIncidentDocument[]
}

/**
 * An async iterator over `GET /incidents/current/stream` (Server-Sent Events): the organization's
 * document changes in order, resuming after a dropped connection with `Last-Event-ID` (back-off,
 * `Retry-After` honoured), so no change is skipped. Works wherever `fetch` streams a body (Node 24,
 * browsers). Throws StreamRefusedError on 400/401/403/404/406/409; ends when `signal` aborts or the
 * loop breaks.
 */
export async function * streamCurrentIncidents (options: StreamCurrentIncidentsOptions): AsyncGenerator<CurrentIncidentEvent, void, undefined> {
  const { signal } = options
  const fetch = options.fetch ?? globalThis.fetch
  const initialDelayMs = options.retry?.initialDelayMs ?? 100
  const maxDelayMs = options.retry?.maxDelayMs ?? 5000
  const idleTimeoutMs = options.idleTimeoutMs ?? 45_000
  let cursor: string | null = options.lastEventId ?? null
  // A cursor given resumes; with `snapshot` the service sends one only if the log no longer holds it.
  let takeSnapshot = options.snapshot === true && options.lastEventId === undefined
  let attempt = 0
  // A function, not a narrowed property: it changes while the generator waits.
  const aborted = () => signal?.aborted === true

  while (!aborted()) {
    const connection = new AbortController()
    const abort = () => connection.abort()
    // A link that died without a FIN (a host gone, a proxy hung) shows only as silence.
    let idle: ReturnType<typeof setTimeout> | undefined
    const awake = () => {
      clearTimeout(idle)
      idle = setTimeout(() => connection.abort(new Error(`no byte for ${idleTimeoutMs} ms`)), idleTimeoutMs)
    }
    awake()
    signal?.addEventListener('abort', abort, { once: true })
    let failure: unknown = null
    let retryAfterMs: number | undefined
    try {
      // With snapshot: true every connection asks for one: a valid Last-Event-ID overrides it
      // (the changes since follow), and one too old gets a reset, then the snapshot.
      const response = await fetch(streamUrl(options.baseUrl, options.organizationId, options.snapshot === true), {
        headers: {
          accept: 'text/event-stream',
          ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
          // A snapshot starts afresh: the cursor comes with it.
          ...(cursor === null || takeSnapshot ? {} : { 'last-event-id': cursor })
        },
        signal: connection.signal
      })
      if (response.status !== 200 || response.body === null) {
        const body = await response.text().then(parseJson, () => null)
        if (REFUSED.has(response.status)) throw new StreamRefusedError(response.status, body)
        retryAfterMs = retryAfter(response.headers.get('retry-after'))
        throw new Error(`the stream answered HTTP ${response.status}`)
      }

      // Heartbeat comments only keep the connection alive: events alone are parsed.
      const messages: EventSourceMessage[] = []
      const parser = createParser({ onEvent: message => messages.push(message) })
      // A snapshot is a `reset` whose data counts the upserts that follow ({documents: N}), then
      // those N (the last carries the snapshot's cursor as its id), then the feed.
      let pending: PendingSnapshot | null = takeSnapshot ? newSnapshot() : null
      const completed = function * (): Generator<CurrentIncidentEvent> {
        if (pending === null || pending.expected === null || pending.documents.length < pending.expected) return
        yield { type: 'snapshot', cursor: pending.cursor, documents: pending.documents }
        cursor = pending.cursor ?? cursor
        takeSnapshot = false
        attempt = 0
        pending = null
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
      try {
        for (;;) {
          const { value, done } = await reader.read()
          awake()
          if (done) break
          parser.feed(value)
          for (const message of messages.splice(0)) {
            if (pending !== null) {
              // Anything else inside a snapshot: start again, with a new one.
              if (!partOfSnapshot(pending, message)) throw new Error(`the stream sent ${message.event ?? 'a message'} inside a snapshot`)
              yield * completed()
              continue
            }
            const event = toEvent(message)
            if (event === null) continue
            if (event.cursor !== null) cursor = event.cursor
            attempt = 0
            yield event
            // The documents held are stale: on this connection the service sends a new snapshot
            // at once (this reset is its start); a connection that ends first is followed by one
            // that asks for a snapshot.
            if (event.type === 'reset' && options.snapshot === true) {
              takeSnapshot = true
              pending = newSnapshot()
              partOfSnapshot(pending, message)
              yield * completed()
            }
          }
        }
      } finally {
        reader.releaseLock()
      }
      failure = new Error('the stream ended')
    } catch (error) {
      if (error instanceof StreamRefusedError) throw error
      failure = error
    } finally {
      signal?.removeEventListener('abort', abort)
      clearTimeout(idle)
      connection.abort()
    }
    if (aborted()) return
    attempt++
    const delayMs = retryAfterMs ?? Math.min(maxDelayMs, initialDelayMs * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2)
    options.onReconnect?.({ attempt, delayMs, error: failure })
    await sleep(delayMs, signal)
  }
}

function streamUrl (baseUrl: string, organizationId: string, snapshot: boolean): string {
  const url = new URL('/incidents/current/stream', baseUrl)
  url.searchParams.set('organization_id', organizationId)
  if (snapshot) url.searchParams.set('snapshot', 'true')
  return url.toString()
}

const newSnapshot = (): PendingSnapshot => ({ expected: null, cursor: null, documents: [] })

/** Whether an event belongs to the snapshot being received (and takes it in): its reset first, then upserts. */
function partOfSnapshot (pending: PendingSnapshot, message: EventSourceMessage): boolean {
  if (pending.expected === null) {
    const documents = message.event === 'reset' ? (parseJson(message.data) as { documents?: unknown } | null)?.documents : undefined
    if (typeof documents !== 'number') return false
    pending.expected = documents
    return true
  }
  if (message.event !== 'upsert') return false
  pending.documents.push(JSON.parse(message.data) as CurrentIncidentDocument)
  if (message.id !== undefined && message.id !== '') pending.cursor = message.id
  return true
}

function toEvent (message: EventSourceMessage): CurrentIncidentEvent | null {
  const cursor = message.id === undefined || message.id === '' ? null : message.id
  switch (message.event) {
    case 'upsert':
      return { type: 'upsert', cursor, document: JSON.parse(message.data) as CurrentIncidentDocument }
    case 'remove': {
      const { incident_id: incidentId, version } = JSON.parse(message.data) as { incident_id: string, version: number }
      return { type: 'remove', cursor, incidentId, version }
    }
    case 'reset': {
      const { reason } = (parseJson(message.data) ?? {}) as { reason?: unknown }
      return { type: 'reset', cursor, reason: typeof reason === 'string' ? reason : null }
    }
    default:
      // An event this client does not know yet: skipped, as EventSource skips unlistened types.
      return null
  }
}

function parseJson (text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

function retryAfter (header: string | null): number | undefined {
  if (header === null) return undefined
  const seconds = Number(header)
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined
}

async function sleep (ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted === true) return
  await new Promise<void>(resolve => {
    const done = () => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal?.addEventListener('abort', done, { once: true })
  })
}
