import t from 'tap'
import type { Test } from 'tap'
import { Cluster } from 'ioredis'
import { createTestDatabase, startRedisCluster, startServiceProcess, waitUntil } from '@incident-intel/test-support'
import { documentsKey, versionsKey } from '@incident-intel/incidents-api/cache/cache-keys'
import { settledCache } from '../../../services/incidents-api/test/helpers/cache-state.js'
import {
  failures, getCurrentIncident, patchIncident, patchIntelRequest, queueDepth, rebuildCurrentIncidents, seedScenario,
  startMixedLoad, tally, type Scenario
} from '../helpers/fault-scenario.js'

// Both services on a real Redis Cluster (REDIS_CLUSTER_NODES: 3 masters, 3 replicas, loopback):
// the cache's scripts, pipelines and MULTIs, the change log and its blocking reader, and the rate
// limits, for organizations whose slots live on different masters. No command may span two slots:
// every node's CROSSSLOT count stays 0 while scripts ran on several masters. Then a master is
// SIGKILLed under reads and writes: no request fails, and the cache converges to the database; a
// replica promoted with documents older than the database is found (the cache's epoch is every
// master's run id) and repaired; and an organization's slot moved under load loses nothing. The
// reconciler's own round is a minute apart here: only the epoch's sweep repairs in time.
const PREFIX = 'cluster-test:'
/** The full name of an organization's documents hash (its ids are lower case already). */
const documentsKeyOf = (organizationId: string): string => PREFIX + documentsKey(organizationId as Parameters<typeof documentsKey>[0])

const cluster = await startRedisCluster(t, { nodeTimeoutMs: 1000 })
const { url: databaseUrl, pool } = await createTestDatabase(t)
const redis = new Cluster(cluster.ports.map(port => ({ host: '127.0.0.1', port })), { keyPrefix: PREFIX, redisOptions: { maxRetriesPerRequest: 3 } })
t.teardown(() => redis.disconnect())

// Organizations until two masters hold at least one each (ids are random, slots with them).
const scenarios: Scenario[] = []
const masters = new Set<number>()
while (scenarios.length < 3 || masters.size < 2) {
  const scenario = await seedScenario(pool, { incidents: 8, perIncident: 2 })
  scenarios.push(scenario)
  masters.add(await cluster.masterOf(documentsKeyOf(scenario.organizationId)))
}
const env = { DATABASE_URL: databaseUrl, REDIS_CLUSTER_NODES: cluster.seeds, REDIS_KEY_PREFIX: PREFIX, CACHE_RECONCILE_INTERVAL_MS: '60000' }
const incidentsApi = await startServiceProcess(t, 'incidents-api', { env, redisConnected: true })
const intelRequestsApi = await startServiceProcess(t, 'intel-requests-api', { env })

/** How many times the service logged the cache epoch changing (each starts a sweep). */
const epochChanges = (): number => incidentsApi.logs().filter(line => line.msg === 'the cache epoch changed: verifying every organization').length

async function assertSettled (t: Test, scenario: Scenario, timeoutMs = 15_000): Promise<void> {
  const { cached, database } = await settledCache(redis, pool, scenario.organizationId, timeoutMs)
  t.same(cached, database, 'every current document in the cluster equals the LATERAL query')
  t.equal(Object.keys(cached).length, scenario.incidentIds.length)
}

