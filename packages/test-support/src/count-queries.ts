import type { Pool, PoolClient } from 'pg'

export interface QueryCounter {
  /** Statements sent through the pool since creation or the last reset: each is one round trip. */
  readonly count: number
  reset: () => void
}

/**
 * Counts every statement a pool's clients send, so a test can prove how many round trips an
 * operation makes. Hooks clients as the pool connects them, so it needs a pool that has none yet.
 */
export function countQueries (pool: Pool): QueryCounter {
  if (pool.totalCount > 0) throw new Error('countQueries needs a pool that has not connected yet')
  let count = 0
  pool.on('connect', (client: PoolClient) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown
    client.query = ((...args: unknown[]) => {
      count++
      return query(...args)
    }) as PoolClient['query']
  })
  return {
    get count () { return count },
    reset: () => { count = 0 }
  }
}
