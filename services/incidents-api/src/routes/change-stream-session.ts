import type { CanonicalUuid } from '@incident-intel/schemas'
import type { FastifyBaseLogger } from 'fastify'
import { documentJson, type FeedFollower } from '../cache/change-feed.js'
import type { Change } from '../cache/change-log.js'
import { frameEvent, type EventSink } from '../event-stream.js'
import type { ChangeFeedService, ResetReason } from '../plugins/change-feed.js'

// Each change's event, framed once however many subscribers it goes to.
const frames = new WeakMap<Change, Buffer>()

/**
 * One subscriber of GET /incidents/current/stream: follows the organization's changes into its
 * event sink. With `snapshot`, it first sends every current document as `upsert` events, read
 * atomically with the cursor it then follows from, and does so again after each `reset`.
 */
export class ChangeStreamSession {
  readonly #service: ChangeFeedService
  readonly #organizationId: CanonicalUuid
  readonly #sink: EventSink
  readonly #snapshot: boolean
  readonly #log: FastifyBaseLogger
  /** Bumped on each re-snapshot: what an older follow still delivers is dropped. */
  #generation = 0
  #unfollow: (() => void) | undefined

  constructor (service: ChangeFeedService, organizationId: CanonicalUuid, sink: EventSink, snapshot: boolean, log: FastifyBaseLogger) {
    this.#service = service
    this.#organizationId = organizationId
    this.#sink = sink
    this.#snapshot = snapshot
    this.#log = log
  }

  /** Resumes after `lastEventId` when given (a reset first if the log no longer reaches it), else snapshots or follows from now. */
  async start (lastEventId: string | null): Promise<void> {
    if (lastEventId === null && this.#snapshot) await this.#snapshotThenFollow(this.#generation, 'snapshot')
    else await this.#follow(lastEventId, this.#generation)
  }

  /** Stops following (the client left, or the stream ended). */
  stop (): void {
    this.#generation++
    this.#unfollow?.()
    this.#unfollow = undefined
  }

  async #follow (from: string | null, generation: number): Promise<void> {
    const follower: FeedFollower = {
      deliver: change => { if (generation === this.#generation) this.#deliver(change) },
      lost: cursor => { if (generation === this.#generation) this.#reset('behind', cursor) }
    }
    const unfollow = await this.#service.feed.follow(this.#organizationId, from, follower)
    if (generation === this.#generation && this.#sink.open) this.#unfollow = unfollow
    else unfollow()
  }

  #deliver (change: Change): void {
    if (change.kind === 'reset') return this.#reset('rebuilt', change.cursor)
    const data = change.kind === 'upsert'
      ? documentJson(change.document!)
      : JSON.stringify({ incident_id: change.incidentId, version: change.version })
    const event = { event: change.kind, id: change.cursor, data }
    let frame = frames.get(change)
    if (frame === undefined) {
      frame = frameEvent(event)
      frames.set(change, frame)
    }
    if (!this.#sink.send(event, frame)) this.stop()
  }

  /**
   * Tells the client to read the documents again; with `snapshot`, sends them after the reset
   * (see #snapshotThenFollow).
   */
  #reset (reason: ResetReason, cursor: string): void {
    this.#service.reset(reason)
    if (!this.#snapshot) {
      if (!this.#sink.send({ event: 'reset', id: cursor, data: JSON.stringify({ reason }) })) this.stop()
      // The toggle turned off (its drop logged the reset): no change is logged any more, so the
      // stream ends; the client's reconnect is a 409.
      if (reason === 'rebuilt') this.#endIfOff().catch(() => {})
      return
    }
    this.stop()
    this.#snapshotThenFollow(this.#generation, reason).catch(error => {
      this.#log.warn({ err: error, organizationId: this.#organizationId }, 'change stream: snapshot failed; closing the stream')
      this.#sink.end()
    })
  }

  /**
   * A `reset` whose data counts the `upsert` events that follow (`{reason, documents}`), those
   * events, then the feed from the snapshot's cursor. Only the last upsert carries that cursor as
   * its id: a reconnect during the snapshot still names the cursor before it, and is reset again.
   */
  async #endIfOff (): Promise<void> {
    if ((await this.#service.feed.changeLog.read(this.#organizationId, null, 0)).disabled) this.#end()
  }

  #end (): void {
    this.stop()
    this.#sink.end()
  }

  async #snapshotThenFollow (generation: number, reason: ResetReason | 'snapshot'): Promise<void> {
    const snapshot = await this.#service.feed.snapshot(this.#organizationId)
    if (generation !== this.#generation || !this.#sink.open) return
    if (snapshot.disabled) return this.#end()
    const last = snapshot.documents.length - 1
    // Paced by the client: a snapshot is as large as the organization, never counted against the bound.
    await this.#sink.sendPaced({ event: 'reset', data: JSON.stringify({ reason, documents: snapshot.documents.length }) })
    for (const [i, data] of snapshot.documents.entries()) {
      if (generation !== this.#generation || !this.#sink.open) return
      await this.#sink.sendPaced(i === last ? { event: 'upsert', id: snapshot.last, data } : { event: 'upsert', data })
    }
    if (generation !== this.#generation || !this.#sink.open) return
    await this.#follow(snapshot.last, generation)
  }
}
