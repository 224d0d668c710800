import { Agent, request } from 'node:http'
import t, { type Test } from 'tap'
import { Redis } from 'ioredis'
import { createTestDatabase, type ServiceName, startPrivateRedis, startServiceProcess, waitUntil } from '@incident-intel/test-support'
import { errorCode, queuedIncidents, seedScenario } from '../helpers/fault-scenario.js'
import { cachedDocuments, databaseDocuments } from '../../../services/incidents-api/test/helpers/cache-state.js'

// Each service as a process under 8 keep-alive request loops (reads and writes), sent SIGTERM
// mid-load. The service's own log says which requests it had received before it began closing
// (each request carries its id in x-request-id): every one of them must get a complete 2xx.
const GRACE_MS = 5000
const LOOPS = 8
const redis = await startPrivateRedis(t)
const { url, pool } = await createTestDatabase(t)
const scenario = await seedScenario(pool, { incidents: 10, perIncident: 2 })

interface Sent {
  id: string
  sentAt: number
  status?: number
  error?: string
}

function send (agent: Agent, origin: string, id: string, method: string, path: string, body?: unknown): Promise<{ status: number }> {
  const payload = body === undefined ? undefined : JSON.stringify(body)
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'x-request-id': id }
    if (payload !== undefined) headers['content-type'] = 'application/json'
    request(`${origin}${path}`, { agent, method, headers, timeout: 20_000 }, response => {
      response.resume()
      response.on('end', () => resolve({ status: response.statusCode ?? 0 }))
      response.on('error', reject)
    }).on('error', reject).on('timeout', function (this: { destroy: (error: Error) => void }) { this.destroy(new Error('timeout')) }).end(payload)
  })
}

const operations: Record<ServiceName, (n: number) => { method: string, path: string, body?: unknown }> = {
  'incidents-api': n => {
    const incidentId = scenario.incidentIds[n % scenario.incidentIds.length]!
    return n % 2 === 0
      ? { method: 'GET', path: `/incidents/current/${incidentId}` }
      : { method: 'PATCH', path: `/incidents/${incidentId}`, body: { title: `Title ${n}` } }
  },
  'intel-requests-api': n => {
    const { intelRequestId } = scenario.intelRequests[n % scenario.intelRequests.length]!
    return n % 2 === 0
      ? { method: 'GET', path: `/intel-requests/${intelRequestId}` }
      : { method: 'PATCH', path: `/intel-requests/${intelRequestId}`, body: { description: `Description ${n}` } }
  }
}

async function sigtermUnderLoad (t: Test, name: ServiceName): Promise<void> {
  // At debug the log marks each request's arrival ('request received'), which says what was in hand.
  const service = await startServiceProcess(t, name, {
    env: { DATABASE_URL: url, REDIS_URL: redis.url, LOG_LEVEL: 'debug', SHUTDOWN_GRACE_MS: String(GRACE_MS), CACHE_DRAIN_BATCH_SIZE: '5' }
  })
  const agent = new Agent({ keepAlive: true, maxSockets: LOOPS })
  t.teardown(() => agent.destroy())
  const sent: Sent[] = []
  const state = { stopped: false }
  const loops = Array.from({ length: LOOPS }, async (_, loop) => {
    for (let n = loop; !state.stopped; n += LOOPS) {
      const entry: Sent = { id: `${name}-${n}`, sentAt: performance.now() }
      sent.push(entry)
      const { method, path, body } = operations[name](n)
      try {
        entry.status = (await send(agent, service.origin, entry.id, method, path, body)).status
      } catch (error) {
        entry.error = errorCode(error)
        if (service.exit() !== undefined || entry.error === 'ECONNREFUSED') return
      }
    }
  })
  // Changes from another client to half the incidents, so the drainer has batches in hand as the
  // signal comes; the other half change only through the service's own writes.
  let changes = 0
  const changed = scenario.intelRequests.filter(r => scenario.incidentIds.indexOf(r.incidentId) % 2 === 0)
  const changing = (async () => {
    while (!state.stopped) {
      const { intelRequestId } = changed[changes % changed.length]!
      await pool.query('update intel_requests.intel_requests set description = $2 where intel_request_id = $1', [intelRequestId, `Change ${changes++}`])
    }
  })()

  await waitUntil(async () => sent.filter(s => s.status !== undefined).length >= 200, 20_000, 'the load did not get going')
  const signalledAt = performance.now()
  service.kill('SIGTERM')
  const exit = await service.exited
  const exitMs = performance.now() - signalledAt
  state.stopped = true
  await Promise.all([...loops, changing])

  const lines = service.logs()
  const closingAt = lines.findIndex(line => line.msg === 'closing' && line.signal === 'SIGTERM')
  t.ok(closingAt >= 0, 'the service logged that it began closing')
  const receivedBefore = new Set(lines.slice(0, closingAt).filter(line => line.msg === 'request received').map(line => line.reqId))
  const inHand = sent.filter(s => receivedBefore.has(s.id))
  const byOutcome = (list: Sent[]) => {
    const counts: Record<string, number> = {}
    for (const s of list) counts[String(s.status ?? s.error)] = (counts[String(s.status ?? s.error)] ?? 0) + 1
    return counts
  }
  const late = sent.filter(s => !receivedBefore.has(s.id))
  t.comment(`${name}: ${inHand.length} requests received before closing began, all answered; the others, ` +
    `sent before the signal: ${JSON.stringify(byOutcome(late.filter(s => s.sentAt < signalledAt)))}, ` +
    `sent after it: ${JSON.stringify(byOutcome(late.filter(s => s.sentAt >= signalledAt)))}; exited ${exitMs.toFixed(0)} ms after the signal`)
  t.ok(inHand.length >= 200, 'requests were under way')
  t.same(inHand.filter(s => s.status === undefined || s.status < 200 || s.status > 299), [],
    'every request the service had received before it began closing got a complete 2xx: none cut, none reset')
  t.same(exit, { code: 0, signal: null }, `exited with code 0 within SHUTDOWN_GRACE_MS (${GRACE_MS} ms)`)
  t.same(lines.filter(line => (line.level as number) >= 50), [], 'no error logged')

  if (name === 'incidents-api') {
    // The batch in hand either committed with its Redis write or rolled back into the queue:
    // every incident without a queued refresh shows the database's document.
    const queued = await queuedIncidents(pool)
    const plain = new Redis(redis.url, { lazyConnect: true })
    await plain.connect()
    t.teardown(() => plain.quit())
    const [cached, database] = await Promise.all([cachedDocuments(plain, scenario.organizationId), databaseDocuments(pool, scenario.organizationId)])
    const settled = Object.keys(database).filter(incidentId => !queued.has(incidentId))
    t.comment(`${changes} changes by another client; ${queued.size} incidents still queued`)
    t.ok(settled.length > 0, 'some incidents have nothing queued')
    t.same(Object.fromEntries(settled.map(id => [id, cached[id]])), Object.fromEntries(settled.map(id => [id, database[id]])),
      'no half-done refresh: what is not queued is in Redis as in the database')
  }
}

t.test('incidents-api', async t => sigtermUnderLoad(t, 'incidents-api'))
t.test('intel-requests-api', async t => sigtermUnderLoad(t, 'intel-requests-api'))
