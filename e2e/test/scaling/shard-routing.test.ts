import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { collectStatements } from '../helpers/service-statements.js'
import { checkStatements, routingVerdict, type ScalingPlan } from '../helpers/shard-routing.js'

const DISTRIBUTED = new Set(['incidents.incidents', 'incidents.outages', 'dependencies.dependencies'])
const verdict = (sql: string) => routingVerdict(sql, DISTRIBUTED)

t.test('a statement is single-shard when each distributed table it reads is pinned to one organization', async t => {
  t.strictSame(verdict('select * from incidents.incidents where organization_id = $1 and incident_id = $2'),
    { tables: ['incidents.incidents'], unpinned: [] })
  t.strictSame(verdict("select * from incidents.incidents i where i.organization_id = $1::uuid and i.status <> 'resolved'"),
    { tables: ['incidents.incidents'], unpinned: [] })
  // A join on organization_id carries the pin; LATERAL and EXISTS subqueries see the outer row.
  t.strictSame(verdict(`select * from incidents.incidents i
      join incidents.outages o on o.organization_id = i.organization_id and o.incident_id = i.incident_id
     where i.organization_id = $1`), { tables: ['incidents.incidents', 'incidents.outages'], unpinned: [] })
  t.strictSame(verdict(`select * from incidents.incidents i, lateral (
      select count(*) from dependencies.dependencies d where d.organization_id = i.organization_id and d.blocker_id = i.incident_id) n
     where i.organization_id = $1`).unpinned, [])
  t.strictSame(verdict('insert into incidents.outages (incident_id, organization_id) values ($1, $2::uuid) returning outage_id'),
    { tables: ['incidents.outages'], unpinned: [] })
  t.strictSame(verdict('insert into incidents.outages (incident_id, organization_id) select incident_id, organization_id from incidents.incidents where organization_id = $1').unpinned, [])
  t.strictSame(verdict(`select incident_id from incidents.incidents where organization_id = $1
    union all select incident_id from incidents.outages where organization_id = $1`).unpinned, [])
  t.strictSame(verdict('select * from assets.asset_types where asset_type_id = $1'), { tables: [], unpinned: [] })
})

t.test('planted statements that name no single organization are caught', async t => {
  t.strictSame(verdict('select * from incidents.incidents where incident_id = $1').unpinned, ['incidents.incidents'])
  // Optional scoping, a list of organizations, a predicate under OR or NOT: any number of shards.
  t.strictSame(verdict('select * from incidents.incidents where incident_id = $1 and ($2::uuid[] is null or organization_id = any($2::uuid[]))').unpinned, ['incidents.incidents'])
  t.strictSame(verdict('select * from incidents.incidents where organization_id = any($1::uuid[])').unpinned, ['incidents.incidents'])
  t.strictSame(verdict('select * from incidents.incidents where organization_id = $1 or incident_id = $2').unpinned, ['incidents.incidents'])
  // One pinned table does not pin another joined by incident alone.
  t.strictSame(verdict(`select * from incidents.incidents i join incidents.outages o on o.incident_id = i.incident_id
     where i.organization_id = $1`).unpinned, ['incidents.outages'])
  t.strictSame(verdict(`select * from incidents.incidents i where i.organization_id = $1
       and exists (select from dependencies.dependencies d where d.blocker_id = i.incident_id)`).unpinned, ['dependencies.dependencies'])
  t.strictSame(verdict('update incidents.outages set deleted = now() where outage_id = $1').unpinned, ['incidents.outages'])
  t.strictSame(verdict('insert into incidents.outages (incident_id, organization_id) select * from unnest($1::uuid[], $2::uuid[])').unpinned, ['incidents.outages'])
  t.strictSame(verdict('insert into incidents.outages (incident_id) values ($1)').unpinned, ['incidents.outages'])
  t.strictSame(verdict(`select incident_id from incidents.incidents where organization_id = $1
    union all select incident_id from incidents.outages where incident_id = $2`).unpinned, ['incidents.outages'])
  // The same alias in two scopes is two references: pinning one leaves the other.
  t.strictSame(verdict(`select * from incidents.incidents i where i.organization_id = $1
       and exists (select from incidents.incidents i where i.incident_id = $2)`).unpinned, ['incidents.incidents'])
})

