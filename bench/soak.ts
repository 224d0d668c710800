/*
 * The soak: both services as child processes over a private, seeded database and a Redis key
 * prefix of their own, under a mixed read/write load for minutes; then the cache is checked
 * against PostgreSQL. Prints a Markdown report; exits 1 on any error or a wrong cache, 2 on a bad option.
 */
import { writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { log } from './src/log.js'
import { runMain } from './src/run-benchmark.js'
import { formatReport } from './src/soak/report.js'
import { runSoak } from './src/soak/run-soak.js'

const USAGE = `pnpm soak [-- options]
  --duration <s>      seconds of load after the warm-up (default 180, at most 1800)
  --concurrency <n>   requests in flight at once (default 16, at most 256)
  --rate <n>          cap on requests per second in total (default: none)
  --incidents <n>     current incidents in the seeded data (default 500, 10..20000)
  --instances <n>     processes of each service (default 1, at most 4); more than one go behind a
                      loopback round-robin balancer per service, and every incidents-api drains the queue
  --json <file>       also write the report as JSON
  --help`

function integer (flag: string, text: string, min: number, max: number): number {
  const value = Number(text)
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`--${flag} must be an integer from ${min} to ${max}, not ${JSON.stringify(text)}`)
  return value
}

let options
let json: string | undefined
try {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter(arg => arg !== '--'),
    options: {
      duration: { type: 'string', default: '180' },
      concurrency: { type: 'string', default: '16' },
      rate: { type: 'string' },
      incidents: { type: 'string', default: '500' },
      instances: { type: 'string', default: '1' },
      json: { type: 'string' },
      help: { type: 'boolean', default: false }
    },
    strict: true
  })
  if (values.help) {
    console.log(USAGE)
    process.exit(0)
  }
  json = values.json
  options = {
    durationSeconds: integer('duration', values.duration, 1, 1800),
    concurrency: integer('concurrency', values.concurrency, 1, 256),
    rate: values.rate === undefined ? undefined : integer('rate', values.rate, 1, 100_000),
    incidents: integer('incidents', values.incidents, 10, 20_000),
    instances: integer('instances', values.instances, 1, 4)
  }
} catch (error) {
  console.error(`${(error as Error).message}\n\n${USAGE}`)
  process.exit(2)
}

await runMain(async (teardowns, interrupted) => {
  const report = await runSoak(options, teardowns, log, interrupted)
  console.log(formatReport(report))
  if (json !== undefined) {
    // pnpm runs the script in bench/; a relative path means the caller's directory.
    const file = resolve(process.env.INIT_CWD ?? process.cwd(), json)
    await writeFile(file, `${JSON.stringify(report, null, 2)}\n`)
    log(`JSON report written to ${file}`)
  }
  return report.passed
})
