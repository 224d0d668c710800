import { Redis } from 'ioredis'
import { waitUntil } from './private-redis.js'

/** One node of a Redis Cluster, as CLUSTER SHARDS describes it. */
export interface ClusterNode {
  id: string
  port: number
  role: 'master' | 'replica'
}

/** The master that serves a slot and its replicas. */
export interface SlotOwner {
  master: ClusterNode
  replicas: ClusterNode[]
}

// Faults on a test's own cluster on loopback (startRedisCluster), addressed by port: killing a
// node, cutting a replica off its master, promoting it, moving a slot.

/** A command to one node on loopback, on a connection of its own (no cluster redirections). */
export async function nodeCommand (port: number, command: string, ...args: Array<string | number>): Promise<unknown> {
  const client = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1000 })
  client.on('error', () => {})
  try {
    await client.connect()
    return await client.call(command, ...args)
  } finally {
    client.disconnect()
  }
}

/** The slot of a key (its hash tag's, when it has one). */
export async function slotOfKey (port: number, key: string): Promise<number> {
  return Number(await nodeCommand(port, 'CLUSTER', 'KEYSLOT', key))
}

/** Who serves `slot`, as the node on `port` sees the cluster. */
export async function slotOwner (port: number, slot: number): Promise<SlotOwner> {
  const shards = await nodeCommand(port, 'CLUSTER', 'SHARDS') as unknown[][]
  for (const shard of shards) {
    const fields = pairs(shard)
    const slots = fields.slots as number[]
    let serves = false
    for (let i = 0; i < slots.length; i += 2) if (slot >= Number(slots[i]) && slot <= Number(slots[i + 1])) serves = true
    if (!serves) continue
    const nodes = (fields.nodes as unknown[][]).map(pairs)
      .filter(node => node.health === 'online')
      .map(node => ({ id: String(node.id), port: Number(node.port), role: node.role as ClusterNode['role'] }))
    const master = nodes.find(node => node.role === 'master')
    if (master) return { master, replicas: nodes.filter(node => node.role === 'replica') }
  }
  throw new Error(`no master serves slot ${slot}`)
}

/** SIGKILLs the redis-server on `port` (its pid from INFO), as a crash: nothing is saved. */
export async function killNode (port: number): Promise<void> {
  const info = String(await nodeCommand(port, 'INFO', 'server'))
  process.kill(Number(/process_id:(\d+)/.exec(info)![1]), 'SIGKILL')
  await waitUntil(async () => !await answers(port), 5000, `redis-server on port ${port} did not die`)
}

/** Waits until the node on `port` sees `slot` served by another master than `previous`, and the cluster OK. */
export async function waitForNewMaster (port: number, slot: number, previous: number, timeoutMs = 20000): Promise<ClusterNode> {
  let owner: SlotOwner | undefined
  await waitUntil(async () => {
    owner = await slotOwner(port, slot).catch(() => undefined)
    const state = String(await nodeCommand(port, 'CLUSTER', 'INFO'))
    return owner !== undefined && owner.master.port !== previous && state.includes('cluster_state:ok')
  }, timeoutMs, `slot ${slot} was not failed over from port ${previous}`)
  return owner!.master
}

/**
 * Stops replication from the master on `masterPort` to its replicas: they are disconnected and
 * may not sync again (PSYNC and SYNC refused to the default user), so they fall behind every
 * write from now on. Returns the undo.
 */
export async function cutOffReplicas (masterPort: number): Promise<() => Promise<void>> {
  await nodeCommand(masterPort, 'ACL', 'SETUSER', 'default', '-psync', '-sync')
  await nodeCommand(masterPort, 'CLIENT', 'KILL', 'TYPE', 'replica')
  return async () => { await nodeCommand(masterPort, 'ACL', 'SETUSER', 'default', '+psync', '+sync') }
}

/** CLUSTER FAILOVER TAKEOVER on a replica: it becomes its shard's master at once, whatever it lags. */
export async function takeOver (replicaPort: number): Promise<void> {
  await nodeCommand(replicaPort, 'CLUSTER', 'FAILOVER', 'TAKEOVER')
  await waitUntil(async () => String(await nodeCommand(replicaPort, 'ROLE').then(role => (role as unknown[])[0])) === 'master', 5000, `the replica on port ${replicaPort} was not promoted`)
}

/**
 * Moves one slot, its keys included, from the master on `fromPort` to the one on `toPort` while
 * clients use it (the resharding redis-cli does, for one slot): IMPORTING/MIGRATING, MIGRATE
 * in batches (clients follow ASK meanwhile), then the new owner told to every master.
 */
export async function moveSlot (fromPort: number, toPort: number, slot: number, masterPorts: number[]): Promise<void> {
  const [fromId, toId] = await Promise.all([fromPort, toPort].map(async port => String(await nodeCommand(port, 'CLUSTER', 'MYID'))))
  await nodeCommand(toPort, 'CLUSTER', 'SETSLOT', slot, 'IMPORTING', fromId!)
  await nodeCommand(fromPort, 'CLUSTER', 'SETSLOT', slot, 'MIGRATING', toId!)
  for (;;) {
    const keys = await nodeCommand(fromPort, 'CLUSTER', 'GETKEYSINSLOT', slot, 10) as string[]
    if (keys.length === 0) break
    await nodeCommand(fromPort, 'MIGRATE', '127.0.0.1', toPort, '', 0, 5000, 'REPLACE', 'KEYS', ...keys)
  }
  await nodeCommand(toPort, 'CLUSTER', 'SETSLOT', slot, 'NODE', toId!)
  await nodeCommand(fromPort, 'CLUSTER', 'SETSLOT', slot, 'NODE', toId!)
  for (const port of masterPorts) if (port !== fromPort && port !== toPort) await nodeCommand(port, 'CLUSTER', 'SETSLOT', slot, 'NODE', toId!)
}

function pairs (list: unknown[]): Record<string, unknown> {
  const record: Record<string, unknown> = {}
  for (let i = 0; i < list.length; i += 2) record[String(list[i])] = list[i + 1]
  return record
}

async function answers (port: number): Promise<boolean> {
  return nodeCommand(port, 'PING').then(() => true, () => false)
}
