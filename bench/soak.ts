/*
 * The soak: both services as child processes over a private, seeded database and a Redis key
 * prefix of their own, under a mixed read/write load for minutes; then the cache is checked
 * against PostgreSQL. Prints a Markdown report (JSON with --json); exits 1 on any error or a wrong
 * cache, 2 on a bad option.
 */
import { parseArgs } from 'node:util'
import { runMain } from './src/run-benchmark.js'
import { formatReport } from './src/soak/report.js'
import { runSoak } from './src/soak/run-soak.js'

const USAGE = `pnpm soak [-- options]
  --duration <s>      seconds of load after the warm-up (default 180, at most 1800)
  --concurrency <n>   requests in flight at once (default 16, at most 256)
  --incidents <n>     current incidents in the seeded data (default 500, 10..20000)
  --instances <n>     processes of each service (default 1, at most 4); more than one go behind a
                      loopback round-robin balancer per service, and every incidents-api drains the queue
  --json              print the report as JSON (every figure, and each service's RSS every second)
  --help`

const LIMITS = { duration: [1, 1800], concurrency: [1, 256], incidents: [10, 20_000], instances: [1, 4] } as const

let values
try {
  values = parseArgs({
    args: process.argv.slice(2).filter(arg => arg !== '--'),
    options: {
      duration: { type: 'string', default: '180' },
      concurrency: { type: 'string', default: '16' },
      incidents: { type: 'string', default: '500' },
      instances: { type: 'string', default: '1' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false }
    }
  }).values
  if (values.help) {
    console.log(USAGE)
    process.exit(0)
  }
  for (const [flag, [min, max]] of Object.entries(LIMITS)) {
    const value = Number(values[flag as keyof typeof LIMITS])
    if (!Number.isInteger(value) || value < min || value > max) throw new Error(`--${flag} must be an integer from ${min} to ${max}, not ${JSON.stringify(values[flag as keyof typeof LIMITS])}`)
  }
} catch (error) {
  console.error(`${(error as Error).message}\n\n${USAGE}`)
  process.exit(2)
}

const { duration, concurrency, incidents, instances, json } = values
await runMain(async (teardowns) => {
  const report = await runSoak({ durationSeconds: Number(duration), concurrency: Number(concurrency), incidents: Number(incidents), instances: Number(instances) }, teardowns)
  console.log(json ? JSON.stringify(report, null, 2) : formatReport(report))
  return report.passed
})
