import type pg from 'pg'
import type { DependencyGraph, RecordRef, Resolution } from '@incident-intel/dependency-graph'
import { runOrDirectLoop } from '../baselines/or-direct-dependencies.js'
import { runPathEnumerating } from '../baselines/path-enumerating-cte.js'
import { log } from '../log.js'
import { assertSameSet, edgeKey, interleave, pairedComparison, timed, type PairedComparison } from '../runner.js'

/** Within maxDistance the CTE's edges at their shortest distance are ours, and `truncated` holds exactly when it went beyond. */
function verifyRoot (root: RecordRef, shortest: Map<string, number>, ours: Resolution, maxDistance: number): void {
  const within = [...shortest].filter(([, d]) => d <= maxDistance).map(([key, d]) => `${key}@${d}`)
  assertSameSet(`root ${root.id}: edges@distance of the analysis's CTE and ours`, within,
    ours.edges.map(edge => `${edgeKey(edge)}@${edge.dependency_distance}`))
  const beyond = [...shortest.values()].some(d => d > maxDistance)
  if (ours.truncated !== beyond) throw new Error(`root ${root.id}: truncated is ${ours.truncated}, the CTE reached ${beyond ? 'edges' : 'no edge'} beyond ${maxDistance}`)
}

export interface RecursionCase { id: string, name: string, roots: RecordRef[], pairs: number }

/** (a) The analysis's CTE once per root against one call of ours, each case in interleaved pairs; the first pair checked edge for edge. */
export async function compareRecursion (session: pg.Client, graph: DependencyGraph, cases: readonly RecursionCase[], maxDistance: number): Promise<PairedComparison[]> {
  const results: PairedComparison[] = []
  for (const { id, name, roots, pairs: iterations } of cases) {
    log(`recursion, ${name}: ${iterations} interleaved pairs, the analysis's CTE per root vs one call`)
    const pairs = await interleave(iterations,
      (i) => runPathEnumerating(session, roots, i === 0),
      () => timed(() => graph.resolve({ roots, direction: 'dependents', maxDistance })))
    const { baseline: first, ours } = pairs[0]!
    first.shortest.forEach((shortest, i) => verifyRoot(roots[i]!, shortest, ours.value[i]!, maxDistance))
    const edges = ours.value.reduce((sum, r) => sum + r.edges.length, 0)
    const timedOut = pairs.filter(pair => pair.baseline.timedOut).length
    const verified = `ours ${edges} edges for ${roots.length} root(s), none truncated at ${maxDistance}; the CTE sent ` +
      `${first.rows.toLocaleString('en-US')} path rows${first.timedOut ? ` before its timeout, after ${first.shortest.length} root(s)` : ''}; ` +
      `every root it finished has the same edges at the same distances${timedOut > 0 ? `; ${timedOut} of ${iterations} runs timed out` : ''}`
    results.push(pairedComparison(`recursion-${id}`, name, {
      baseline: `(a) path-enumerating CTE, once per root${roots.length > 1 ? ` (${roots.length} statements)` : ''}`,
      ours: `resolve(), one statement, max_distance ${maxDistance}`
    }, pairs, verified))
  }
  return results
}

/** Ours alone: one call per root, as a per-record loop would make them, against ONE call for all. */
export async function compareBatching (graph: DependencyGraph, roots: RecordRef[], iterations: number, maxDistance: number): Promise<PairedComparison> {
  log(`batching: ${roots.length} roots, one call each vs one call, ${iterations} pairs`)
  const pairs = await interleave(iterations,
    () => timed(async () => { for (const root of roots) await graph.resolve({ roots: [root], direction: 'dependents', maxDistance }) }),
    () => timed(() => graph.resolve({ roots, direction: 'dependents', maxDistance })))
  const alone = await Promise.all(roots.map(root => graph.resolve({ roots: [root], direction: 'dependents', maxDistance })))
  const batch = pairs[0]!.ours.value
  alone.forEach(([result], i) => assertSameSet(`root ${roots[i]!.id}: one call alone and the batch`,
    result!.edges.map(e => e.dependency_id), batch[i]!.edges.map(e => e.dependency_id)))
  return pairedComparison('batching', `${roots.length} gateways: one call of ours per root vs one call for all`,
    { baseline: `resolve() once per root (${roots.length} statements)`, ours: 'resolve(), one statement for all' },
    pairs, 'each root\'s edges the same alone and in the batch')
}

/** Ours alone: the services' default max_distance against the limit on one root, the walk's cost per level. */
export async function compareMaxDistance (graph: DependencyGraph, root: RecordRef, iterations: number, limits: { deep: number, shallow: number }): Promise<PairedComparison> {
  log(`max_distance ${limits.deep} vs ${limits.shallow} on one incident, ${iterations} pairs`)
  const walk = (maxDistance: number) => timed(() => graph.resolve({ roots: [root], direction: 'dependents', maxDistance }))
  const pairs = await interleave(iterations, () => walk(limits.deep), () => walk(limits.shallow))
  const [deep] = pairs[0]!.baseline.value
  const [shallow] = pairs[0]!.ours.value
  const within = deep!.edges.filter(edge => (edge.dependency_distance ?? 0) <= limits.shallow).map(edge => edge.dependency_id)
  assertSameSet(`root ${root.id}: the shallow walk and the deep one's first ${limits.shallow} levels`, within, shallow!.edges.map(edge => edge.dependency_id))
  return pairedComparison('max-distance', `one incident: our walk to max_distance ${limits.deep} vs ${limits.shallow}`,
    { baseline: `resolve(), max_distance ${limits.deep}`, ours: `resolve(), max_distance ${limits.shallow} (the services' default)` },
    pairs,
    `${deep!.edges.length} edges at ${limits.deep}, truncated ${deep!.truncated}; ${shallow!.edges.length} at ${limits.shallow}, truncated ${shallow!.truncated}, the same as the deep walk's first levels`)
}

/** (b) The analysis's OR query once per record against one direct() call. */
export async function compareDirect (session: pg.Client, graph: DependencyGraph, roots: RecordRef[], iterations: number): Promise<PairedComparison> {
  log(`direct dependencies, ${roots.length} record(s): ${iterations} interleaved pairs, the OR query per record vs one call`)
  const pairs = await interleave(iterations, () => timed(() => runOrDirectLoop(session, roots)), () => timed(() => graph.direct(roots)))
  const { baseline, ours } = pairs[0]!
  roots.forEach((root, i) => assertSameSet(`record ${root.id}: direct edges of the OR query and ours`,
    baseline.value[i]!.map(edge => edge.dependency_id), [...ours.value[i]!.blockers, ...ours.value[i]!.dependents].map(edge => edge.dependency_id)))
  const edges = ours.value.reduce((sum, r) => sum + r.blockers.length + r.dependents.length, 0)
  return pairedComparison(`direct-${roots.length}`, `direct dependencies of ${roots.length} intel request(s)`, {
    baseline: `(b) OR query, once per record${roots.length > 1 ? ` (${roots.length} statements)` : ''}`,
    ours: 'direct(), one statement, two index lookups'
  }, pairs, `same ${edges} direct edges for all ${roots.length} record(s)`)
}
