import { loadModule, parseSync } from 'libpg-query'
import type { ServiceStatement } from './service-statements.js'

// The parser is PostgreSQL's own, compiled to WebAssembly: loaded once, then parsed synchronously.
await loadModule()

/** How docs/scaling.md places a table (or view) on a Citus cluster. */
export type Placement = 'distributed' | 'reference' | 'coordinator'

/**
 * What docs/scaling.md says: each table's placement, and every statement of the services in one
 * of three lists: single-shard, not single-shard (the exceptions, each with why), and those that
 * touch no distributed table.
 */
export interface ScalingPlan {
  placements: Map<string, Placement>
  singleShard: Set<string>
  /** Statement key → why it is not a single-shard query, and the change that would make it one. */
  exceptions: Map<string, { why: string, change: string }>
  noDistributedTable: Set<string>
}

/** The headings of docs/scaling.md's tables that the plan is read from. */
export const PLAN_SECTIONS = {
  placements: 'Where each table goes',
  singleShard: 'Single-shard statements',
  exceptions: 'Statements that are not single-shard',
  noDistributedTable: 'Statements that touch no distributed table'
} as const

const PLACEMENTS: readonly Placement[] = ['distributed', 'reference', 'coordinator']

/** The rows of the first markdown table under the heading that starts with `heading`: cells, without the header and rule. */
function tableUnder (markdown: string, heading: string): string[][] {
  const lines = markdown.split('\n')
  const start = lines.findIndex(line => /^#+ /.test(line) && line.replace(/^#+ /, '').startsWith(heading))
  if (start === -1) throw new Error(`docs/scaling.md has no section "${heading}"`)
  const rows: string[][] = []
  for (const line of lines.slice(start + 1)) {
    if (/^#+ /.test(line)) break
    if (line.startsWith('|')) rows.push(line.slice(1, line.lastIndexOf('|')).split('|').map(cell => cell.trim()))
    else if (rows.length > 0) break
  }
  if (rows.length < 3) throw new Error(`the section "${heading}" of docs/scaling.md has no table rows`)
  return rows.slice(2)
}

const code = (cell: string): string => {
  const match = /^`([^`]+)`/.exec(cell)
  if (!match) throw new Error(`docs/scaling.md: a row's first cell must start with its name in backticks: ${cell}`)
  return match[1]!
}

function keysUnder (markdown: string, heading: string): Map<string, string[]> {
  const keys = new Map<string, string[]>()
  for (const row of tableUnder(markdown, heading)) {
    const key = code(row[0]!)
    if (keys.has(key)) throw new Error(`docs/scaling.md lists ${key} twice under "${heading}"`)
    keys.set(key, row.slice(1))
  }
  return keys
}

/** Reads the plan's tables from docs/scaling.md (see PLAN_SECTIONS). */
export function parseScalingPlan (markdown: string): ScalingPlan {
  const placements = new Map<string, Placement>()
  for (const [table, [placement]] of keysUnder(markdown, PLAN_SECTIONS.placements)) {
    const kind = placement?.replace(/\*/g, '') as Placement
    if (!PLACEMENTS.includes(kind)) throw new Error(`docs/scaling.md: ${table} has placement "${placement}", not one of ${PLACEMENTS.join(', ')}`)
    placements.set(table, kind)
  }
  const exceptions = new Map([...keysUnder(markdown, PLAN_SECTIONS.exceptions)].map(([key, [why, change]]) => [key, { why: why ?? '', change: change ?? '' }]))
  return {
    placements,
    singleShard: new Set(keysUnder(markdown, PLAN_SECTIONS.singleShard).keys()),
    exceptions,
    noDistributedTable: new Set(keysUnder(markdown, PLAN_SECTIONS.noDistributedTable).keys())
  }
}

type Node = Record<string, unknown>
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value)

interface Ref { id: number, table: string, alias: string }
interface Scope { refs: Ref[], parent: Scope | null }

