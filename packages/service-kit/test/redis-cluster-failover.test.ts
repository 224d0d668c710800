import t from 'tap'
import type { ChainableCommander, Cluster } from 'ioredis'
import { callsDuringFailover, replicasOf, startRedisCluster, waitForNewMaster, waitUntil } from '@incident-intel/test-support'
import { duplicateRedisClient } from '../src/index.js'
import { connectClusterClient } from './helpers/cluster-client.js'

// A slot's master SIGKILLed: ioredis's Cluster resends a command whose connection closed every
// retryDelayOnFailover (100 ms), up to maxRedirections (16) times, arming a node's commandTimeout
// again on each resend, so a command could wait seconds for the failover. Every way the services
// send commands must fail within the command timeout instead, again and again while the failover
// still goes on (checked on the replica itself: not yet promoted), and work again once it is over.
const COMMAND_TIMEOUT_MS = 500
const cluster = await startRedisCluster(t)
type TestClient = Cluster & { echoScript: (key: string, value: string) => Promise<string> }

/** A service's client, shared by every kind of call below as in the services. */
async function serviceClient (): Promise<TestClient> {
  const client = await connectClusterClient(t, cluster, 'failover-test:', COMMAND_TIMEOUT_MS) as TestClient
  client.defineCommand('echoScript', { numberOfKeys: 1, lua: "redis.call('SET', KEYS[1], ARGV[1]) return ARGV[1]" })
  return client
}
const client = await serviceClient()
const [reads, scripts, multis, pipelines] = [client, client, client, client]
// The change feed's reader: a copy without auto-pipelining, whose commands go out one by one.
const reader = duplicateRedisClient(reads, { enableAutoPipelining: false, enableOfflineQueue: true, lazyConnect: false, commandTimeout: COMMAND_TIMEOUT_MS, maxRetriesPerRequest: null })
reader.on('error', () => {})
t.teardown(() => reader.disconnect())

const HASH = '{organization}:documents'
const STREAM = '{organization}:changes'
await reads.hset(HASH, 'ready', '1')
await reads.xadd(STREAM, '*', 'kind', 'upsert')
await waitUntil(async () => (await reader.xlen(STREAM)) === 1, 5000, 'the reader never connected')

/** A MULTI's or pipeline's replies, or its first command's error (a pipeline resolves with them). */
async function exec (batch: ChainableCommander): Promise<unknown> {
  const replies = await batch.exec()
  const error = replies?.find(([error]) => error !== null)?.[0]
  if (error) throw error
  return replies
}

/** Every kind of call the services make, on the slot's keys. */
const uses: Record<string, () => Promise<unknown>> = {
  'an auto-pipelined read (the cache reads)': async () => reads.hmgetBuffer(HASH, 'ready', 'disabled'),
  'a script (the write-through, the drainer, the rate limits)': async () => scripts.echoScript(HASH.replace('documents', 'script'), 'x'),
  'a MULTI (the change log)': async () => exec(multis.multi().hmget(HASH, 'ready').xrevrange(STREAM, '+', '-', 'COUNT', 1)),
  'a pipeline (the verifier)': async () => exec(pipelines.pipeline().hgetall(HASH).hlen(HASH)),
  "the reader's copy, one command at a time (the change feed's XREAD)": async () => reader.xread('COUNT', 1, 'BLOCK', 100, 'STREAMS', STREAM, '0-0')
}

// The failover cannot end before the node timeout (2000 ms) has marked the master failed, a time in
// which calls that each wait at most the command timeout (500 ms) end four times: three, for a margin.
const CALLS_DURING_FAILOVER = 3

/** The use's ends during the failover (after `delayMs`): the error, or 'answered'. */
async function during (replicaPort: number, use: () => Promise<unknown>, delayMs = 0) {
  await new Promise(resolve => setTimeout(resolve, delayMs))
  return await callsDuringFailover(cluster, replicaPort, async () => use().then(() => 'answered', (error: Error) => error.message), CALLS_DURING_FAILOVER)
}

t.test('a killed master: every kind of call fails within the command timeout while the failover goes on, and works after it', async t => {
  const master = await cluster.masterOf(`failover-test:${HASH}`)
  const [replica] = await replicasOf(cluster, master)
  for (const use of Object.values(uses)) await use()

  const killedAt = Date.now()
  await cluster.node(master.port).kill('SIGKILL')
  const named = {
    ...uses,
    // Issued while the first read's auto-pipeline to the node is being resent: queued behind it.
    'an auto-pipelined read behind another': async () => reads.hmgetBuffer(HASH, 'ready')
  }
  const ended = await Promise.all(Object.entries(named).map(async ([name, use]) =>
    ({ name, ends: await during(replica!.port, use, name.endsWith('behind another') ? 100 : 0) })))
  for (const { name, ends } of ended) {
    t.comment(`${name}: ${ends.map(({ outcome, ms, failingOver }) => `${outcome} after ${ms} ms${failingOver ? '' : ' (replica promoted)'}`).join('; ')}`)
  }
  t.same(ended.filter(({ ends }) => ends.length < CALLS_DURING_FAILOVER || ends.some(({ outcome, failingOver }) => outcome === 'answered' || !failingOver)).map(({ name }) => name), [],
    `each kind of call failed ${CALLS_DURING_FAILOVER} times in a row before the replica was promoted (command timeout ${COMMAND_TIMEOUT_MS} ms)`)

  const promoted = await waitForNewMaster(cluster, `failover-test:${HASH}`, master.port)
  for (const [name, use] of Object.entries(uses)) {
    await waitUntil(async () => use().then(() => true, () => false), 20000, `${name}: not answered after the failover`)
  }
  t.comment(`every call answered again ${Date.now() - killedAt} ms after the kill`)
  // One client for all: each call gets its own reply, none another's; the expected values are read
  // on the new master itself (a write just before the kill may not have reached the replica).
  const [script, read, multi] = await Promise.all([
    scripts.echoScript(HASH.replace('documents', 'script'), 'after'), reads.hmget(HASH, 'ready', 'disabled'), multis.multi().hmget(HASH, 'ready').xlen(STREAM).exec()])
  const held = await cluster.command(promoted.port, 'HMGET', `failover-test:${HASH}`, 'ready', 'disabled') as Array<string | null>
  const length = await cluster.command(promoted.port, 'XLEN', `failover-test:${STREAM}`) as number
  t.same({ script, read, multi }, { script: 'after', read: held, multi: [[null, [held[0]]], [null, length]] }, 'after the failover, every call gets its own reply')
})
