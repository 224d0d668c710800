import { isDeepStrictEqual } from 'node:util'
import t from 'tap'
import { syncCurrentIncidents, type CurrentIncidentDocument } from '@incident-intel/sdk'
import { createTestDatabase, createTestRedis, startReplicaBalancer, startServiceProcess, waitUntil, testRedisUrl, type ServiceProcess } from '@incident-intel/test-support'
import { FLOOR_FIELD, versionsKey } from '@incident-intel/incidents-api/cache/cache-keys'
import { databaseDocuments } from '../../../services/incidents-api/test/helpers/cache-state.js'
import { queueDepth, rebuildCurrentIncidents, seedScenario } from '../helpers/fault-scenario.js'

// The proof of the change feed (#19): 500 random concurrent changes (SQL from another
// client, and both services' HTTP writes) while the SDK's view follows the stream through a
// balancer in front of two incidents-api replicas, one of them SIGKILLed mid-way (with the view's
// stream on it) and started again. At the end the view equals the LATERAL query, and no change was
// skipped: each incident's versions arrived increasing, and the last one is Redis's.
const CHANGES = 500
const WRITERS = 6
const KILL_AT = 150
const RESTART_AT = 300

const { url: databaseUrl, pool } = await createTestDatabase(t)
const { redis, prefix } = await createTestRedis(t)
const scenario = await seedScenario(pool, { incidents: 30, perIncident: 3 })
const { organizationId, incidentIds, intelRequests } = scenario
const env = { DATABASE_URL: databaseUrl, REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: prefix }

/** A fixed pseudo-random sequence (a linear congruential step): the same changes on every run. */
function random (seed: number): () => number {
  let state = seed
  return () => (state = (state * 48271) % 2147483647) / 2147483647
}

interface Replicas {
  incidents: ServiceProcess[]
  intelRequests: ServiceProcess
}

/** One random change; resolves with what wrote it, or throws when the request got no answer. */
function change (n: number, pick: () => number, replicas: Replicas): { kind: string, run: () => Promise<void> } {
  const incidentId = incidentIds[Math.floor(pick() * incidentIds.length)]!
  const { intelRequestId } = intelRequests[Math.floor(pick() * intelRequests.length)]!
  const status = (['active', 'monitoring', 'resolved'] as const)[Math.floor(pick() * 3)]!
  const live = replicas.incidents.filter(replica => replica.exit() === undefined)
  const incidentsOrigin = live[Math.floor(pick() * live.length)]!.origin
  const http = async (origin: string, method: string, path: string, body: object) => {
    const response = await fetch(`${origin}${path}`, {
      method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(20_000)
    })
    await response.arrayBuffer()
    if (response.status !== 200) throw new Error(`${method} ${path}: HTTP ${response.status}`)
  }
  const kinds = [
    { kind: 'sql intel request', run: async () => { await pool.query('update intel_requests.intel_requests set description = $2 where intel_request_id = $1', [intelRequestId, `SQL change ${n}`]) } },
    { kind: 'sql incident title', run: async () => { await pool.query('update incidents.incidents set title = $2 where incident_id = $1', [incidentId, `SQL title ${n}`]) } },
    { kind: 'sql incident status', run: async () => { await pool.query('update incidents.incidents set status = $2 where incident_id = $1', [incidentId, status]) } },
    { kind: 'incidents-api title', run: () => http(incidentsOrigin, 'PATCH', `/incidents/${incidentId}`, { title: `HTTP title ${n}` }) },
    { kind: 'incidents-api status', run: () => http(incidentsOrigin, 'PATCH', `/incidents/${incidentId}`, { status }) },
    { kind: 'intel-requests-api', run: () => http(replicas.intelRequests.origin, 'PATCH', `/intel-requests/${intelRequestId}`, { description: `HTTP change ${n}` }) }
  ]
  return kinds[Math.floor(pick() * kinds.length)]!
}

