import t from 'tap'
import { canonicalUuid } from '@incident-intel/schemas'
import { createOrganization } from '@incident-intel/test-support'
import { buildTestApp } from '../helpers/build-test-app.js'
import { sender } from '../helpers/requests.js'
import { openStream } from '../helpers/event-stream.js'
import { metric, pull } from '../helpers/feed.js'
import { changesKey } from '../../src/cache/cache-keys.js'

// A log of three changes: a reader five changes behind has missed some.
const { app, pool, redis } = await buildTestApp(t, { env: { CACHE_DRAIN: 'false', CHANGE_LOG_MAX_LENGTH: '3' } })
const send = sender(app)
const organizationId = await createOrganization(pool)
const rebuilt = await send('POST', '/incidents/current/rebuild', { organization_id: organizationId })
const create = async (title: string) => (await send('POST', '/incidents', { organization_id: organizationId, title, incident_type: 'weather' })).body.incident_id as string

const behind = (await pull(app, organizationId)).body.next_cursor as string
const ids: string[] = []
for (let i = 0; i < 5; i++) ids.push(await create(`Incident ${i}`))

t.test('the log keeps CHANGE_LOG_MAX_LENGTH changes', async t => {
  t.equal(rebuilt.status, 200)
  t.equal(await redis.xlen(changesKey(canonicalUuid(organizationId)!)), 3)
  const kept = await pull(app, organizationId)
  t.same(kept.body.changes.map((change: any) => change.incident_id), ids.slice(2), 'without after: the changes kept')
})

t.test('pull: a cursor older than the log is a reset, with the cursor to continue from', async t => {
  const { body } = await pull(app, organizationId, `&after=${behind}`)
  const last = (await pull(app, organizationId)).body.next_cursor
  t.same(body, { organization_id: organizationId, changes: [], next_cursor: last, reset: true })
  const oldestKept = (await pull(app, organizationId)).body.changes[0].cursor
  t.same((await pull(app, organizationId, `&after=${oldestKept}`)).body.reset, false, 'a cursor the log still follows is no reset')
})

t.test('stream: Last-Event-ID older than the log starts with reset, then follows', async t => {
  const resetsBefore = await metric(app, 'incidents_api_change_feed_resets_total{reason="behind"}')
  const last = (await pull(app, organizationId)).body.next_cursor
  const stream = await openStream(t, app, `/incidents/current/stream?organization_id=${organizationId}`, { 'last-event-id': behind })
  const [reset] = await stream.take(1)
  t.same([reset!.event, reset!.id, reset!.data], ['reset', last, { reason: 'behind' }])
  const next = await create('After the reset')
  t.same((await stream.take(1)).map(event => [event.event, event.data.incident_id]), [['upsert', next]])
  stream.close()

  const snapshotting = await openStream(t, app, `/incidents/current/stream?organization_id=${organizationId}&snapshot=true`, { 'last-event-id': behind })
  const [again] = await snapshotting.take(1)
  t.same([again!.event, again!.id, again!.data], ['reset', undefined, { reason: 'behind', documents: 6 }])
  t.same((await snapshotting.take(6)).map(event => event.data.incident_id).sort(), [...ids, next].sort())
  snapshotting.close()
  t.equal(await metric(app, 'incidents_api_change_feed_resets_total{reason="behind"}'), resetsBefore + 2)
})

t.test('a log made anew (Redis flushed) does not reach back to a cursor from before', async t => {
  const cursor = (await pull(app, organizationId)).body.next_cursor
  await redis.del(changesKey(canonicalUuid(organizationId)!))
  const fresh = await create('Into a new log')
  const { body } = await pull(app, organizationId, `&after=${cursor}`)
  t.same([body.reset, body.changes], [true, []])
  t.same((await pull(app, organizationId)).body.changes.map((change: any) => change.incident_id), [fresh], 'a new reader starts at its first entry')
})
