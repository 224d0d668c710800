/*
 * The soak: both services as child processes over a private, seeded database and a Redis key
 * prefix of their own, under a mixed read/write load for minutes; then the cache is checked
 * against PostgreSQL. Prints a Markdown report; exits 1 on any error or a wrong cache.
 *   pnpm soak [-- --duration 180 --concurrency 16 --rate <n> --incidents 500 --json <file>]
 */
import { writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { createTeardowns } from '@incident-intel/test-support'
import { USAGE, parseSoakOptions } from './src/soak/options.js'
import { formatReport } from './src/soak/report.js'
import { runSoak } from './src/soak/run-soak.js'

const started = performance.now()
const log = (line: string) => console.error(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}`)

let options
try {
  options = parseSoakOptions(process.argv.slice(2))
} catch (error) {
  console.error(`${(error as Error).message}\n\n${USAGE}`)
  process.exit(2)
}
if (options === 'help') {
  console.log(USAGE)
  process.exit(0)
}

const teardowns = createTeardowns()
const interrupted = new AbortController()
// `on`, not `once`: the same signal can come twice (the terminal's to the process group, then
// tsx relaying it), and a second one without a listener would end the process mid-cleanup.
let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return
    stopping = true
    log(`${signal}: stopping the services, dropping the database, deleting the Redis keys`)
    interrupted.abort()
    teardowns.run().finally(() => {
      log('cleaned up')
      process.exit(130)
    })
  })
}
try {
  const report = await runSoak(options, teardowns, log, interrupted.signal)
  console.log(formatReport(report))
  if (options.json !== undefined) {
    // pnpm runs the script in bench/; a relative path means the caller's directory.
    const file = resolve(process.env.INIT_CWD ?? process.cwd(), options.json)
    await writeFile(file, `${JSON.stringify(report, null, 2)}\n`)
    log(`JSON report written to ${file}`)
  }
  process.exitCode = report.passed ? 0 : 1
} catch (error) {
  if (!stopping) console.error(error)
  process.exitCode = 1
} finally {
  await teardowns.run()
  log('cleaned up')
}
