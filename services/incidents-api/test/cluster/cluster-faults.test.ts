import { isDeepStrictEqual } from 'node:util'
import t from 'tap'
import { Cluster, Redis } from 'ioredis'
import { canonicalUuid } from '@incident-intel/schemas'
import {
  UNREACHED_RATE_LIMITS, callsDuringFailover, createOrganization, cutOffReplicas, masterPorts, moveSlot, replicasOf, startRedisCluster, takeOver, waitForNewMaster, waitUntil
} from '@incident-intel/test-support'
import { buildTestApp } from '../helpers/build-test-app.js'
import { insertIncident } from '../helpers/fixtures.js'
import { quiesce, settledCache } from '../helpers/cache-state.js'
import { documentsKey, versionsKey } from '../../src/cache/cache-keys.js'

// Faults of a Redis Cluster of the test's own (3 masters, 3 replicas, a 2 s node timeout so a
// failover takes seconds) under the service's reads and writes. The fault tests run in
// this order: a takeover and a resharding keep a replica per shard, a killed master does not.
// The reconciler's round is minutes long: what is repaired here is found by the epoch check.
const cluster = await startRedisCluster(t)
const { app, pool, prefix } = await buildTestApp(t, { env: { REDIS_CLUSTER_NODES: cluster.seeds, CACHE_RECONCILE_INTERVAL_MS: '180000', ...UNREACHED_RATE_LIMITS } })
// The test's own view of the app's keys, through the cluster.
const redis = new Cluster(cluster.nodes.map(node => ({ host: '127.0.0.1', port: node.port })), { keyPrefix: prefix })
t.teardown(() => redis.disconnect())
const reconciler = app.currentIncidentsReconciler!
const INCIDENTS = 8
// The failover cannot end before the node timeout (2000 ms) has marked the master failed, a time in
// which reads that each wait at most the command timeout (500 ms) answer four times: three, for a margin.
const READS_DURING_FAILOVER = 3

async function organizationWithIncidents () {
  const organizationId = canonicalUuid(await createOrganization(pool))!
  const incidentIds: string[] = []
  for (let i = 0; i < INCIDENTS; i++) incidentIds.push(canonicalUuid((await insertIncident(pool, organizationId, { title: `Incident ${i}` })).incident_id!)!)
  await app.inject({ method: 'POST', url: '/incidents/current/rebuild', payload: { organization_id: organizationId } })
  return { organizationId, incidentIds, key: prefix + documentsKey(organizationId) }
}

async function read (incidentId: string) {
  const response = await app.inject({ method: 'GET', url: `/incidents/current/${incidentId}` })
  return { status: response.statusCode, cache: response.headers['x-cache'], title: response.statusCode === 200 ? response.json().title as string : undefined }
}

async function divergencesCounted (reason: string): Promise<number> {
  const match = new RegExp(`^incidents_api_current_incidents_divergences_total\\{reason="${reason}"\\} (\\d+)$`, 'm').exec((await app.inject('/metrics')).body)
  return Number(match![1])
}

interface Answer { started: number, at: number, status: number, cache: string | undefined, list: boolean }

/**
 * Reads (an incident's document, the organization's list) and writes (through the API and
 * through SQL) in a loop until stopped; every answer kept, every write's title remembered.
 */
function load (organizationId: string, incidentIds: string[]) {
  const answers: Answer[] = []
  const writes: Array<{ status: number }> = []
  const state = { on: true }
  let n = 0
  const reader = async () => {
    while (state.on) {
      const incidentId = incidentIds[n++ % incidentIds.length]!
      let started = Date.now()
      const one = await read(incidentId)
      answers.push({ started, at: Date.now(), status: one.status, cache: one.cache as string | undefined, list: false })
      started = Date.now()
      const list = await app.inject({ url: '/incidents/current', query: { organization_id: organizationId } })
      answers.push({ started, at: Date.now(), status: list.statusCode, cache: list.headers['x-cache'] as string | undefined, list: true })
    }
  }
  const writer = async () => {
    while (state.on) {
      const incidentId = incidentIds[n++ % incidentIds.length]!
      const response = await app.inject({ method: 'PATCH', url: `/incidents/${incidentId}`, payload: { title: `API write ${n}` } })
      writes.push({ status: response.statusCode })
      await pool.query('update incidents.incidents set title = $2 where incident_id = $1', [incidentIds[n++ % incidentIds.length], `SQL write ${n}`])
      writes.push({ status: 200 })
      await new Promise(resolve => setTimeout(resolve, 10))
    }
  }
  const running = Promise.all([reader(), reader(), writer()])
  return {
    answers,
    writes,
    stop: async () => {
      state.on = false
      await running
    }
  }
}

