import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { redisClusterNodes, type ServiceEnv } from './config.js'
import { createRedisClient, type RedisClient } from './redis-client.js'

declare module 'fastify' {
  interface FastifyInstance {
    redis: RedisClient
  }
}

export interface RedisConnectionOptions {
  config: Pick<ServiceEnv, 'REDIS_URL' | 'REDIS_CLUSTER_NODES' | 'REDIS_KEY_PREFIX' | 'REDIS_COMMAND_TIMEOUT_MS'>
}

/**
 * Decorates `app.redis` (see createRedisClient), connected once the app is ready and
 * disconnected with it, and adds the optional readiness check `redis`: the service serves
 * without it, degraded. Only a service that uses Redis registers it.
 */
export const redisConnection = fp(async function redisConnection (app: FastifyInstance, { config }: RedisConnectionOptions) {
  const redis = createRedisClient({
    url: config.REDIS_URL,
    clusterNodes: redisClusterNodes(config.REDIS_CLUSTER_NODES),
    keyPrefix: config.REDIS_KEY_PREFIX,
    commandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS
  })
  let redisWasUp = true
  redis.on('error', error => {
    // ioredis repeats the error on every reconnection attempt: log the transition only.
    if (redisWasUp) app.log.warn({ err: error }, 'Redis unavailable; serving from PostgreSQL')
    redisWasUp = false
  })
  redis.on('ready', () => {
    if (!redisWasUp) app.log.info('Redis available again')
    redisWasUp = true
  })
  app.decorate<RedisClient>('redis', redis)
  app.addReadinessCheck('redis', () => redis.ping(), { optional: true })
  // Connect once the routes are compiled: a handshake behind a busy event loop would time out.
  app.addHook('onReady', async () => {
    redis.connect().catch(() => {}) // reconnects in the background; 'error' has logged why
  })
  app.addHook('onClose', async () => { redis.disconnect() })
}, { name: 'redis', dependencies: ['readiness'] })
