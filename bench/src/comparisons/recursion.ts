import type pg from 'pg'
import type { DependencyGraph, RecordRef, Resolution } from '@incident-intel/dependency-graph'
import { runOrDirectLoop } from '../baselines/or-direct-dependencies.js'
import { runPathEnumeratingLoop, type PathRow } from '../baselines/path-enumerating-cte.js'
import { assertSameSet, edgeKey, pairedComparison, type PairedComparison } from '../comparison.js'
import { log } from '../log.js'
import { interleave, timed } from '../stats.js'

/**
 * Checks ours against the analysis's CTE for one root: within maxDistance the same edges at the
 * same (shortest) distances, and `truncated` exactly when the CTE reached an edge beyond it.
 */
function verifyRoot (root: RecordRef, paths: readonly PathRow[], ours: Resolution, maxDistance: number): void {
  const shortest = new Map<string, number>()
  for (const row of paths) {
    const key = edgeKey(row)
    shortest.set(key, Math.min(shortest.get(key) ?? Number.POSITIVE_INFINITY, row.dependency_distance))
  }
  const within = [...shortest].filter(([, d]) => d <= maxDistance).map(([key, d]) => `${key}@${d}`)
  assertSameSet(`root ${root.id}: edges@distance of the analysis's CTE and ours`, within,
    ours.edges.map(edge => `${edgeKey(edge)}@${edge.dependency_distance}`))
  const beyond = [...shortest.values()].some(d => d > maxDistance)
  if (ours.truncated !== beyond) throw new Error(`root ${root.id}: truncated is ${ours.truncated}, the CTE reached ${beyond ? 'edges' : 'no edge'} beyond ${maxDistance}`)
}

export interface RecursionOptions {
  session: pg.Client
  graph: DependencyGraph
  roots: readonly RecordRef[]
  rootCounts: readonly number[]
  iterations: readonly number[]
  maxDistance: number
  statementTimeoutMs: number
}

export async function compareRecursion (options: RecursionOptions): Promise<{ recursive: PairedComparison[], direct: PairedComparison[] }> {
  const { session, graph, maxDistance } = options
  const recursive: PairedComparison[] = []
  const direct: PairedComparison[] = []
  for (const [index, count] of options.rootCounts.entries()) {
    const roots = options.roots.slice(0, count)
    if (roots.length !== count) throw new Error(`${count} diamond roots wanted, the data set has ${options.roots.length}`)
    const iterations = options.iterations[index]!
    log(`recursion, ${count} root(s): ${iterations} interleaved pairs, the analysis's CTE per root vs one call`)
    const pairs = await interleave(iterations,
      (i) => runPathEnumeratingLoop(session, roots, i === 0),
      () => timed(() => graph.resolve({ roots: [...roots], direction: 'dependents', maxDistance })))
    // Every run checks the first pair: each root the CTE finished must agree edge for edge.
    const { baseline: outcome, ours: first } = pairs[0]!
    outcome.rows.forEach((rows, i) => verifyRoot(roots[i]!, rows, first.value[i]!, maxDistance))
    const edges = first.value.reduce((sum, r) => sum + r.edges.length, 0)
    const truncated = first.value.filter(r => r.truncated).length
    const paths = outcome.rows.reduce((sum, rows) => sum + rows.length, 0)
    const verified = outcome.timedOut
      ? `the CTE timed out at ${options.statementTimeoutMs / 1000} s after ${outcome.rootsDone} root(s), which agree with ours; ours: ${edges} edges, ${truncated} root(s) truncated at ${maxDistance}`
      : `same edges at the same distances for all ${count} root(s): ours ${edges} edges (${truncated} root(s) truncated at ${maxDistance}), the CTE ${paths} path rows`
    recursive.push(pairedComparison(`recursion-${count}`, `recursive dependents of ${count} diamond root(s)`, {
      baseline: `(a) path-enumerating CTE, once per root${count > 1 ? ` (${count} statements)` : ''}`,
      ours: `resolve(), one statement, max_distance ${maxDistance}`
    }, pairs.map(pair => ({ baseline: pair.baseline, ours: pair.ours.ms })), verified))

    log(`direct dependencies, ${count} root(s): ${iterations} interleaved pairs, the OR query per record vs one call`)
    const directPairs = await interleave(iterations,
      () => timed(() => runOrDirectLoop(session, roots)),
      () => timed(() => graph.direct([...roots])))
    const firstDirect = directPairs[0]!
    roots.forEach((root, i) => {
      const ours = firstDirect.ours.value[i]!
      assertSameSet(`root ${root.id}: direct edges of the OR query and ours`,
        firstDirect.baseline.value[i]!.map(edge => edge.dependency_id),
        [...ours.blockers, ...ours.dependents].map(edge => edge.dependency_id))
    })
    const directEdges = firstDirect.ours.value.reduce((sum, r) => sum + r.blockers.length + r.dependents.length, 0)
    direct.push(pairedComparison(`direct-${count}`, `direct dependencies of ${count} diamond root(s)`, {
      baseline: `(b) OR query, once per record${count > 1 ? ` (${count} statements)` : ''}`,
      ours: 'direct(), one statement, two index lookups'
    }, directPairs.map(pair => ({ baseline: { ms: pair.baseline.ms, timedOut: false }, ours: pair.ours.ms })),
    `same ${directEdges} direct edges for all ${count} root(s)`))
  }
  return { recursive, direct }
}
