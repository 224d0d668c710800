/*
 * `pnpm redis-cluster`: a local Redis Cluster for trying the services on one (3 masters, 3
 * replicas from the machine's redis-server, loopback, free ports), until Ctrl-C removes it.
 */
import { startRedisCluster } from './redis-cluster.js'
import { createTeardowns } from './teardown.js'

const teardowns = createTeardowns()
const cluster = await startRedisCluster(teardowns, { nodeTimeoutMs: 2000 })
console.log(`A Redis Cluster is up (Ctrl-C stops it and removes its files):\n\n  export REDIS_CLUSTER_NODES=${cluster.seeds}\n`)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => { teardowns.run().finally(() => process.exit(0)) })
}
