import t from 'tap'
import type { Redis } from 'ioredis'
import { startRedisCluster } from '@incident-intel/test-support'
import { connectClusterClient } from './helpers/cluster-client.js'

// A MULTI or pipeline on the cluster client is routed command by command until one of its
// commands fixes its node's connection; while its slot's master has no connection in the pool
// (a killed master, just after its connection ended), each command draws a node at random. With
// no offline queue a command drawn to a node not yet connected is rejected at once, and one drawn
// to a connected node is queued there. The pipeline writes its commands only once all of them are
// written, so those queued ones never went out, and every later reply on that connection went to
// the command queued before it: a script or an HMGET resolved with a MULTI's "OK" (seen in the
// failover test). The draws are made deterministic here: the first draw is a node not connected
// yet, the others the slot's real master.
const COMMAND_TIMEOUT_MS = 500
const cluster = await startRedisCluster(t)
const client = await connectClusterClient(t, cluster, 'routing-test:', COMMAND_TIMEOUT_MS)

const HASH = '{organization}:documents'
const CHANGES = '{organization}:changes'
await client.hset(HASH, 'ready', '1')

interface Pool {
  getInstanceByKey: (key: string) => Redis | undefined
  getSampleInstance: (role: string) => Redis | undefined
}

t.test('a MULTI whose first command finds no connected node goes out whole or not at all, and the connection stays in step', async t => {
  const master = await cluster.masterOf(`routing-test:${HASH}`)
  const pool = (client as unknown as { connectionPool: Pool }).connectionPool
  const masterConnection = pool.getInstanceByKey(`127.0.0.1:${master.port}`)
  t.ok(masterConnection, 'the client has a connection to the slot\'s master')
  const { getInstanceByKey, getSampleInstance } = pool
  let draws = 0
  pool.getInstanceByKey = () => undefined
  pool.getSampleInstance = () => (draws++ === 0 ? { status: 'connecting' } as unknown as Redis : masterConnection)
  // The MULTI's commands are routed synchronously within exec().
  const multi = client.multi().hset(CHANGES, 'x', '1').expire(CHANGES, 600).exec()
  pool.getInstanceByKey = getInstanceByKey
  pool.getSampleInstance = getSampleInstance
  // Either it fails whole, or (retried whole after the slot map refresh) it is answered in full.
  const outcome = await multi.then(replies => replies, (error: Error) => error.message)
  t.ok(outcome === 'Connection is closed.' || JSON.stringify(outcome) === JSON.stringify([[null, 1], [null, 1]]),
    `the MULTI failed whole or was answered whole (${JSON.stringify(outcome)})`)

  // Every later command on the master's connection gets its own reply.
  t.same(await client.hmget(HASH, 'ready', 'missing'), ['1', null], 'an auto-pipelined HMGET gets its own reply')
  t.equal(await client.eval('return ARGV[1]', 1, HASH, 'token'), 'token', 'a script gets its own reply')
  t.same(await client.multi().hset(CHANGES, 'y', '1').expire(CHANGES, 600).exec(), [[null, 1], [null, 1]], 'a MULTI gets its own replies')
  t.equal(await client.hexists(CHANGES, 'x'), typeof outcome === 'string' ? 0 : 1, 'the first MULTI was run only if it was answered')
})
