import t, { type Test } from 'tap'
import { createTestDatabase, startPrivateRedis, startServiceProcess, waitUntil } from '@incident-intel/test-support'
import {
  assertCacheEqualsDatabase, failures, getCurrentIncident, seedScenario, startLoad, tally, type Outcome
} from '../helpers/fault-scenario.js'

// incidents-api as a process over a redis-server of this test's own, which loses everything
// under continuous reads: restarted empty, then FLUSHALL.
const redis = await startPrivateRedis(t)
const { url, pool } = await createTestDatabase(t)
const scenario = await seedScenario(pool, { incidents: 6, perIncident: 1 })
const incidentsApi = await startServiceProcess(t, 'incidents-api', {
  env: { DATABASE_URL: url, REDIS_URL: redis.url, REDIS_COMMAND_TIMEOUT_MS: '1000' }
})

const reads = (outcomes: Outcome[], since: number) => outcomes.filter(o => o.sentAt > since)

async function underReads (t: Test, fault: () => Promise<void>): Promise<void> {
  const { incidentIds } = scenario
  const load = startLoad(3, (loop, n) => {
    const incidentId = incidentIds[(loop + n) % incidentIds.length]!
    return { operation: 'read current incident', incidentId, send: () => getCurrentIncident(incidentsApi.origin, incidentId) }
  })
  t.teardown(() => load.stop())
  const { outcomes } = load
  // Every incident has been read from the cache since the last fault.
  const allHit = (since: number) => async () => {
    const hits = new Set(reads(outcomes, since).filter(o => o.cache === 'hit').map(o => o.incidentId))
    return hits.size === incidentIds.length
  }
  await waitUntil(allHit(0), 15_000, 'the cache never warmed')

  const faultedAt = performance.now()
  await fault()
  // A read in flight during the fault may be the one that sees the empty cache and starts the rebuild.
  const sawEmpty = () => outcomes.filter(o => o.endedAt > faultedAt && o.cache !== 'hit')
  await waitUntil(async () => sawEmpty().length > 0, 15_000, 'no read saw the empty cache')
  const emptied = performance.now()
  await waitUntil(allHit(emptied), 15_000, 'reads did not become cache hits again')
  await load.stop()

  t.comment(`outcomes: ${JSON.stringify(tally(outcomes))}; x-cache after the fault: ${JSON.stringify(cacheTally(outcomes.filter(o => o.endedAt > faultedAt)))}`)
  t.ok(sawEmpty().some(o => o.cache === 'bypass'), 'meanwhile reads answered from PostgreSQL (bypass)')
  t.same(failures(outcomes), [], 'no 5xx and no request without a response')
  t.same(outcomes.filter(o => o.status !== 200), [], 'every read answered 200')
  await assertCacheEqualsDatabase(t, redis.url, pool, scenario.organizationId)
  t.equal(incidentsApi.exit(), undefined, 'incidents-api still runs')
}

function cacheTally (outcomes: Outcome[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const { cache } of outcomes) counts[cache ?? 'none'] = (counts[cache ?? 'none'] ?? 0) + 1
  return counts
}

t.test('Redis restarted empty: no 5xx, the cache is rebuilt and equals the database', async t => {
  await underReads(t, async () => {
    await redis.stop()
    await redis.start()
  })
})

t.test('FLUSHALL: no 5xx, the cache is rebuilt and equals the database', async t => {
  await underReads(t, () => redis.flushAll())
})
