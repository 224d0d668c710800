import t from 'tap'
import { callerRequests, createOrganization, forbiddenReply } from '@incident-intel/test-support'
import { buildTestApp } from '../helpers/build-test-app.js'
import { MISSING, sender, validation } from '../helpers/requests.js'
import { pull, summary } from '../helpers/feed.js'
import { compareCursors } from '../../src/cache/change-log.js'

// No drainer: every change below is the write-through's, logged before its response.
const { app, pool, ...parts } = await buildTestApp(t, { env: { CACHE_DRAIN: 'false' } })
const send = sender(app)
const organizationId = await createOrganization(pool)
t.equal((await send('POST', '/incidents/current/rebuild', { organization_id: organizationId })).status, 200)

const create = async (title: string) => (await send('POST', '/incidents', { organization_id: organizationId, title, incident_type: 'weather' })).body.incident_id as string
const current = async (id: string) => (await send('GET', `/incidents/current/${id}`)).body

t.test('pages after a cursor, in the order written, each incident\'s versions increasing', async t => {
  const start = await pull(app, organizationId)
  t.same([start.status, start.body.changes, start.body.reset], [200, [], false], 'a rebuilt organization: nothing since the rebuild\'s reset')
  const a = await create('A')
  const b = await create('B')
  const c = await create('C')
  await send('PATCH', `/incidents/${a}`, { title: 'A, again' })

  const first = await pull(app, organizationId, `&after=${start.body.next_cursor}&limit=3`)
  t.same(first.body.changes.map((change: any) => [change.kind, change.incident_id]), [['upsert', a], ['upsert', b], ['upsert', c]])
  t.equal(first.body.next_cursor, first.body.changes[2].cursor, 'next_cursor: the last change\'s cursor')
  const second = await pull(app, organizationId, `&after=${first.body.next_cursor}&limit=3`)
  t.same(second.body.changes.map((change: any) => [change.kind, change.incident_id]), [['upsert', a]])
  t.ok(second.body.changes[0].version > first.body.changes[0].version, 'A\'s second version is higher')
  t.same(second.body.changes[0].document, await current(a), 'the document as the cache serves it')
  t.same(first.body.changes[1].document, await current(b))
  const end = await pull(app, organizationId, `&after=${second.body.next_cursor}`)
  t.same(end.body, { organization_id: organizationId, changes: [], next_cursor: second.body.next_cursor, reset: false }, 'nothing new: the same cursor')

  const all = await pull(app, organizationId)
  t.same(all.body.changes.map(summary), [...first.body.changes, ...second.body.changes].map(summary), 'without after: every change since the last reset')
  const cursors: string[] = all.body.changes.map((change: any) => change.cursor)
  t.same(cursors, [...new Set(cursors)].sort(compareCursors), 'cursors increase')
})

t.test('resolved and deleted incidents arrive as remove, with a higher version and no document', async t => {
  const a = await create('To resolve')
  const b = await create('To delete')
  const from = (await pull(app, organizationId)).body.changes.at(-1).cursor
  const versions = { [a]: (await current(a)).cache.version, [b]: (await current(b)).cache.version }
  t.equal((await send('PATCH', `/incidents/${a}`, { status: 'resolved' })).status, 200)
  t.equal((await send('DELETE', `/incidents/${b}`)).status, 204)
  t.equal((await send('PATCH', `/incidents/${a}`, { title: 'Resolved, renamed' })).status, 200)
  const { body } = await pull(app, organizationId, `&after=${from}`)
  t.same(body.changes.map((change: any) => [change.kind, change.incident_id, 'document' in change]), [['remove', a, false], ['remove', b, false]],
    'one remove each: an edit of an incident no longer current changes no document, and is not logged')
  t.ok(body.changes[0].version > versions[a]! && body.changes[1].version > versions[b]!)
})

t.test('a rebuild is a reset: the list must be read again, then the feed followed from next_cursor', async t => {
  const before = (await pull(app, organizationId)).body.next_cursor
  t.equal((await send('POST', '/incidents/current/rebuild', { organization_id: organizationId })).status, 200)
  const reset = await pull(app, organizationId, `&after=${before}`)
  t.same([reset.body.reset, reset.body.changes], [true, []])
  t.not(reset.body.next_cursor, before)
  const after = await pull(app, organizationId, `&after=${reset.body.next_cursor}`)
  t.same([after.body.reset, after.body.changes], [false, []], 'the reset\'s cursor is a valid place to follow from')
  const d = await create('After the rebuild')
  const next = await pull(app, organizationId, `&after=${reset.body.next_cursor}`)
  t.same(next.body.changes.map((change: any) => [change.kind, change.incident_id]), [['upsert', d]])
})