const slowest = (answers: Answer[]) => Math.max(...answers.map(answer => answer.at - answer.started))

const statuses = (answers: Array<{ status: number }>) => [...new Set(answers.map(answer => answer.status))].sort()

/** Waits until the reconciler has no sweep left and the cache equals the database; returns both sides. */
async function converged (organizationId: string) {
  await waitUntil(async () => {
    // A read, as clients keep making, is what tells the app's client of a new slot map.
    await app.inject({ url: '/incidents/current', query: { organization_id: organizationId } })
    if (reconciler.sweeping) return false
    await quiesce(app, pool)
    const { cached, database } = await settledCache(redis, pool, organizationId, 0)
    return isDeepStrictEqual(cached, database)
  }, 30000, 'the cache did not converge to the database')
  return settledCache(redis, pool, organizationId, 0)
}

t.test('a lagging replica promoted: its older documents are detected and repaired', async t => {
  const { organizationId, incidentIds, key } = await organizationWithIncidents()
  const incidentId = incidentIds[0]!
  await waitUntil(async () => (await read(incidentId)).cache === 'hit', 5000, 'the cache never served')
  await waitUntil(async () => !reconciler.sweeping, 10000, 'the first sweep did not finish')
  const master = await cluster.masterOf(key)
  const [replica] = await replicasOf(cluster, master)
  const counted = await divergencesCounted('version_behind')

  // Each node's own copy of the organization's versions (READONLY: a replica answers for its master's slots).
  const versions = async (port: number) => {
    const node = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 0 })
    try {
      await node.connect()
      await node.readonly()
      return await node.hgetall(prefix + versionsKey(organizationId))
    } finally {
      node.disconnect()
    }
  }
  // The refreshes the incidents' inserts queued applied, and replicated: only what follows is missed.
  await quiesce(app, pool)
  await waitUntil(async () => isDeepStrictEqual(await versions(replica!.port), await versions(master.port)), 5000, 'the replica never caught up')
  const before = await versions(master.port)

  const reconnect = await cutOffReplicas(cluster, master.port)
  await pool.query('update incidents.incidents set title = $2 where incident_id = $1', [incidentId, 'Written while the replica lagged'])
  await quiesce(app, pool)
  t.same(await read(incidentId), { status: 200, cache: 'hit', title: 'Written while the replica lagged' })
  t.not((await versions(master.port))[incidentId], before[incidentId], 'the master took the newer document')
  t.same(await versions(replica!.port), before, 'the replica did not')

  await takeOver(cluster, replica!.port)
  await reconnect()
  t.equal((await cluster.masterOf(key)).port, replica!.port, 'the lagging replica serves the slot')
  const { cached, database } = await converged(organizationId)
  t.same(cached, database)
  t.same(await read(incidentId), { status: 200, cache: 'hit', title: 'Written while the replica lagged' })
  t.equal(await divergencesCounted('version_behind'), counted + 1, 'the one document the replica had missed, found behind')
  // The old master, now the replica, synced again: the next test starts from a settled cluster.
  await waitUntil(async () => /master_link_status:up/.test(String(await cluster.command(master.port, 'INFO', 'replication'))), 10000, 'the old master did not resync')
  await cluster.waitUntilOk()
})

