import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { createTestDatabase } from '@incident-intel/test-support'
import type { DemoDataSummary } from '../src/index.js'

// The compiled CLI: `pnpm build` at the repo root must have run.
const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url))
const ARGS = ['--organizations', '2', '--current-incidents', '10', '--json']

const { pool, url } = await createTestDatabase(t)

function cli (args: string[], env: Record<string, string> = {}): Promise<{ code: number, stdout: string, stderr: string }> {
  const { DATABASE_URL, ...inherited } = process.env
  return new Promise(resolve => {
    execFile(process.execPath, [CLI, ...args], { env: { ...inherited, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr })
    })
  })
}

async function tableCounts (tables: string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const table of tables) {
    const { rows } = await pool.query<{ count: number }>(`select count(*)::int as count from ${table}`)
    counts[table] = rows[0]!.count
  }
  return counts
}

const withoutTiming = ({ elapsedMs, ...rest }: DemoDataSummary) => rest

t.test('loads the data set asked and prints its summary as JSON', async t => {
  const run = await cli(ARGS, { DATABASE_URL: url })
  t.equal(run.code, 0, 'exits 0', { stderr: run.stderr })
  const summary = JSON.parse(run.stdout) as DemoDataSummary
  t.equal(summary.seed, 1)
  t.same(summary.organizations.map(o => [o.name, o.current_incidents]), [['City of Austin Utilities', 10], ['Gulf Coast Power & Light', 50]])
  t.same(await tableCounts(Object.keys(summary.counts)), summary.counts, 'the counts are the rows in the database')
  const { rows } = await pool.query('select organization_id from organizations.organizations order by created')
  t.same(rows.map(row => row.organization_id), summary.organizations.map(o => o.organization_id))
  t.same([summary.regions.diamondRoots.length, summary.regions.chainRoots.length, summary.regions.cycleMembers.length], [100, 5, 12],
    'the default regions')
  t.match(run.stderr, /^demo-data: incidents\.incidents: 72 in \d+ ms$/m, 'one line per stage when stderr is not a terminal')

  const again = await cli(ARGS, { DATABASE_URL: url })
  t.equal(again.code, 1)
  t.equal(again.stdout, '')
  t.match(again.stderr, /the demo data of seed 1 is already in .* \(2 organizations, the first [0-9a-f-]{36}\); nothing changed\. Run with --replace/)
  t.same(await tableCounts(Object.keys(summary.counts)), summary.counts, 'nothing changed')

  const replaced = await cli([...ARGS, '--replace'], { DATABASE_URL: url })
  t.equal(replaced.code, 0, 'exits 0', { stderr: replaced.stderr })
  t.same(withoutTiming(JSON.parse(replaced.stdout) as DemoDataSummary), { ...withoutTiming(summary), counts: { ...summary.counts, 'assets.asset_types': 0 } },
    'the same data set again (asset types were there already)')
  t.match(replaced.stderr, /^demo-data: removed the 2 organizations of seed 1 in \d+ ms$/m)
  t.same(await tableCounts(['organizations.organizations', 'incidents.incidents']),
    { 'organizations.organizations': 2, 'incidents.incidents': summary.counts['incidents.incidents'] })
})

t.test('prints a readable summary without --json', async t => {
  const run = await cli(['--seed', '2', '--organizations', '1', '--current-incidents', '3'], { DATABASE_URL: url })
  t.equal(run.code, 0, 'exits 0', { stderr: run.stderr })
  t.match(run.stdout, /^Loaded the demo data of seed 2 into postgres:\/\/.* in \d+\.\d s\.$/m)
  t.match(run.stdout, /^ {2}[0-9a-f-]{36} +3 {2}City of Austin Utilities$/m)
  t.match(run.stdout, /^ {2}incidents\.incidents +4$/m, 'three current incidents and a fifth as many resolved, rounded')
  t.match(run.stdout, /organization_id=[0-9a-f-]{36}"$/m)
})

t.test('--shape production loads the analysis\'s large customer alone', async t => {
  const run = await cli(['--shape', 'production', '--seed', '9', '--current-incidents', '5', '--json'], { DATABASE_URL: url })
  t.equal(run.code, 0, 'exits 0', { stderr: run.stderr })
  const summary = JSON.parse(run.stdout) as DemoDataSummary
  t.same(summary.organizations.map(o => o.current_incidents), [5], 'one organization')
  t.equal(summary.counts['incidents.incidents'], 10, 'as many resolved as current')
  t.equal(summary.regions.latticeGateways.length, summary.regions.latticeIncidents.length)
  t.same([summary.regions.diamondRoots.length, summary.regions.chainRoots.length, summary.regions.cycleMembers.length], [0, 0, 0], 'lattices, no other regions')
})

t.test('exits 2 on bad flags, before touching the database', async t => {
  const unreachable = { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere' }
  for (const [args, message] of [
    [['--organizations', '0'], "--organizations must be an integer from 1 up, got '0'"],
    [['--seed', 'abc'], "--seed must be an integer from 0 to 2147483647, got 'abc'"],
    [['--current-incidents=-3'], "--current-incidents must be an integer from 0 up, got '-3'"],
    [['--bogus'], "Unknown option '--bogus'"],
    [['--shape', 'huge'], "--shape must be demo or production, got 'huge'"],
    [['--json', 'extra'], "Unexpected argument 'extra'"]
  ] as const) {
    const run = await cli([...args], unreachable)
    t.equal(run.code, 2, args.join(' '))
    t.match(run.stderr, message)
    t.match(run.stderr, /usage: demo-data/)
  }
  const help = await cli(['--help'], unreachable)
  t.same([help.code, help.stderr], [0, ''])
  t.match(help.stdout, /^usage: demo-data/)
})

t.test('exits 1 with the reason when the database cannot be reached', async t => {
  const run = await cli(['--organizations', '1'], { DATABASE_URL: 'postgres://postgres:secret@127.0.0.1:1/nowhere' })
  t.equal(run.code, 1)
  t.match(run.stderr, /^demo-data: postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/nowhere: .*ECONNREFUSED/m)
})
