import t, { type Test } from 'tap'
import { createOrganization, createRecord, createTestDatabase, createTestRedis, startFaultProxy, startServiceProcess, waitUntil, testRedisUrl, type ServiceName } from '@incident-intel/test-support'
import { getIncident, getIntelRequest, getReady, patchIncident, patchIntelRequest } from '../helpers/fault-scenario.js'

// Each service reaches PostgreSQL only through a proxy that refuses it (cut) or hangs it
// (blackhole). Requests that need the database get the 503 envelope with Retry-After in bounded
// time (the connect timeout), the process stays up, and it serves again once the database does.
const { url, pool, name: databaseName } = await createTestDatabase(t)
const { prefix } = await createTestRedis(t)
const organizationId = await createOrganization(pool)
const records = {
  'incidents-api': { id: await createRecord(pool, 'incidents', organizationId), get: getIncident, patch: (origin: string, id: string) => patchIncident(origin, id, 'Cut mid-transaction') },
  'intel-requests-api': { id: await createRecord(pool, 'intel_requests', organizationId), get: getIntelRequest, patch: (origin: string, id: string) => patchIntelRequest(origin, id, 'Cut mid-transaction') }
}

const unavailable = {
  statusCode: 503,
  code: 'SERVICE_DATABASE_UNAVAILABLE',
  error: 'Service Unavailable',
  message: 'The database is unavailable; retry shortly'
}

async function checkService (t: Test, name: ServiceName): Promise<void> {
  const proxy = await startFaultProxy({ target: { host: '127.0.0.1', port: Number(new URL(url).port || 5432) } })
  t.teardown(() => proxy.close())
  const service = await startServiceProcess(t, name, {
    env: {
      DATABASE_URL: proxy.url(url),
      DATABASE_CONNECT_TIMEOUT_MS: '500',
      DATABASE_STATEMENT_TIMEOUT_MS: '1000',
      REDIS_URL: testRedisUrl(),
      REDIS_KEY_PREFIX: prefix
    }
  })
  const { id, get, patch } = records[name]

  const served = async (what: string) => {
    const response = await get(service.origin, id)
    t.same([response.status, response.body?.[name === 'incidents-api' ? 'incident_id' : 'intel_request_id']], [200, id], `${what}: the record is served`)
  }
  const refused = async (what: string) => {
    const started = performance.now()
    const response = await get(service.origin, id)
    const elapsed = performance.now() - started
    t.same([response.status, response.retryAfter, response.body], [503, '1', unavailable],
      `${what}: 503 with Retry-After and the error envelope (after ${elapsed.toFixed(0)} ms)`)
    const ready = await getReady(service.origin)
    t.same([ready.status, ready.body?.checks?.postgres], [503, 'down'], `${what}: /ready says PostgreSQL is down`)
    t.equal(service.exit(), undefined, `${what}: the process stays up`)
  }

  await served('at start')

  proxy.setMode('cut')
  await refused('cut')
  await refused('cut, again')
  proxy.setMode('pass')
  await served('cut, then back')

  // The connection lost with a transaction in hand (a write's, or the drainer's): a 503, not a crash.
  proxy.setMode('delay', { delayMs: 200 })
  const patching = patch(service.origin, id)
  await waitUntil(async () => {
    const { rows } = await pool.query<{ count: number }>(
      `select count(*)::int as count from pg_stat_activity
        where datname = $1 and application_name = $2 and xact_start is not null`, [databaseName, name])
    return rows[0]!.count > 0
  }, 10_000, 'no transaction of the service was seen')
  proxy.setMode('cut')
  const cutWrite = await patching
  t.same([cutWrite.status, cutWrite.body], [503, unavailable], 'cut mid-transaction: the write gets the 503 envelope')
  await refused('cut mid-transaction')
  proxy.setMode('pass')
  await served('cut mid-transaction, then back')

  // A hung server: the connection is accepted and never answered. The pool's idle connections
  // go first, so each request needs a new one, which the connect timeout gives up on.
  proxy.setMode('blackhole')
  proxy.destroyConnections()
  await refused('blackhole')
  await refused('blackhole, again')
  proxy.setMode('pass')
  await served('blackhole, then back')
  // intel-requests-api uses Redis for its rate limits only; incidents-api also reports its refresh queue.
  const checks = name === 'incidents-api'
    ? { postgres: 'up', redis: 'up', rate_limit: 'up', refresh_queue: 'up' }
    : { postgres: 'up', redis: 'up', rate_limit: 'up' }
  t.same((await getReady(service.origin)).body, { status: 'ready', checks }, 'ready again, without a restart')
}

t.test('incidents-api', async t => checkService(t, 'incidents-api'))
t.test('intel-requests-api', async t => checkService(t, 'intel-requests-api'))
