import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { Redis } from 'ioredis'
import { freePort, ping, waitUntil } from './private-redis.js'
import type { Teardown } from './teardown.js'

const run = promisify(execFile)
const HOST = '127.0.0.1'
const SLOTS = 16384

export interface RedisClusterOptions {
  /** Masters; each gets `replicasPerMaster` replicas. Default 3 (redis-cli's minimum). */
  masters?: number
  /** Default 1. */
  replicasPerMaster?: number
  /** Extra redis-server arguments for every node, e.g. ['--appendonly', 'yes']. */
  serverArgs?: string[]
  /** Default REDIS_SERVER, else redis-server. */
  serverBinary?: string
  /** Default REDIS_CLI, else redis-cli. */
  cliBinary?: string
}

export interface ClusterNode {
  port: number
  /** `127.0.0.1:<port>` */
  address: string
  /** redis-server's process id; undefined once it has been stopped. */
  pid: number | undefined
  /** Stops the process (SIGKILL by default: a crash). */
  kill: (signal?: NodeJS.Signals) => Promise<void>
  /** Starts the process again on the same port and directory (it rejoins from its nodes.conf). */
  start: () => Promise<void>
}

export interface ClusterNodeState {
  id: string
  address: string
  port: number
  role: 'master' | 'replica'
  /** The master's id, for a replica. */
  masterId: string | undefined
  /** Inclusive ranges of the slots a master serves. */
  slots: Array<[number, number]>
  failed: boolean
}

export interface RedisCluster {
  /** `127.0.0.1:<port>,...`, every node: the value of REDIS_CLUSTER_NODES. */
  seeds: string
  nodes: ClusterNode[]
  /** The cluster as CLUSTER NODES reports it now, asked of the first node that answers. */
  topology: () => Promise<ClusterNodeState[]>
  /** The slot of a raw key (CLUSTER KEYSLOT: the key as stored, keyPrefix included). */
  keySlot: (key: string) => Promise<number>
  /** The master that serves the raw key's slot now. */
  masterOf: (key: string) => Promise<ClusterNodeState>
  /** The node started on `port`. */
  node: (port: number) => ClusterNode
  /** Resolves once every running node reports cluster_state:ok with all slots assigned. */
  waitUntilOk: (timeoutMs?: number) => Promise<void>
  /** A one-off command to the node on `port` (a plain connection, no cluster redirection). */
  command: (port: number, name: string, ...args: Array<string | number>) => Promise<unknown>
}

/**
 * A Redis Cluster of the test's own: masters and replicas from the machine's redis-server on
 * loopback, free ports, a directory each under one temp dir, joined by `redis-cli --cluster
 * create`. No persistence unless serverArgs ask for it. Killed and removed at teardown.
 */
export async function startRedisCluster (t: Teardown, options: RedisClusterOptions = {}): Promise<RedisCluster> {
  const masters = options.masters ?? 3
  const replicasPerMaster = options.replicasPerMaster ?? 1
  const serverBinary = options.serverBinary ?? process.env.REDIS_SERVER ?? 'redis-server'
  const cliBinary = options.cliBinary ?? process.env.REDIS_CLI ?? 'redis-cli'
  const root = await mkdtemp(join(tmpdir(), 'redis-cluster-'))
  const nodes: ClusterNode[] = []
  t.teardown(async () => {
    await Promise.all(nodes.map(async node => node.kill('SIGKILL')))
    await rm(root, { recursive: true, force: true })
  })

  const count = masters * (1 + replicasPerMaster)
  // A port found free can be taken by another test's server before ours binds it (tests run in
  // parallel): a node that exits at start is started again, once or twice, on other ports.
  for (let attempt = 1; ; attempt++) {
    const ports = new Set<number>()
    while (ports.size < count) ports.add(await freeClusterPort())
    const tried = await Promise.all([...ports].map(async port => {
      const dir = join(root, `${port}-${attempt}`)
      await mkdir(dir)
      return clusterNode(serverBinary, port, dir, options.serverArgs ?? [])
    }))
    nodes.push(...tried)
    const started = await Promise.allSettled(tried.map(async node => node.start()))
    const failed = started.find(result => result.status === 'rejected')
    if (failed === undefined) break
    await Promise.all(tried.map(async node => node.kill('SIGKILL')))
    nodes.splice(0, nodes.length)
    if (attempt === 3) throw failed.reason
  }

  const addresses = nodes.map(node => node.address)
  await run(cliBinary, ['--cluster', 'create', ...addresses, '--cluster-replicas', String(replicasPerMaster), '--cluster-yes'])

  const command = async (port: number, name: string, ...args: Array<string | number>): Promise<unknown> => {
    const client = new Redis({ host: HOST, port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1000 })
    client.on('error', () => {})
    try {
      await client.connect()
      return await client.call(name, ...args)
    } finally {
      client.disconnect()
    }
  }
  const running = (): ClusterNode[] => nodes.filter(node => node.pid !== undefined)
  const topology = async (): Promise<ClusterNodeState[]> => {
    let last: unknown
    for (const node of running()) {
      try {
        return parseClusterNodes(String(await command(node.port, 'CLUSTER', 'NODES')))
      } catch (error) {
        last = error
      }
    }
    throw new Error('no cluster node answered CLUSTER NODES', { cause: last })
  }
  const keySlot = async (key: string): Promise<number> => {
    for (const node of running()) {
      try {
        return Number(await command(node.port, 'CLUSTER', 'KEYSLOT', key))
      } catch {}
    }
    throw new Error('no cluster node answered CLUSTER KEYSLOT')
  }
  const masterOf = async (key: string): Promise<ClusterNodeState> => {
    const slot = await keySlot(key)
    const master = (await topology()).find(state => state.role === 'master' && !state.failed &&
      state.slots.some(([from, to]) => slot >= from && slot <= to))
    if (master === undefined) throw new Error(`no master serves slot ${slot}`)
    return master
  }
  const node = (port: number): ClusterNode => {
    const found = nodes.find(candidate => candidate.port === port)
    if (found === undefined) throw new Error(`no cluster node on port ${port}`)
    return found
  }
  const waitUntilOk = async (timeoutMs = 20000): Promise<void> => {
    await waitUntil(async () => {
      const states = await Promise.all(running().map(async node => {
        try {
          const info = String(await command(node.port, 'CLUSTER', 'INFO'))
          return /cluster_state:ok/.test(info) && info.includes(`cluster_slots_assigned:${SLOTS}`) &&
            info.includes(`cluster_slots_ok:${SLOTS}`)
        } catch {
          return false
        }
      }))
      return states.every(Boolean)
    }, timeoutMs, `the Redis Cluster on ${addresses.join(',')} did not reach cluster_state:ok within ${timeoutMs} ms`)
  }

  await waitUntilOk()
  // cluster create returns before every node has met every other and the replicas have synced.
  await waitUntil(async () => {
    const views = await Promise.all(nodes.map(async node => {
      try {
        const states = parseClusterNodes(String(await command(node.port, 'CLUSTER', 'NODES')))
        if (states.length !== count || states.filter(state => state.role === 'replica').length !== count - masters) return false
        const own = states.find(state => state.port === node.port)
        return own?.role === 'master' || /master_link_status:up/.test(String(await command(node.port, 'INFO', 'replication')))
      } catch {
        return false
      }
    }))
    return views.every(Boolean)
  }, 20000, `the Redis Cluster on ${addresses.join(',')} did not show ${count - masters} synced replicas on every node`)
  return { seeds: addresses.join(','), nodes, topology, keySlot, masterOf, node, waitUntilOk, command }
}

