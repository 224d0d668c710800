import t from 'tap'
import type { CanonicalUuid } from '@incident-intel/schemas'
import { createOrganization, waitUntil } from '@incident-intel/test-support'
import { buildTestApp } from '../helpers/build-test-app.js'
import { insertIncident } from '../helpers/fixtures.js'
import { documentsKey } from '../../src/cache/cache-keys.js'
import { RefreshQueueDrainer } from '../../src/cache/refresh-queue-drainer.js'

// The drainer serves organizations in turn: a busy organization's stream of batches delays
// another's change by one batch at most, where oldest-first served the busy one again and again.
// This app does not drain; the test runs a drainer of its own, one incident per batch, and
// records which organization each batch was.
const { app, pool, url, redis } = await buildTestApp(t, { env: { CACHE_DRAIN: 'false' } })

t.test('one batch per organization in turn, the oldest queued first', async t => {
  const busy = await createOrganization(pool, 'Busy utility') as CanonicalUuid
  const quiet = await createOrganization(pool, 'Quiet utility') as CanonicalUuid
  const other = await createOrganization(pool, 'Other utility') as CanonicalUuid
  for (const organizationId of [busy, quiet, other]) {
    const rebuilt = await app.inject({ method: 'POST', url: '/incidents/current/rebuild', payload: { organization_id: organizationId } })
    t.equal(rebuilt.statusCode, 200)
  }
  await pool.query('delete from current_incidents.refresh_queue')
  // Queued in this order: five of the busy organization's, then one each of the others'.
  for (let n = 0; n < 5; n++) await insertIncident(pool, busy, { title: `Busy ${n}` })
  const quietIncident = await insertIncident(pool, quiet, { title: 'Quiet' })
  await insertIncident(pool, other, { title: 'Other' })

  const order: CanonicalUuid[] = []
  const drainer = new RefreshQueueDrainer({
    pool,
    databaseUrl: url,
    store: app.currentIncidents,
    redis: app.redis,
    batchSize: 1,
    pollIntervalMs: 60_000,
    backoffBaseMs: 100,
    backoffMaxMs: 1000,
    organizationRefreshThreshold: 1000,
    log: app.log,
    onApplied: refreshes => order.push(refreshes[0]!.organization_id)
  })
  await drainer.start()
  t.teardown(() => drainer.stop())
  await waitUntil(async () => order.length === 7, 10_000, 'the queue did not drain')
  t.same(order, [busy, quiet, other, busy, busy, busy, busy])
  t.same((await pool.query('select count(*)::int as n from current_incidents.refresh_queue')).rows, [{ n: 0 }])
  t.equal(await redis.hexists(documentsKey(quiet), quietIncident.incident_id!), 1, 'the quiet organization\'s change reached the cache')
})
