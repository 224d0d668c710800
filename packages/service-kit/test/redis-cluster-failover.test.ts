import t from 'tap'
import type { ChainableCommander, Cluster } from 'ioredis'
import { replicasOf, startRedisCluster, waitForNewMaster, waitUntil } from '@incident-intel/test-support'
import { createRedisClient, duplicateRedisClient } from '../src/index.js'

// A slot's master SIGKILLed: ioredis's Cluster resends a command whose connection closed every
// retryDelayOnFailover (100 ms), up to maxRedirections (16) times, arming a node's commandTimeout
// again on each resend, so a command could wait seconds for the failover. Every way the services
// send commands must end with the command timeout instead, while the failover still goes on
// (checked on the replica itself: not yet promoted), and work again once it is over.
const COMMAND_TIMEOUT_MS = 500
const cluster = await startRedisCluster(t)
const redis = createRedisClient({
  url: '',
  clusterNodes: cluster.nodes.map(node => ({ host: '127.0.0.1', port: node.port })),
  keyPrefix: 'failover-test:',
  commandTimeoutMs: COMMAND_TIMEOUT_MS
}) as Cluster & { echoScript: (key: string, value: string) => Promise<string> }
redis.on('error', () => {})
t.teardown(() => redis.disconnect())
await redis.connect()
redis.defineCommand('echoScript', { numberOfKeys: 1, lua: "redis.call('SET', KEYS[1], ARGV[1]) return ARGV[1]" })
// The change feed's reader: a copy without auto-pipelining, whose commands go out one by one.
const reader = duplicateRedisClient(redis, { enableAutoPipelining: false, enableOfflineQueue: true, lazyConnect: false, commandTimeout: COMMAND_TIMEOUT_MS, maxRetriesPerRequest: null })
reader.on('error', () => {})
t.teardown(() => reader.disconnect())

const HASH = '{organization}:documents'
const STREAM = '{organization}:changes'
await redis.hset(HASH, 'ready', '1')
await redis.xadd(STREAM, '*', 'kind', 'upsert')
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
  'an auto-pipelined read (the cache reads)': async () => redis.hmgetBuffer(HASH, 'ready', 'disabled'),
  'a script (the write-through, the drainer, the rate limits)': async () => redis.echoScript(HASH.replace('documents', 'script'), 'x'),
  'a MULTI (the change log)': async () => exec(redis.multi().hmget(HASH, 'ready').xrevrange(STREAM, '+', '-', 'COUNT', 1)),
  'a pipeline (the verifier)': async () => exec(redis.pipeline().hgetall(HASH).hlen(HASH)),
  "the reader's copy, one command at a time (the change feed's XREAD)": async () => reader.xread('COUNT', 1, 'BLOCK', 100, 'STREAMS', STREAM, '0-0')
}

async function attempt (name: string, use: () => Promise<unknown>, delayMs = 0) {
  await new Promise(resolve => setTimeout(resolve, delayMs))
  const started = Date.now()
  const outcome = await use().then(() => 'answered', (error: Error) => error.message)
  return { name, outcome, ms: Date.now() - started }
}

t.test('a killed master: every call ends with the command timeout while the failover goes on, and works after it', async t => {
  const master = await cluster.masterOf(`failover-test:${HASH}`)
  const [replica] = await replicasOf(cluster, master)
  for (const use of Object.values(uses)) await use()

  await cluster.node(master.port).kill('SIGKILL')
  const attempts = await Promise.all([
    ...Object.entries(uses).map(async ([name, use]) => attempt(name, use)),
    // Issued while the first read's auto-pipeline to the node is still being resent: it waits behind it.
    attempt('an auto-pipelined read behind another', async () => redis.hmgetBuffer(HASH, 'ready'), 100)
  ])
  const [role] = await cluster.command(replica!.port, 'ROLE') as [string]
  for (const { name, outcome, ms } of attempts) t.comment(`${name}: ${outcome} after ${ms} ms (command timeout ${COMMAND_TIMEOUT_MS} ms)`)
  t.equal(role, 'slave', 'every call ended before the replica was promoted')
  t.same(attempts.filter(({ outcome }) => outcome !== 'Command timed out'), [], 'each ended by the command timeout, not by the retries running out')

  const killedAt = Date.now()
  await waitForNewMaster(cluster, `failover-test:${HASH}`, master.port)
  for (const [name, use] of Object.entries(uses)) {
    await waitUntil(async () => use().then(() => true, () => false), 20000, `${name}: not answered after the failover`)
  }
  t.comment(`every call answered again ${Date.now() - killedAt} ms after the kill`)
})
