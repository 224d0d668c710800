import type { Cluster } from 'ioredis'
import type { RedisCluster, Teardown } from '@incident-intel/test-support'
import { createRedisClient } from '../../src/index.js'

/** A service's client (createRedisClient) on the test cluster, connected, under its own key prefix. */
export async function connectClusterClient (t: Teardown, cluster: RedisCluster, keyPrefix: string, commandTimeoutMs: number): Promise<Cluster> {
  const client = createRedisClient({
    url: '',
    clusterNodes: cluster.nodes.map(node => ({ host: '127.0.0.1', port: node.port })),
    keyPrefix,
    commandTimeoutMs
  }) as Cluster
  // Errors reach the callers; a failover's connection errors would otherwise be unhandled events.
  client.on('error', () => {})
  t.teardown(() => client.disconnect())
  await client.connect()
  return client
}