const lastField = (columnRef: Node): string | undefined => {
  const fields = columnRef.fields as Node[]
  return ((fields[fields.length - 1] as Node | undefined)?.String as Node | undefined)?.sval as string | undefined
}
const qualifier = (columnRef: Node): string | undefined => {
  const fields = columnRef.fields as Node[]
  return fields.length >= 2 ? ((fields[fields.length - 2] as Node).String as Node | undefined)?.sval as string | undefined : undefined
}
const unwrap = (node: unknown): Node | undefined => {
  let n = node as Node | undefined
  while (n && isNode(n.TypeCast)) n = (n.TypeCast as Node).arg as Node
  return n
}
/** A parameter or a constant: one value, the same for every row. */
const isValue = (node: unknown): boolean => {
  const n = unwrap(node)
  return n !== undefined && (n.ParamRef !== undefined || n.A_Const !== undefined)
}
const organizationColumn = (node: unknown): Node | undefined => {
  const column = unwrap(node)?.ColumnRef as Node | undefined
  return column && lastField(column) === 'organization_id' ? column : undefined
}

/** The conjuncts of a condition: its terms joined by AND at the top, never under an OR or a NOT. */
function conjuncts (condition: unknown): Node[] {
  if (!isNode(condition)) return []
  const bool = condition.BoolExpr as Node | undefined
  if (bool?.boolop === 'AND_EXPR') return (bool.args as Node[]).flatMap(conjuncts)
  return [condition]
}

/**
 * Whether a statement is a single-shard router query on a cluster that distributes `distributed`
 * tables by organization_id: each reference to such a table is pinned to one organization, by a
 * top-level `organization_id = <parameter or constant>` of its own, by a join on organization_id
 * to a pinned one, or, as an INSERT's target, by an organization_id given as one value. An
 * `organization_id = any(...)` is not pinned: it may name several shards. Returns the tables it
 * touches and those of its references left unpinned.
 */
