import t from 'tap'
import { createOrganization, startPrivateRedis, waitUntil } from '@incident-intel/test-support'
import { buildTestApp } from '../helpers/build-test-app.js'
import { insertIncident } from '../helpers/fixtures.js'
import { quiesce, settledCache } from '../helpers/cache-state.js'
import { evaluateAlertsOnScrape } from '../helpers/alert-rules.js'

// While Redis is unreachable the drainer backs off (1 s, doubling) instead of claiming a batch on
// every NOTIFY and poll; Redis coming back ends the back-off at once.
const BACKOFF_BASE_MS = 1000
const OUTAGE_MS = 8000
const privateRedis = await startPrivateRedis(t)
const { app, pool, redis } = await buildTestApp(t, {
  redisUrl: privateRedis.url,
  env: { CACHE_BACKOFF_BASE_MS: String(BACKOFF_BASE_MS), CACHE_BACKOFF_MAX_MS: '60000' }
})
const organizationId = await createOrganization(pool)
const incidents = await Promise.all([1, 2, 3].map(n => insertIncident(pool, organizationId, { title: `Incident ${n}` })))
await quiesce(app, pool)
await settledCache(redis, pool, organizationId)

async function metric (pattern: RegExp): Promise<number> {
  const match = pattern.exec((await app.inject('/metrics')).body)
  if (!match) throw new Error(`no sample matches ${pattern}`)
  return Number(match[1])
}
const attempts = () => metric(/^incidents_api_current_incidents_drain_attempts_total (\S+)$/m)

/** Drain attempts a doubling back-off from `base` allows within `window`: the first, then one per expiry. */
function backoffBound (base: number, window: number): number {
  let attempts = 1
  for (let waited = base, delay = base; waited <= window; delay *= 2, waited += delay) attempts++
  return attempts
}

t.test(`Redis down for ${OUTAGE_MS / 1000} s under a change every 100 ms: a bounded number of drain attempts`, async t => {
  const before = await attempts()
  await privateRedis.stop()
  const ended = Date.now() + OUTAGE_MS
  let changes = 0
  while (Date.now() < ended) {
    await pool.query('update incidents.incidents set title = $2 where incident_id = $1', [incidents[changes % 3]!.incident_id, `Change ${changes}`])
    changes++
    await new Promise(resolve => setTimeout(resolve, 100))
  }
  const during = await attempts() - before
  const bound = backoffBound(BACKOFF_BASE_MS, OUTAGE_MS)
  t.comment(`${changes} changes while Redis was down; ${during} drain attempts (a back-off from ${BACKOFF_BASE_MS} ms allows at most ${bound})`)
  t.ok(during <= bound, `${during} drain attempts, at most ${bound}`)
  t.ok(await metric(/^incidents_api_current_incidents_refresh_failures_total\{reason="redis_unavailable"\} (\S+)$/m) >= 1, 'the failures are counted')

  const { rows } = await pool.query<{ count: number }>('select count(*)::int as count from current_incidents.refresh_queue')
  t.equal(rows[0]!.count, changes, 'every change waits in the queue (they coalesce when claimed)')
  const ready = await app.inject('/ready')
  t.same([ready.statusCode, ready.json()], [200, {
    status: 'degraded',
    checks: { postgres: 'up', redis: 'down', rate_limit: 'degraded', refresh_queue: 'up' },
    details: { rate_limit: { reads: 'unlimited', writes: 'unlimited', rebuild_and_verify: 'refused' } }
  }])
})

t.test('the same outage on a real scrape of /metrics fires the readiness and stuck-queue alerts, and only those', async t => {
  await pool.query("update current_incidents.refresh_queue set enqueued = enqueued - interval '10 minutes'")
  const scrape = (await app.inject('/metrics')).body
  t.match(scrape, /incidents_api_readiness_check\{check="redis"\} 0\n/)
  const verdict = await evaluateAlertsOnScrape(scrape, {
    job: 'incidents-api',
    instance: 'test',
    firing: {
      CurrentIncidentsRefreshQueueStuck: [{}],
      ReadinessCheckNotUp: [{ check: 'rate_limit' }, { check: 'redis' }, { check: 'refresh_queue' }]
    }
  })
  t.ok(verdict.passed, verdict.output)
})

t.test('Redis back, empty: the back-off ends at once, the queue drains and the cache converges', async t => {
  await privateRedis.start()
  await waitUntil(async () => {
    const { rows } = await pool.query<{ count: number }>('select count(*)::int as count from current_incidents.refresh_queue')
    return rows[0]!.count === 0
  }, 5000, 'the queue did not drain')
  await app.currentIncidents.settle()
  const { cached, database } = await settledCache(redis, pool, organizationId)
  t.same(cached, database)
  t.equal(Object.keys(cached).length, 3)
  t.equal((await app.inject('/ready')).json().status, 'ready')
})
