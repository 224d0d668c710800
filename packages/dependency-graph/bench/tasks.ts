import { Bench } from 'tinybench'
import type { DependencyGraph } from '../src/index.js'
import { log } from './log.js'
import type { Fixtures } from './fixtures.js'
import type { VerifiedResults } from './verify.js'

export interface Settings {
  iterations: number
  warmupIterations: number
}

export interface TaskTiming {
  id: string
  name: string
  iterations: number
  median_ms: number
  p99_ms: number
  min_ms: number
  mean_ms: number
  result: string
}

interface TaskDefinition {
  id: string
  name: string
  result: string
  fn: () => Promise<unknown>
}

function definitions (graph: DependencyGraph, fixtures: Fixtures, verified: VerifiedResults): TaskDefinition[] {
  const { lattice, regionRoots } = fixtures
  const latticeRoot = [lattice.node.root!]
  const single = [regionRoots[0]!]
  return [
    {
      id: '1',
      name: 'lattice 10x5, 1 root, max_distance 10',
      result: verified.lattice10,
      fn: () => graph.resolve({ roots: latticeRoot, direction: 'dependents', maxDistance: 10 })
    },
    {
      id: '2',
      name: 'lattice 10x5, 1 root, max_distance 5 (default)',
      result: verified.lattice5,
      fn: () => graph.resolve({ roots: latticeRoot, direction: 'dependents' })
    },
    {
      id: '3',
      name: `${regionRoots.length} roots, ONE call`,
      result: verified.batch,
      fn: () => graph.resolve({ roots: regionRoots, direction: 'dependents' })
    },
    {
      id: '4',
      name: `${regionRoots.length} roots, one call per root, sequential`,
      result: verified.loop,
      fn: async () => {
        for (const root of regionRoots) await graph.resolve({ roots: [root], direction: 'dependents' })
      }
    },
    {
      id: '5',
      name: `1 root of the ${regionRoots.length}, one call`,
      result: verified.single,
      fn: () => graph.resolve({ roots: single, direction: 'dependents' })
    }
  ]
}

/** Runs every task warm, one after another, with exactly `settings.iterations` timed calls each. */
export async function runTasks (
  graph: DependencyGraph, fixtures: Fixtures, verified: VerifiedResults,
  settings: Settings, signal: AbortSignal
): Promise<TaskTiming[]> {
  const bench = new Bench({
    iterations: settings.iterations,
    time: 0,
    warmupIterations: settings.warmupIterations,
    warmupTime: 0,
    throws: true,
    signal
  })
  const tasks = definitions(graph, fixtures, verified)
  for (const task of tasks) bench.add(task.name, task.fn)
  bench.addEventListener('cycle', (event) => log(`  measured ${event.task.name}`))
  await bench.run()

  return tasks.map((task): TaskTiming => {
    const { result } = bench.getTask(task.name)!
    if (result.state !== 'completed') throw new Error(`${task.name}: ${result.state}`)
    const { latency } = result
    return {
      id: task.id,
      name: task.name,
      iterations: latency.samplesCount,
      median_ms: latency.p50,
      p99_ms: latency.p99,
      min_ms: latency.min,
      mean_ms: latency.mean,
      result: task.result
    }
  })
}
