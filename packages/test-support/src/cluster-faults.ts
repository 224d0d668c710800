import { waitUntil } from './private-redis.js'
import type { ClusterNodeState, RedisCluster } from './redis-cluster.js'

// Faults on a test's own cluster (startRedisCluster) beyond killing a node: a master's replicas
// cut off, a lagging one promoted, a slot moved with its keys.

/**
 * The replicas of a master, each node asked itself (ROLE): another node's view may lag a failover,
 * and a master restarted as a replica may not have attached yet, so it waits for at least one.
 */
export async function replicasOf (cluster: RedisCluster, master: ClusterNodeState, timeoutMs = 10000): Promise<ClusterNodeState[]> {
  let replicas: ClusterNodeState[] = []
  await waitUntil(async () => {
    const running = cluster.nodes.filter(node => node.pid !== undefined && node.port !== master.port)
    const roles = await Promise.all(running.map(async node => (await cluster.command(node.port, 'ROLE')) as [string, string, number]))
    const ports = new Set(running.filter((_node, i) => roles[i]![0] === 'slave' && Number(roles[i]![2]) === master.port).map(node => node.port))
    replicas = (await cluster.topology()).filter(state => ports.has(state.port))
    return replicas.length > 0
  }, timeoutMs, `no replica of the master on port ${master.port}`)
  return replicas
}

/** How one call ended while a failover went on: its outcome, its time, and whether the replica was still one. */
export interface FailoverEnd<T> { outcome: T, ms: number, failingOver: boolean }

/**
 * `call` again each time it ends, until it ended `times` times or the replica on `replicaPort`
 * (asked itself after each end) was promoted.
 */
export async function callsDuringFailover<T> (cluster: RedisCluster, replicaPort: number, call: () => Promise<T>, times: number): Promise<Array<FailoverEnd<T>>> {
  const ends: Array<FailoverEnd<T>> = []
  while (ends.length < times) {
    const started = Date.now()
    const outcome = await call()
    const ms = Date.now() - started
    const [role] = await cluster.command(replicaPort, 'ROLE') as [string]
    ends.push({ outcome, ms, failingOver: role === 'slave' })
    if (role !== 'slave') break
  }
  return ends
}

/** Waits until another master than the one on `previousPort` serves the key's slot and the cluster is OK. */
export async function waitForNewMaster (cluster: RedisCluster, key: string, previousPort: number, timeoutMs = 20000): Promise<ClusterNodeState> {
  let master: ClusterNodeState | undefined
  await waitUntil(async () => {
    master = await cluster.masterOf(key).catch(() => undefined)
    return master !== undefined && master.port !== previousPort && await cluster.waitUntilOk(0).then(() => true, () => false)
  }, timeoutMs, `the slot of ${key} was not failed over from port ${previousPort}`)
  return master!
}

/**
 * Stops replication from the master on `masterPort` to its replicas: they are disconnected and
 * may not sync again (PSYNC and SYNC refused to the default user), so they fall behind every
 * write from now on. Returns the undo.
 */
export async function cutOffReplicas (cluster: RedisCluster, masterPort: number): Promise<() => Promise<void>> {
  await cluster.command(masterPort, 'ACL', 'SETUSER', 'default', '-psync', '-sync')
  await cluster.command(masterPort, 'CLIENT', 'KILL', 'TYPE', 'replica')
  return async () => { await cluster.command(masterPort, 'ACL', 'SETUSER', 'default', '+psync', '+sync') }
}

/** CLUSTER FAILOVER TAKEOVER on a replica: it becomes its shard's master at once, however far it lags. */
export async function takeOver (cluster: RedisCluster, replicaPort: number): Promise<void> {
  await cluster.command(replicaPort, 'CLUSTER', 'FAILOVER', 'TAKEOVER')
  await waitUntil(async () => ((await cluster.command(replicaPort, 'ROLE')) as unknown[])[0] === 'master', 5000,
    `the replica on port ${replicaPort} was not promoted`)
}

/**
 * Moves one slot, its keys included, from the master on `fromPort` to the one on `toPort` while
 * clients use it (what redis-cli's resharding does, for one chosen slot): IMPORTING/MIGRATING,
 * MIGRATE in batches (clients follow ASK meanwhile), then the new owner told to every master.
 */
export async function moveSlot (cluster: RedisCluster, slot: number, fromPort: number, toPort: number): Promise<void> {
  const [fromId, toId] = await Promise.all([fromPort, toPort].map(async port => String(await cluster.command(port, 'CLUSTER', 'MYID'))))
  await cluster.command(toPort, 'CLUSTER', 'SETSLOT', slot, 'IMPORTING', fromId!)
  await cluster.command(fromPort, 'CLUSTER', 'SETSLOT', slot, 'MIGRATING', toId!)
  for (;;) {
    const keys = await cluster.command(fromPort, 'CLUSTER', 'GETKEYSINSLOT', slot, 10) as string[]
    if (keys.length === 0) break
    await cluster.command(fromPort, 'MIGRATE', '127.0.0.1', toPort, '', 0, 5000, 'REPLACE', 'KEYS', ...keys)
  }
  await cluster.command(toPort, 'CLUSTER', 'SETSLOT', slot, 'NODE', toId!)
  await cluster.command(fromPort, 'CLUSTER', 'SETSLOT', slot, 'NODE', toId!)
  for (const port of await masterPorts(cluster)) {
    if (port !== fromPort && port !== toPort) await cluster.command(port, 'CLUSTER', 'SETSLOT', slot, 'NODE', toId!)
  }
}

/** The ports of the nodes running as masters, each asked itself (ROLE): another node's view may lag a failover. */
export async function masterPorts (cluster: RedisCluster): Promise<number[]> {
  const running = cluster.nodes.filter(node => node.pid !== undefined)
  const roles = await Promise.all(running.map(async node => ((await cluster.command(node.port, 'ROLE')) as unknown[])[0]))
  return running.filter((_node, i) => roles[i] === 'master').map(node => node.port)
}