export function routingVerdict (sql: string, distributed: ReadonlySet<string>): { tables: string[], unpinned: string[] } {
  const refs: Ref[] = []
  const pinned = new Set<number>()
  const joins: Array<[number, number]> = []

  const resolveColumn = (column: Node, scope: Scope): Ref | undefined => {
    const alias = qualifier(column)
    for (let s: Scope | null = scope; s; s = s.parent) {
      const candidates = alias === undefined ? s.refs : s.refs.filter(ref => ref.alias === alias)
      if (alias !== undefined && candidates.length > 0) return candidates[0]
      if (alias === undefined) return candidates.length === 1 ? candidates[0] : undefined
    }
    return undefined
  }

  const condition = (clause: unknown, scope: Scope): void => {
    for (const term of conjuncts(clause)) {
      const expression = term.A_Expr as Node | undefined
      if (!expression || expression.kind !== 'AEXPR_OP' || ((expression.name as Node[])[0]?.String as Node | undefined)?.sval !== '=') continue
      const [left, right] = [organizationColumn(expression.lexpr), organizationColumn(expression.rexpr)]
      const [leftRef, rightRef] = [left && resolveColumn(left, scope), right && resolveColumn(right, scope)]
      if (leftRef && isValue(expression.rexpr)) pinned.add(leftRef.id)
      if (rightRef && isValue(expression.lexpr)) pinned.add(rightRef.id)
      if (leftRef && rightRef) joins.push([leftRef.id, rightRef.id])
    }
  }

  const addRef = (rangeVar: Node, scope: Scope): Ref | undefined => {
    if (typeof rangeVar.schemaname !== 'string') return undefined // a CTE's name
    const table = `${rangeVar.schemaname}.${String(rangeVar.relname)}`
    if (!distributed.has(table)) return undefined
    const ref = { id: refs.length, table, alias: ((rangeVar.alias as Node | undefined)?.aliasname as string | undefined) ?? String(rangeVar.relname) }
    refs.push(ref)
    scope.refs.push(ref)
    return ref
  }

  // The tables of a FROM item in this scope; subqueries in it get scopes of their own.
  const fromItem = (item: Node, scope: Scope, deferred: Array<() => void>): Ref[] => {
    if (isNode(item.RangeVar)) {
      const ref = addRef(item.RangeVar, scope)
      return ref ? [ref] : []
    }
    if (isNode(item.JoinExpr)) {
      const join = item.JoinExpr
      const sides = [fromItem(join.larg as Node, scope, deferred), fromItem(join.rarg as Node, scope, deferred)]
      const using = ((join.usingClause as Node[] | undefined) ?? []).map(name => (name.String as Node).sval)
      if (using.includes('organization_id')) for (const a of sides[0]!) for (const b of sides[1]!) joins.push([a.id, b.id])
      deferred.push(() => {
        condition(join.quals, scope)
        walk(join.quals, scope)
      })
      return [...sides[0]!, ...sides[1]!]
    }
    deferred.push(() => walk(item, scope))
    return []
  }

  const statement = (body: Node, parent: Scope | null): Scope => {
    const scope: Scope = { refs: [], parent }
    // A UNION's arms are selects of their own, each with its own FROM and WHERE (bare, not wrapped in a node).
    if (body.op !== undefined && body.op !== 'SETOP_NONE') {
      for (const arm of [body.larg, body.rarg]) if (isNode(arm)) statement(arm, parent)
      for (const [key, value] of Object.entries(body)) if (key !== 'larg' && key !== 'rarg') walk(value, scope)
      return scope
    }
    const deferred: Array<() => void> = []
    for (const cte of (((body.withClause as Node | undefined)?.ctes as Node[] | undefined) ?? [])) walk(cte, scope)
    if (isNode(body.relation)) addRef(body.relation, scope)
    for (const item of [...((body.fromClause as Node[] | undefined) ?? []), ...((body.usingClause as Node[] | undefined) ?? [])]) fromItem(item, scope, deferred)
    for (const run of deferred) run()
    condition(body.whereClause, scope)
    for (const [key, value] of Object.entries(body)) {
      if (!['withClause', 'relation', 'fromClause', 'usingClause'].includes(key)) walk(value, scope)
    }
    return scope
  }

  const insert = (body: Node, parent: Scope | null): void => {
    const scope: Scope = { refs: [], parent }
    for (const cte of (((body.withClause as Node | undefined)?.ctes as Node[] | undefined) ?? [])) walk(cte, scope)
    const target = addRef(body.relation as Node, { refs: [], parent: null })
    const position = ((body.cols as Node[] | undefined) ?? []).map(column => (column.ResTarget as Node).name).indexOf('organization_id')
    const select = (body.selectStmt as Node | undefined)?.SelectStmt as Node | undefined
    let walked = false
    if (target && position !== -1 && select) {
      const rows = (select.valuesLists as Node[] | undefined)?.map(list => (list.List as Node).items as Node[])
      const expression = ((select.targetList as Node[] | undefined)?.[position]?.ResTarget as Node | undefined)?.val
      const column = organizationColumn(expression)
      if (rows ? rows.every(row => isValue(row[position])) : isValue(expression)) pinned.add(target.id)
      else if (!rows && column) {
        // The inserted organization is a column of the select: as pinned as the row it comes from.
        const source = resolveColumn(column, statement(select, scope))
        if (source) joins.push([target.id, source.id])
        walked = true
      }
    }
    if (!walked) walk(body.selectStmt, scope)
    walk(body.onConflictClause, scope)
    walk(body.returningList, scope)
  }

  function walk (node: unknown, scope: Scope | null): void {
    if (Array.isArray(node)) {
      for (const item of node) walk(item, scope)
      return
    }
    if (!isNode(node)) return
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'SelectStmt' || key === 'UpdateStmt' || key === 'DeleteStmt') && isNode(value)) statement(value, scope)
      else if (key === 'InsertStmt' && isNode(value)) insert(value, scope)
      else if (key === 'RangeVar' && isNode(value) && scope) addRef(value, scope)
      else walk(value, scope)
    }
  }

  walk(parseSync(sql).stmts, null)
  for (let grew = true; grew;) {
    grew = false
    for (const [a, b] of joins) {
      if (pinned.has(a) !== pinned.has(b)) {
        pinned.add(a)
        pinned.add(b)
        grew = true
      }
    }
  }
  const distinct = (list: string[]): string[] => [...new Set(list)].sort()
  return { tables: distinct(refs.map(ref => ref.table)), unpinned: distinct(refs.filter(ref => !pinned.has(ref.id)).map(ref => ref.table)) }
}

