import t from 'tap'
import { canonicalUuid } from '@incident-intel/schemas'
import { createOrganization } from '@incident-intel/test-support'
import { buildTestApp } from '../helpers/build-test-app.js'
import { insertIncident } from '../helpers/fixtures.js'
import { quiesce, settledCache } from '../helpers/cache-state.js'
import { settleWith, untriggeredChanges } from '../helpers/untriggered-changes.js'

const { app, pool, redis } = await buildTestApp(t)
const organizationId = canonicalUuid(await createOrganization(pool))!
await insertIncident(pool, organizationId, { title: 'Untouched' })
const settle = settleWith(app, redis)

const verify = async (organizationId: string) => {
  const response = await app.inject({ method: 'POST', url: '/incidents/current/verify', payload: { organization_id: organizationId } })
  return { status: response.statusCode, body: response.json() }
}

async function divergencesCounted (reason: string): Promise<number> {
  const match = new RegExp(`^incidents_api_current_incidents_divergences_total\\{reason="${reason}"\\} (\\d+)$`, 'm').exec((await app.inject('/metrics')).body)
  return Number(match![1])
}

for (const change of untriggeredChanges(settle)) {
  t.test(`verify repairs ${change.name}, and a second verify repairs nothing`, async t => {
    await change.prepare(pool, organizationId)
    t.same((await verify(organizationId)).body.divergences, [], 'nothing differs before the change')
    const expected = await change.apply(pool, organizationId)
    await quiesce(app, pool)
    const counted = await divergencesCounted(expected.reason)

    const first = await verify(organizationId)
    t.equal(first.status, 200)
    t.same(first.body.divergences, [expected])
    t.equal(first.body.repaired, 1)
    t.equal(await divergencesCounted(expected.reason), counted + 1, 'counted in the metric')
    const { cached, database } = await settledCache(redis, pool, organizationId, 0)
    t.same(cached, database, 'the cache holds what the database does, at once')

    const second = await verify(organizationId)
    t.same({ ...second.body, checked: 0 }, { organization_id: organizationId, checked: 0, repaired: 0, divergences: [] })
    t.equal(second.body.checked, first.body.checked)
  })
}

t.test('an incident created and one resolved without triggers are found missing and not current', async t => {
  const created = canonicalUuid((await insertIncident(pool, organizationId, { title: 'Resolved later' })).incident_id!)!
  await settle(pool, organizationId)
  const client = await pool.connect()
  let inserted: string
  try {
    await client.query('begin')
    await client.query('set local session_replication_role = replica')
    inserted = (await insertIncident(client, organizationId, { title: 'Restored by pg_restore' })).incident_id!
    await client.query("update incidents.incidents set status = 'resolved', resolved = now() where incident_id = $1", [created])
    await client.query('commit')
  } finally {
    client.release()
  }
  const { body } = await verify(organizationId)
  t.same(body.divergences, [
    { incident_id: created, reason: 'not_current' },
    { incident_id: inserted, reason: 'missing' }
  ].sort((a, b) => a.incident_id < b.incident_id ? -1 : 1))
  const { cached, database } = await settledCache(redis, pool, organizationId, 0)
  t.same(cached, database)
  t.same((await verify(organizationId)).body.divergences, [])
})

t.test('bad input is a 4xx', async t => {
  t.same(await verify('not-a-uuid'), {
    status: 400,
    body: {
      statusCode: 400,
      code: 'FST_ERR_VALIDATION',
      error: 'Bad Request',
      message: 'body/organization_id must match pattern "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"'
    }
  })
  const unknown = '00000000-0000-4000-8000-000000000000'
  const response = await verify(unknown)
  t.equal(response.status, 404)
  t.equal(response.body.statusCode, 404)
})
