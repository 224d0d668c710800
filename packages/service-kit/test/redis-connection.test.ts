import Fastify from 'fastify'
import t from 'tap'
import { ConfigError, metrics, readiness, redisConnection } from '../src/index.js'

// REDIS_CLUSTER_NODES passes the schema's form but is refused at start when a seed is not usable,
// and so is a key prefix with a hash tag, which would put every key of the cluster on one slot.
async function start (config: { REDIS_CLUSTER_NODES: string, REDIS_KEY_PREFIX: string }): Promise<unknown> {
  const app = Fastify({ logger: false })
  try {
    await app.register(metrics, { prefix: 'test_' })
    await app.register(readiness, { prefix: 'test_' })
    await app.register(redisConnection, { config: { REDIS_URL: 'redis://127.0.0.1:6379', REDIS_COMMAND_TIMEOUT_MS: 500, ...config } })
    await app.ready()
    return null
  } catch (error) {
    return error
  } finally {
    await app.close()
  }
}

t.test('a seed with a port past 65535 is a ConfigError naming the variable', async t => {
  const error = await start({ REDIS_CLUSTER_NODES: '127.0.0.1:7000,127.0.0.1:70000', REDIS_KEY_PREFIX: '' })
  t.ok(error instanceof ConfigError)
  t.match((error as Error).message, /REDIS_CLUSTER_NODES="127\.0\.0\.1:7000,127\.0\.0\.1:70000": expected comma-separated host:port seeds/)
})

t.test('a hash tag in the key prefix is refused on a cluster, allowed on one server', async t => {
  const error = await start({ REDIS_CLUSTER_NODES: '127.0.0.1:7000', REDIS_KEY_PREFIX: 'app:{1}:' })
  t.ok(error instanceof ConfigError)
  t.match((error as Error).message, /REDIS_KEY_PREFIX="app:\{1\}:" holds a hash tag/)
  t.equal(await start({ REDIS_CLUSTER_NODES: '', REDIS_KEY_PREFIX: 'app:{1}:' }), null)
})
