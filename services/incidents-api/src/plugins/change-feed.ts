import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { Counter, Gauge, Histogram } from 'prom-client'
import { ChangeFeed } from '../cache/change-feed.js'
import { cursorTime } from '../cache/change-log.js'
import type { ServerSentEvent } from '../event-stream.js'

export interface ChangeFeedOptions {
  /** A subscriber whose unsent events exceed this many bytes is sent `reset` and closed. */
  subscriberBufferBytes: number
}

/** Reasons a subscriber is told to reset (the resets metric's label). */
export type ResetReason = 'rebuilt' | 'behind' | 'slow'

/** What the stream route needs: the feed, its bounds, its metrics, and the open streams to end on close. */
export interface ChangeFeedService {
  feed: ChangeFeed
  subscriberBufferBytes: number
  /** Ends every open stream: called before the server closes, which would otherwise wait for them. */
  streams: Set<{ end: () => void }>
  sent: (event: ServerSentEvent) => void
  reset: (reason: ResetReason) => void
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The organizations' change logs, followed live by the stream route. */
    changeFeed: ChangeFeedService
  }
}

/** The change feed's readers, the open streams, and their metrics. */
export const changeFeed = fp(async function changeFeed (app: FastifyInstance, options: ChangeFeedOptions) {
  const registers = [app.metrics]
  const streams = new Set<{ end: () => void }>()
  const subscribers = new Gauge({
    name: 'incidents_api_change_feed_subscribers',
    help: 'Open change streams (GET /incidents/current/stream) on this instance',
    registers,
    collect () { this.set(streams.size) }
  })
  subscribers.set(0)
  const events = new Counter({
    name: 'incidents_api_change_feed_events_total',
    help: 'Events written to change-stream subscribers, by kind (upsert, remove, reset)',
    labelNames: ['kind'],
    registers
  })
  const resets = new Counter({
    name: 'incidents_api_change_feed_resets_total',
    help: 'Resets sent to subscribers, by reason: rebuilt (a rebuild or the toggle changed documents), behind (a cursor older than the log), slow (a subscriber that did not keep up, then closed)',
    labelNames: ['reason'],
    registers
  })
  for (const kind of ['upsert', 'remove', 'reset']) events.inc({ kind }, 0)
  for (const reason of ['rebuilt', 'behind', 'slow']) resets.inc({ reason }, 0)
  const lag = new Histogram({
    name: 'incidents_api_change_feed_lag_seconds',
    help: "From a change's write in Redis (its cursor's time) to this instance's reader reading it, for fan-out to its subscribers",
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers
  })
  const feed = new ChangeFeed({
    redis: app.redis,
    log: app.log,
    onRead: change => { if (change.kind !== 'reset') lag.observe(Math.max(0, Date.now() - cursorTime(change.cursor)) / 1000) }
  })
  app.decorate('changeFeed', {
    feed,
    subscriberBufferBytes: options.subscriberBufferBytes,
    streams,
    sent: event => events.inc({ kind: event.event }),
    reset: reason => resets.inc({ reason })
  })
  app.addHook('preClose', async () => {
    for (const stream of [...streams]) stream.end()
    await feed.close()
  })
}, { name: 'change-feed', dependencies: ['redis'] })
