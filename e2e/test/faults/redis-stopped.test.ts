import t from 'tap'
import { createTestDatabase, startPrivateRedis, startServiceProcess, waitUntil } from '@incident-intel/test-support'
import {
  assertCacheEqualsDatabase, failures, queueDepth, queuedIncidents, seedScenario, startMixedLoad, tally, type Outcome
} from '../helpers/fault-scenario.js'

// Both services as processes over a private database and a redis-server of this test's own,
// which the test stops (SIGKILL, nothing saved) and starts again, empty, under load.
const redis = await startPrivateRedis(t)
const { url, pool } = await createTestDatabase(t)
const scenario = await seedScenario(pool, { incidents: 8, perIncident: 2 })
const env = { DATABASE_URL: url, REDIS_URL: redis.url, REDIS_COMMAND_TIMEOUT_MS: '1000' }
const [incidentsApi, intelRequestsApi] = await Promise.all([
  startServiceProcess(t, 'incidents-api', { env }),
  startServiceProcess(t, 'intel-requests-api', { env })
])

const after = (outcomes: Outcome[], since: number) => outcomes.filter(outcome => outcome.sentAt > since)
const lastRead = (outcomes: Outcome[], since: number) => after(outcomes, since).filter(o => o.operation === 'read current incident').at(-1)
const writesAfter = (outcomes: Outcome[], since: number, operation: string) =>
  after(outcomes, since).filter(o => o.operation === operation && o.status === 200)

t.test('Redis stopped under load: reads and writes keep answering, the queue keeps the changes; Redis back: the cache converges', async t => {
  const load = startMixedLoad(scenario, { incidents: incidentsApi.origin, intelRequests: intelRequestsApi.origin })
  t.teardown(() => load.stop())
  const { outcomes } = load
  await waitUntil(async () => lastRead(outcomes, 0)?.cache === 'hit', 15_000, 'the cache never warmed')

  await redis.stop()
  const stoppedAt = performance.now()
  await waitUntil(async () =>
    writesAfter(outcomes, stoppedAt, 'patch incident').length >= 5 && writesAfter(outcomes, stoppedAt, 'patch intel request').length >= 5,
  15_000, 'writes did not go on while Redis was down')

  // Nothing can drain while Redis is down: every incident changed since has a refresh queued.
  const changed = new Set([
    ...writesAfter(outcomes, stoppedAt, 'patch incident'),
    ...writesAfter(outcomes, stoppedAt, 'patch intel request')
  ].map(outcome => outcome.incidentId!))
  const queued = await queuedIncidents(pool)
  t.same([...changed].filter(incidentId => !queued.has(incidentId)), [], 'every change Redis missed waits in the queue')
  t.ok(changed.size > 0 && await queueDepth(pool) >= changed.size, `${changed.size} incidents changed; their refreshes are queued`)
  const readsWhileDown = after(outcomes, stoppedAt).filter(o => o.operation === 'read current incident' && o.endedAt > stoppedAt)
  t.ok(readsWhileDown.length > 0, 'reads went on while Redis was down')
  t.same(readsWhileDown.filter(o => o.status !== 200 || o.cache !== 'bypass'), [], 'each answered 200 from PostgreSQL (x-cache: bypass)')

  await redis.start()
  const startedAt = performance.now()
  await waitUntil(async () => lastRead(outcomes, startedAt)?.cache === 'hit', 15_000, 'reads did not come back to the cache')
  await load.stop()

  await waitUntil(async () => await queueDepth(pool) === 0, 15_000, 'the refresh queue did not drain')
  await assertCacheEqualsDatabase(t, redis.url, pool, scenario.organizationId)
  t.comment(`outcomes: ${JSON.stringify(tally(outcomes))}`)
  t.same(failures(outcomes), [], 'no 5xx and no request without a response, from start to end')
  t.same(outcomes.filter(o => o.status !== 200), [], 'every read and write answered 200')
  t.equal(incidentsApi.exit(), undefined, 'incidents-api still runs')
  t.equal(intelRequestsApi.exit(), undefined, 'intel-requests-api still runs')
})
