import { readFileSync } from 'node:fs'
import { parseSync } from 'libpg-query'
import t from 'tap'
import { REPO_ROOT } from '../helpers/compose-dockerfile.js'
import { STATEMENT_ROOTS, collectStatements, sourceFilesUnder } from '../helpers/service-statements.js'
import { checkStatements, parseScalingPlan } from '../helpers/shard-routing.js'

// docs/scaling.md is the plan; this file holds the services' code and the schema to it.
const plan = parseScalingPlan(readFileSync(`${REPO_ROOT}docs/scaling.md`, 'utf8'))
const statements = collectStatements(REPO_ROOT, sourceFilesUnder(REPO_ROOT, STATEMENT_ROOTS))

/** Every table and view ddl/ creates, by the manifest's files, read by PostgreSQL's parser. */
function ddlRelations (): string[] {
  const manifest = readFileSync(`${REPO_ROOT}ddl/app/manifest.txt`, 'utf8').split('\n').filter(line => line !== '' && !line.startsWith('#'))
  return manifest.flatMap(file => (parseSync(readFileSync(`${REPO_ROOT}ddl/app/${file}`, 'utf8')).stmts ?? []).flatMap(({ stmt }) => {
    const created = stmt as Record<string, { relation?: { schemaname?: string, relname?: string }, view?: { schemaname?: string, relname?: string } }>
    const relation = created.CreateStmt?.relation ?? created.ViewStmt?.view
    return relation ? [`${relation.schemaname}.${relation.relname}`] : []
  })).sort()
}

t.test('docs/scaling.md places every table and view of ddl/, and nothing else', async t => {
  t.strictSame([...plan.placements.keys()].filter(name => !name.startsWith('migrations.')).sort(), ddlRelations())
  // The organization's tables are distributed and co-located; what every node needs whole is a reference table.
  t.equal(plan.placements.get('incidents.incidents'), 'distributed')
  t.equal(plan.placements.get('assets.asset_types'), 'reference')
})

t.test('the statements are found in the services\' code, each with its text', async t => {
  const keys = new Set(statements.map(statement => statement.key))
  for (const key of ['find-incident-documents', 'find-organization-documents', 'dependency-graph/resolve-dependents', 'dependency-graph/resolve-blockers',
    'intel-requests/find-intel-requests', 'INSERT_INCIDENT', 'LIST_INTEL_REQUESTS', 'claim-incident-refreshes']) {
    t.ok(keys.has(key), key)
  }
  t.ok(statements.every(statement => statement.text.trim() !== ''))
})

t.test('every statement that touches a distributed table is single-shard or a documented exception, and docs/scaling.md lists each where it belongs', async t => {
  const { verdicts, problems } = checkStatements(statements, plan)
  t.strictSame(problems, [])
  // Every exception says why and what would make it single-shard.
  for (const [key, { why, change }] of plan.exceptions) t.ok(why !== '' && change !== '', `${key} says why, and what would change it`)
  t.equal(new Set(verdicts.map(verdict => verdict.key)).size, plan.singleShard.size + plan.exceptions.size + plan.noDistributedTable.size)
})
