/** min / median / p99 of one series of timings, in milliseconds. */
export interface Summary {
  n: number
  min_ms: number
  median_ms: number
  p99_ms: number
  max_ms: number
  mean_ms: number
}

/** Nearest-rank percentile of an ascending list. */
export function percentile (sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('percentile of no samples')
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p / 100 * sorted.length) - 1))]!
}

export function summarize (samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error('no measurement: a comparison produced no samples')
  const sorted = [...samples].sort((a, b) => a - b)
  return {
    n: sorted.length,
    min_ms: sorted[0]!,
    median_ms: percentile(sorted, 50),
    p99_ms: percentile(sorted, 99),
    max_ms: sorted.at(-1)!,
    mean_ms: sorted.reduce((sum, value) => sum + value, 0) / sorted.length
  }
}

/** One timed run of a baseline: `ms` is only a lower bound when its statement timed out. */
export interface BaselineSample {
  ms: number
  timedOut: boolean
}

export interface Ratio {
  /** Median over the pairs (baseline i / ours i) of one interleaved run. */
  pairwise_median: number
  /** median(baseline) / median(ours). */
  of_medians: number
  /** True when some baseline run hit the statement timeout: the ratios are then lower bounds. */
  lower_bound: boolean
}

export function pairedRatio (baseline: readonly BaselineSample[], ours: readonly number[]): Ratio {
  if (baseline.length !== ours.length || ours.length === 0) throw new Error('a ratio needs pairs of samples')
  const sorted = baseline.map((sample, i) => sample.ms / ours[i]!).sort((a, b) => a - b)
  return {
    pairwise_median: percentile(sorted, 50),
    of_medians: summarize(baseline.map(sample => sample.ms)).median_ms / summarize(ours).median_ms,
    lower_bound: baseline.some(sample => sample.timedOut)
  }
}

/**
 * Runs `iterations` pairs, alternating which side goes first (ABBA…), so that noise on the
 * machine (other processes, autovacuum, a warming cache) falls on both sides alike.
 */
export async function interleave<B, O> (
  iterations: number,
  baseline: (iteration: number) => Promise<B>,
  ours: (iteration: number) => Promise<O>
): Promise<Array<{ baseline: B, ours: O }>> {
  const pairs: Array<{ baseline: B, ours: O }> = []
  for (let i = 0; i < iterations; i++) {
    if (i % 2 === 0) {
      const b = await baseline(i)
      pairs.push({ baseline: b, ours: await ours(i) })
    } else {
      const o = await ours(i)
      pairs.push({ baseline: await baseline(i), ours: o })
    }
  }
  return pairs
}

/** Milliseconds elapsed while `fn` runs, with its result. */
export async function timed<T> (fn: () => Promise<T>): Promise<{ ms: number, value: T }> {
  const started = performance.now()
  const value = await fn()
  return { ms: performance.now() - started, value }
}
