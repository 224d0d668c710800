import t from 'tap'
import { Cluster, Redis } from 'ioredis'
import { createTestRedis, startRedisCluster, testRedisEnv } from '../src/index.js'

t.test('startRedisCluster joins 3 masters and 3 replicas that serve every slot, and finds the master of a key', async t => {
  const cluster = await startRedisCluster(t)
  t.equal(cluster.seeds.split(',').length, 6)
  const topology = await cluster.topology()
  const masters = topology.filter(node => node.role === 'master')
  const replicas = topology.filter(node => node.role === 'replica')
  t.equal(masters.length, 3)
  t.equal(replicas.length, 3)
  t.same(replicas.map(replica => masters.some(master => master.id === replica.masterId)), [true, true, true])
  t.equal(masters.flatMap(master => master.slots).reduce((sum, [from, to]) => sum + to - from + 1, 0), 16384)
  t.same(cluster.nodes.map(node => typeof node.pid), Array(6).fill('number'))

  // {a} and {b} hash to slots 15495 and 3300: different masters of an even 3-way split.
  t.equal(await cluster.keySlot('x:{a}:1'), 15495)
  t.equal(await cluster.keySlot('{b}'), 3300)
  const owner = await cluster.masterOf('x:{a}:1')
  t.ok(owner.slots.some(([from, to]) => from <= 15495 && to >= 15495))

  const client = new Cluster(cluster.seeds.split(',').map(seed => ({ host: '127.0.0.1', port: Number(seed.split(':')[1]) })))
  t.teardown(() => client.disconnect())
  await client.set('x:{a}:1', 'one')
  const direct = new Redis({ host: '127.0.0.1', port: owner.port })
  t.teardown(() => direct.disconnect())
  t.equal(await direct.get('x:{a}:1'), 'one')
})

t.test('a killed node is gone from its port and starts again into the cluster', async t => {
  const cluster = await startRedisCluster(t)
  const replica = (await cluster.topology()).find(node => node.role === 'replica')!
  const node = cluster.node(replica.port)
  await node.kill()
  t.equal(node.pid, undefined)
  await t.rejects(cluster.command(replica.port, 'PING'))
  await node.start()
  t.equal(await cluster.command(replica.port, 'PING'), 'PONG')
  await cluster.waitUntilOk()
  t.equal((await cluster.topology()).find(state => state.port === replica.port)?.role, 'replica')
})

t.test('with TEST_REDIS_CLUSTER_NODES, createTestRedis is a cluster client whose teardown empties every master of its keys', async t => {
  const cluster = await startRedisCluster(t)
  const before = process.env.TEST_REDIS_CLUSTER_NODES
  process.env.TEST_REDIS_CLUSTER_NODES = cluster.seeds
  t.teardown(() => {
    if (before === undefined) delete process.env.TEST_REDIS_CLUSTER_NODES
    else process.env.TEST_REDIS_CLUSTER_NODES = before
  })
  t.same(testRedisEnv().REDIS_CLUSTER_NODES, cluster.seeds)
  let prefix = ''
  await t.test('keys on every master', async t => {
    const test = await createTestRedis(t)
    prefix = test.prefix
    t.ok(test.redis instanceof Cluster)
    // 30 hash tags spread over the three masters' slots.
    await Promise.all(Array.from({ length: 30 }, async (_, i) => test.redis.set(`k:{${i}}`, 'v')))
    t.equal(await test.redis.get('k:{7}'), 'v')
    const counts = await Promise.all(masterPorts(await cluster.topology()).map(async port => Number(await cluster.command(port, 'DBSIZE'))))
    t.same(counts.map(count => count > 0), [true, true, true])
  })
  for (const port of masterPorts(await cluster.topology())) {
    t.same(await cluster.command(port, 'KEYS', `${prefix}*`), [], `master ${port} holds none of the prefix's keys`)
    t.notMatch(String(await cluster.command(port, 'INFO', 'errorstats')), /CROSSSLOT/, `master ${port} refused no command as cross-slot`)
  }
})

function masterPorts (topology: Array<{ role: string, port: number }>): number[] {
  return topology.filter(node => node.role === 'master').map(node => node.port)
}
