import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { Redis } from 'ioredis'
import { freePort, waitUntil } from './private-redis.js'
import type { Teardown } from './teardown.js'

const run = promisify(execFile)

export interface RedisClusterOptions {
  masters?: number
  replicasPerMaster?: number
  /** cluster-node-timeout: how long a silent master stays a master (failover takes about this). */
  nodeTimeoutMs?: number
  binary?: string
}

export interface ClusterNodeState {
  port: number
  role: 'master' | 'replica'
  /** A replica's master, by port. */
  masterPort?: number
  /** The slot ranges a master serves. */
  slots: Array<[number, number]>
}

export interface RedisCluster {
  /** `127.0.0.1:port,...`, as REDIS_CLUSTER_NODES takes them. */
  seeds: string
  ports: number[]
  /** Every live node's role and slots, as the first node that answers sees them. */
  topology: () => Promise<ClusterNodeState[]>
  /** The port of the master that serves `key` (a full key, prefix included). */
  masterOf: (key: string) => Promise<number>
  /** SIGKILL on one node: nothing saved, as a crash. */
  kill: (port: number) => Promise<void>
  /** Resolves once every live node reports cluster_state:ok with all 16384 slots served. */
  waitHealthy: (timeoutMs?: number) => Promise<void>
  /** INFO errorstats and commandstats of every live node: error and call counts by name. */
  stats: () => Promise<Array<{ port: number, errors: Record<string, number>, calls: Record<string, number> }>>
  /** A plain client (no prefix, no cluster mode) to one node. */
  node: (port: number) => Redis
  /**
   * Moves `key`'s slot, with its keys, to the master on `toPort`, as `redis-cli --cluster reshard`
   * does slot by slot: IMPORTING and MIGRATING, MIGRATE of its keys in batches, then the new owner
   * told to every master. Clients meanwhile get ASK and TRYAGAIN.
   */
  migrateSlot: (key: string, toPort: number) => Promise<void>
}

/**
 * A Redis Cluster of the test's own from the machine's redis-server: `masters` masters with
 * `replicasPerMaster` replicas each on free loopback ports (cluster bus ports too), each node in
 * its own directory, no persistence, made with `redis-cli --cluster create`. Every process and
 * directory is gone at teardown.
 */
