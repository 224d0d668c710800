#!/usr/bin/env node
import { parseArgs } from 'node:util'
import cliProgress from 'cli-progress'
import { createPool, redactPassword } from '@incident-intel/db'
import {
  DEFAULT_SIZES, DemoDataExistsError, PRODUCTION_SIZES, findDemoOrganizations, removeDemoData, seedDemoData,
  type DemoDataProgress, type DemoDataSummary, type Shape
} from './index.js'

const USAGE = `usage: demo-data [--seed N] [--shape demo|production] [--organizations N] [--current-incidents N]
                 [--small-organization-incidents N] [--replace] [--json]

Loads a deterministic demo data set into $DATABASE_URL
(default postgres://postgres@127.0.0.1:5432/incident_intel; run \`pnpm migrate\` first).

  --seed N                          which data set: the same seed gives the same rows and ids (default ${DEFAULT_SIZES.seed})
  --shape demo|production           demo (default): a mix for trying the API; production: the analysis's large
                                    customer alone (${PRODUCTION_SIZES.currentIncidents} current incidents fanned out as its figures imply,
                                    lattices under its second-level intel requests), the sizes below its defaults
  --organizations N                 organizations in all, the first one large (default ${DEFAULT_SIZES.organizations})
  --current-incidents N             current incidents of the first organization (default ${DEFAULT_SIZES.currentIncidents})
  --small-organization-incidents N  current incidents of each other organization (default ${DEFAULT_SIZES.smallOrganizationIncidents})
  --replace                         remove this seed's organizations (every row of them) first
  --json                            print the summary as JSON
  -h, --help                        print this and exit`

class UsageError extends Error {}

interface Flags {
  seed: number
  shape: Shape
  organizations: number
  currentIncidents: number
  smallOrganizationIncidents: number
  replace: boolean
  json: boolean
  help: boolean
}

function parseFlags (args: string[]): Flags {
  let values
  try {
    ({ values } = parseArgs({
      args,
      options: {
        seed: { type: 'string' },
        shape: { type: 'string' },
        organizations: { type: 'string' },
        'current-incidents': { type: 'string' },
        'small-organization-incidents': { type: 'string' },
        replace: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false }
      }
    }))
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const integer = (flag: string, value: string | undefined, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number => {
    if (value === undefined) return fallback
    const parsed = /^\d+$/.test(value) ? Number(value) : Number.NaN
    if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
      throw new UsageError(`--${flag} must be an integer from ${min}${max === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${max}`}, got '${value}'`)
    }
    return parsed
  }
  const shape = values.shape ?? 'demo'
  if (shape !== 'demo' && shape !== 'production') throw new UsageError(`--shape must be demo or production, got '${shape}'`)
  const defaults = shape === 'production' ? PRODUCTION_SIZES : DEFAULT_SIZES
  return {
    seed: integer('seed', values.seed, defaults.seed, 0, 0x7fffffff),
    shape,
    organizations: integer('organizations', values.organizations, defaults.organizations, 1),
    currentIncidents: integer('current-incidents', values['current-incidents'], defaults.currentIncidents, 0),
    smallOrganizationIncidents: integer('small-organization-incidents', values['small-organization-incidents'], defaults.smallOrganizationIncidents, 0),
    replace: values.replace,
    json: values.json,
    help: values.help
  }
}

/** A bar per stage on a terminal; otherwise one line per finished stage. */
function progressReporter (): { onProgress: DemoDataProgress, stop: () => void } {
  const interactive = process.stderr.isTTY === true
  let stage: string | undefined
  let bar: cliProgress.SingleBar | undefined
  let stageStarted = 0
  const finish = (): void => {
    bar?.stop()
    bar = undefined
    stage = undefined
  }
  return {
    onProgress: ({ stage: name, done, total }) => {
      if (name !== stage) {
        finish()
        stage = name
        stageStarted = performance.now()
        if (interactive) {
          bar = new cliProgress.SingleBar({
            stream: process.stderr,
            format: `${name.padEnd(30)} {bar} {value}/{total}`,
            hideCursor: true
          }, cliProgress.Presets.shades_classic)
          bar.start(total, done)
        }
      }
      bar?.update(done)
      if (done === total) {
        if (!interactive) {
          process.stderr.write(`demo-data: ${name}: ${total} in ${Math.round(performance.now() - stageStarted)} ms\n`)
        }
        finish()
      }
    },
    stop: finish
  }
}

function printSummary (summary: DemoDataSummary, databaseUrl: string): void {
  const lines = [
    `Loaded the demo data of seed ${summary.seed} into ${redactPassword(databaseUrl)} in ${(summary.elapsedMs / 1000).toFixed(1)} s.`,
    '',
    'Organizations (organization_id, current incidents, name):'
  ]
  for (const organization of summary.organizations) {
    lines.push(`  ${organization.organization_id}  ${String(organization.current_incidents).padStart(6)}  ${organization.name}`)
  }
  lines.push('', 'Rows inserted:')
  for (const [table, count] of Object.entries(summary.counts)) {
    lines.push(`  ${table.padEnd(32)} ${String(count).padStart(8)}`)
  }
  const { diamondRoots, chainRoots, cycleMembers, latticeGateways } = summary.regions
  lines.push('', `Dependency regions in the first organization: ${diamondRoots.length} diamond roots, ${chainRoots.length} chains, ` +
    `${cycleMembers.length} intel requests in cycles, ${latticeGateways.length} intel requests above lattices.`)
  const first = summary.organizations[0]
  if (first) {
    lines.push('', 'Try (with `pnpm start` running):', `  curl -s "localhost:3001/incidents/current?organization_id=${first.organization_id}"`)
  }
  console.log(lines.join('\n'))
}

async function main (): Promise<number> {
  let flags: Flags
  try {
    flags = parseFlags(process.argv.slice(2))
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    console.error(`demo-data: ${error.message}\n\n${USAGE}`)
    return 2
  }
  if (flags.help) {
    console.log(USAGE)
    return 0
  }

  const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/incident_intel'
  const pool = createPool({ connectionString: databaseUrl, max: 2, applicationName: 'demo-data' })
  const progress = progressReporter()
  try {
    const existing = await findDemoOrganizations(pool, flags.seed)
    if (existing.length > 0) {
      if (!flags.replace) {
        console.error(`demo-data: the demo data of seed ${flags.seed} is already in ${redactPassword(databaseUrl)} ` +
          `(${existing.length} organizations, the first ${existing[0]}); nothing changed. ` +
          'Run with --replace to remove it and load it again, or pick another --seed.')
        return 1
      }
      const started = performance.now()
      await removeDemoData(pool, flags.seed)
      process.stderr.write(`demo-data: removed the ${existing.length} organizations of seed ${flags.seed} in ${Math.round(performance.now() - started)} ms\n`)
    }
    const summary = await seedDemoData(pool, {
      seed: flags.seed,
      shape: flags.shape,
      organizations: flags.organizations,
      currentIncidents: flags.currentIncidents,
      smallOrganizationIncidents: flags.smallOrganizationIncidents
    }, progress.onProgress)
    progress.stop()
    if (flags.json) {
      console.log(JSON.stringify(summary, null, 2))
    } else {
      printSummary(summary, databaseUrl)
    }
    return 0
  } catch (error) {
    progress.stop()
    if (error instanceof DemoDataExistsError) {
      console.error(`demo-data: ${error.message}; nothing changed. Run with --replace to load it again.`)
    } else {
      console.error(`demo-data: ${redactPassword(databaseUrl)}: ${(error as Error).message}`)
    }
    return 1
  } finally {
    await pool.end()
  }
}

process.exitCode = await main()