t.test('a hot organization\'s slot moved to another master under load: nothing lost', async t => {
  const { organizationId, incidentIds, key } = await organizationWithIncidents()
  await waitUntil(async () => (await read(incidentIds[0]!)).cache === 'hit', 5000, 'the cache never served')
  const from = await cluster.masterOf(key)
  const to = (await masterPorts(cluster)).find(port => port !== from.port)!

  const running = load(organizationId, incidentIds)
  await new Promise(resolve => setTimeout(resolve, 300))
  await moveSlot(cluster, await cluster.keySlot(key), from.port, to)
  const movedAt = Date.now()
  await waitUntil(async () => running.answers.some(answer => answer.at > movedAt && answer.cache === 'hit'), 10000, 'no hit after the move')
  await running.stop()

  t.equal((await cluster.masterOf(key)).port, to, 'the slot moved')
  t.same(statuses(running.answers), [200], 'every read answered')
  t.same(statuses(running.writes), [200], 'every write succeeded')
  const { cached, database } = await converged(organizationId)
  t.same(cached, database, 'every write is in the cache')
  t.comment(`resharding: ${running.answers.length} reads, ${running.writes.length} writes, ${running.answers.filter(answer => answer.cache !== 'hit').length} reads not from the cache`)
})

t.test('a master SIGKILLed under reads and writes: no error, and the cache converges', async t => {
  const { organizationId, incidentIds, key } = await organizationWithIncidents()
  await waitUntil(async () => (await read(incidentIds[0]!)).cache === 'hit', 5000, 'the cache never served')
  const master = await cluster.masterOf(key)
  const [replica] = await replicasOf(cluster, master)

  const running = load(organizationId, incidentIds)
  await new Promise(resolve => setTimeout(resolve, 300))
  const killedAt = Date.now()
  await cluster.node(master.port).kill('SIGKILL')
  // Reads of the slot, one after another from the kill on: Redis cannot answer them until the
  // replica is promoted, and the command timeout must not wait for that. The replica, asked itself
  // after each answer, tells whether it was promoted yet.
  const probe = callsDuringFailover(cluster, replica!.port, async () => {
    const { status, cache } = await read(incidentIds[0]!)
    return { status, cache }
  }, READS_DURING_FAILOVER)
  const promoted = await waitForNewMaster(cluster, key, master.port)
  const promotedAt = Date.now()
  await waitUntil(async () => running.answers.some(answer => answer.at > killedAt && answer.cache === 'hit'), 20000, 'no hit after the failover')
  await running.stop()

  t.not(promoted.port, master.port)
  const probed = await probe
  t.comment(`reads of the slot from the kill on: ${probed.map(({ outcome, failingOver, ms }) => `${String(outcome.cache)} after ${ms} ms${failingOver ? '' : ' (replica promoted)'}`).join(', ')}`)
  t.same(probed.map(({ outcome, failingOver }) => ({ ...outcome, failingOver })), Array(READS_DURING_FAILOVER).fill({ status: 200, cache: 'bypass', failingOver: true }),
    `${READS_DURING_FAILOVER} reads in a row answered from PostgreSQL while the failover still went on`)
  t.same(statuses(running.answers), [200], 'every read answered, from the cache or the database')
  t.same(statuses(running.writes), [200], 'every write succeeded')
  const { cached, database } = await converged(organizationId)
  t.same(cached, database, 'no stale document')
  const convergedAt = Date.now()

  // Until the replica is promoted the slot's reads are answered from PostgreSQL, each after at
  // most the command timeout; the time without a hit is the longest gap from the kill on between
  // two hits' answers.
  const hits = [killedAt, ...running.answers.filter(answer => answer.cache === 'hit' && answer.at > killedAt).map(answer => answer.at).sort((a, b) => a - b)]
  const longestGap = Math.max(...hits.slice(1).map((at, i) => at - hits[i]!))
  const afterKill = running.answers.filter(answer => answer.at > killedAt)
  t.comment(`master failover (node timeout 2000 ms): ${longestGap} ms without a cache hit, ${promotedAt - killedAt} ms to the replica's promotion, ` +
    `${convergedAt - killedAt} ms from the kill to a cache equal to the database; after the kill ${afterKill.length} reads, ` +
    `${afterKill.filter(answer => answer.cache !== 'hit').length} from PostgreSQL, the slowest ${slowest(afterKill)} ms ` +
    `(of one incident ${slowest(afterKill.filter(answer => !answer.list))} ms, of the list ${slowest(afterKill.filter(answer => answer.list))} ms)`)
})