export async function startRedisCluster (t: Teardown, { masters = 3, replicasPerMaster = 1, nodeTimeoutMs = 1000, binary = process.env.REDIS_SERVER ?? 'redis-server' }: RedisClusterOptions = {}): Promise<RedisCluster> {
  const count = masters * (1 + replicasPerMaster)
  const root = await mkdtemp(join(tmpdir(), 'redis-cluster-'))
  const children = new Map<number, ChildProcess>()
  const clients = new Map<number, Redis>()
  const ports: number[] = []
  const taken = new Set<number>()
  const uniquePort = async (): Promise<number> => {
    for (;;) {
      const port = await freePort()
      if (!taken.has(port)) { taken.add(port); return port }
    }
  }
  t.teardown(async () => {
    for (const client of clients.values()) client.disconnect()
    await Promise.all([...children.values()].map(async child => {
      if (child.exitCode !== null || child.signalCode !== null) return
      const exited = new Promise(resolve => child.once('exit', resolve))
      child.kill('SIGKILL')
      await exited
    }))
    await rm(root, { recursive: true, force: true })
  })

  for (let i = 0; i < count; i++) {
    const port = await uniquePort()
    const busPort = await uniquePort()
    const dir = join(root, String(port))
    await mkdir(dir)
    const child = spawn(binary, [
      '--port', String(port), '--cluster-port', String(busPort), '--bind', '127.0.0.1',
      '--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', String(nodeTimeoutMs),
      '--save', '', '--appendonly', 'no', '--dir', dir
    ], { stdio: 'ignore' })
    children.set(port, child)
    ports.push(port)
  }
  const node = (port: number): Redis => {
    let client = clients.get(port)
    if (client === undefined) {
      client = new Redis(port, '127.0.0.1', { lazyConnect: false, maxRetriesPerRequest: 1, connectTimeout: 500, retryStrategy: () => null })
      client.on('error', () => {})
      clients.set(port, client)
    }
    return client
  }
  const alive = (port: number): boolean => {
    const child = children.get(port)
    return child !== undefined && child.exitCode === null && child.signalCode === null
  }
  const answers = async (port: number): Promise<boolean> => await node(port).ping().then(reply => reply === 'PONG', () => {
    clients.get(port)?.disconnect()
    clients.delete(port)
    return false
  })
  for (const port of ports) await waitUntil(async () => await answers(port), 5000, `redis-server did not start on port ${port}`)

  await run('redis-cli', ['--cluster', 'create', ...ports.map(port => `127.0.0.1:${port}`), '--cluster-replicas', String(replicasPerMaster), '--cluster-yes'])

  const topology = async (): Promise<ClusterNodeState[]> => {
    for (const port of ports.filter(alive)) {
      const text = await node(port).call('CLUSTER', 'NODES').catch(() => null) as string | null
      if (text === null) continue
      const lines = text.trim().split('\n').map(line => line.split(' '))
      const portOf = new Map(lines.map(([id, address]) => [id!, Number(address!.split('@')[0]!.split(':')[1])]))
      return lines
        .filter(([, , flags]) => !flags!.includes('fail') && !flags!.includes('noaddr'))
        .map(([, address, flags, master, , , , , ...slots]) => ({
          port: Number(address!.split('@')[0]!.split(':')[1]),
          role: flags!.includes('master') ? 'master' as const : 'replica' as const,
          ...(master === '-' ? {} : { masterPort: portOf.get(master!)! }),
          slots: slots.filter(range => !range.startsWith('[')).map(range => {
            const [from, to = from] = range.split('-').map(Number)
            return [from!, to!] as [number, number]
          })
        }))
    }
    throw new Error('no node of the cluster answers')
  }
  const masterOf = async (key: string): Promise<number> => {
    const any = ports.find(alive)!
    const slot = Number(await node(any).call('CLUSTER', 'KEYSLOT', key))
    const owner = (await topology()).find(state => state.role === 'master' && state.slots.some(([from, to]) => slot >= from && slot <= to))
    if (owner === undefined) throw new Error(`no master serves slot ${slot}`)
    return owner.port
  }
  const waitHealthy = async (timeoutMs = 20_000): Promise<void> => {
    await waitUntil(async () => {
      for (const port of ports.filter(alive)) {
        const info = await node(port).call('CLUSTER', 'INFO').catch(() => '') as string
        if (!/cluster_state:ok/.test(info) || !/cluster_slots_ok:16384/.test(info)) return false
      }
      // Every master has its replicas in sync: a failover then has a replica to promote.
      for (const state of (await topology()).filter(state => state.role === 'master')) {
        const replication = await node(state.port).info('replication').catch(() => '')
        const online = (replication.match(/^slave\d+:.*state=online/gm) ?? []).length
        if (online < replicasPerMaster && ports.filter(alive).length === count) return false
      }
      return true
    }, timeoutMs, 'the Redis Cluster did not become healthy')
  }
  const kill = async (port: number): Promise<void> => {
    const child = children.get(port)
    if (child === undefined || !alive(port)) return
    const exited = new Promise(resolve => child.once('exit', resolve))
    child.kill('SIGKILL')
    await exited
    clients.get(port)?.disconnect()
    clients.delete(port)
  }
  const counts = (text: string, pattern: RegExp): Record<string, number> =>
    Object.fromEntries([...text.matchAll(pattern)].map(match => [match[1]!.toLowerCase(), Number(match[2])]))
  const stats = async () => await Promise.all(ports.filter(alive).map(async port => {
    const errors = await node(port).info('errorstats')
    const commands = await node(port).info('commandstats')
    return { port, errors: counts(errors, /^errorstat_([A-Z_-]+):count=(\d+)/gm), calls: counts(commands, /^cmdstat_([a-z|_-]+):calls=(\d+)/gm) }
  }))

  const nodeId = async (port: number): Promise<string> => String(await node(port).call('CLUSTER', 'MYID'))
  const migrateSlot = async (key: string, toPort: number): Promise<void> => {
    const fromPort = await masterOf(key)
    if (fromPort === toPort) return
    const slot = Number(await node(fromPort).call('CLUSTER', 'KEYSLOT', key))
    const [fromId, toId] = await Promise.all([nodeId(fromPort), nodeId(toPort)])
    await node(toPort).call('CLUSTER', 'SETSLOT', slot, 'IMPORTING', fromId)
    await node(fromPort).call('CLUSTER', 'SETSLOT', slot, 'MIGRATING', toId)
    for (;;) {
      const keys = await node(fromPort).call('CLUSTER', 'GETKEYSINSLOT', slot, 100) as string[]
      if (keys.length === 0) break
      await node(fromPort).call('MIGRATE', '127.0.0.1', toPort, '', 0, 5000, 'KEYS', ...keys)
    }
    const masters = (await topology()).filter(state => state.role === 'master').map(state => state.port)
    for (const port of [toPort, fromPort, ...masters.filter(port => port !== toPort && port !== fromPort)]) {
      await node(port).call('CLUSTER', 'SETSLOT', slot, 'NODE', toId)
    }
  }

  await waitHealthy()
  return { seeds: ports.map(port => `127.0.0.1:${port}`).join(','), ports, topology, masterOf, kill, waitHealthy, stats, node, migrateSlot }
}
