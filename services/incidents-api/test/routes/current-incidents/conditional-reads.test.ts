import t from 'tap'
import { createOrganization } from '@incident-intel/test-support'
import { buildTestApp } from '../../helpers/build-test-app.js'
import { insertIncident } from '../../helpers/fixtures.js'
import { MISSING } from '../../helpers/requests.js'

// Two instances over one database and one cache: B writes, A reads, so A's bytes kept in process
// are checked against what another process wrote to Redis.
const a = await buildTestApp(t, { env: { CACHE_DRAIN: 'false' } })
const b = await buildTestApp(t, { env: { CACHE_DRAIN: 'false' }, shared: a })
const { pool } = a
const organizationId = await createOrganization(pool)
const first = (await insertIncident(pool, organizationId, { title: 'Flood 0' })).incident_id!
const second = (await insertIncident(pool, organizationId, { title: 'Heat' })).incident_id!
const rebuilt = await a.app.inject({ method: 'POST', url: '/incidents/current/rebuild', payload: { organization_id: organizationId } })
t.equal(rebuilt.statusCode, 200)

async function read (url: string, ifNoneMatch?: string) {
  const response = await a.app.inject({ method: 'GET', url, headers: ifNoneMatch === undefined ? {} : { 'if-none-match': ifNoneMatch } })
  return {
    status: response.statusCode,
    etag: response.headers.etag,
    cacheControl: response.headers['cache-control'],
    cache: response.headers['x-cache'],
    length: response.headers['content-length'],
    body: response.body === '' ? undefined : response.json()
  }
}
const list = `/incidents/current?organization_id=${organizationId}`

t.test("a version another instance writes between two reads is always the second read's", async t => {
  let previous = await read(`/incidents/current/${first}`)
  t.same([previous.status, previous.cache, previous.body.title], [200, 'hit', 'Flood 0'])
  for (let i = 1; i <= 20; i++) {
    const patched = await b.app.inject({ method: 'PATCH', url: `/incidents/${first}`, payload: { title: `Flood ${i}` } })
    t.equal(patched.statusCode, 200)
    const next = await read(`/incidents/current/${first}`)
    t.same([next.status, next.cache, next.body.title], [200, 'hit', `Flood ${i}`])
    t.ok(next.body.cache.version > previous.body.cache.version, `read ${i} has the newer version`)
    t.equal(next.etag, `"${next.body.cache.version}"`)
    previous = next
  }
})

t.test('the single read: ETag is the version, If-None-Match gets 304 while it holds', async t => {
  const hit = await read(`/incidents/current/${second}`)
  t.same([hit.status, hit.etag, hit.cacheControl], [200, `"${hit.body.cache.version}"`, 'no-cache'])
  const again = await read(`/incidents/current/${second}`)
  t.equal(again.etag, hit.etag, 'no change, same ETag')
  t.same(await read(`/incidents/current/${second}`, hit.etag), { status: 304, etag: hit.etag, cacheControl: 'no-cache', cache: 'hit', length: undefined, body: undefined })
  t.equal((await read(`/incidents/current/${second}`, `W/${hit.etag}`)).status, 304, 'weak comparison')
  t.equal((await read(`/incidents/current/${second}`, `"1", ${hit.etag}`)).status, 304, 'a list of tags')
  t.equal((await read(`/incidents/current/${second}`, '*')).status, 304, 'any current document')
  t.equal((await read(`/incidents/current/${second}`, '"0"')).status, 200, 'another tag')

  await b.app.inject({ method: 'PATCH', url: `/incidents/${second}`, payload: { title: 'Heat, worse' } })
  const changed = await read(`/incidents/current/${second}`, hit.etag)
  t.same([changed.status, changed.body.title, changed.etag], [200, 'Heat, worse', `"${changed.body.cache.version}"`])
  t.not(changed.etag, hit.etag, 'the content changed, so did the ETag')

  await b.app.inject({ method: 'PATCH', url: `/incidents/${second}`, payload: { status: 'resolved' } })
  const gone = await read(`/incidents/current/${second}`, changed.etag)
  t.same([gone.status, gone.etag, gone.body.code], [404, undefined, 'INCIDENTS_NOT_CURRENT'], 'no longer current: 404 whatever the tag')
  await b.app.inject({ method: 'PATCH', url: `/incidents/${second}`, payload: { status: 'active' } })
})

