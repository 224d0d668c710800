import t from 'tap'
import { createOrganization } from '@incident-intel/test-support'
import { buildTestApp } from '../helpers/build-test-app.js'
import { sender } from '../helpers/requests.js'
import { openStream } from '../helpers/event-stream.js'

const { app, pool } = await buildTestApp(t, { env: { CACHE_DRAIN: 'false' } })
const send = sender(app)
const organizationId = await createOrganization(pool)

t.test('smoke', async t => {
  t.equal((await send('POST', '/incidents/current/rebuild', { organization_id: organizationId })).status, 200)
  const first = await send('GET', `/incidents/current/changes?organization_id=${organizationId}`)
  t.same([first.status, first.body.changes, first.body.reset], [200, [], false])
  const stream = await openStream(t, app, `/incidents/current/stream?organization_id=${organizationId}&snapshot=true`)
  t.equal(stream.status, 200)
  const created = await send('POST', '/incidents', { organization_id: organizationId, title: 'Storm', incident_type: 'weather' })
  const id = created.body.incident_id
  await send('PATCH', `/incidents/${id}`, { status: 'resolved' })
  const events = await stream.take(2)
  t.same(events.map(e => [e.event, e.data.incident_id]), [['upsert', id], ['remove', id]])
  const pulled = await send('GET', `/incidents/current/changes?organization_id=${organizationId}&after=${first.body.next_cursor}`)
  t.same(pulled.body.changes.map((c: any) => [c.kind, c.cursor]), events.map(e => [e.event, e.id]))
  console.log(JSON.stringify(pulled.body).slice(0, 300))
  const resumed = await openStream(t, app, `/incidents/current/stream?organization_id=${organizationId}`, { 'last-event-id': events[0]!.id! })
  t.same((await resumed.take(1)).map(e => [e.event, e.id]), [['remove', events[1]!.id]])
  stream.close()
  resumed.close()
})
