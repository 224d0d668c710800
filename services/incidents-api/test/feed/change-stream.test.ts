import t from 'tap'
import { canonicalUuid } from '@incident-intel/schemas'
import { createOrganization, waitUntil } from '@incident-intel/test-support'
import { buildTestApp } from '../helpers/build-test-app.js'
import { sender } from '../helpers/requests.js'
import { cachedDocuments, databaseDocuments } from '../helpers/cache-state.js'
import { openStream, type OpenStream, type StreamEvent } from '../helpers/event-stream.js'
import { metric, pull, summary } from '../helpers/feed.js'
import { versionsKey } from '../../src/cache/cache-keys.js'

const { app, ...parts } = await buildTestApp(t, { env: { CACHE_DRAIN: 'false', CHANGE_FEED_HEARTBEAT_MS: '50' } })
const { pool, redis } = parts
const send = sender(app)
const organizationId = await createOrganization(pool)
t.equal((await send('POST', '/incidents/current/rebuild', { organization_id: organizationId })).status, 200)

const streamPath = (query = '') => `/incidents/current/stream?organization_id=${organizationId}${query}`
const create = async (title: string) => (await send('POST', '/incidents', { organization_id: organizationId, title, incident_type: 'weather' })).body.incident_id as string
const asChange = (event: StreamEvent) => event.event === 'upsert'
  ? { cursor: event.id, kind: 'upsert', incident_id: event.data.incident_id, version: event.data.cache.version }
  : { cursor: event.id, kind: event.event, incident_id: event.data.incident_id, version: event.data.version }

/** A subscriber's local map, as a client keeps it: a reset with a count, then that many upserts, then changes. */
class LocalView {
  readonly documents = new Map<string, any>()
  readonly versions = new Map<string, number[]>()
  constructor (readonly stream: OpenStream) {}
  async apply (event: StreamEvent): Promise<void> {
    if (event.event === 'reset') {
      this.documents.clear()
      for (const snapshot of await this.stream.take(event.data.documents)) this.documents.set(snapshot.data.incident_id, snapshot.data)
      return
    }
    const id = event.data.incident_id
    this.versions.set(id, [...this.versions.get(id) ?? [], event.event === 'upsert' ? event.data.cache.version : event.data.version])
    if (event.event === 'upsert') this.documents.set(id, event.data)
    else this.documents.delete(id)
  }

  /** Applies events until one names `incidentId`. */
  async until (incidentId: string): Promise<void> {
    for (;;) {
      const [event] = await this.stream.take(1)
      await this.apply(event!)
      if (event!.data.incident_id === incidentId) return
    }
  }
}

t.test('a resume with an old Last-Event-ID gets exactly the missed changes, then the new ones', async t => {
  const stream = await openStream(t, app, streamPath())
  t.same([stream.status, stream.headers.get('content-type'), stream.headers.get('cache-control')], [200, 'text/event-stream', 'no-cache'])
  const a = await create('A')
  await send('PATCH', `/incidents/${a}`, { title: 'A, again' })
  const seen = await stream.take(2)
  t.same(seen.map(event => [event.event, event.data.incident_id]), [['upsert', a], ['upsert', a]])
  stream.close()

  const from = seen[0]!.id!
  const b = await create('B')
  await send('PATCH', `/incidents/${a}`, { status: 'resolved' })
  const missed = (await pull(app, organizationId, `&after=${from}`)).body.changes.map(summary)
  t.same(missed.map((change: any) => [change.kind, change.incident_id]), [['upsert', a], ['upsert', b], ['remove', a]])

  const resumed = await openStream(t, app, streamPath(), { 'last-event-id': from })
  t.same((await resumed.take(3)).map(asChange), missed, 'the same changes as the pull feed, in order, with their cursors')
  const c = await create('C')
  t.same((await resumed.take(1)).map(event => [event.event, event.data.incident_id]), [['upsert', c]], 'then live, nothing in between')
  resumed.close()
})

t.test('snapshot=true under concurrent writes loses nothing', async t => {
  const ids = await Promise.all(Array.from({ length: 12 }, (_, i) => create(`Seed ${i}`)))
  // Writes start before the subscriber and go on while its snapshot is read and sent.
  let subscribed!: () => void
  const opened = new Promise<void>(resolve => { subscribed = resolve })
  const writes = (async () => {
    for (let round = 0; round < 30; round++) {
      if (round === 5) subscribed()
      const id = ids[round % ids.length]!
      const change = round % 7 === 3 ? { status: 'resolved' } : round % 7 === 5 ? { status: 'active' } : { title: `Round ${round}` }
      await Promise.all([send('PATCH', `/incidents/${id}`, change), round % 4 === 0 ? create(`New ${round}`) : Promise.resolve()])
    }
  })()
  await opened
  const stream = await openStream(t, app, streamPath('&snapshot=true'))
  const view = new LocalView(stream)
  const [first] = await stream.take(1)
  t.same([first!.event, first!.id, first!.data.reason], ['reset', undefined, 'snapshot'], 'the snapshot starts with a reset that counts its documents')
  await view.apply(first!)
  await writes
  const sentinel = await create('Sentinel')
  await view.until(sentinel)
  stream.close()

  const strip = (documents: Map<string, any>) => Object.fromEntries([...documents].map(([id, { cache: _cache, ...document }]) => [id, document]))
  t.same(strip(view.documents), await databaseDocuments(pool, organizationId), 'the local map equals the LATERAL query')
  t.same(strip(view.documents), await cachedDocuments(redis, organizationId), 'and Redis')
  const stored = await redis.hgetall(versionsKey(canonicalUuid(organizationId)!))
  t.same(Object.fromEntries([...view.documents].map(([id, document]) => [id, document.cache.version])),
    Object.fromEntries([...view.documents.keys()].map(id => [id, Number(stored[id])])), 'each document at Redis\'s version')
  for (const [id, versions] of view.versions) t.same(versions, [...versions].sort((x, y) => x - y), `${id}: versions arrive increasing`)
})

