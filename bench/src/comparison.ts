import { pairedRatio, summarize, type BaselineSample, type Ratio, type Summary } from './stats.js'

export interface Side {
  label: string
  summary: Summary
  /** Every timing, in run order (the chart and report.json use them). */
  samples_ms: number[]
  /** Runs stopped by the statement timeout (their time is a lower bound). */
  timed_out: number
}

/** A baseline and ours, measured in interleaved pairs in the same run. */
export interface PairedComparison {
  id: string
  name: string
  baseline: Side
  ours: Side
  ratio: Ratio
  /** What the run checked the two sides agree on. */
  verified: string
}

export function pairedComparison (
  id: string, name: string,
  labels: { baseline: string, ours: string },
  pairs: ReadonlyArray<{ baseline: BaselineSample, ours: number }>,
  verified: string
): PairedComparison {
  const baseline = pairs.map(pair => pair.baseline)
  const ours = pairs.map(pair => pair.ours)
  return {
    id,
    name,
    baseline: {
      label: labels.baseline,
      summary: summarize(baseline.map(sample => sample.ms)),
      samples_ms: baseline.map(sample => sample.ms),
      timed_out: baseline.filter(sample => sample.timedOut).length
    },
    ours: { label: labels.ours, summary: summarize(ours), samples_ms: ours, timed_out: 0 },
    ratio: pairedRatio(baseline, ours),
    verified
  }
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
