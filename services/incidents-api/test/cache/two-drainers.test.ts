import t from 'tap'
import { createOrganization } from '@incident-intel/test-support'
import { buildTestApp } from '../helpers/build-test-app.js'
import { insertIncident } from '../helpers/fixtures.js'
import { quiesce, settledCache } from '../helpers/cache-state.js'

// Two incidents-api instances over one database and one cache, both draining the queue.
const first = await buildTestApp(t)
const { app: firstApp, pool, redis } = first
const { app: secondApp } = await buildTestApp(t, { shared: first })
const organizationId = await createOrganization(pool)
const incidents = await Promise.all(Array.from({ length: 20 }, (_, n) => insertIncident(pool, organizationId, { title: `Incident ${n}` })))

// Count what each instance applies, from its own metrics.
async function refreshesApplied (app: typeof firstApp): Promise<number> {
  const metric = await app.metrics.getSingleMetric('incidents_api_current_incidents_refresh_lag_seconds')!.get()
  return metric.values.find(value => (value as { metricName?: string }).metricName?.endsWith('_count'))?.value ?? 0
}

t.test('a burst of changes from another client is drained once, by either instance, and nothing is lost', async t => {
  await quiesce(firstApp, pool)
  await quiesce(secondApp, pool)
  const before = (await refreshesApplied(firstApp)) + (await refreshesApplied(secondApp))
  const { rows: enqueuedBefore } = await pool.query<{ max: string | null }>('select max(refresh_id)::text as max from current_incidents.refresh_queue')
  t.ok(enqueuedBefore)

  // 200 separate transactions, 10 at a time: each enqueues one refresh.
  for (let round = 0; round < 20; round++) {
    await Promise.all(incidents.slice(0, 10).map((incident, i) => pool.query(
      'update incidents.incidents set title = $2 where incident_id = $1', [incident.incident_id, `Round ${round} #${i}`])))
  }
  const { cached, database } = await settledCache(redis, pool, organizationId)
  t.same(cached, database, 'every document equals the database')
  await quiesce(firstApp, pool)
  await quiesce(secondApp, pool)
  const applied = (await refreshesApplied(firstApp)) + (await refreshesApplied(secondApp)) - before
  t.equal(applied, 200, 'each queued refresh was applied exactly once, across both instances')
})