t.test('a rebuild is seen as reset: with its cursor, or (snapshot=true) with the documents again', async t => {
  const plain = await openStream(t, app, streamPath())
  const snapshotting = await openStream(t, app, streamPath('&snapshot=true'))
  const [initial] = await snapshotting.take(1)
  const count = (await send('GET', `/incidents/current?organization_id=${organizationId}`)).body.incidents.length
  t.same(initial!.data, { reason: 'snapshot', documents: count })
  await snapshotting.take(count)
  t.equal((await send('POST', '/incidents/current/rebuild', { organization_id: organizationId })).status, 200)

  const [reset] = await plain.take(1)
  t.same([reset!.event, reset!.data], ['reset', { reason: 'rebuilt' }])
  t.same((await pull(app, organizationId, `&after=${reset!.id}`)).body.reset, false, 'its id: the cursor to follow from')
  const [again] = await snapshotting.take(1)
  t.same([again!.event, again!.id, again!.data], ['reset', undefined, { reason: 'rebuilt', documents: count }])
  const documents = await snapshotting.take(count)
  t.same(documents.map(event => event.data.incident_id).sort(), Object.keys(await databaseDocuments(pool, organizationId)).sort())
  t.same(documents.map(event => event.id !== undefined), [...Array(count - 1).fill(false), true], 'only the last carries the cursor')
  plain.close()
  snapshotting.close()
})

t.test('the toggle turned off: streams get the reset, then end (a reconnect is a 409)', async t => {
  const toggled = await createOrganization(pool, 'To be turned off')
  t.equal((await send('POST', '/incidents/current/rebuild', { organization_id: toggled })).status, 200)
  const path = (query = '') => `/incidents/current/stream?organization_id=${toggled}${query}`
  const plain = await openStream(t, app, path())
  const snapshotting = await openStream(t, app, path('&snapshot=true'))
  t.same((await snapshotting.take(1)).map(event => event.data), [{ reason: 'snapshot', documents: 0 }])
  await waitUntil(async () => app.changeFeed.streams.size >= 2, 5000, 'not subscribed')
  await pool.query('update organizations.organizations set metadata = \'{"use_current_incidents_cache": false}\' where organization_id = $1', [toggled])
  t.equal((await send('POST', '/incidents/current/rebuild', { organization_id: toggled })).status, 200)
  t.same((await plain.take(1)).map(event => [event.event, event.data]), [['reset', { reason: 'rebuilt' }]])
  await plain.ended
  await snapshotting.ended
  t.same(snapshotting.buffered(), [], 'no snapshot of a cache that is off')
  t.equal((await openStream(t, app, path())).status, 409)
})

t.test('heartbeat comments while nothing changes', async t => {
  const stream = await openStream(t, app, streamPath())
  await waitUntil(async () => stream.comments.length >= 2, 5000, 'no heartbeat')
  t.same(stream.comments.slice(0, 2).map(comment => comment.trim()), ['heartbeat', 'heartbeat'])
  t.same(stream.buffered(), [], 'comments are not events')
  stream.close()
})

t.test('a client that refuses text/event-stream gets 406; bad input a 400', async t => {
  const refused = await app.inject({ method: 'GET', url: streamPath(), headers: { accept: 'application/json' } })
  t.same([refused.statusCode, refused.json().message], [406, "This endpoint only produces 'text/event-stream'."])
  const badId = await app.inject({ method: 'GET', url: streamPath(), headers: { accept: 'text/event-stream', 'last-event-id': 'yesterday' } })
  t.same([badId.statusCode, badId.json().message], [400, 'headers/last-event-id must match pattern "^(0|[1-9][0-9]{0,14})-(0|[1-9][0-9]{0,19})$"'])
  const badSnapshot = await app.inject({ method: 'GET', url: streamPath('&snapshot=maybe'), headers: { accept: 'text/event-stream' } })
  t.same([badSnapshot.statusCode, badSnapshot.json().message], [400, 'querystring/snapshot must be boolean'])
})

t.test('closing the app ends its open streams, and the close does not wait for them', async t => {
  const { app: closing } = await buildTestApp(t, { shared: parts, env: { CACHE_DRAIN: 'false' } })
  const stream = await openStream(t, closing, streamPath())
  await waitUntil(async () => closing.changeFeed.streams.size === 1, 5000, 'not subscribed')
  await closing.close()
  await stream.ended
  t.equal(closing.changeFeed.streams.size, 0)
})

t.test('metrics: subscribers, events sent by kind, resets by reason, lag', async t => {
  await waitUntil(async () => app.changeFeed.streams.size === 0, 5000, 'the earlier streams are still open')
  const samples = ['incidents_api_change_feed_subscribers', 'incidents_api_change_feed_events_total{kind="upsert"}',
    'incidents_api_change_feed_events_total{kind="remove"}', 'incidents_api_change_feed_resets_total{reason="rebuilt"}', 'incidents_api_change_feed_lag_seconds_count']
  const read = async () => Promise.all(samples.map(sample => metric(app, sample)))
  const before = await read()
  t.equal(before[0], 0)
  const stream = await openStream(t, app, streamPath())
  const id = await create('Counted')
  await send('DELETE', `/incidents/${id}`)
  await stream.take(2)
  const during = await read()
  t.same(during.map((value, i) => value - before[i]!), [1, 1, 1, 0, 2])
  stream.close()
  await waitUntil(async () => (await metric(app, samples[0]!)) === 0, 5000, 'the subscriber is still counted')
})
