import { Cluster, Redis, type ClusterNode, type RedisOptions } from 'ioredis'

/** The services' Redis: one server (REDIS_URL), or a Redis Cluster (REDIS_CLUSTER_NODES). */
export type RedisClient = Redis | Cluster

export interface RedisClientOptions {
  url: string
  /** A Redis Cluster's seed nodes (`host:port`); when given, `url` is not used. */
  clusterNodes?: ClusterNode[]
  keyPrefix?: string
  /** A command without a reply after this long fails, so a hung Redis reads as a down one. */
  commandTimeoutMs: number
}

const reconnectDelay = (attempt: number): number => Math.min(attempt * 100, 1000)

/**
 * A Redis client for a cache that must never hold a request up: commands fail at once while
 * it is disconnected (no offline queue) and after `commandTimeoutMs`, and it keeps
 * reconnecting in the background, at most a second apart. Commands are auto-pipelined.
 * On a cluster every command goes to its key's master (each organization's keys share a hash
 * tag, so one script or MULTI never spans two slots), and the slot map is re-read on MOVED.
 */
export function createRedisClient ({ url, clusterNodes, keyPrefix, commandTimeoutMs }: RedisClientOptions): RedisClient {
  const connection: RedisOptions = {
    maxRetriesPerRequest: 0,
    commandTimeout: commandTimeoutMs,
    connectTimeout: 2000
  }
  // Commands issued in one turn of the event loop (the reads of every request parsed in it)
  // go out in one write: a syscall per command was a tenth of a cache hit's CPU.
  const common = { lazyConnect: true, enableOfflineQueue: false, enableAutoPipelining: true, ...(keyPrefix ? { keyPrefix } : {}) }
  if (clusterNodes !== undefined && clusterNodes.length > 0) {
    return new Cluster(clusterNodes, {
      ...common,
      redisOptions: connection,
      clusterRetryStrategy: reconnectDelay,
      // A failover takes the cluster's node timeout: a command meanwhile fails (the caller bypasses
      // to PostgreSQL) rather than waiting for the new master.
      retryDelayOnClusterDown: 100,
      retryDelayOnFailover: 100,
      slotsRefreshTimeout: 2000,
      // The slot map read again every few seconds even when no command was redirected: a replica
      // promoted in an orderly failover is seen (incidents-api then checks its cache's epoch).
      slotsRefreshInterval: 5000
    })
  }
  return new Redis(url, { ...common, ...connection, retryStrategy: reconnectDelay })
}

/**
 * A connection of its own for a blocking command (XREAD BLOCK) that must not hold up the shared,
 * auto-pipelined client: commands wait in an offline queue across reconnects, retried without
 * limit, each given `commandTimeoutMs`.
 */
export function duplicateForBlocking (client: RedisClient, commandTimeoutMs: number): RedisClient {
  const blocking = { maxRetriesPerRequest: null, commandTimeout: commandTimeoutMs }
  if (client instanceof Cluster) {
    return client.duplicate(undefined, {
      enableAutoPipelining: false,
      enableOfflineQueue: true,
      lazyConnect: false,
      redisOptions: { ...client.options.redisOptions, ...blocking }
    })
  }
  return client.duplicate({ enableAutoPipelining: false, enableOfflineQueue: true, lazyConnect: false, ...blocking })
}

/** `host:port,host:port` as ioredis's cluster nodes; null when a seed is not of that form. */
export function parseClusterNodes (text: string): ClusterNode[] | null {
  const nodes: ClusterNode[] = []
  for (const seed of text.split(',').map(part => part.trim()).filter(part => part !== '')) {
    const match = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(seed)
    const port = Number(match?.[2])
    if (match === null || port < 1 || port > 65535) return null
    nodes.push({ host: match[1]!.replace(/^\[|\]$/g, ''), port })
  }
  return nodes.length > 0 ? nodes : null
}

/**
 * Which Redis data set the client reaches: the run id of its server, or on a cluster of every
 * master, sorted. A restart, a promoted replica or a master replaced changes it, and with it
 * whatever the data set held may have gone back in time. Rejects while a node does not answer.
 */
export async function redisRunId (client: RedisClient): Promise<string> {
  const servers = client instanceof Cluster ? client.nodes('master') : [client]
  const infos = await Promise.all(servers.map(async server => await server.info('server')))
  return infos.map(info => /run_id:(\w+)/.exec(info)?.[1] ?? '').sort().join(',')
}
