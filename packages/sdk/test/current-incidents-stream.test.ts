import t from 'tap'
import {
  createOrganization, createRecords, createTestDatabase, createTestRedis, startFaultProxy, startServiceProcess, testRedisUrl, waitUntil
} from '@incident-intel/test-support'
import {
  StreamRefusedError, streamCurrentIncidents, syncCurrentIncidents, type CurrentIncidentEvent, type CurrentIncidentsChange
} from '../src/index.js'

// The SDK's change-feed clients against a real incidents-api process (its own database and Redis
// key prefix): what they yield is what the service sent, in order, across a dropped connection.
const TOKEN = 'sdk-stream-token-0123456789'
const HEARTBEAT_MS = 200
const { url: databaseUrl, pool } = await createTestDatabase(t)
const { prefix } = await createTestRedis(t)
const organizationId = await createOrganization(pool, 'Feed organization')
const otherOrganizationId = await createOrganization(pool, 'Other organization')
const emptyOrganizationId = await createOrganization(pool, 'Empty organization')
const incidentIds = await createRecords(pool, 'incidents', organizationId, 5)
const service = await startServiceProcess(t, 'incidents-api', {
  env: {
    DATABASE_URL: databaseUrl,
    REDIS_URL: testRedisUrl(),
    REDIS_KEY_PREFIX: prefix,
    AUTH_TOKENS: `${TOKEN}:${organizationId}|${emptyOrganizationId}`,
    // No reconciler: its first sweep would rebuild the organization, and so re-snapshot a view, mid-test.
    CACHE_RECONCILE_INTERVAL_MS: '0',
    CHANGE_FEED_HEARTBEAT_MS: String(HEARTBEAT_MS)
  }
})
const authorization = { authorization: `Bearer ${TOKEN}` }

async function call (method: string, path: string, body?: object): Promise<any> {
  const response = await fetch(`${service.origin}${path}`, {
    method, headers: { ...authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) })
  })
  const text = await response.text()
  if (response.status >= 300) throw new Error(`${method} ${path}: HTTP ${response.status} ${text}`)
  return text === '' ? null : JSON.parse(text)
}

// Changes come from another client, in SQL: each reaches the cache once, through the refresh
// queue. (An HTTP write is refreshed twice, before its answer and again from the queue: two events.)
const setTitle = (incidentId: string, title: string) => pool.query('update incidents.incidents set title = $2 where incident_id = $1', [incidentId, title])
const setStatus = (incidentId: string, status: string) => pool.query('update incidents.incidents set status = $2 where incident_id = $1', [incidentId, status])
const listDocuments = async () => {
  const { incidents } = await call('GET', `/incidents/current?organization_id=${organizationId}`) as { incidents: Array<{ incident_id: string, title: string }> }
  return new Map(incidents.map(document => [document.incident_id, document]))
}

/** Takes events from an iterator until `until` holds for the list taken so far. */
async function take (events: AsyncIterator<CurrentIncidentEvent>, until: (taken: CurrentIncidentEvent[]) => boolean): Promise<CurrentIncidentEvent[]> {
  const taken: CurrentIncidentEvent[] = []
  while (!until(taken)) {
    const { value, done } = await events.next()
    if (done === true) break
    taken.push(value)
  }
  return taken
}

/** An event as a line: kind, incident, and the title for an upsert. */
const describe = (event: CurrentIncidentEvent): string => {
  switch (event.type) {
    case 'upsert': return `upsert ${event.document.incident_id} ${event.document.title}`
    case 'remove': return `remove ${event.incidentId}`
    case 'snapshot': return `snapshot ${event.documents.length}`
    case 'reset': return 'reset'
  }
}

// The fixtures' queued refreshes first (on a cold cache they start a rebuild of their own), then a
// rebuild: from here on only the tests change the documents, and no reset comes unasked.
await waitUntil(async () => (await pool.query('select 1 from current_incidents.refresh_queue limit 1')).rowCount === 0, 15_000, 'the fixtures did not drain')
await call('POST', '/incidents/current/rebuild', { organization_id: organizationId })

