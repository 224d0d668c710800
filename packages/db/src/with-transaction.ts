import type { Pool, PoolClient } from 'pg'
import { isDatabaseUnavailable } from './database-unavailable.js'

/**
 * Runs `fn` inside one transaction on one pooled client: committed when `fn`
 * resolves, rolled back when it throws. A client whose rollback failed is
 * destroyed rather than returned to the pool in an unknown state.
 */
export async function withTransaction<T> (pool: Pool, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  // The pool stops listening for a client's 'error' while it is checked out: a connection lost
  // mid-transaction would then be an uncaught exception that ends the process. The statement in
  // flight rejects with the same error, and the rollback below finds the client broken.
  const ignoreLostConnection = (): void => {}
  client.on('error', ignoreLostConnection)
  let broken: Error | undefined
  try {
    await client.query('begin')
    const result = await fn(client)
    await client.query('commit')
    return result
  } catch (error) {
    if (isDatabaseUnavailable(error)) {
      // A lost or unanswering connection cannot roll back; the server does when it goes.
      broken = error as Error
      throw error
    }
    try {
      await client.query('rollback')
    } catch (rollbackError) {
      broken = rollbackError as Error
    }
    throw error
  } finally {
    client.off('error', ignoreLostConnection)
    client.release(broken)
  }
}