/** A free port whose cluster bus port (port + 10000) is free too. */
async function freeClusterPort (): Promise<number> {
  for (;;) {
    const port = await freePort()
    if (port + 10000 <= 65535 && await portIsFree(port + 10000)) return port
  }
}

async function portIsFree (port: number): Promise<boolean> {
  const server = createServer()
  const listening = await new Promise<boolean>(resolve => {
    server.once('error', () => resolve(false))
    server.listen(port, HOST, () => resolve(true))
  })
  if (listening) await new Promise(resolve => server.close(resolve))
  return listening
}

function clusterNode (binary: string, port: number, dir: string, extraArgs: string[]): ClusterNode {
  let child: ChildProcess | undefined
  const node: ClusterNode = {
    port,
    address: `${HOST}:${port}`,
    pid: undefined,
    start: async () => {
      if (child !== undefined) throw new Error(`cluster node ${port} is already running`)
      child = spawn(binary, [
        '--port', String(port), '--bind', HOST, '--dir', dir,
        '--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', '2000',
        // A replica's first sync starts at once, not after the default 5 s wait for more replicas.
        '--repl-diskless-sync-delay', '0',
        '--save', '', '--appendonly', 'no', ...extraArgs
      ], { stdio: 'ignore' })
      node.pid = child.pid
      const started = child
      started.once('exit', () => {
        if (child === started) { child = undefined; node.pid = undefined }
      })
      await waitUntil(async () => {
        if (started.exitCode !== null || started.signalCode !== null) throw new Error(`cluster node on port ${port} exited at start (its port or bus port taken?)`)
        return await ping(`redis://${HOST}:${port}`, started.pid)
      }, 5000, `cluster node did not start on port ${port}`)
    },
    kill: async (signal = 'SIGKILL') => {
      const running = child
      if (running === undefined || running.exitCode !== null) return
      const exited = new Promise(resolve => running.once('exit', resolve))
      running.kill(signal)
      await exited
    }
  }
  return node
}

/** CLUSTER NODES' lines: `id ip:port@bus flags master-id ping pong epoch link slot...`. */
export function parseClusterNodes (text: string): ClusterNodeState[] {
  return text.trim().split('\n').filter(line => line !== '').map(line => {
    const [id, endpoint, flags, masterId, , , , , ...slots] = line.trim().split(' ') as [string, string, string, string, ...string[]]
    const address = endpoint.split('@')[0]!
    const flagList = flags.split(',')
    return {
      id,
      address,
      port: Number(address.slice(address.lastIndexOf(':') + 1)),
      role: flagList.includes('master') ? 'master' : 'replica',
      masterId: masterId === '-' ? undefined : masterId,
      // Slots being migrated show as [slot->-id]: not served here yet.
      slots: slots.filter(slot => !slot.startsWith('[')).map(slot => {
        const [from, to] = slot.split('-').map(Number) as [number, number?]
        return [from, to ?? from] as [number, number]
      }),
      failed: flagList.includes('fail') || flagList.includes('fail?')
    }
  })
}