t.test('a cursor ahead of the log (another Redis, or one restored older) is a reset', async t => {
  const { body } = await pull(app, organizationId, '&after=999999999999999-0')
  t.same([body.reset, body.changes], [true, []])
})

t.test('bad input is a 400; an unknown organization a 404; one whose cache is off a 409', async t => {
  const query = `/incidents/current/changes?organization_id=${organizationId}`
  const notCursor = await send('GET', `${query}&after=12-x`)
  t.same([notCursor.status, notCursor.body.message], [400, 'querystring/after must match pattern "^(0|[1-9][0-9]{0,14})-(0|[1-9][0-9]{0,19})$"'])
  t.same(await send('GET', `${query}&after=1-18446744073709551616`), {
    status: 400,
    body: { statusCode: 400, code: 'INCIDENTS_INVALID_FEED_CURSOR', error: 'Bad Request', message: 'after 1-18446744073709551616 is no cursor of the change feed: its sequence exceeds 64 bits' }
  })
  t.same((await send('GET', `${query}&after=1-18446744073709551615`)).body.reset, true, 'the largest sequence Redis allows')
  t.equal((await send('GET', `${query}&after=01-0`)).status, 400, 'a cursor spelt as Redis spells it, as the feed gave it')
  t.same(await send('GET', `${query}&limit=0`), validation('querystring/limit must be >= 1'))
  t.same(await send('GET', `${query}&limit=1e999`), {
    status: 400, body: { statusCode: 400, code: 'INCIDENTS_INVALID_FEED_LIMIT', error: 'Bad Request', message: 'limit must be an integer from 1 to 500' }
  })
  t.same(await send('GET', `${query}&limit=501`), validation('querystring/limit must be <= 500'))
  t.same(await send('GET', `${query}&cursor=1-0`), validation('querystring must NOT have additional properties'))
  t.same(await send('GET', '/incidents/current/changes'), validation("querystring must have required property 'organization_id'"))
  t.same(await send('GET', `/incidents/current/changes?organization_id=${MISSING}`), {
    status: 404, body: { statusCode: 404, code: 'INCIDENTS_ORGANIZATION_NOT_FOUND', error: 'Not Found', message: `Organization ${MISSING} does not exist` }
  })
  const unknownStream = await app.inject({ method: 'GET', url: `/incidents/current/stream?organization_id=${MISSING}`, headers: { accept: 'text/event-stream' } })
  t.same([unknownStream.statusCode, unknownStream.json().code], [404, 'INCIDENTS_ORGANIZATION_NOT_FOUND'], 'the stream too')
  const off = await createOrganization(pool, 'Cache off', { use_current_incidents_cache: false })
  t.equal((await send('POST', '/incidents/current/rebuild', { organization_id: off })).status, 200)
  const refused = {
    status: 409,
    body: {
      statusCode: 409,
      code: 'INCIDENTS_CHANGE_FEED_OFF',
      error: 'Conflict',
      message: `Organization ${off}'s cache is off (metadata.use_current_incidents_cache): its documents have no change feed; read GET /incidents/current`
    }
  }
  t.same(await send('GET', `/incidents/current/changes?organization_id=${off}`), refused)
  const stream = await app.inject({ method: 'GET', url: `/incidents/current/stream?organization_id=${off}`, headers: { accept: 'text/event-stream' } })
  t.same({ status: stream.statusCode, body: stream.json() }, refused, 'the stream too')
  t.same(await send('GET', `/incidents/current/changes?organization_id=${organizationId.toUpperCase()}`).then(reply => [reply.status, reply.body.organization_id]),
    [200, organizationId], 'the organization in canonical form')
})

t.test('callers: 401 without a token, 403 for another organization, on both routes', async t => {
  const other = await createOrganization(pool, 'Another organization')
  const TOKEN = 'scoped-feed-token-5e6f'
  const { app: guarded } = await buildTestApp(t, { shared: { pool, ...parts }, env: { CACHE_DRAIN: 'false', AUTH_TOKENS: `${TOKEN}:${organizationId}` } })
  const { send: as } = callerRequests(guarded)
  for (const route of ['changes', 'stream']) {
    const url = (id: string) => `/incidents/current/${route}?organization_id=${id}`
    const anonymous = await guarded.inject({ method: 'GET', url: url(organizationId), headers: { accept: 'text/event-stream' } })
    t.same([anonymous.statusCode, anonymous.json().error], [401, 'Unauthorized'], route)
    t.same(await as(TOKEN, 'GET', url(other)), forbiddenReply(other), route)
    t.same(await as(TOKEN, 'GET', url(MISSING)), forbiddenReply(MISSING), `${route}: an organization not in scope is a 403, known or not`)
  }
  t.equal((await as(TOKEN, 'GET', `/incidents/current/changes?organization_id=${organizationId}`)).status, 200)
})
