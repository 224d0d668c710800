import type pg from 'pg'
import type { Queryable } from '@incident-intel/db'
import { canonicalUuid } from '@incident-intel/schemas'
import { findOrganizationDocuments, type IncidentDocumentRow } from '@incident-intel/incidents-api/sql/incident-documents'
import { FLAT_CURRENT_INCIDENTS_SQL, RELATIONSHIPS, runFlatCurrentIncidents, type FlatDocument } from '../baselines/flat-current-incidents.js'
import { log } from '../log.js'
import { assertSameSet, interleave, pairedComparison, timed } from '../runner.js'

type ExplainNode = Record<'Actual Rows' | 'Shared Hit Blocks' | 'Shared Read Blocks' | 'Temp Read Blocks' | 'Temp Written Blocks', number>

/** What EXPLAIN (ANALYZE, BUFFERS) says of one execution; `rows`: what the plan's top node returned. */
async function explain (db: pg.Client, text: string, values: unknown[]) {
  const { rows } = await db.query<{ 'QUERY PLAN': Array<{ Plan: ExplainNode, 'Execution Time': number }> }>(
    `explain (analyze, buffers, format json) ${text}`, values)
  const [{ Plan: plan, 'Execution Time': executionMs }] = rows[0]!['QUERY PLAN'] as [{ Plan: ExplainNode, 'Execution Time': number }]
  // A node's buffer counts include its children's: the top node's are the statement's.
  return {
    execution_ms: executionMs,
    shared_hit_blocks: plan['Shared Hit Blocks'],
    shared_read_blocks: plan['Shared Read Blocks'],
    temp_read_blocks: plan['Temp Read Blocks'],
    temp_written_blocks: plan['Temp Written Blocks'],
    // (temp read + temp written) × the 8 kB block.
    temp_bytes: (plan['Temp Read Blocks'] + plan['Temp Written Blocks']) * 8192,
    rows: plan['Actual Rows']
  }
}

/** The exact statement (text and values) findOrganizationDocuments sends, to EXPLAIN it. */
async function captureStatement (organizationId: string): Promise<{ text: string, values: unknown[] }> {
  let captured: { text: string, values: unknown[] } | undefined
  const recorder: Queryable = {
    query: async (config: string | pg.QueryConfig, values?: unknown[]) => {
      captured = typeof config === 'string' ? { text: config, values: values ?? [] } : { text: config.text, values: config.values ?? [] }
      return { rows: [], rowCount: 0, command: 'SELECT', oid: 0, fields: [] }
    }
  } as Queryable
  await findOrganizationDocuments(recorder, canonicalUuid(organizationId)!)
  if (captured === undefined) throw new Error('findOrganizationDocuments sent no statement')
  return captured
}

/** The flat join, grouped, must describe the same incidents with the same related records. */
function verify (flat: FlatDocument[], ours: IncidentDocumentRow[]): void {
  assertSameSet('current incident ids of the flat join and the LATERAL query', flat.map(d => d.incident_id), ours.map(r => r.incident_id))
  const byId = new Map(flat.map(d => [d.incident_id, d]))
  for (const row of ours) {
    for (const [key, , id] of RELATIONSHIPS) {
      assertSameSet(`incident ${row.incident_id}: ${key}`, byId.get(row.incident_id)![key].keys(),
        ((row.document[key] ?? []) as Array<Record<string, string>>).map(item => item[id]!))
    }
  }
}

/**
 * The flat join against LATERAL, interleaved, then each EXPLAINed once; the flat join once more with
 * merge and nested-loop joins off: the plan production's figures describe (hash joins, then one sort
 * of the whole cross product), whichever plan the planner picks on this machine.
 */
export async function compareOrganizationQuery (session: pg.Client, organizationId: string, iterations: number) {
  log(`organization-wide current incidents: ${iterations} interleaved pairs, flat LEFT JOIN vs LATERAL`)
  // Only the first pair's results are kept (and checked): the flat rows are many.
  let flat: Awaited<ReturnType<typeof runFlatCurrentIncidents>> | undefined
  let lateral: IncidentDocumentRow[] | undefined
  const pairs = await interleave(iterations,
    (i) => timed(() => runFlatCurrentIncidents(session, organizationId).then(value => { if (i === 0) flat = value })),
    (i) => timed(() => findOrganizationDocuments(session, canonicalUuid(organizationId)!).then(value => { if (i === 0) lateral = value })))
  if (flat === undefined || lateral === undefined) throw new Error('no measurement of the organization-wide query')
  verify(flat.documents, lateral)
  const incidents = lateral.length
  log('EXPLAIN (ANALYZE, BUFFERS) of each, once')
  const ours = await captureStatement(organizationId)
  const baseline = await explain(session, FLAT_CURRENT_INCIDENTS_SQL, [organizationId])
  await session.query('begin')
  await session.query('set local enable_mergejoin = off')
  await session.query('set local enable_nestloop = off')
  const sortedOnce = await explain(session, FLAT_CURRENT_INCIDENTS_SQL, [organizationId])
  await session.query('rollback')
  const plans = { baseline, baseline_sorted_once: sortedOnce, ours: await explain(session, ours.text, ours.values) }
  const workMem = (await session.query<{ work_mem: string }>('show work_mem')).rows[0]!.work_mem
  const comparison = pairedComparison('organization-query', `current incidents of the large organization (${incidents})`, {
    baseline: '(c) flat LEFT JOIN, grouped in the application',
    ours: 'LATERAL query (findOrganizationDocuments)'
  }, pairs,
  `same ${incidents} incidents, each with the same outages, internet outages, assets, intel requests and second-level intel requests`)
  return { ...comparison, incidents, rows: { baseline: flat.rows, ours: lateral.length }, plans, work_mem: workMem }
}
