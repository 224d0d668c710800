import { parseArgs } from 'node:util'

export interface SoakOptions {
  durationSeconds: number
  concurrency: number
  /** Total requests per second across the workers; undefined: as fast as they answer. */
  rate: number | undefined
  /** Current incidents in the seeded data set. */
  incidents: number
  /** Where to write the JSON report, if anywhere. */
  json: string | undefined
}

export const USAGE = `pnpm soak [-- options]
  --duration <s>      seconds of load after the warm-up (default 180, at most 1800)
  --concurrency <n>   requests in flight at once (default 16, at most 256)
  --rate <n>          cap on requests per second in total (default: none)
  --incidents <n>     current incidents in the seeded data (default 500, 10..20000)
  --json <file>       also write the report as JSON
  --help`

/** The command line, validated; throws a message naming the wrong flag. */
export function parseSoakOptions (argv: string[]): SoakOptions | 'help' {
  const { values } = parseArgs({
    args: argv.filter(arg => arg !== '--'),
    options: {
      duration: { type: 'string', default: '180' },
      concurrency: { type: 'string', default: '16' },
      rate: { type: 'string' },
      incidents: { type: 'string', default: '500' },
      json: { type: 'string' },
      help: { type: 'boolean', default: false }
    },
    strict: true,
    allowPositionals: false
  })
  if (values.help) return 'help'
  return {
    durationSeconds: integer('--duration', values.duration, 1, 1800),
    concurrency: integer('--concurrency', values.concurrency, 1, 256),
    rate: values.rate === undefined ? undefined : integer('--rate', values.rate, 1, 100_000),
    incidents: integer('--incidents', values.incidents, 10, 20_000),
    json: values.json
  }
}

function integer (flag: string, text: string, min: number, max: number): number {
  const value = Number(text)
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${flag} must be an integer from ${min} to ${max}, not ${JSON.stringify(text)}`)
  }
  return value
}