t.test('the organization list: an ETag that changes exactly when a document does', async t => {
  const full = await read(list)
  t.same([full.status, full.cache, full.cacheControl, full.body.source, full.body.incidents.length], [200, 'hit', 'no-cache', 'cache', 2])
  t.match(full.etag, /^".+"$/)
  t.equal((await read(list)).etag, full.etag, 'no change, same ETag')
  t.same(await read(list, full.etag), { status: 304, etag: full.etag, cacheControl: 'no-cache', cache: 'hit', length: undefined, body: undefined })

  const unchanged = full.etag!
  await b.app.inject({ method: 'PATCH', url: `/incidents/${first}`, payload: { title: 'Flood, receding' } })
  const edited = await read(list, unchanged)
  t.same([edited.status, edited.body.incidents.map((incident: { title: string }) => incident.title).sort()], [200, ['Flood, receding', 'Heat, worse']])
  t.not(edited.etag, unchanged, 'an edit changes it')
  t.equal((await read(list, edited.etag)).status, 304)

  await b.app.inject({ method: 'PATCH', url: `/incidents/${first}`, payload: { status: 'resolved' } })
  const removed = await read(list, edited.etag)
  t.same([removed.status, removed.body.incidents.length], [200, 1])
  t.not(removed.etag, edited.etag, 'a removal changes it')

  // A refresh of a document that is not there writes nothing the list shows: the ETag holds.
  await a.app.currentIncidents.refresh([first as never])
  t.equal((await read(list, removed.etag)).status, 304)

  const third = (await insertIncident(pool, organizationId, { title: 'Wind' })).incident_id!
  await b.app.currentIncidents.refresh([third as never])
  const added = await read(list, removed.etag)
  t.same([added.status, added.body.incidents.length], [200, 2])
  t.not(added.etag, removed.etag, 'an addition changes it')

  const again = await a.app.inject({ method: 'POST', url: '/incidents/current/rebuild', payload: { organization_id: organizationId } })
  t.equal(again.statusCode, 200)
  const afterRebuild = await read(list, added.etag)
  t.equal(afterRebuild.status, 200, 'a rebuild writes new versions: a new ETag')
  t.not(afterRebuild.etag, added.etag)
})

t.test('answers from the database carry no ETag: they have no version to revalidate', async t => {
  const cold = await createOrganization(pool, 'Cold organization')
  const incidentId = (await insertIncident(pool, cold)).incident_id!
  const single = await read(`/incidents/current/${incidentId}`, '*')
  t.same([single.status, single.cache, single.etag, single.body.cache.version], [200, 'bypass', undefined, null])
  const bypassed = await read(`/incidents/current?organization_id=${cold}`, '*')
  t.same([bypassed.status, bypassed.cache, bypassed.etag, bypassed.body.source], [200, 'bypass', undefined, 'database'])
  await a.app.currentIncidents.settle()
})

t.test('the organization list compresses when asked', async t => {
  const plain = await a.app.inject({ method: 'GET', url: list })
  const gzip = await a.app.inject({ method: 'GET', url: list, headers: { 'accept-encoding': 'gzip' } })
  t.same([gzip.statusCode, gzip.headers['content-encoding'], gzip.headers.etag], [200, 'gzip', plain.headers.etag])
  const { gunzipSync } = await import('node:zlib')
  t.same(JSON.parse(gunzipSync(gzip.rawPayload).toString()), plain.json())
  const br = await a.app.inject({ method: 'GET', url: list, headers: { 'accept-encoding': 'br, gzip' } })
  const { brotliDecompressSync } = await import('node:zlib')
  t.same([br.headers['content-encoding'], JSON.parse(brotliDecompressSync(br.rawPayload).toString())], ['br', plain.json()])
  const single = await a.app.inject({ method: 'GET', url: `/incidents/current/${second}`, headers: { 'accept-encoding': 'gzip' } })
  t.equal(single.headers['content-encoding'], undefined, 'a single document is small: sent as it is')
})

t.test("a cached list's compressed bytes are kept per ETag, and follow every change", async t => {
  const { brotliDecompressSync, gunzipSync } = await import('node:zlib')
  const ask = (encoding: string) => a.app.inject({ method: 'GET', url: list, headers: { 'accept-encoding': encoding } })
  const before = await a.app.inject({ method: 'GET', url: list })
  const [br, brAgain, gzip] = [await ask('br'), await ask('gzip, br;q=0.5'), await ask('gzip')]
  t.same([br.headers['content-encoding'], br.headers.vary, brAgain.headers['content-encoding'], gzip.headers['content-encoding']], ['br', 'accept-encoding', 'gzip', 'gzip'])
  t.same([br.headers.etag, gzip.headers.etag], [before.headers.etag, before.headers.etag])
  t.equal(Number(br.headers['content-length']), br.rawPayload.length, 'kept bytes: sent with their length')
  t.equal(Buffer.compare(gzip.rawPayload, brAgain.rawPayload), 0, 'the same kept bytes for the same ETag')
  t.same(JSON.parse(brotliDecompressSync(br.rawPayload).toString()), before.json())

  await b.app.inject({ method: 'PATCH', url: `/incidents/${first}`, payload: { status: 'active', title: 'Flood, again' } })
  const after = await a.app.inject({ method: 'GET', url: list })
  t.not(after.headers.etag, before.headers.etag)
  const changed = await ask('gzip')
  t.equal(changed.headers.etag, after.headers.etag)
  t.same(JSON.parse(gunzipSync(changed.rawPayload).toString()), after.json(), 'the new ETag\'s list, not the kept one')
  t.ok(after.json().incidents.some((incident: { title: string }) => incident.title === 'Flood, again'))
  const deflate = await ask('deflate')
  t.same([deflate.headers['content-encoding'], deflate.headers.etag], ['deflate', after.headers.etag], 'another encoding: compressed per request')
})

t.test('bad input to the conditional reads is a 400', async t => {
  const bad = await read('/incidents/current?organization_id=nope', '"1"')
  t.same([bad.status, bad.body.error], [400, 'Bad Request'])
  t.match(bad.body.message, /^querystring\/organization_id must match pattern/)
  const missing = await read(`/incidents/current?organization_id=${MISSING}`, '*')
  t.same([missing.status, missing.body.code], [404, 'INCIDENTS_ORGANIZATION_NOT_FOUND'])
})