t.test('the view: a snapshot equal to the list, then each change as it happens, removals included', async t => {
  const changes: CurrentIncidentsChange[] = []
  const view = syncCurrentIncidents({ baseUrl: service.origin, token: TOKEN, organizationId, onChange: change => changes.push(change) })
  t.teardown(() => view.close())
  await view.ready
  t.same([...view.documents.keys()].sort(), [...incidentIds].sort(), 'the snapshot holds every current incident')
  t.same(changes.map(change => change.type), ['snapshot'])
  t.not(view.cursor, null, 'and a cursor to resume from')

  await setTitle(incidentIds[0]!, 'Renamed by the view test')
  await setStatus(incidentIds[1]!, 'resolved')
  await waitUntil(async () => changes.length >= 3, 10_000, 'the two changes did not arrive')
  t.same(changes.slice(1).map(change => change.type === 'upsert' ? `upsert ${change.document.title}` : `${change.type} ${change.type === 'remove' ? change.incidentId : ''}`),
    ['upsert Renamed by the view test', `remove ${incidentIds[1]}`])
  const removed = changes[2] as Extract<CurrentIncidentsChange, { type: 'remove' }>
  t.equal(removed.previous?.incident_id, incidentIds[1], 'a removal carries the document it removed')
  t.same(new Map([...view.documents].map(([id, { cache: _cache, ...document }]) => [id, document])),
    new Map([...await listDocuments()].map(([id, { cache: _cache, ...document }]: [string, any]) => [id, document])), 'the view equals the list route')
  await setStatus(incidentIds[1]!, 'active')
  await waitUntil(async () => view.documents.has(incidentIds[1]!), 10_000, 'the incident did not come back')
})

t.test('the iterator resumes after a cursor with exactly the changes after it', async t => {
  const stop = new AbortController()
  t.teardown(() => stop.abort())
  const first = streamCurrentIncidents({ baseUrl: service.origin, token: TOKEN, organizationId, snapshot: true, signal: stop.signal })
  const [snapshot] = await take(first, taken => taken.length === 1)
  t.equal(snapshot?.type, 'snapshot')
  await setTitle(incidentIds[2]!, 'Seen by the first iterator')
  const seen = await take(first, taken => taken.length === 1)
  t.same(seen.map(describe), [`upsert ${incidentIds[2]} Seen by the first iterator`])
  await first.return()
  const cursor = seen[0]!.cursor!

  // Missed while no one listened.
  await setTitle(incidentIds[3]!, 'Missed 1')
  await setTitle(incidentIds[4]!, 'Missed 2')
  const resumed = streamCurrentIncidents({ baseUrl: service.origin, token: TOKEN, organizationId, lastEventId: cursor, signal: stop.signal })
  const missed = await take(resumed, taken => taken.length === 2)
  t.same(missed.map(describe), [`upsert ${incidentIds[3]} Missed 1`, `upsert ${incidentIds[4]} Missed 2`], 'exactly the missed changes, in order')
  t.not(missed[0]!.cursor, cursor, 'each with its own cursor')
  await resumed.return()

  // With snapshot: true, a cursor older than the log keeps gets a reset, then the documents.
  const tooOld = streamCurrentIncidents({ baseUrl: service.origin, token: TOKEN, organizationId, snapshot: true, lastEventId: '1-0', signal: stop.signal })
  const [reset, fresh] = await take(tooOld, taken => taken.length === 2)
  t.same([reset?.type, reset?.type === 'reset' ? reset.reason : null], ['reset', 'behind'])
  t.same(fresh?.type === 'snapshot' ? fresh.documents.map(document => document.incident_id).sort() : fresh, [...(await listDocuments()).keys()].sort())
  await tooOld.return()
})

t.test('a dropped connection: the iterator reconnects with Last-Event-ID and skips nothing', async t => {
  const proxy = await startFaultProxy({ target: { host: '127.0.0.1', port: service.port } })
  t.teardown(() => proxy.close())
  const stop = new AbortController()
  t.teardown(() => stop.abort())
  const reconnects: number[] = []
  const events = streamCurrentIncidents({
    baseUrl: `http://127.0.0.1:${proxy.port}`,
    token: TOKEN,
    organizationId,
    snapshot: true,
    signal: stop.signal,
    retry: { initialDelayMs: 10, maxDelayMs: 100 },
    onReconnect: ({ attempt }) => reconnects.push(attempt)
  })
  await take(events, taken => taken.length === 1)
  await setTitle(incidentIds[0]!, 'Before the drop')
  const before = await take(events, taken => taken.length === 1)
  proxy.destroyConnections()
  // Committed while the connection is down or coming back.
  await setTitle(incidentIds[1]!, 'During the drop')
  await setTitle(incidentIds[2]!, 'After the drop')
  const after = await take(events, taken => taken.length === 2)
  t.same([...before, ...after].map(describe), [
    `upsert ${incidentIds[0]} Before the drop`, `upsert ${incidentIds[1]} During the drop`, `upsert ${incidentIds[2]} After the drop`
  ])
  t.same(reconnects, [1], 'one reconnection')
  t.equal(proxy.stats().accepted, 2, 'over a second connection')
  await events.return()
})

