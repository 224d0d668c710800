import t, { type Test } from 'tap'
import { createTestDatabase, type ServiceProcess, startFaultProxy, startPrivateRedis, startServiceProcess, waitUntil } from '@incident-intel/test-support'
import {
  assertCacheEqualsDatabase, failures, getReady, queueDepth, seedScenario, startMixedLoad, tally, type Outcome
} from '../helpers/fault-scenario.js'

// Both services reach their Redis through a proxy that makes it hang (accepts, never answers)
// and then answer far too late: every command times out, and late replies meet commands that
// have long given up. Reads must answer from PostgreSQL; no process may crash.
const COMMAND_TIMEOUT_MS = 300
const redis = await startPrivateRedis(t)
const proxy = await startFaultProxy({ target: { host: '127.0.0.1', port: redis.port } })
t.teardown(() => proxy.close())
const { url, pool } = await createTestDatabase(t)
const scenario = await seedScenario(pool, { incidents: 6, perIncident: 2 })
const env = { DATABASE_URL: url, REDIS_URL: proxy.url(redis.url), REDIS_COMMAND_TIMEOUT_MS: String(COMMAND_TIMEOUT_MS), LOG_LEVEL: 'info' }
const [incidentsApi, intelRequestsApi] = await Promise.all([
  startServiceProcess(t, 'incidents-api', { env }),
  startServiceProcess(t, 'intel-requests-api', { env })
])

const readsAfter = (outcomes: Outcome[], since: number) =>
  outcomes.filter(o => o.sentAt > since && o.operation === 'read current incident')
const writesAfter = (outcomes: Outcome[], since: number) =>
  outcomes.filter(o => o.sentAt > since && o.operation.startsWith('patch'))

/** Log lines at error level or above (pino 50+), and any line that is not JSON (a crash's stack). */
function alarming (service: ServiceProcess): string[] {
  return service.lines().filter(line => {
    try {
      return (JSON.parse(line) as { level: number }).level >= 50
    } catch {
      return true
    }
  })
}

async function readsAnswerFromPostgres (t: Test, outcomes: Outcome[], what: string): Promise<void> {
  const since = performance.now()
  await waitUntil(async () => readsAfter(outcomes, since).length >= 10 && writesAfter(outcomes, since).length >= 10,
    20_000, `${what}: requests did not go on`)
  const reads = readsAfter(outcomes, since)
  t.same(reads.filter(o => o.status !== 200 || o.cache !== 'bypass'), [], `${what}: every read answered 200 from PostgreSQL (bypass)`)
  t.same(writesAfter(outcomes, since).filter(o => o.status !== 200), [], `${what}: every write answered 200`)
  const slowest = Math.max(...reads.map(o => o.endedAt - o.sentAt))
  t.comment(`${what}: ${reads.length} reads, slowest ${slowest.toFixed(0)} ms (command timeout ${COMMAND_TIMEOUT_MS} ms)`)
  // incidents-api also reports its refresh queue, which waits for Redis without being stuck yet;
  // both say their rate limits are open (reads, writes) or closed (rebuild, verify) meanwhile.
  const rateLimitDown = { reads: 'unlimited', writes: 'unlimited', rebuild_and_verify: 'refused' }
  const incidentsReady = await getReady(incidentsApi.origin)
  t.same([incidentsReady.status, incidentsReady.body], [200, {
    status: 'degraded',
    checks: { postgres: 'up', redis: 'down', rate_limit: 'degraded', refresh_queue: 'up' },
    details: { rate_limit: rateLimitDown }
  }], `${what}: incidents-api is ready, degraded`)
  const intelRequestsReady = await getReady(intelRequestsApi.origin)
  t.same([intelRequestsReady.status, intelRequestsReady.body], [200, {
    status: 'degraded',
    checks: { postgres: 'up', redis: 'down', rate_limit: 'degraded' },
    details: { rate_limit: rateLimitDown }
  }], `${what}: intel-requests-api is ready, its rate limits degraded`)
}

t.test('a hung Redis, then a very slow one: reads answer from PostgreSQL, nothing crashes, the cache converges after', async t => {
  const load = startMixedLoad(scenario, { incidents: incidentsApi.origin, intelRequests: intelRequestsApi.origin })
  t.teardown(() => load.stop())
  const { outcomes } = load
  await waitUntil(async () => readsAfter(outcomes, 0).at(-1)?.cache === 'hit', 15_000, 'the cache never warmed')

  proxy.setMode('blackhole')
  await readsAnswerFromPostgres(t, outcomes, 'hung')

  // Replies now come back, each long after its command timed out.
  proxy.setMode('delay', { delayMs: COMMAND_TIMEOUT_MS * 4 })
  await readsAnswerFromPostgres(t, outcomes, 'slow')

  proxy.setMode('pass')
  const healedAt = performance.now()
  await waitUntil(async () => readsAfter(outcomes, healedAt).at(-1)?.cache === 'hit', 15_000, 'reads did not come back to the cache')
  await load.stop()
  await waitUntil(async () => await queueDepth(pool) === 0, 15_000, 'the refresh queue did not drain')
  await assertCacheEqualsDatabase(t, redis.url, pool, scenario.organizationId)

  t.comment(`outcomes: ${JSON.stringify(tally(outcomes))}`)
  t.same(failures(outcomes), [], 'no 5xx and no request without a response')
  for (const service of [incidentsApi, intelRequestsApi]) {
    t.equal(service.exit(), undefined, `${service.name} still runs`)
    t.same(alarming(service), [], `${service.name} logged no error and no crash`)
  }
})
