import type { Pool } from 'pg'

export const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

export async function queueDepth (pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ count: number }>('select count(*)::int as count from current_incidents.refresh_queue')
  return rows[0]!.count
}

/** Polls the refresh queue until it is empty or `timeoutMs` has passed: when it was first seen empty, and what was left. */
export async function drainQueue (pool: Pool, timeoutMs: number, pollMs = 5): Promise<{ at: number, left: number }> {
  const deadline = performance.now() + timeoutMs
  for (;;) {
    const left = await queueDepth(pool)
    if (left === 0 || performance.now() > deadline) return { at: performance.now(), left }
    await sleep(pollMs)
  }
}

/** When the queue was first seen empty; throws when it is not within `timeoutMs`. */
export async function untilEmpty (pool: Pool, timeoutMs: number): Promise<number> {
  const { at, left } = await drainQueue(pool, timeoutMs)
  if (left > 0) throw new Error(`the refresh queue still holds ${left} refreshes after ${timeoutMs} ms`)
  return at
}