t.test('rebuilds, reads, writes and the change feed on a cluster, with no cross-slot command', async t => {
  for (const { organizationId } of scenarios) t.equal((await rebuildCurrentIncidents(incidentsApi.origin, organizationId)).status, 200, 'rebuilt')
  await waitUntil(async () => await queueDepth(pool) === 0, 15_000, 'the seed refreshes did not drain')
  for (const scenario of scenarios) {
    const [incidentId] = scenario.incidentIds
    const read = await getCurrentIncident(incidentsApi.origin, incidentId!)
    t.same({ status: read.status, cache: read.cache }, { status: 200, cache: 'hit' })
    // A write through each service and one in SQL: write-through, the queue, and the triggers.
    t.equal((await patchIncident(incidentsApi.origin, incidentId!, 'Written through incidents-api')).status, 200)
    t.equal((await patchIntelRequest(intelRequestsApi.origin, scenario.intelRequests[1]!.intelRequestId, 'Written through intel-requests-api')).status, 200)
    await pool.query('update incidents.incidents set title = $2 where incident_id = $1', [scenario.incidentIds[2], 'Written in SQL'])
  }
  for (const scenario of scenarios) await assertSettled(t, scenario)

  // One bulk read across every organization, on more than one master: a hit for each, no bypass.
  const ids = scenarios.map(scenario => scenario.incidentIds[3]!)
  const bulk = await fetch(`${incidentsApi.origin}/incidents/current/bulk`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ incident_ids: ids }) })
  const { incidents } = await bulk.json() as { incidents: Array<{ incident_id: string }> }
  t.same({ status: bulk.status, cache: bulk.headers.get('x-cache'), ids: incidents.map(incident => incident.incident_id) }, { status: 200, cache: 'hit', ids })

  // The change feed: the organization's log holds the writes, and the list's ETag holds.
  const [first] = scenarios
  const changes = await fetch(`${incidentsApi.origin}/incidents/current/changes?organization_id=${first!.organizationId}&limit=500`)
  t.equal(changes.status, 200)
  const { changes: entries } = await changes.json() as { changes: Array<{ kind: string, incident_id?: string, document?: { title: string } }> }
  t.ok(entries.some(entry => entry.kind === 'upsert' && entry.document?.title === 'Written in SQL'), 'the SQL write is in the change log')
  const list = await fetch(`${incidentsApi.origin}/incidents/current?organization_id=${first!.organizationId}`)
  await list.arrayBuffer()
  t.same({ status: list.status, cache: list.headers.get('x-cache') }, { status: 200, cache: 'hit' })
  const again = await fetch(`${incidentsApi.origin}/incidents/current?organization_id=${first!.organizationId}`, { headers: { 'if-none-match': list.headers.get('etag')! } })
  t.equal(again.status, 304)

  const stats = await cluster.stats()
  t.same(stats.filter(node => (node.errors.crossslot ?? 0) > 0).map(node => node.port), [], 'no node ever answered CROSSSLOT')
  const scripted = stats.filter(node => (node.calls.evalsha ?? 0) + (node.calls.eval ?? 0) > 0)
  t.ok(scripted.length >= 2, `the cache's scripts ran on ${scripted.length} masters`)
})

t.test('an organization\'s slot moved to another master under reads and writes: nothing lost', async t => {
  const scenario = scenarios[1]!
  const key = documentsKeyOf(scenario.organizationId)
  const from = await cluster.masterOf(key)
  const to = (await cluster.topology()).find(state => state.role === 'master' && state.port !== from)!.port
  const load = startMixedLoad(scenario, { incidents: incidentsApi.origin, intelRequests: intelRequestsApi.origin })
  await new Promise(resolve => setTimeout(resolve, 300))
  await cluster.migrateSlot(key, to)
  t.equal(await cluster.masterOf(key), to, 'the slot moved')
  await new Promise(resolve => setTimeout(resolve, 500))
  await load.stop()
  t.same(failures(load.outcomes), [], 'no request got a 5xx or no answer')
  const counts = tally(load.outcomes)
  t.ok((counts['patch incident 200'] ?? 0) > 0 && (counts['read current incident 200'] ?? 0) > 0, 'reads and writes went on')
  t.comment(`during the move: ${JSON.stringify(counts)}`)
  await assertSettled(t, scenario)
})

