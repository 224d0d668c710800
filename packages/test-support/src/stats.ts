/** One series of timings, in milliseconds. Every figure is NaN when the series is empty. */
export interface Summary {
  n: number
  min_ms: number
  p50_ms: number
  p90_ms: number
  p99_ms: number
  max_ms: number
  mean_ms: number
}

/** Nearest-rank percentile of an ascending list; NaN for an empty one (nothing was measured). */
export function percentile (sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p / 100 * sorted.length) - 1))]!
}

/** The workspace's one summary of timings: every benchmark reports these figures. */
export function summarize (samples: Iterable<number>): Summary {
  const sorted = Float64Array.from(samples).sort()
  return {
    n: sorted.length,
    min_ms: sorted.length === 0 ? Number.NaN : sorted[0]!,
    p50_ms: percentile(sorted, 50),
    p90_ms: percentile(sorted, 90),
    p99_ms: percentile(sorted, 99),
    max_ms: sorted.length === 0 ? Number.NaN : sorted[sorted.length - 1]!,
    mean_ms: sorted.length === 0 ? Number.NaN : sorted.reduce((sum, value) => sum + value, 0) / sorted.length
  }
}