t.test('a connection gone silent (a hung proxy): taken for dead after idleTimeoutMs and replaced, nothing skipped', async t => {
  const proxy = await startFaultProxy({ target: { host: '127.0.0.1', port: service.port } })
  t.teardown(() => proxy.close())
  const stop = new AbortController()
  t.teardown(() => stop.abort())
  const reconnects: string[] = []
  const events = streamCurrentIncidents({
    baseUrl: `http://127.0.0.1:${proxy.port}`,
    token: TOKEN,
    organizationId,
    snapshot: true,
    signal: stop.signal,
    // Well above the service's heartbeat here (HEARTBEAT_MS): only a dead link is this quiet.
    idleTimeoutMs: 1500,
    retry: { initialDelayMs: 10, maxDelayMs: 100 },
    onReconnect: ({ error }) => {
      reconnects.push((error as Error).message)
      proxy.setMode('pass')
    }
  })
  await take(events, taken => taken.length === 1)
  await setTitle(incidentIds[3]!, 'Before the hang')
  t.same((await take(events, taken => taken.length === 1)).map(describe), [`upsert ${incidentIds[3]} Before the hang`])
  proxy.setMode('blackhole')
  await setTitle(incidentIds[3]!, 'During the hang')
  const after = await take(events, taken => taken.length === 1)
  t.same(after.map(describe), [`upsert ${incidentIds[3]} During the hang`], 'the change made while it hung, once')
  t.same(reconnects, ['no byte for 1500 ms'])
  await events.return()
})

t.test('a rebuild is a reset: the view takes a new snapshot', async t => {
  const changes: string[] = []
  const view = syncCurrentIncidents({ baseUrl: service.origin, token: TOKEN, organizationId, onChange: change => changes.push(change.type) })
  t.teardown(() => view.close())
  await view.ready
  // Removed behind the cache's back, then a rebuild: the new snapshot no longer holds it.
  await setStatus(incidentIds[4]!, 'resolved')
  await waitUntil(async () => !view.documents.has(incidentIds[4]!), 10_000, 'the resolved incident stayed')
  await call('POST', '/incidents/current/rebuild', { organization_id: organizationId })
  await waitUntil(async () => changes.filter(type => type === 'snapshot').length === 2, 10_000, 'no second snapshot came')
  t.same(changes, ['snapshot', 'remove', 'snapshot'])
  t.same([...view.documents.keys()].sort(), incidentIds.slice(0, 4).sort())
})

t.test('an organization without current incidents: the view is ready at once, and follows its first', async t => {
  await call('POST', '/incidents/current/rebuild', { organization_id: emptyOrganizationId })
  const changes: string[] = []
  const view = syncCurrentIncidents({ baseUrl: service.origin, token: TOKEN, organizationId: emptyOrganizationId, onChange: change => changes.push(change.type) })
  t.teardown(() => view.close())
  await view.ready
  t.same([view.documents.size, changes], [0, ['snapshot']], 'an empty snapshot')
  const [incidentId] = await createRecords(pool, 'incidents', emptyOrganizationId, 1)
  await waitUntil(async () => view.documents.has(incidentId!), 10_000, 'the new incident did not arrive')
  t.same(changes, ['snapshot', 'upsert'])
})

t.test('refusals are thrown, not retried: another organization is a 403, a bad id a 400, no token a 401', async t => {
  /** The status the first step of an iterator was refused with. */
  const refusal = async (options: Partial<Parameters<typeof streamCurrentIncidents>[0]>) => {
    const error = await streamCurrentIncidents({ baseUrl: service.origin, token: TOKEN, organizationId, ...options }).next().then(() => null, error => error as unknown)
    t.ok(error instanceof StreamRefusedError, 'a StreamRefusedError')
    return (error as StreamRefusedError).status
  }
  t.equal(await refusal({ organizationId: otherOrganizationId }), 403)
  t.equal(await refusal({ organizationId: 'not-a-uuid' }), 400)
  t.equal(await refusal({ token: undefined }), 401)
  const view = syncCurrentIncidents({ baseUrl: service.origin, token: TOKEN, organizationId: otherOrganizationId })
  await t.rejects(view.ready, { name: 'StreamRefusedError', status: 403 }, "the view's ready rejects")
  await t.rejects(view.done, { name: 'StreamRefusedError', status: 403 })
})

t.test('an abort ends the iteration without an error', async t => {
  const stop = new AbortController()
  const events = streamCurrentIncidents({ baseUrl: service.origin, token: TOKEN, organizationId, signal: stop.signal })
  const next = events.next()
  stop.abort()
  t.same(await next, { value: undefined, done: true })
})