t.test('a replica promoted with older documents: the new master set is seen, and the sweep repairs them', async t => {
  const firstMaster = await cluster.masterOf(documentsKeyOf(scenarios[0]!.organizationId))
  let scenario: Scenario | undefined
  for (const candidate of scenarios.slice(1)) if (await cluster.masterOf(documentsKeyOf(candidate.organizationId)) !== firstMaster) scenario = candidate
  if (scenario === undefined) {
    scenario = scenarios[1]!
    const other = (await cluster.topology()).find(state => state.role === 'master' && state.port !== firstMaster)!.port
    await cluster.migrateSlot(documentsKeyOf(scenario.organizationId), other)
  }
  const [incidentId] = scenario.incidentIds
  const keys = [documentsKeyOf(scenario.organizationId), PREFIX + versionsKey(scenario.organizationId as Parameters<typeof versionsKey>[0])]
  const victim = await cluster.masterOf(keys[0]!)
  // What a replica that stopped replicating here would hold.
  const dumps = await Promise.all(keys.map(async key => [key, (await cluster.node(victim).dumpBuffer(key))!] as const))
  await pool.query('update incidents.incidents set title = $2 where incident_id = $1', [incidentId, 'Changed before the failover'])
  await assertSettled(t, scenario)
  const sweepsBefore = epochChanges()
  // The service is held while the master dies and the lagging replica takes over.
  incidentsApi.kill('SIGSTOP')
  try {
    await cluster.kill(victim)
    await waitUntil(async () => await cluster.masterOf(keys[0]!).then(port => port !== victim, () => false), 20_000, 'no replica was promoted')
    const promoted = await cluster.masterOf(keys[0]!)
    for (const [key, dump] of dumps) await cluster.node(promoted).restore(key, 0, dump, 'REPLACE')
  } finally {
    incidentsApi.kill('SIGCONT')
  }
  const read = await getCurrentIncident(incidentsApi.origin, incidentId!)
  t.comment(`first read after the promotion: ${read.status} ${read.cache} "${read.body?.title}"`)
  await assertSettled(t, scenario)
  // Its log lines reach stdout up to 250 ms after they are written (LOG_BUFFER_BYTES).
  await waitUntil(async () => epochChanges() > sweepsBefore, 5000, 'the service never logged the cache epoch changing')
  t.ok(epochChanges() > sweepsBefore, 'the service logged the cache epoch changing')
})

t.test('a master SIGKILLed under reads and writes: no request fails, the cache converges', async t => {
  const [scenario] = scenarios
  const key = documentsKeyOf(scenario!.organizationId)
  const victim = await cluster.masterOf(key)
  const load = startMixedLoad(scenario!, { incidents: incidentsApi.origin, intelRequests: intelRequestsApi.origin })
  await new Promise(resolve => setTimeout(resolve, 500))
  const killedAt = performance.now()
  await cluster.kill(victim)
  await waitUntil(async () => await cluster.masterOf(key).then(port => port !== victim, () => false), 20_000, 'no replica was promoted')
  await cluster.waitHealthy()
  // Reads come back to the cache once the client has the new slot map.
  await waitUntil(async () => (await getCurrentIncident(incidentsApi.origin, scenario!.incidentIds[0]!)).cache === 'hit', 20_000, 'reads never came back to the cache')
  await new Promise(resolve => setTimeout(resolve, 500))
  await load.stop()

  t.same(failures(load.outcomes), [], 'no request got a 5xx or no answer')
  const counts = tally(load.outcomes)
  t.ok((counts['patch incident 200'] ?? 0) > 0 && (counts['patch intel request 200'] ?? 0) > 0, 'writes went on')
  const reads = load.outcomes.filter(outcome => outcome.operation === 'read current incident' && outcome.endedAt > killedAt)
  const lastMiss = Math.max(...reads.filter(read => read.cache !== 'hit').map(read => read.endedAt), killedAt)
  const firstMiss = Math.min(...reads.filter(read => read.cache !== 'hit').map(read => read.sentAt), lastMiss)
  t.comment(`reads without a cache hit for ${Math.round(lastMiss - firstMiss)} ms after the kill (${reads.filter(read => read.cache !== 'hit').length} of ${reads.length} reads)`)

  await assertSettled(t, scenario!, 20_000)
  t.comment(`the cache equalled the database ${Math.round(performance.now() - killedAt)} ms after the kill`)
  for (const other of scenarios.slice(1)) await assertSettled(t, other)
})
