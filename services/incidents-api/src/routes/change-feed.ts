import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import { ErrorSchema, type CanonicalUuid } from '@incident-intel/schemas'
import { assertOrganization } from '@incident-intel/service-kit'
import { isStreamId, type ChangesPage } from '../cache/change-log.js'
import { isRedisError } from '../cache/redis-replies.js'
import { decodeDocument } from '../cache/document-codec.js'
import { EVENT_STREAM_ROUTE, EventSink, registerEventStreams } from '../event-stream.js'
import { ChangeFeedUnavailableError, FeedOffError, InvalidFeedCursorError, OrganizationNotFoundError } from '../errors.js'
import { organizationExists } from '../sql/find-organization.js'
import { ChangesPageSchema, ChangesQuerySchema, StreamHeadersSchema, StreamQuerySchema } from '../schemas/change-feed.js'
import { ChangeStreamSession } from './change-stream-session.js'

const tags = ['current-incidents']

export interface ChangeFeedRoutesOptions {
  /** Between two heartbeat comments on an idle stream. */
  heartbeatMs: number
}

/**
 * The organization's cache state, read with the log: a 409 when its cache is off (no document
 * change is logged then), a 404 when it does not exist. A cold cache is rebuilt, and the reset
 * its rebuild logs tells the readers.
 */
async function checkFeed (app: FastifyInstance, organizationId: CanonicalUuid, page: Pick<ChangesPage, 'ready' | 'disabled'>): Promise<void> {
  if (page.disabled) throw new FeedOffError(organizationId)
  if (page.ready) return
  if (!await organizationExists(app.pg, organizationId)) throw new OrganizationNotFoundError(organizationId)
  app.currentIncidents.scheduleRebuild(organizationId)
}

async function withRedis<T> (read: () => Promise<T>): Promise<T> {
  try {
    return await read()
  } catch (error) {
    if (isRedisError(error)) throw new ChangeFeedUnavailableError()
    throw error
  }
}