t.test('500 concurrent changes, two replicas, one killed and restarted: the view equals the database, no change skipped', async t => {
  const first = await startServiceProcess(t, 'incidents-api', { env })
  const second = await startServiceProcess(t, 'incidents-api', { env, redisConnected: true })
  const intelRequestsApi = await startServiceProcess(t, 'intel-requests-api', { env })
  const rebuilt = await rebuildCurrentIncidents(second.origin, organizationId)
  t.equal(rebuilt.status, 200, 'the cache is built')
  await waitUntil(async () => await queueDepth(pool) === 0, 15_000, 'the seed refreshes did not drain')

  // The view's first connection goes to the first replica: the one that is killed.
  const balancer = await startReplicaBalancer(t, [first.port, second.port])
  // Per incident, every version the view was given, in order; a snapshot's marked, as it repeats what the view holds.
  const versions = new Map<string, Array<{ version: number, snapshot: boolean, removed: boolean }>>()
  const seen = (incidentId: string, version: number | null, { snapshot = false, removed = false } = {}) => {
    const list = versions.get(incidentId) ?? []
    list.push({ version: version ?? Number.NaN, snapshot, removed })
    versions.set(incidentId, list)
  }
  let reconnections = 0
  let snapshots = 0
  const view = syncCurrentIncidents({
    baseUrl: balancer.origin,
    organizationId,
    retry: { initialDelayMs: 20, maxDelayMs: 500 },
    onReconnect: () => { reconnections++ },
    onChange: change => {
      if (change.type === 'snapshot') {
        snapshots++
        for (const document of view.documents.values()) seen(document.incident_id, document.cache.version, { snapshot: true })
      } else if (change.type === 'upsert') seen(change.document.incident_id, change.document.cache.version)
      else seen(change.incidentId, change.version, { removed: true })
    }
  })
  t.teardown(() => view.close())
  await view.ready
  t.same(balancer.connections(), { [first.port]: 1 }, "the view's stream went to the first replica")

  const replicas: Replicas = { incidents: [first, second], intelRequests: intelRequestsApi }
  const pick = random(19)
  const outcomes: Record<string, number> = {}
  let issued = 0
  let restarted: ServiceProcess | undefined
  const writer = async () => {
    while (issued < CHANGES) {
      const n = issued++
      if (n === KILL_AT) {
        first.kill('SIGKILL')
        await first.exited
      }
      if (n === RESTART_AT) {
        restarted = await startServiceProcess(t, 'incidents-api', { env })
        replicas.incidents.push(restarted)
        balancer.setReplicas([restarted.port, second.port])
      }
      const { kind, run } = change(n, pick, replicas)
      let outcome = 'ok'
      try {
        await run()
      } catch (error) {
        // fetch's own failure: the request got no response (its replica died); anything else, as it said.
        outcome = (error as Error).message === 'fetch failed' ? 'no answer' : (error as Error).message.replace(/[0-9a-f-]{36}/, ':id')
      }
      outcomes[`${kind} ${outcome}`] = (outcomes[`${kind} ${outcome}`] ?? 0) + 1
    }
  }
  await Promise.all(Array.from({ length: WRITERS }, writer))
  t.equal(first.exit()?.signal, 'SIGKILL', 'the first replica was killed')
  t.ok(restarted !== undefined && restarted.exit() === undefined, 'and a new one runs in its place')
  t.comment(`outcomes: ${JSON.stringify(outcomes)}`)
  // Only a write sent to the first replica as it died may have gone unanswered.
  t.same(Object.keys(outcomes).filter(key => !key.endsWith(' ok') && !/^incidents-api \w+ no answer$/.test(key)), [], 'every other write succeeded')
  t.equal(Object.values(outcomes).reduce((sum, count) => sum + count, 0), CHANGES, `${CHANGES} changes were sent`)

  await waitUntil(async () => await queueDepth(pool) === 0, 30_000, 'the refresh queue did not drain')
  const expected = await databaseDocuments(pool, organizationId)
  const held = () => Object.fromEntries([...view.documents].map(([id, { cache: _cache, ...document }]) => [id, document]))
  // The last refreshes may still be on their way to the view: wait for it, then compare exactly.
  await waitUntil(async () => isDeepStrictEqual(held(), expected), 15_000, 'the view did not catch up').catch(() => {})
  t.same(held(), expected, 'the view holds exactly the LATERAL query for every current incident')
  t.ok(reconnections >= 1, `the view reconnected after the kill (${reconnections} times, ${snapshots} snapshots)`)

  // Per incident: the versions strictly increase along the feed (a snapshot may repeat the one
  // held); one current at the end was last given Redis's version; one not current was last given a
  // remove, and Redis's version is that one or a later refresh that found it still not current (a
  // removal of nothing, which the log does not carry); once pruned, the floor stands for it.
  const stored = await redis.hgetall(versionsKey(organizationId as Parameters<typeof versionsKey>[0]))
  const wrong: string[] = []
  for (const [incidentId, list] of versions) {
    const increasing = list.every(({ version, snapshot }, i) => i === 0 || (snapshot ? version >= list[i - 1]!.version : version > list[i - 1]!.version))
    if (!increasing) wrong.push(`${incidentId}: ${list.map(({ version, snapshot }) => `${version}${snapshot ? 's' : ''}`).join(',')}`)
    const last = list[list.length - 1]!
    const redisVersion = Number(stored[incidentId] ?? stored[FLOOR_FIELD])
    if (view.documents.has(incidentId) ? last.version !== redisVersion : !(last.removed && last.version <= redisVersion)) {
      wrong.push(`${incidentId}: last ${last.removed ? 'remove' : 'upsert'} ${last.version}, Redis ${redisVersion}, ${view.documents.has(incidentId) ? 'held' : 'not held'}`)
    }
  }
  t.same(wrong, [], "each incident's versions arrived increasing, and the last one is Redis's")
  t.equal(versions.size, incidentIds.length, 'every incident was seen')
  const current = [...view.documents.values()] as CurrentIncidentDocument[]
  t.same(current.filter(document => Number(stored[document.incident_id]) !== document.cache.version).map(document => document.incident_id), [],
    'every document held carries the version Redis holds')
})