/** One statement's place in the plan: single-shard, or not and why. */
export interface StatementVerdict extends ServiceStatement {
  tables: string[]
  unpinned: string[]
}

/**
 * The statements that break the plan: one that touches a distributed table without pinning each
 * reference to one organization and is not a documented exception; and each documented exception
 * that is no statement of the services, or that is single-shard after all (so the list never goes stale).
 */
export function checkStatements (statements: ServiceStatement[], plan: ScalingPlan): { verdicts: StatementVerdict[], problems: string[] } {
  const distributed = new Set([...plan.placements].filter(([, placement]) => placement === 'distributed').map(([table]) => table))
  const problems: string[] = []
  const verdicts: StatementVerdict[] = []
  const textOf = new Map<string, string>()
  for (const statement of statements) {
    const known = textOf.get(statement.key)
    if (known === statement.text) continue // the same statement sent from two places
    const verdict = { ...statement, ...routingVerdict(statement.text, distributed) }
    if (known !== undefined && verdict.tables.length > 0) problems.push(`${statement.site}: two different statements are both called ${statement.key}`)
    textOf.set(statement.key, statement.text)
    verdicts.push(verdict)
    if (verdict.unpinned.length > 0 && !plan.exceptions.has(statement.key)) {
      problems.push(`${statement.site}: ${statement.key} reads or writes ${verdict.unpinned.join(', ')} without an organization_id = <value> predicate, and docs/scaling.md does not list it as an exception`)
    }
  }
  for (const key of plan.exceptions.keys()) {
    const matching = verdicts.filter(verdict => verdict.key === key)
    if (matching.length === 0) problems.push(`docs/scaling.md lists ${key} as an exception, but no service sends a statement of that name`)
    else if (matching.every(verdict => verdict.unpinned.length === 0)) problems.push(`docs/scaling.md lists ${key} as an exception, but it is a single-shard query`)
  }
  // The other two lists name every other statement, each where its verdict puts it.
  const lists = [
    { keys: plan.singleShard, heading: PLAN_SECTIONS.singleShard, holds: (v: StatementVerdict) => v.tables.length > 0 && v.unpinned.length === 0 },
    { keys: plan.noDistributedTable, heading: PLAN_SECTIONS.noDistributedTable, holds: (v: StatementVerdict) => v.tables.length === 0 }
  ]
  for (const { keys, heading, holds } of lists) {
    for (const verdict of verdicts) {
      if (holds(verdict) && !keys.has(verdict.key) && !plan.exceptions.has(verdict.key)) problems.push(`${verdict.site}: docs/scaling.md does not list ${verdict.key} under "${heading}"`)
    }
    for (const key of keys) {
      const matching = verdicts.filter(verdict => verdict.key === key)
      if (matching.length === 0 || !matching.every(holds)) problems.push(`docs/scaling.md lists ${key} under "${heading}", but ${matching.length === 0 ? 'no service sends it' : 'it does not belong there'}`)
    }
  }
  return { verdicts, problems }
}
