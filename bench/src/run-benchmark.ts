import { parseArgs } from 'node:util'
import { createTeardowns, type Teardowns } from '@incident-intel/test-support'
import { log } from './log.js'

/**
 * A benchmark script's entry: `--quick` and `--json` parsed, the report printed as markdown (or
 * JSON), teardowns run on success, failure, SIGINT and SIGTERM; exit code 1 when it failed.
 */
export async function runBenchmark<Report> (
  main: (quick: boolean, teardowns: Teardowns) => Promise<Report>,
  format: (report: Report) => string
): Promise<void> {
  // `pnpm run x -- --quick` hands the script a literal `--`.
  const args = process.argv.slice(2).filter(arg => arg !== '--')
  const { values } = parseArgs({ args, options: { quick: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } } })
  const teardowns = createTeardowns()
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => { teardowns.run().finally(() => process.exit(130)) })
  }
  try {
    const report = await main(values.quick, teardowns)
    console.log(values.json ? JSON.stringify(report, null, 2) : format(report))
  } catch (error) {
    process.exitCode = 1
    console.error(error)
  } finally {
    await teardowns.run()
    log('done')
  }
}