/** The change feed of an organization's current-incident documents: pulled in pages, or pushed as Server-Sent Events. */
export const changeFeedRoutes: FastifyPluginAsyncTypebox<ChangeFeedRoutesOptions> = async (app, { heartbeatMs }) => {
  await registerEventStreams(app, { heartbeatMs })

  app.get('/incidents/current/changes', {
    schema: {
      operationId: 'listCurrentIncidentChanges',
      summary: "The changes of an organization's current-incident documents, in the order Redis applied them",
      description: 'Pages of the change log: pass each answer\'s `next_cursor` as `after`. `reset: true` means `after` is older than what the log keeps (trimmed by `CHANGE_LOG_MAX_LENGTH` or `CHANGE_LOG_MAX_AGE_MS`, or a rebuild changed the documents since): read `GET /incidents/current` again, then follow from this answer\'s `next_cursor`. Each incident\'s `version` increases along the feed. 409 when the organization\'s cache is off.',
      tags,
      querystring: ChangesQuerySchema,
      response: {
        200: ChangesPageSchema,
        400: ErrorSchema,
        404: ErrorSchema,
        409: ErrorSchema,
        503: { ...ErrorSchema, description: 'Redis is unavailable: the change log cannot be read now' }
      }
    }
  }, async (request) => {
    const { organization_id: organizationId, after = null, limit = 100 } = request.query
    if (after !== null && !isStreamId(after)) throw new InvalidFeedCursorError('after', after)
    assertOrganization(request.caller, organizationId)
    const page = await withRedis(() => app.changeFeed.feed.changeLog.read(organizationId, after, limit))
    await checkFeed(app, organizationId, page)
    if (page.reset || page.changes.some(change => change.kind === 'reset')) {
      return { organization_id: organizationId, changes: [], next_cursor: page.last, reset: true }
    }
    const changes = page.changes.map(change => ({
      cursor: change.cursor,
      incident_id: change.incidentId!,
      kind: change.kind as 'upsert' | 'remove',
      version: change.version!,
      ...change.document === undefined ? {} : { document: decodeDocument(change.document) }
    }))
    return { organization_id: organizationId, changes, next_cursor: changes.at(-1)?.cursor ?? after ?? page.last, reset: false }
  })

  app.get('/incidents/current/stream', {
    sse: EVENT_STREAM_ROUTE,
    schema: {
      operationId: 'streamCurrentIncidentChanges',
      summary: "The changes of an organization's current-incident documents, pushed as Server-Sent Events",
      description: [
        'Events: `upsert` (data: the document), `remove` (data: `{incident_id, version}`), `reset` (data: `{reason, documents?}`: what you hold is no longer complete), and a `: heartbeat` comment every `CHANGE_FEED_HEARTBEAT_MS`.',
        'Reset reasons: `rebuilt` (a rebuild or the toggle changed documents without an event each), `behind` (the cursor is older than the log, or Redis lost it), `slow` (this subscriber did not keep up: the stream ends), `snapshot` (the snapshot asked for follows).',
        'Each `upsert` and `remove` carries its cursor as `id:`; a reconnect with `Last-Event-ID` resumes after it with no gap, or starts with `reset` when the log no longer reaches back to it.',
        '`snapshot=true` first sends `reset` with `documents`: the number of `upsert` events that follow, every current document, read atomically with the cursor the feed then follows from (only the last of them carries it as `id:`); every later reset is sent the same way. A `Last-Event-ID` the log still reaches resumes instead, with no snapshot.',
        'A subscriber that does not keep up (`CHANGE_FEED_SUBSCRIBER_BUFFER_BYTES` unsent) is sent `reset` and closed.',
        'Rate limits: the connection counts once against the caller\'s reads budget, however long it stays open.',
        '409 when the organization\'s cache is off.'
      ].join(' '),
      tags,
      querystring: StreamQuerySchema,
      headers: StreamHeadersSchema,
      produces: ['text/event-stream'],
      response: {
        200: {
          description: 'A stream of `upsert`, `remove` and `reset` events (see the description)',
          content: { 'text/event-stream': { schema: Type.Unknown({ description: 'Server-Sent Events, one event per change, for as long as the connection stays open' }) } }
        },
        400: ErrorSchema,
        404: ErrorSchema,
        406: { ...ErrorSchema, description: 'The client refuses text/event-stream' },
        409: ErrorSchema,
        503: { ...ErrorSchema, description: 'Redis is unavailable: the change log cannot be followed now' }
      }
    }
  }, async (request, reply) => {
    const { organization_id: organizationId, snapshot = false } = request.query
    const lastEventId = request.headers['last-event-id'] ?? null
    if (lastEventId !== null && !isStreamId(lastEventId)) throw new InvalidFeedCursorError('Last-Event-ID', lastEventId)
    assertOrganization(request.caller, organizationId)
    await checkFeed(app, organizationId, await withRedis(() => app.changeFeed.feed.changeLog.read(organizationId, null, 0)))
    const service = app.changeFeed
    const sink: EventSink = new EventSink(reply, {
      maxBufferedBytes: service.subscriberBufferBytes,
      onSent: service.sent,
      onOverflow: () => {
        session.stop()
        service.reset('slow')
        sink.end({ event: 'reset', data: JSON.stringify({ reason: 'slow' }) })
      }
    })
    const session = new ChangeStreamSession(service, organizationId, sink, snapshot, request.log)
    const stream = { end: () => sink.end() }
    service.streams.add(stream)
    sink.onClose(() => {
      session.stop()
      service.streams.delete(stream)
    })
    sink.start()
    try {
      await session.start(lastEventId)
    } catch (error) {
      // The headers are sent: an error can only end the stream (the client reconnects).
      request.log.warn({ err: error, organizationId }, 'change stream failed; closing it')
      sink.end()
    }
  })
}
