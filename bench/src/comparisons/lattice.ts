import type pg from 'pg'
import type { DependencyGraph, Resolution } from '@incident-intel/dependency-graph'
import { streamPathEnumerating, type PathStreamOutcome } from '../baselines/path-enumerating-cte.js'
import { assertSameSet, edgeKey, pairedComparison, type PairedComparison } from '../comparison.js'
import { latticePathCount, type Lattice } from '../lattice.js'
import { log } from '../log.js'
import { interleave, timed } from '../stats.js'

export interface LatticeComparison extends PairedComparison {
  layers: number
  width: number
  edges: number
  /** Rows of the path-enumerating CTE from the root: one per path. */
  paths: number
  statement_timeout_ms: number
  /**
   * Each baseline run in run order: the path rows the client had received and when it ended, as
   * measured (`baseline` counts a timed-out run at the statement timeout instead).
   */
  baseline_runs: Array<{ timed_out: boolean, rows: number, ended_ms: number }>
}

export interface LatticeOptions {
  /** The baseline's session, whose statement_timeout is `statementTimeoutMs`. */
  session: pg.Client
  graph: DependencyGraph
  lattice: Lattice
  pairs: number
  maxDistance: number
  statementTimeoutMs: number
}

/** What one baseline run sent, folded as it arrived: each distinct edge once, with its distance. */
interface BaselineRun {
  outcome: PathStreamOutcome
  distances: Map<string, number>
  /** Rows whose edge had come earlier at another distance (on a lattice there are none). */
  conflicts: number
}

async function runBaseline (session: pg.Client, lattice: Lattice): Promise<BaselineRun> {
  const distances = new Map<string, number>()
  let conflicts = 0
  const outcome = await streamPathEnumerating(session, lattice.root, (row) => {
    const key = edgeKey(row)
    const known = distances.get(key)
    if (known === undefined) distances.set(key, row.dependency_distance)
    else if (known !== row.dependency_distance) conflicts++
  })
  return { outcome, distances, conflicts }
}

const at = (key: string, distance: number | undefined) => `${key}@${distance}`

/** Ours: every lattice edge exactly once, at the distance of its dependent's layer, not truncated. */
function verifyOurs (name: string, lattice: Lattice, ours: Resolution): void {
  if (ours.edges.length !== lattice.dependencyIds.size) {
    throw new Error(`${name}: ours returned ${ours.edges.length} edges, the lattice has ${lattice.dependencyIds.size}`)
  }
  assertSameSet(`${name}: dependency ids of the lattice and ours`, lattice.dependencyIds, ours.edges.map(edge => edge.dependency_id))
  assertSameSet(`${name}: edges@distance of the lattice (its layers) and ours`,
    [...lattice.edgeLayers].map(([key, layer]) => at(key, layer)),
    ours.edges.map(edge => at(edgeKey(edge), edge.dependency_distance)))
  if (ours.truncated) throw new Error(`${name}: ours is truncated, though max_distance reaches the last layer`)
}

/**
 * The CTE's rows, finished or not, lie on the lattice at their layer's distance; a finished run
 * sent one row per path and reached the same distinct edges as ours.
 */
function verifyBaseline (name: string, lattice: Lattice, run: BaselineRun, ours: Resolution): void {
  if (run.conflicts > 0) throw new Error(`${name}: ${run.conflicts} CTE rows put an edge at a second distance`)
  for (const [key, distance] of run.distances) {
    const layer = lattice.edgeLayers.get(key)
    if (layer !== distance) throw new Error(`${name}: the CTE put ${key} at distance ${distance}, its layer is ${layer ?? 'none (not a lattice edge)'}`)
  }
  if (run.outcome.timedOut) return
  const paths = latticePathCount(lattice.layers, lattice.width)
  if (run.outcome.rows !== paths) throw new Error(`${name}: the CTE sent ${run.outcome.rows} rows, the lattice has ${paths} paths`)
  assertSameSet(`${name}: distinct edges of the analysis's CTE and ours`, run.distances.keys(), ours.edges.map(edgeKey))
}

function describe (lattice: Lattice, runs: readonly BaselineRun[], maxDistance: number, timeoutMs: number): string {
  const edges = lattice.dependencyIds.size
  const paths = latticePathCount(lattice.layers, lattice.width)
  const ours = `ours, in each of the ${runs.length} calls: exactly the ${edges} edges, at distances 1 to ${lattice.layers} by layer, ` +
    `not truncated at max_distance ${maxDistance}`
  const finished = runs.filter(run => !run.outcome.timedOut).length
  const stopped = runs.filter(run => run.outcome.timedOut)
  const parts = [ours]
  if (finished > 0) {
    parts.push(`the CTE finished in ${finished} of ${runs.length} runs, each with ${paths.toLocaleString('en-US')} path rows ` +
      `and the same ${edges} distinct edges as ours`)
  }
  if (stopped.length > 0) {
    const most = Math.max(...stopped.map(run => run.outcome.rows))
    parts.push(`the CTE timed out at ${timeoutMs / 1000} s in ${stopped.length} of ${runs.length} runs, having sent up to ` +
      `${most.toLocaleString('en-US')} of its ${paths.toLocaleString('en-US')} path rows, every one on the lattice at its layer's distance`)
  }
  return parts.join('; ')
}

/** The analysis's CTE once on the lattice's root against one call of ours, in interleaved pairs, each pair checked. */
export async function compareLattice (options: LatticeOptions): Promise<LatticeComparison> {
  const { session, graph, lattice, maxDistance, statementTimeoutMs } = options
  const name = `lattice ${lattice.layers} × ${lattice.width}`
  if (maxDistance < lattice.layers) throw new Error(`${name}: max_distance ${maxDistance} does not reach its last layer`)
  log(`${name}: ${options.pairs} interleaved pairs, the analysis's CTE (statement_timeout ${statementTimeoutMs / 1000} s) vs one call`)
  const pairs = await interleave(options.pairs,
    () => runBaseline(session, lattice),
    () => timed(() => graph.resolve({ roots: [lattice.root], direction: 'dependents', maxDistance })))
  for (const pair of pairs) {
    const [ours] = pair.ours.value
    if (ours === undefined) throw new Error(`${name}: ours returned no result for the root`)
    verifyOurs(name, lattice, ours)
    verifyBaseline(name, lattice, pair.baseline, ours)
  }
  const runs = pairs.map(pair => pair.baseline)
  const comparison = pairedComparison(`lattice-${lattice.layers}x${lattice.width}`, `recursive dependents of the ${name} root`, {
    baseline: '(a) path-enumerating CTE, once, every row to the client',
    ours: `resolve(), one call, max_distance ${maxDistance}`
  }, pairs.map(pair => ({
    // A stopped run counts at the cap: the ratio is then a lower bound.
    baseline: { ms: pair.baseline.outcome.timedOut ? statementTimeoutMs : pair.baseline.outcome.ms, timedOut: pair.baseline.outcome.timedOut },
    ours: pair.ours.ms
  })), describe(lattice, runs, maxDistance, statementTimeoutMs))
  return {
    ...comparison,
    layers: lattice.layers,
    width: lattice.width,
    edges: lattice.dependencyIds.size,
    paths: latticePathCount(lattice.layers, lattice.width),
    statement_timeout_ms: statementTimeoutMs,
    baseline_runs: runs.map(({ outcome }) => ({ timed_out: outcome.timedOut, rows: outcome.rows, ended_ms: outcome.ms }))
  }
}
