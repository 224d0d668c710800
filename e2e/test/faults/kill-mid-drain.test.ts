import t from 'tap'
import { createTestDatabase, startFaultProxy, startPrivateRedis, startServiceProcess, waitUntil } from '@incident-intel/test-support'
import { assertCacheEqualsDatabase, queueDepth, rebuildCurrentIncidents, seedScenario } from '../helpers/fault-scenario.js'

// Instance A drains the refresh queue with a slow Redis (a proxy delays every chunk), so each of
// its drain transactions holds its claimed rows for a while; A is SIGKILLed with a batch in hand.
// Instance B, with a direct Redis, must then apply every queued change: none may be lost.
const DELAY_MS = 400
const redis = await startPrivateRedis(t)
const proxy = await startFaultProxy({ target: { host: '127.0.0.1', port: redis.port } })
t.teardown(() => proxy.close())
const { url, pool, name: databaseName } = await createTestDatabase(t)
const scenario = await seedScenario(pool, { incidents: 40, perIncident: 5 })
const { organizationId, intelRequests } = scenario
const env = { DATABASE_URL: url, REDIS_COMMAND_TIMEOUT_MS: '10000', CACHE_DRAIN: 'true' }

/** Queued refreshes, and those that a drain transaction holds (locked) right now. */
async function queueState (): Promise<{ total: number, held: number, heldIncidents: string[] }> {
  const { rows } = await pool.query<{ total: number, held_incidents: string[] }>(
    `with free as (select refresh_id from current_incidents.refresh_queue for update skip locked)
     select count(*)::int as total,
            coalesce(array_agg(distinct incident_id) filter (where refresh_id not in (select refresh_id from free)), '{}') as held_incidents
       from current_incidents.refresh_queue`)
  const { rows: held } = await pool.query<{ held: number }>(
    `select (select count(*) from current_incidents.refresh_queue)
          - (select count(*) from (select 1 from current_incidents.refresh_queue for update skip locked) free) as held`)
  return { total: rows[0]!.total, held: Number(held[0]!.held), heldIncidents: rows[0]!.held_incidents }
}

t.test('SIGKILL with a drain batch in hand: another instance applies every queued change', async t => {
  const a = await startServiceProcess(t, 'incidents-api', {
    env: { ...env, REDIS_URL: proxy.url(redis.url), CACHE_DRAIN_BATCH_SIZE: '20' },
    redisConnected: true
  })
  // Warm, and the seed's own refreshes drained, before Redis slows down.
  const rebuilt = await rebuildCurrentIncidents(a.origin, organizationId)
  t.same([rebuilt.status, rebuilt.body?.documents], [200, 40], 'A rebuilt the cache')
  await waitUntil(async () => await queueDepth(pool) === 0, 15_000, 'the seed refreshes did not drain')

  proxy.setMode('delay', { delayMs: DELAY_MS })
  // 200 changes from another client, each its own transaction: 200 queued refreshes of 40 incidents.
  for (let i = 0; i < intelRequests.length; i += 10) {
    await Promise.all(intelRequests.slice(i, i + 10).map(({ intelRequestId }, j) => pool.query(
      'update intel_requests.intel_requests set description = $2 where intel_request_id = $1', [intelRequestId, `Change ${i + j}`])))
  }

  let inHand = await queueState()
  await waitUntil(async () => (inHand = await queueState()).held > 0, 15_000, 'A never held a batch')
  // One more change to an incident of the batch in hand, committed after A read it.
  const late = intelRequests.find(r => r.incidentId === inHand.heldIncidents[0])!
  await pool.query('update intel_requests.intel_requests set description = $2 where intel_request_id = $1', [late.intelRequestId, 'Changed while A held the batch'])
  a.kill('SIGKILL')
  t.same(await a.exited, { code: null, signal: 'SIGKILL' }, 'A died at once')
  t.comment(`A was killed holding ${inHand.held} of ${inHand.total} queued refreshes`)

  // A's transaction dies with its connection: the rows it held are queued again, none held.
  await waitUntil(async () => {
    const { rows } = await pool.query<{ count: number }>(
      "select count(*)::int as count from pg_stat_activity where datname = $1 and application_name = 'incidents-api'", [databaseName])
    return rows[0]!.count === 0
  }, 15_000, "A's connections did not go away")
  const afterKill = await queueState()
  t.equal(afterKill.held, 0, 'nothing is held once A is gone')
  t.ok(afterKill.total >= inHand.held, `the ${inHand.held} refreshes A held are queued again (${afterKill.total} queued)`)

  await startServiceProcess(t, 'incidents-api', { env: { ...env, REDIS_URL: redis.url } })
  await waitUntil(async () => await queueDepth(pool) === 0, 20_000, 'B did not drain the queue')
  await assertCacheEqualsDatabase(t, redis.url, pool, organizationId)
})
