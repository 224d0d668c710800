import { connect, type Socket } from 'node:net'
import t from 'tap'
import { createOrganization, waitUntil } from '@incident-intel/test-support'
import { buildTestApp } from '../helpers/build-test-app.js'
import { sender } from '../helpers/requests.js'
import { listening, openStream } from '../helpers/event-stream.js'
import { metric } from '../helpers/feed.js'

// A subscriber may hold 64 KiB of unsent events; each change below is a document of about 256 KiB.
const { app, pool } = await buildTestApp(t, { env: { CACHE_DRAIN: 'false', CHANGE_FEED_SUBSCRIBER_BUFFER_BYTES: String(64 * 1024) } })
const send = sender(app)
const organizationId = await createOrganization(pool)
const rebuilt = await send('POST', '/incidents/current/rebuild', { organization_id: organizationId })
const incidentId = (await send('POST', '/incidents', { organization_id: organizationId, title: 'Large', incident_type: 'weather' })).body.incident_id as string
const blob = 'x'.repeat(256 * 1024)

t.test('a subscriber that does not read is sent reset and closed; one that reads is not', async t => {
  t.equal(rebuilt.status, 200)
  const base = new URL(await listening(app))
  const serverSockets: Socket[] = []
  app.server.on('connection', socket => serverSockets.push(socket))
  // A socket that sends its request and never reads: the kernel's buffers fill, then the server's.
  const stuck = connect(Number(base.port), base.hostname)
  stuck.pause()
  let closed = false
  stuck.on('close', () => { closed = true })
  stuck.on('error', () => {})
  t.teardown(() => { stuck.destroy() })
  await new Promise<void>(resolve => stuck.write(`GET /incidents/current/stream?organization_id=${organizationId} HTTP/1.1\r\nhost: ${base.host}\r\naccept: text/event-stream\r\n\r\n`, () => resolve()))
  await waitUntil(async () => app.changeFeed.streams.size === 1, 5000, 'the stuck subscriber never subscribed')
  const reader = await openStream(t, app, `/incidents/current/stream?organization_id=${organizationId}`)
  await waitUntil(async () => app.changeFeed.streams.size === 2, 5000, 'the reading subscriber never subscribed')

  let changes = 0
  while (app.changeFeed.streams.size === 2) {
    if (changes === 400) throw new Error('400 changes of 256 KiB and the stuck subscriber is still open')
    t.equal((await send('PATCH', `/incidents/${incidentId}`, { metadata: { blob, change: changes } })).status, 200)
    changes++
    await reader.take(1)
  }
  t.equal(await metric(app, 'incidents_api_change_feed_resets_total{reason="slow"}'), 1, 'one reset, for the stuck one')
  t.equal(app.changeFeed.streams.size, 1, 'the reading subscriber goes on')
  // Still not reading: the server destroys its socket (a second after ending the response), which
  // releases what it held; the client learns once it reads.
  const held = serverSockets.find(socket => socket.remotePort === stuck.localPort)!
  await waitUntil(async () => held.destroyed, 10000, 'the server still holds the stuck socket')
  stuck.resume()
  await waitUntil(async () => closed, 10000, 'the stuck socket was not closed')

  t.equal((await send('PATCH', `/incidents/${incidentId}`, { metadata: { after: true } })).status, 200)
  const [last] = await reader.take(1)
  t.same([last!.event, last!.data.metadata], ['upsert', { after: true }], 'the reader gets every change, in order')
  reader.close()
})
