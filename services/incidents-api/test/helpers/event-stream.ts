import { createParser, type EventSourceMessage } from 'eventsource-parser'
import type { App } from '../../src/app.js'
import type { Teardown } from '@incident-intel/test-support'

export interface StreamEvent {
  event: string
  id: string | undefined
  data: any
}

export interface OpenStream {
  status: number
  headers: Headers
  /** The next `count` events (waits for them); comments are not events. */
  take: (count: number) => Promise<StreamEvent[]>
  /** Events received and not yet taken, without waiting. */
  buffered: () => StreamEvent[]
  /** Comment lines received (heartbeats). */
  comments: string[]
  /** Resolves when the server ends the stream. */
  ended: Promise<void>
  close: () => void
}

/** The app listening on a free port (once per app), for clients that need a real socket. */
export async function listening (app: App): Promise<string> {
  const address = app.server.address()
  if (address !== null && typeof address === 'object') return `http://127.0.0.1:${address.port}`
  await app.listen({ host: '127.0.0.1', port: 0 })
  return listening(app)
}

/**
 * Opens GET `path` as an event stream with fetch and parses it with eventsource-parser; closed at
 * teardown. A non-200 answer is read as JSON into `body`.
 */
export async function openStream (t: Teardown, app: App, path: string, headers: Record<string, string> = {}): Promise<OpenStream & { body?: any }> {
  const base = await listening(app)
  const controller = new AbortController()
  t.teardown(() => controller.abort())
  const response = await fetch(`${base}${path}`, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal })
  const events: StreamEvent[] = []
  const comments: string[] = []
  let wake: (() => void) | undefined
  const parser = createParser({
    onEvent: (message: EventSourceMessage) => {
      events.push({ event: message.event ?? 'message', id: message.id, data: JSON.parse(message.data) })
      wake?.()
    },
    onComment: comment => comments.push(comment)
  })
  if (response.status !== 200) {
    return { status: response.status, headers: response.headers, body: await response.json(), take: async () => [], buffered: () => [], comments, ended: Promise.resolve(), close: () => controller.abort() }
  }
  let done = false
  const ended = (async () => {
    const decoder = new TextDecoder()
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) parser.feed(decoder.decode(chunk, { stream: true }))
    } catch {
      // aborted by the test
    }
    done = true
    wake?.()
  })()
  const take = async (count: number): Promise<StreamEvent[]> => {
    while (events.length < count) {
      if (done) throw new Error(`the stream ended after ${events.length} of ${count} events: ${JSON.stringify(events.map(e => e.event))}`)
      await new Promise<void>(resolve => { wake = resolve })
    }
    return events.splice(0, count)
  }
  return { status: 200, headers: response.headers, take, buffered: () => events.splice(0), comments, ended, close: () => controller.abort() }
}
