import type { Pool, PoolClient } from 'pg'

/**
 * Runs `fn` inside one transaction on one pooled client: committed when `fn`
 * resolves, rolled back when it throws. A client whose rollback failed is
 * destroyed rather than returned to the pool in an unknown state.
 */
export async function withTransaction<T> (pool: Pool, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  let broken: Error | undefined
  try {
    await client.query('begin')
    const result = await fn(client)
    await client.query('commit')
    return result
  } catch (error) {
    try {
      await client.query('rollback')
    } catch (rollbackError) {
      broken = rollbackError as Error
    }
    throw error
  } finally {
    client.release(broken)
  }
}
