import { runConcurrentCalls } from '@incident-intel/test-support'

export interface LoadRun {
  /** Each completed task's latency, in completion order. */
  latencies_ms: number[]
  duration_ms: number
  errors: string[]
}

/**
 * `workers` concurrent loops of `task` for `durationMs` (the shared fixed-concurrency runner):
 * a fixed concurrency, as many senders' consumers would hold. `task(i)` gets a running index,
 * so the loops walk a sample together; it checks its own answers, and the first failure ends the run.
 */
export async function runWorkers (workers: number, durationMs: number, task: (index: number) => Promise<unknown>): Promise<LoadRun> {
  const run = await runConcurrentCalls({
    workers,
    durationSeconds: durationMs / 1000,
    call: async index => {
      await task(index)
      return undefined
    }
  })
  return { latencies_ms: run.latencies_ms, duration_ms: run.summary.duration_ms, errors: run.failure === undefined ? [] : [run.failure] }
}
