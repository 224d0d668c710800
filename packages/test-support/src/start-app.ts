import { once } from 'node:events'
import type { TestRedisClient } from './test-redis.js'
import type { Teardown } from './teardown.js'

/** What startApp needs of a service's Fastify app. */
export interface StartableApp {
  ready (): PromiseLike<unknown>
  close (): PromiseLike<unknown>
  hasDecorator (name: string): boolean
}

export interface StartAppOptions {
  /** How long the app's Redis client may take to connect (default 5 s). */
  redisTimeoutMs?: number
}

/**
 * Makes `app` ready, closes it at teardown, and, when it uses Redis (the redis plugin decorates
 * `app.redis`), waits until the client is connected: the client connects in the background once
 * the app is ready, and /ready and the cache would report it down until then.
 */
export async function startApp<A extends StartableApp> (t: Teardown, app: A, { redisTimeoutMs = 5000 }: StartAppOptions = {}): Promise<A> {
  t.teardown(() => app.close())
  await app.ready()
  if (app.hasDecorator('redis')) {
    const redis = (app as unknown as { redis: TestRedisClient }).redis
    if (redis.status !== 'ready') await once(redis, 'ready', { signal: AbortSignal.timeout(redisTimeoutMs) })
  }
  return app
}
