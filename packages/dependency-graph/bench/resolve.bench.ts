/*
 * Benchmark of our recursive dependency resolution: prints numbers, asserts nothing about time.
 * The analysis's designs are measured against ours in the bench/ workspace package, not here.
 *   pnpm bench [--quick] [--json]
 * --quick: few iterations (CI smoke run). --json: the report as JSON on stdout (the table then
 * goes to stderr). Runs in a private database that it drops at the end, on error and on SIGINT.
 */
import { parseArgs } from 'node:util'
import { createTestDatabase } from '@incident-intel/test-support'
import { createDependencyGraph } from '../src/index.js'
import { log } from './log.js'
import { buildFixtures } from './fixtures.js'
import { computeRatios, describeMachine, formatReport, type Report } from './report.js'
import { runTasks, type Settings } from './tasks.js'
import { createTeardowns, type Teardowns } from '@incident-intel/test-support'
import { verifyResults } from './verify.js'

const REGION_ROOTS = 500
const FULL: Settings = { iterations: 200, warmupIterations: 20 }
const QUICK: Settings = { iterations: 3, warmupIterations: 1 }

function parseOptions () {
  // `pnpm bench -- --quick` hands the script a literal `--`; drop it so the flags still parse.
  const args = process.argv.slice(2).filter(arg => arg !== '--')
  const { values } = parseArgs({
    args,
    options: {
      quick: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false }
    }
  })
  return { quick: values.quick, json: values.json }
}

async function main (options: { quick: boolean, json: boolean }, teardowns: Teardowns, signal: AbortSignal): Promise<void> {
  const settings = options.quick ? QUICK : FULL
  log('creating a private database')
  const { pool } = await createTestDatabase(teardowns)
  log(`building fixtures: lattice 10x5, ${REGION_ROOTS} roots with their regions`)
  const fixtures = await buildFixtures(pool, REGION_ROOTS)
  const graph = createDependencyGraph({ pool })

  log('verifying every measured call returns the right answer')
  const verified = await verifyResults(graph, fixtures)

  log(`timing ${settings.iterations} iterations per task after ${settings.warmupIterations} warm-up`)
  const tasks = await runTasks(graph, fixtures, verified, settings, signal)

  const report: Report = {
    mode: options.quick ? 'quick' : 'full',
    settings,
    machine: await describeMachine(pool),
    tasks,
    ratios: computeRatios(tasks, REGION_ROOTS)
  }
  if (options.json) {
    console.error(formatReport(report))
    console.log(JSON.stringify(report, null, 2))
  } else {
    console.log(formatReport(report))
  }
}

const options = parseOptions()
const teardowns = createTeardowns()
const abort = new AbortController()

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: dropping the benchmark database`)
    abort.abort()
    teardowns.run().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143))
  })
}

try {
  await main(options, teardowns, abort.signal)
} catch (error) {
  process.exitCode = 1
  if (!abort.signal.aborted) console.error(error)
} finally {
  log('dropping the benchmark database')
  await teardowns.run()
  log('done')
}
