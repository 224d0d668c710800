import { summarize } from './stats.js'

/**
 * What a timed call resolves to: an SDK result (`{ data, error, response }`), whose status is
 * checked, or `undefined` from a call that checks its own answers and throws on a wrong one.
 * A call gets a running index, so that a run can walk a sample of records.
 */
export type TimedCall = (index: number) => Promise<{ response: Response } | undefined>

export interface SequentialCallsOptions {
  requests: number
  call: TimedCall
}

export interface CallsSummary {
  /** Calls answered, each timed. */
  requests: number
  p50_ms: number
  p99_ms: number
  max_ms: number
  errors: number
  /** Answers whose status was not 2xx: a benchmark that gets one is not measuring what it claims. */
  non_2xx: number
}

export interface SequentialCalls {
  summary: CallsSummary
  /** Each answered call's latency, in order. */
  latencies_ms: number[]
  /** What ended the run early: the first call that threw or was answered with a status not 2xx. */
  failure: string | undefined
}

export interface ConcurrentCallsOptions {
  workers: number
  durationSeconds: number
  call: TimedCall
}

export interface ConcurrentCallsSummary extends CallsSummary {
  workers: number
  duration_ms: number
  requests_per_second: number
}

export interface ConcurrentCalls {
  summary: ConcurrentCallsSummary
  /** Each answered call's latency, in completion order: runs can be pooled. */
  latencies_ms: number[]
  failure: string | undefined
}

type Outcome = { latency: number } | { failure: string, kind: 'errors' | 'non_2xx' }

async function timeCall (call: TimedCall, index: number): Promise<Outcome> {
  const started = performance.now()
  let result: Awaited<ReturnType<TimedCall>>
  try {
    result = await call(index)
  } catch (error) {
    return { failure: (error as Error).message, kind: 'errors' }
  }
  const latency = performance.now() - started
  if (result !== undefined && !result.response.ok) {
    return { failure: `HTTP ${result.response.status} from ${result.response.url}`, kind: 'non_2xx' }
  }
  return { latency }
}

// NaN figures when a run failed before any call was answered.
function latencySummary (latencies: readonly number[]) {
  const s = summarize(latencies)
  return { requests: s.n, p50_ms: s.p50_ms, p99_ms: s.p99_ms, max_ms: s.max_ms }
}

/**
 * One call at a time, each timed with performance.now(): a call's own latency (over the one
 * keep-alive connection that fetch reuses). Stops at the first failure.
 */
export async function timeSequentialCalls ({ requests, call }: SequentialCallsOptions): Promise<SequentialCalls> {
  const latencies: number[] = []
  const counts = { errors: 0, non_2xx: 0 }
  let failure: string | undefined
  for (let i = 0; i < requests && failure === undefined; i++) {
    const outcome = await timeCall(call, i)
    if ('latency' in outcome) {
      latencies.push(outcome.latency)
    } else {
      counts[outcome.kind]++
      failure = outcome.failure
    }
  }
  return { summary: { ...latencySummary(latencies), ...counts }, latencies_ms: latencies, failure }
}

/**
 * `workers` concurrent loops, each starting its next call as soon as the last one is answered,
 * for the duration: a fixed concurrency, as many clients would hold. Stops at the first failure.
 */
export async function runConcurrentCalls ({ workers, durationSeconds, call }: ConcurrentCallsOptions): Promise<ConcurrentCalls> {
  const latencies: number[] = []
  const counts = { errors: 0, non_2xx: 0 }
  let failure: string | undefined
  let next = 0
  const started = performance.now()
  const deadline = started + durationSeconds * 1000
  await Promise.all(Array.from({ length: workers }, async () => {
    while (performance.now() < deadline && failure === undefined) {
      const outcome = await timeCall(call, next++)
      if ('latency' in outcome) {
        latencies.push(outcome.latency)
      } else {
        counts[outcome.kind]++
        failure ??= outcome.failure
      }
    }
  }))
  const durationMs = performance.now() - started
  return {
    summary: {
      workers,
      duration_ms: durationMs,
      ...latencySummary(latencies),
      requests_per_second: latencies.length / (durationMs / 1000),
      ...counts
    },
    latencies_ms: latencies,
    failure
  }
}
