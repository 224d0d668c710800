import type { RedisClient } from './redis-client.js'

// INCRBY a caller's count by what one replica counted since its last flush; the first increment
// of a window starts its expiry. One key per call: a Redis Cluster keeps each on its slot.
const FLUSH_SCRIPT = `
local current = redis.call('INCRBY', KEYS[1], ARGV[1])
if current == tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) ttl = tonumber(ARGV[2]) end
return {current, ttl}`

interface Count {
  /** The count Redis last reported for this window, every replica's calls included. */
  shared: number
  /** Calls counted here since that report. */
  pending: number
  /** In flight to Redis: counted, not yet reported back. */
  sending: number
  expiresAt: number
  windowMs: number
}

type Callback = (error: Error | null, result?: { current: number, ttl: number }) => void

type RedisWithScript = RedisClient & {
  rateLimitFlush: (key: string, increment: number, windowMs: number) => Promise<[number, number]>
}

export interface SharedCountsOptions {
  redis: RedisClient
  /** Prefix of every key. */
  nameSpace: string
  /** How often this replica adds its counts to Redis's (and learns every other replica's). */
  flushIntervalMs: number
  /** Keys counted in Redis on every call, before the answer: the budgets that fail closed. */
  exact: (key: string) => boolean
}

/**
 * A store for @fastify/rate-limit whose counts every replica shares through Redis without a Redis
 * call per request: a caller's first call of a window on a replica is counted in Redis (and
 * learns every other replica's count), the next ones in process, added to Redis's count every
 * `flushIntervalMs` with the total read back. A cache hit stays one Redis round trip; a caller
 * can overrun its budget by what it sends between two flushes, on each replica. Keys that `exact`
 * names are counted in Redis on every call. While Redis is down nothing is refused for want of
 * it (fail open); counts already known go on in process.
 */
export function sharedCountsStore ({ redis, nameSpace, flushIntervalMs, exact }: SharedCountsOptions) {
  const client = redis as RedisWithScript
  if (client.rateLimitFlush === undefined) redis.defineCommand('rateLimitFlush', { numberOfKeys: 1, lua: FLUSH_SCRIPT })
  const counts = new Map<string, Count>()
  let timer: NodeJS.Timeout | undefined

  const flush = async (): Promise<void> => {
    timer = undefined
    const now = Date.now()
    const batch: Array<[string, Count, number]> = []
    for (const [key, count] of counts) {
      if (count.expiresAt <= now && count.pending === 0 && count.sending === 0) counts.delete(key)
      else if (count.pending > 0) batch.push([key, count, count.pending])
    }
    for (const [, count, sent] of batch) {
      count.pending -= sent
      count.sending += sent
    }
    await Promise.all(batch.map(async ([key, count, sent]) => {
      try {
        const [shared, ttl] = await client.rateLimitFlush(nameSpace + key, sent, count.windowMs)
        count.shared = shared
        count.expiresAt = Date.now() + ttl
      } catch {
        count.shared += sent // Redis down: this replica's own count goes on
      } finally {
        count.sending -= sent
      }
    }))
    if ([...counts.values()].some(count => count.pending > 0)) schedule()
  }
  const schedule = () => {
    if (timer !== undefined) return
    timer = setTimeout(() => { flush().catch(() => {}) }, flushIntervalMs)
    timer.unref()
  }

  // What Redis answered for a key: the count of every replica's calls, and the window's end.
  const learn = (key: string, shared: number, ttl: number, windowMs: number): void => {
    const count = counts.get(key)
    if (count !== undefined && count.expiresAt > Date.now()) count.shared = Math.max(count.shared, shared)
    else counts.set(key, { shared, pending: 0, sending: 0, expiresAt: Date.now() + ttl, windowMs })
  }

  class SharedCountsStore {
    incr (key: string, callback: Callback, timeWindow: number): void {
      const now = Date.now()
      const count = counts.get(key)
      if (exact(key) || count === undefined || count.expiresAt <= now) {
        // A caller's first call of the window here (or an exact budget): counted in Redis before
        // the answer, so a replica starts from every other's count. Redis down: the error lets
        // the call through (skipOnError), and the next call asks again.
        client.rateLimitFlush(nameSpace + key, 1, timeWindow).then(([current, ttl]) => {
          if (!exact(key)) learn(key, current, ttl, timeWindow)
          callback(null, { current, ttl })
        }, error => callback(error as Error))
        return
      }
      count.pending++
      schedule()
      callback(null, { current: count.shared + count.sending + count.pending, ttl: count.expiresAt - now })
    }

    child (): SharedCountsStore {
      return this
    }
  }
  return SharedCountsStore
}
