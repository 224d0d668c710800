// A local Redis Cluster for trying the services on: `pnpm redis-cluster` prints REDIS_CLUSTER_NODES
// and keeps the cluster up until Ctrl-C, which stops every node and removes its directory.
import { createTeardowns } from './teardown.js'
import { startRedisCluster } from './redis-cluster.js'

const teardowns = createTeardowns()
let stopping = false
const stop = (): void => {
  if (stopping) return
  stopping = true
  teardowns.run().then(() => process.exit(0), () => process.exit(1))
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)

try {
  const cluster = await startRedisCluster(teardowns)
  const topology = await cluster.topology()
  for (const node of topology.sort((a, b) => a.port - b.port)) {
    console.log(`${node.address} ${node.role}${node.role === 'master' ? ` slots ${node.slots.map(([from, to]) => `${from}-${to}`).join(',')}` : ''}`)
  }
  console.log(`\nREDIS_CLUSTER_NODES=${cluster.seeds}\n\nCtrl-C stops the cluster.`)
} catch (error) {
  console.error(error)
  await teardowns.run()
  process.exit(1)
}
