import t from 'tap'
import { createOrganization, startPrivateRedis } from '@incident-intel/test-support'
import { buildTestApp } from '../helpers/build-test-app.js'
import { sender } from '../helpers/requests.js'
import { openStream } from '../helpers/event-stream.js'

// Redis of the test's own, stopped and started again empty under an open stream.
const privateRedis = await startPrivateRedis(t)
const { app, pool } = await buildTestApp(t, { redisUrl: privateRedis.url, env: { CACHE_DRAIN: 'false' } })
const send = sender(app)
const organizationId = await createOrganization(pool)
const rebuilt = await send('POST', '/incidents/current/rebuild', { organization_id: organizationId })
const create = async (title: string) => (await send('POST', '/incidents', { organization_id: organizationId, title, incident_type: 'weather' })).body.incident_id as string

t.test('a subscriber whose Redis came back empty is told to reset, then follows the new log', async t => {
  t.equal(rebuilt.status, 200)
  const stream = await openStream(t, app, `/incidents/current/stream?organization_id=${organizationId}`)
  const before = await create('Before')
  t.same((await stream.take(1)).map(event => [event.event, event.data.incident_id]), [['upsert', before]])

  await privateRedis.stop()
  t.equal((await send('POST', '/incidents', { organization_id: organizationId, title: 'While down', incident_type: 'weather' })).status, 201,
    'writes go on without Redis (the queue keeps the change)')
  t.equal((await send('GET', `/incidents/current/changes?organization_id=${organizationId}`)).status, 503, 'the pull feed needs Redis')
  await privateRedis.start()

  // Writes once the app's client is back: the first lands in a log made anew.
  while (app.redis.status !== 'ready') await new Promise(resolve => setTimeout(resolve, 20))
  t.equal((await send('POST', '/incidents', { organization_id: organizationId, title: 'After', incident_type: 'weather' })).status, 201)
  const [first] = await stream.take(1)
  // Its reader, back, stands past the end of a log that is gone, or before the first entry of the new one.
  t.same([first!.event, first!.data], ['reset', { reason: 'behind' }], 'what came before is gone: reset')
  stream.close()
})