const PLAN: ScalingPlan = {
  placements: new Map([['incidents.incidents', 'distributed']]),
  singleShard: new Set(['find-incident']),
  exceptions: new Map(),
  noDistributedTable: new Set(['take-floor'])
}
const GOOD = [
  { key: 'find-incident', site: 'a.ts:1', text: 'select * from incidents.incidents where organization_id = $1 and incident_id = $2' },
  { key: 'take-floor', site: 'a.ts:2', text: "select nextval('s')" }
]
const BAD = { key: 'find-by-id', site: 'b.ts:7', text: 'select * from incidents.incidents where incident_id = $1' }

t.test('the check fails on a planted statement that is neither single-shard nor a documented exception', async t => {
  t.strictSame(checkStatements(GOOD, PLAN).problems, [])
  t.strictSame(checkStatements([...GOOD, BAD], PLAN).problems, [
    'b.ts:7: find-by-id reads or writes incidents.incidents without an organization_id = <value> predicate, and docs/scaling.md does not list it as an exception'
  ])
  // Listed as an exception, it passes.
  t.strictSame(checkStatements([...GOOD, BAD], { ...PLAN, exceptions: new Map([['find-by-id', { why: 'a lookup by incident id alone', change: 'name the organization' }]]) }).problems, [])
})

t.test('the check fails when docs/scaling.md and the statements disagree in either direction', async t => {
  const stale = checkStatements(GOOD, { ...PLAN, exceptions: new Map([['find-incident', { why: 'no longer true', change: '' }], ['gone', { why: 'removed', change: '' }]]) }).problems
  t.strictSame(stale, [
    'docs/scaling.md lists find-incident as an exception, but it is a single-shard query',
    'docs/scaling.md lists gone as an exception, but no service sends a statement of that name'
  ])
  t.strictSame(checkStatements(GOOD, { ...PLAN, singleShard: new Set(), noDistributedTable: new Set(['take-floor', 'find-incident']) }).problems, [
    'a.ts:1: docs/scaling.md does not list find-incident under "Single-shard statements"',
    'docs/scaling.md lists find-incident under "Statements that touch no distributed table", but it does not belong there'
  ])
  const renamed = [GOOD[0]!, { ...GOOD[0]!, site: 'c.ts:3', text: 'select * from incidents.incidents where incident_id = $1' }]
  t.match(checkStatements(renamed, PLAN).problems, ['c.ts:3: two different statements are both called find-incident', /^c\.ts:3: find-incident reads/])
})

t.test('statements are read from the source: named configs, constants, templates, helpers and run-time picks', async t => {
  const directory = await mkdtemp(join(tmpdir(), 'statements-'))
  t.teardown(() => rm(directory, { recursive: true, force: true }))
  await writeFile(join(directory, 'columns.ts'), "export const COLUMNS = 'i.incident_id, i.title'\n")
  await writeFile(join(directory, 'queries.ts'), `
import { COLUMNS } from './columns.js'
const where = (alias: string, column = 'incident_id') => \`\${alias}.\${column} = $1\`
const FIND = \`select \${COLUMNS} from incidents.incidents i where \${where('i')}\`
const BY: Record<string, { name: string, text: string }> = {
  one: { name: 'by-one', text: 'select 1' },
  two: { name: 'by-two', text: \`select \${COLUMNS} from incidents.incidents i\` }
}
export async function find (db: any, id: string, which: string) {
  await db.query(FIND, [id])
  await db.query({ name: 'named', text: \`\${FIND} and i.organization_id = $2\`, values: [id] })
  await db.query({ ...BY[which], values: [] })
}
`)
  const found = collectStatements(directory, ['queries.ts'])
  t.strictSame(found.map(({ key, site, text }) => ({ key, site, text })), [
    { key: 'FIND', site: 'queries.ts:10', text: 'select i.incident_id, i.title from incidents.incidents i where i.incident_id = $1' },
    { key: 'named', site: 'queries.ts:11', text: 'select i.incident_id, i.title from incidents.incidents i where i.incident_id = $1 and i.organization_id = $2' },
    { key: 'by-one', site: 'queries.ts:12', text: 'select 1' },
    { key: 'by-two', site: 'queries.ts:12', text: 'select i.incident_id, i.title from incidents.incidents i' }
  ])
  // A text the source cannot tell (built from a run-time value) fails the collection, naming its call.
  await writeFile(join(directory, 'dynamic.ts'), "export const run = (db: any, table: string) => db.query('select * from ' + table)\n")
  t.throws(() => collectStatements(directory, ['dynamic.ts']), { message: /^dynamic\.ts:1: the statement's text cannot be read from the source \(table is not a constant/ })
})
