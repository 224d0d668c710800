import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis'

/** The client every Redis use takes: one server (REDIS_URL) or a Redis Cluster (REDIS_CLUSTER_NODES). */
export type RedisClient = Redis | Cluster

/** A seed of REDIS_CLUSTER_NODES. */
export interface RedisClusterNode {
  host: string
  port: number
}

export interface RedisClientOptions {
  /** The single server; ignored when `clusterNodes` has seeds. */
  url: string
  /** Seeds of a Redis Cluster: when any, the client is an ioredis Cluster. */
  clusterNodes?: RedisClusterNode[]
  keyPrefix?: string
  /** A command without a reply after this long fails, so a hung Redis reads as a down one. */
  commandTimeoutMs: number
}

const CONNECT_TIMEOUT_MS = 2000
const reconnectDelay = (attempt: number): number => Math.min(attempt * 100, 1000)

/**
 * A Redis client for a cache that must never hold a request up: commands fail at once while
 * it is disconnected (no offline queue) and after `commandTimeoutMs`, and it keeps
 * reconnecting in the background, at most a second apart. Commands are auto-pipelined. On a
 * cluster each command goes to its slot's master (MOVED and ASK followed by ioredis), the
 * auto-pipelines are made per node, and `commandTimeoutMs` bounds a command from the moment it
 * is issued across every redirection and retry (a failover included), not each attempt.
 */
export function createRedisClient ({ url, clusterNodes = [], keyPrefix, commandTimeoutMs }: RedisClientOptions): RedisClient {
  const perConnection = {
    maxRetriesPerRequest: 0,
    commandTimeout: commandTimeoutMs,
    connectTimeout: CONNECT_TIMEOUT_MS
  } satisfies RedisOptions
  if (clusterNodes.length > 0) {
    return new Cluster(clusterNodes, {
      lazyConnect: true,
      enableOfflineQueue: false,
      enableAutoPipelining: true,
      // The timeout of a command's whole life, armed once when it is issued (our ioredis patch):
      // a node's commandTimeout is armed again at each resend, and the cluster resends a command
      // whose connection closed every retryDelayOnFailover, up to maxRedirections times, so a
      // read of a killed master's slot waited for the failover (seconds). The retries go on
      // behind it and find the new master. One timer per auto-pipeline (per batch, not per
      // command), beside the node's per-attempt one that keeps a pipeline on a hung node finite.
      commandTimeout: commandTimeoutMs,
      // Reconnects once every seed failed; a node lost alone is replaced by the slots refresh.
      clusterRetryStrategy: reconnectDelay,
      slotsRefreshTimeout: CONNECT_TIMEOUT_MS,
      // The slot map read again every few seconds even when no command was redirected, so a
      // replica promoted in an orderly failover is seen (incidents-api then checks its epoch).
      slotsRefreshInterval: 5000,
      redisOptions: perConnection,
      ...(keyPrefix ? { keyPrefix } : {})
    })
  }
  return new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    // Commands issued in one turn of the event loop (the reads of every request parsed in it)
    // go out in one write: a syscall per command was a tenth of a cache hit's CPU.
    enableAutoPipelining: true,
    retryStrategy: reconnectDelay,
    ...perConnection,
    ...(keyPrefix ? { keyPrefix } : {})
  })
}

/** What a connection of its own may change of the client it copies. */
export interface DuplicateOptions {
  enableAutoPipelining?: boolean
  enableOfflineQueue?: boolean
  lazyConnect?: boolean
  commandTimeout?: number
  maxRetriesPerRequest?: number | null
}

/**
 * A client with connections of its own and the same server(s) and key prefix, for a blocking
 * command that must not hold the shared client's connection (on a cluster, the command still
 * goes to its key's master).
 */
export function duplicateRedisClient (client: RedisClient, { commandTimeout, maxRetriesPerRequest, ...options }: DuplicateOptions): RedisClient {
  const timeout = commandTimeout === undefined ? {} : { commandTimeout }
  const retries = maxRetriesPerRequest === undefined ? {} : { maxRetriesPerRequest }
  // A cluster's own timeout bounds its commands (armed once each); its nodes' the rest.
  if (client instanceof Cluster) return client.duplicate([], { ...options, ...timeout, redisOptions: { ...timeout, ...retries } } satisfies ClusterOptions)
  return client.duplicate({ ...options, ...timeout, ...retries })
}
