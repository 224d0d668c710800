import { percentile, summarize, type Summary } from '@incident-intel/test-support'

/** One timed run: `ms` is only a lower bound when a baseline's statement timed out. */
export interface Sample {
  ms: number
  timedOut?: boolean
}

export interface Side {
  label: string
  summary: Summary
  /** Every timing, in run order (the chart uses them; report.json keeps them, out of git). */
  samples_ms: number[]
  /** Runs stopped by the statement timeout: counted at the time they were stopped, a lower bound. */
  timed_out: number
}

/** A baseline and ours, measured in interleaved pairs in the same run. */
export interface PairedComparison {
  id: string
  name: string
  baseline: Side
  ours: Side
  /** Median over the pairs of baseline i / ours i; a lower bound when some baseline run timed out. */
  ratio: number
  lower_bound: boolean
  /** What the run checked the two sides agree on. */
  verified: string
}

export function side (label: string, samples: readonly Sample[]): Side {
  if (samples.length === 0) throw new Error(`${label}: no measurement`)
  const ms = samples.map(sample => sample.ms)
  return { label, summary: summarize(ms), samples_ms: ms, timed_out: samples.filter(sample => sample.timedOut === true).length }
}

export function pairedComparison (
  id: string, name: string,
  labels: { baseline: string, ours: string },
  pairs: ReadonlyArray<{ baseline: Sample, ours: Sample }>,
  verified: string
): PairedComparison {
  const baseline = side(labels.baseline, pairs.map(pair => pair.baseline))
  const ratios = Float64Array.from(pairs, pair => pair.baseline.ms / pair.ours.ms).sort()
  return { id, name, baseline, ours: side(labels.ours, pairs.map(pair => pair.ours)), ratio: percentile(ratios, 50), lower_bound: baseline.timed_out > 0, verified }
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

/** Throws with every difference between two sets, named, so a wrong result fails the run. */
export function assertSameSet (what: string, expected: Iterable<string>, actual: Iterable<string>): void {
  const a = new Set(expected)
  const b = new Set(actual)
  const missing = [...a].filter(x => !b.has(x))
  const extra = [...b].filter(x => !a.has(x))
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(`${what} differ: ${missing.length} only in the first (${missing.slice(0, 3).join(', ')}), ` +
      `${extra.length} only in the second (${extra.slice(0, 3).join(', ')})`)
  }
}

/** An edge by its two ends, for sets shared by rows that carry no dependency_id. */
export const edgeKey = (e: { blocker_type: string, blocker_id: string, dependent_type: string, dependent_id: string }) =>
  `${e.blocker_type}:${e.blocker_id}>${e.dependent_type}:${e.dependent_id}`
