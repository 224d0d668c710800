import { parseArgs } from 'node:util'
import { createTeardowns, type Teardowns } from '@incident-intel/test-support'
import { log } from './log.js'

/**
 * A script's body with its teardowns run on success, failure, SIGINT and SIGTERM; exit code 1
 * when it threw or answered false, 130 when interrupted.
 */
export async function runMain (body: (teardowns: Teardowns) => Promise<boolean>): Promise<void> {
  const teardowns = createTeardowns()
  // `on`, not `once`: the same signal can come twice (the terminal's to the process group, then
  // tsx relaying it), and a second one without a listener would end the process mid-cleanup.
  let stopping = false
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return
      stopping = true
      log(`${signal}: stopping, dropping the database, deleting the Redis keys`)
      teardowns.run().finally(() => process.exit(130))
    })
  }
  try {
    process.exitCode = await body(teardowns) ? 0 : 1
  } catch (error) {
    if (!stopping) console.error(error)
    process.exitCode = 1
  } finally {
    await teardowns.run()
    log('cleaned up')
  }
}

/** A benchmark script's entry: `--quick` and `--json` parsed, the report printed as markdown (or JSON). */
export async function runBenchmark<Report> (
  main: (quick: boolean, teardowns: Teardowns) => Promise<Report>,
  format: (report: Report) => string
): Promise<void> {
  // `pnpm run x -- --quick` hands the script a literal `--`.
  const args = process.argv.slice(2).filter(arg => arg !== '--')
  const { values } = parseArgs({ args, options: { quick: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } } })
  await runMain(async (teardowns) => {
    const report = await main(values.quick, teardowns)
    console.log(values.json ? JSON.stringify(report, null, 2) : format(report))
    return true
  })
}
