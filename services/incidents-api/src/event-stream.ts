import * as fastifySse from '@fastify/sse'
import type { SSEPluginOptions, SSEReplyInterface } from '@fastify/sse'
import type { FastifyInstance, FastifyPluginAsync, FastifyReply } from 'fastify'

// The package's module.exports is the fastify-plugin-wrapped plugin, the namespace's default in
// Node; its types name it the module (CommonJS), and its `default` export is the bare function,
// which would stay encapsulated.
const ssePlugin = fastifySse.default as unknown as FastifyPluginAsync<SSEPluginOptions>

// The one module that knows @fastify/sse: it frames events, sends the headers, answers 406 to a
// client that refuses text/event-stream, and writes the heartbeat comments.

export interface ServerSentEvent {
  event: string
  /** JSON text, one line. */
  data: string
  /** The cursor a reconnect sends back as Last-Event-ID; absent on events that are no place to resume from. */
  id?: string
}

/**
 * An event as the bytes of the stream, made once for every subscriber it goes to (the data is one
 * line of JSON): @fastify/sse's send() would frame and encode it again for each.
 */
export function frameEvent (event: ServerSentEvent): Buffer {
  return Buffer.from(`${event.id === undefined ? '' : `id: ${event.id}\n`}event: ${event.event}\ndata: ${event.data}\n\n`)
}

/** Registers @fastify/sse on `app` (its encapsulation context): routes opt in with `sse: EVENT_STREAM_ROUTE`. */
export async function registerEventStreams (app: FastifyInstance, { heartbeatMs }: { heartbeatMs: number }): Promise<void> {
  await app.register(ssePlugin, { heartbeatInterval: heartbeatMs })
}

/** The route option of an event stream: SSE only (406 to clients that refuse it), data already JSON text. */
export const EVENT_STREAM_ROUTE = { kind: 'only' as const, serializer: (data: string) => data }

/**
 * The events of one subscriber, written in order, one at a time, each after the socket took the
 * previous one. What waits is bounded: with more than `maxBufferedBytes` waiting (in the socket's
 * buffer and the queue) the subscriber is too slow; `onOverflow` is called, and the caller ends it
 * (see end()).
 */
export class EventSink {
  readonly #sse: SSEReplyInterface
  readonly #reply: FastifyReply
  readonly #maxBufferedBytes: number
  readonly #queue: Array<{ event: ServerSentEvent, frame?: Buffer, written?: () => void }> = []
  #queuedBytes = 0
  #writing = false
  /** Resolves the paced event being written, if one is. */
  #inFlight: (() => void) | undefined
  #ended = false
  #overflowed = false
  readonly #onOverflow: () => void
  readonly #onSent: (event: ServerSentEvent) => void

  constructor (reply: FastifyReply, { maxBufferedBytes, onOverflow, onSent }: { maxBufferedBytes: number, onOverflow: () => void, onSent: (event: ServerSentEvent) => void }) {
    this.#reply = reply
    this.#sse = reply.sse
    this.#maxBufferedBytes = maxBufferedBytes
    this.#onOverflow = onOverflow
    this.#onSent = onSent
    this.#sse.keepAlive()
    // A client gone mid-write never drains: whoever awaits a paced event is let go.
    this.#sse.onClose(() => this.#release())
  }

  #release (): void {
    this.#inFlight?.()
    this.#inFlight = undefined
    for (const { written } of this.#queue.splice(0)) written?.()
    this.#queuedBytes = 0
  }

  get open (): boolean {
    return !this.#ended && this.#sse.isConnected
  }

  /** Calls `callback` once the client is gone (or the stream was ended). */
  onClose (callback: () => void): void {
    this.#sse.onClose(callback)
  }

  /** Sends the headers now, so the client knows it is subscribed before the first event. */
  start (): void {
    this.#sse.sendHeaders()
    // Node holds written headers back until the first body write, which may be a heartbeat away.
    this.#reply.raw.flushHeaders()
  }

  /**
   * Queues an event: refused (the sink overflows) when what already waits, in the socket's buffer
   * and the queue, exceeds the bound, so the memory a subscriber holds is the bound and one event.
   * False when the sink overflowed (or ended).
   */
  send (event: ServerSentEvent, frame?: Buffer): boolean {
    if (!this.open) return false
    if (this.#queuedBytes + this.#reply.raw.writableLength > this.#maxBufferedBytes) {
      this.#overflow()
      return false
    }
    // Nothing waits: written at once (the socket holds it if it must, and the bound above counts
    // it), with none of the queue's promises, which for a thousand subscribers were their own GC load.
    if (frame !== undefined && !this.#writing) {
      this.#reply.raw.write(frame)
      this.#onSent(event)
      return true
    }
    this.#queue.push(frame === undefined ? { event } : { event, frame })
    this.#queuedBytes += frame?.length ?? event.data.length
    this.#pump()
    return true
  }

  /**
   * Sends an event and resolves once the socket took it: a sender that awaits each (a snapshot)
   * is paced by the client and never counted against the bound.
   */
  async sendPaced (event: ServerSentEvent): Promise<void> {
    if (!this.open) return
    await new Promise<void>(resolve => {
      this.#queue.push({ event, written: resolve })
      this.#pump()
    })
  }

  #pump (): void {
    if (this.#writing) return
    this.#writing = true
    const next = async (): Promise<void> => {
      while (this.#queue.length > 0 && this.open) {
        const { event, frame, written } = this.#queue.shift()!
        if (written === undefined) this.#queuedBytes -= frame?.length ?? event.data.length
        this.#inFlight = written
        if (frame === undefined) await this.#sse.send(event.id === undefined ? { event: event.event, data: event.data } : event)
        else await this.#write(frame)
        this.#onSent(event)
        this.#inFlight = undefined
        written?.()
      }
      this.#release()
      this.#writing = false
    }
    next().catch(() => this.end())
  }

  /** A frame made once for all subscribers, written as @fastify/sse writes: on, once the socket drains. */
  async #write (frame: Buffer): Promise<void> {
    const raw = this.#reply.raw
    if (raw.write(frame)) return
    await new Promise<void>(resolve => {
      const done = (): void => {
        raw.off('drain', done)
        raw.off('close', done)
        resolve()
      }
      raw.on('drain', done)
      raw.on('close', done)
    })
  }

  #overflow (): void {
    if (this.#overflowed) return
    this.#overflowed = true
    this.#onOverflow()
  }

  /**
   * Writes `last` past the queue and the bound (the reset an overflowed subscriber is told), then
   * ends the response; a socket that does not take even that is destroyed after `graceMs`.
   */
  end (last?: ServerSentEvent, graceMs = 1000): void {
    if (this.#ended) return
    this.#ended = true
    this.#release()
    const raw = this.#reply.raw
    if (last !== undefined && !raw.writableEnded && !raw.destroyed) {
      this.#sse.send({ event: last.event, data: last.data }).catch(() => {})
      this.#onSent(last)
    }
    this.#sse.close()
    // The response ends, but its socket (kept alive for another request) may still hold what the
    // client never read: destroyed, so the bound holds past the end.
    const socket = raw.socket
    setTimeout(() => { if (socket !== null && !socket.destroyed && socket.writableLength > 0) socket.destroy() }, graceMs).unref()
  }
}
