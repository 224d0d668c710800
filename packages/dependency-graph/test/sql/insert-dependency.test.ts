import t from 'tap'
import { withTransaction } from '@incident-intel/db'
import { createOrganization, createRecords, createTestDatabase } from '@incident-intel/test-support'
import { CrossOrganizationError, CycleError, RecordNotFoundError, SelfDependencyError, createDependencyGraph, insertDependency, type Edge, type NewDependency, type RecordRef, type RecordType } from '../../src/index.js'
import { canonicalUuid } from '@incident-intel/schemas'

const { pool } = await createTestDatabase(t, { poolSize: 12 })
const graph = createDependencyGraph({ pool })

const MISSING = canonicalUuid('00000000-0000-4000-8000-000000000000')!
const RACE_ROUNDS = 30

async function records (organizationId: string, type: RecordType, count: number): Promise<RecordRef[]> {
  const ids = await createRecords(pool, type, organizationId, count)
  return ids.map(id => ({ type, id: canonicalUuid(id)! }))
}

const add = (blocker: RecordRef, dependent: RecordRef) => graph.add({ blocker, dependent })

/** The error a promise rejects with; fails the test when it resolves. */
async function refusal (promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise
  } catch (error) {
    return error as Error & Record<string, unknown>
  }
  throw new Error('expected a rejection')
}

/** The cycle an insert is refused for; rethrows any other refusal. */
async function cycleOf (promise: Promise<unknown>): Promise<RecordRef[]> {
  const error = await refusal(promise)
  if (!(error instanceof CycleError)) throw error
  return error.cycle
}

/** The cycle carried by a CycleError; undefined for anything else. */
const cycleIn = (error: unknown): RecordRef[] | undefined => error instanceof CycleError ? error.cycle : undefined

/** The organization's live edges that touch the named records, as sorted `blocker>dependent` names. */
async function liveEdges (organizationId: string, names: Record<string, RecordRef>): Promise<string[]> {
  const nameOf = new Map<string, string>(Object.entries(names).map(([name, ref]) => [ref.id, name]))
  const { rows } = await pool.query<{ blocker_id: string, dependent_id: string }>(
    `select blocker_id, dependent_id from dependencies.dependencies
      where organization_id = $1 and deleted is null and (blocker_id = any($2) or dependent_id = any($2))`,
    [organizationId, [...nameOf.keys()]])
  return rows.map(r => `${nameOf.get(r.blocker_id) ?? r.blocker_id}>${nameOf.get(r.dependent_id) ?? r.dependent_id}`).sort()
}

/** Whether the organization's live edges contain a cycle, judged by SQL alone. */
async function hasCycle (organizationId: string): Promise<boolean> {
  const { rows: [row] } = await pool.query<{ cyclic: boolean }>(`
    with recursive reach (start_type, start_id, type, id) as (
      select blocker_type::text, blocker_id, dependent_type::text, dependent_id
        from dependencies.dependencies
       where organization_id = $1 and deleted is null
      union
      select r.start_type, r.start_id, d.dependent_type::text, d.dependent_id
        from reach r
        join dependencies.dependencies d
          on d.blocker_type = r.type and d.blocker_id = r.id and d.deleted is null
    )
    select exists (select 1 from reach where type = start_type and id = start_id) as cyclic`, [organizationId])
  return row!.cyclic
}

/** The edge as the table holds it. */
async function storedEdge (dependencyId: string): Promise<Edge> {
  const { rows: [row] } = await pool.query(
    `select dependency_id, blocker_type, blocker_id, dependent_type, dependent_id, created
       from dependencies.dependencies where dependency_id = $1`, [dependencyId])
  return { ...row, created: row.created.toISOString() }
}

/**
 * Runs each insert in its own transaction on its own client; every transaction has begun
 * before any insert starts, so the inserts really overlap. Each commits on success.
 */
async function race (...inserts: NewDependency[]) {
  const clients = await Promise.all(inserts.map(() => pool.connect()))
  try {
    await Promise.all(clients.map(client => client.query('begin')))
    return await Promise.allSettled(inserts.map(async (dependency, i) => {
      const client = clients[i]!
      try {
        const result = await insertDependency(client, dependency)
        await client.query('commit')
        return result
      } catch (error) {
        await client.query('rollback')
        throw error
      }
    }))
  } finally {
    for (const client of clients) client.release()
  }
}

t.test('a new edge is created; the same edge again is the existing one', async t => {
  const organizationId = await createOrganization(pool)
  const [incident] = await records(organizationId, 'incidents', 1)
  const [request] = await records(organizationId, 'intel_requests', 1)
  const first = await add(incident!, request!)
  t.equal(first.created, true)
  t.strictSame(first.edge, await storedEdge(first.edge.dependency_id), 'the edge as stored')
  t.match(first.edge, { blocker_type: 'incidents', blocker_id: incident!.id, dependent_type: 'intel_requests', dependent_id: request!.id })
  const again = await add(incident!, request!)
  t.strictSame(again, { edge: first.edge, created: false })
  t.strictSame(await liveEdges(organizationId, { incident: incident!, request: request! }), ['incident>request'])

  t.strictSame(await cycleOf(add(request!, incident!)), [request, incident, request], 'the reverse edge would close a cycle')
})

t.test('an edge added again after deletion is a new edge', async t => {
  const organizationId = await createOrganization(pool)
  const [a, b] = await records(organizationId, 'intel_requests', 2)
  const first = await add(a!, b!)
  await graph.remove(first.edge.dependency_id)
  const second = await add(a!, b!)
  t.equal(second.created, true)
  t.not(second.edge.dependency_id, first.edge.dependency_id)
  t.strictSame(await liveEdges(organizationId, { a: a!, b: b! }), ['a>b'])
})

t.test('a cycle of length 1: SelfDependencyError, 400', async t => {
  const organizationId = await createOrganization(pool)
  const [a] = await records(organizationId, 'assets', 1)
  const error = await refusal(add(a!, a!))
  t.ok(error instanceof SelfDependencyError)
  t.match(error, { code: 'DEPENDENCY_SELF', statusCode: 400, message: `A record cannot depend on itself: assets ${a!.id}` })
  t.strictSame(await liveEdges(organizationId, { a: a! }), [])
})

t.test('cycles of length 2, 3 and 7 are refused with the exact cycle', async t => {
  for (const length of [2, 3, 7]) {
    const organizationId = await createOrganization(pool)
    const chain = await records(organizationId, 'intel_requests', length)
    for (let i = 1; i < length; i++) await add(chain[i - 1]!, chain[i]!)
    const last = chain[length - 1]!
    const error = await refusal(add(last, chain[0]!))
    t.ok(error instanceof CycleError, `length ${length}: CycleError`)
    t.match(error, { code: 'DEPENDENCY_CYCLE', statusCode: 409 })
    t.strictSame(cycleIn(error), [last, ...chain], `length ${length}: last, first, ..., last`)
    t.equal(error.message, `The dependency would close a cycle: ${[last, ...chain].map(r => `intel_requests ${r.id}`).join(' -> ')}`)
    t.equal(await hasCycle(organizationId), false, `length ${length}: nothing inserted`)
  }
})

t.test('the cycle reported is the shortest one the edge would close', async t => {
  const organizationId = await createOrganization(pool)
  const [a, b, c, d] = await records(organizationId, 'intel_requests', 4)
  await add(a!, b!)
  await add(b!, c!)
  await add(c!, d!)
  await add(b!, d!)
  t.strictSame(await cycleOf(add(d!, a!)), [d, a, b, d], 'through the shortcut b -> d')
  t.strictSame(await cycleOf(add(d!, b!)), [d, b, d])
  t.strictSame(await cycleOf(add(c!, b!)), [c, b, c])
})

t.test('deleted edges and deleted records close no cycle', async t => {
  const organizationId = await createOrganization(pool)
  const [a, b, c] = await records(organizationId, 'intel_requests', 3)
  const ab = await add(a!, b!)
  await add(b!, c!)
  await graph.remove(ab.edge.dependency_id)
  t.equal((await add(c!, a!)).created, true, 'a -> b is deleted, so c -> a closes nothing')

  const [x, y, z] = await records(organizationId, 'incidents', 3)
  await add(x!, y!)
  await add(y!, z!)
  await pool.query('update incidents.incidents set deleted = now() where incident_id = $1', [y!.id])
  t.equal((await add(z!, x!)).created, true, 'y is deleted and its edges with it')
  t.equal(await hasCycle(organizationId), false)
})

t.test('mixed record types: incident -> intel request -> outage -> asset', async t => {
  const organizationId = await createOrganization(pool)
  const [incident] = await records(organizationId, 'incidents', 1)
  const [request] = await records(organizationId, 'intel_requests', 1)
  const [outage] = await records(organizationId, 'outages', 1)
  const [asset] = await records(organizationId, 'assets', 1)
  const [internet] = await records(organizationId, 'internet_outages', 1)
  const names = { incident: incident!, request: request!, outage: outage!, asset: asset!, internet: internet! }
  for (const [blocker, dependent] of [[incident, request], [request, outage], [outage, asset], [incident, asset], [internet, outage]]) {
    const { edge, created } = await add(blocker!, dependent!)
    t.equal(created, true)
    t.strictSame(edge, await storedEdge(edge.dependency_id))
    t.match(edge, { blocker_type: blocker!.type, blocker_id: blocker!.id, dependent_type: dependent!.type, dependent_id: dependent!.id })
  }
  t.strictSame(await cycleOf(add(asset!, incident!)), [asset, incident, asset], 'the shortest way back is the direct incident -> asset')
  t.strictSame(await cycleOf(add(asset!, request!)), [asset, request, outage, asset])
  t.strictSame(await cycleOf(add(asset!, internet!)), [asset, internet, outage, asset])
  t.strictSame(await liveEdges(organizationId, names),
    ['incident>asset', 'incident>request', 'internet>outage', 'outage>asset', 'request>outage'])
})

t.test('missing, deleted and foreign records are refused', async t => {
  const organizationId = await createOrganization(pool)
  const otherOrganizationId = await createOrganization(pool, 'Other organization')
  const [a, b] = await records(organizationId, 'intel_requests', 2)
  const [foreign] = await records(otherOrganizationId, 'intel_requests', 1)
  const missing: RecordRef = { type: 'outages', id: MISSING }

  const noBlocker = await refusal(add(missing, a!))
  t.ok(noBlocker instanceof RecordNotFoundError)
  t.match(noBlocker, { statusCode: 404, code: 'DEPENDENCY_RECORD_NOT_FOUND', message: `blocker outages ${MISSING} does not exist` })
  const noDependent = await refusal(add(a!, missing))
  t.match(noDependent, { statusCode: 404, message: `dependent outages ${MISSING} does not exist` })

  await pool.query('update intel_requests.intel_requests set deleted = now() where intel_request_id = $1', [b!.id])
  t.match(await refusal(add(a!, b!)), { statusCode: 404, message: `dependent intel_requests ${b!.id} does not exist` })

  const cross = await refusal(add(a!, foreign!))
  t.ok(cross instanceof CrossOrganizationError)
  t.match(cross, { statusCode: 400, code: 'DEPENDENCY_CROSS_ORGANIZATION' })
  t.strictSame(await liveEdges(organizationId, { a: a!, b: b! }), [])
})

t.test('add runs in the caller\'s transaction when given one', async t => {
  const organizationId = await createOrganization(pool)
  const [a, b, c] = await records(organizationId, 'intel_requests', 3)
  const rolledBack = new Error('roll back')
  const error = await refusal(withTransaction(pool, async client => {
    t.equal((await graph.add({ blocker: a!, dependent: b! }, client)).created, true)
    throw rolledBack
  }))
  t.equal(error, rolledBack)
  t.strictSame(await liveEdges(organizationId, { a: a!, b: b!, c: c! }), [], 'rolled back with the caller\'s transaction')

  await withTransaction(pool, async client => {
    await graph.add({ blocker: a!, dependent: b! }, client)
    await graph.add({ blocker: b!, dependent: c! }, client)
    t.strictSame(await cycleOf(graph.add({ blocker: c!, dependent: a! }, client)), [c, a, b, c],
      'sees the uncommitted edges of its own transaction')
  })
  t.strictSame(await liveEdges(organizationId, { a: a!, b: b!, c: c! }), ['a>b', 'b>c'])
})

t.test('an insert waits for an uncommitted insert of the same organization, then sees its edge', async t => {
  const organizationId = await createOrganization(pool)
  const [a, b] = await records(organizationId, 'intel_requests', 2)
  const first = await pool.connect()
  const second = await pool.connect()
  t.teardown(() => { first.release(); second.release() })
  await first.query('begin')
  await insertDependency(first, { blocker: a!, dependent: b! })
  await second.query('begin')
  const { rows: [{ pid }] } = await second.query('select pg_backend_pid() as pid')
  let settled = false
  const waiting = insertDependency(second, { blocker: b!, dependent: a! }).finally(() => { settled = true })
  waiting.catch(() => {})

  await waitFor(async () => {
    const { rows } = await pool.query("select 1 from pg_locks where pid = $1 and locktype = 'advisory' and not granted", [pid])
    return rows.length === 1
  })
  t.equal(settled, false, 'the second insert waits on the organization\'s lock')
  await first.query('commit')
  t.strictSame(await cycleOf(waiting), [b, a, b], 'and then sees the committed edge')
  await second.query('rollback')
  t.strictSame(await liveEdges(organizationId, { a: a!, b: b! }), ['a>b'])
})

t.test('inserts in different organizations do not wait on each other', async t => {
  const one = await createOrganization(pool)
  const two = await createOrganization(pool)
  const [a, b] = await records(one, 'intel_requests', 2)
  const [c, d] = await records(two, 'intel_requests', 2)
  const first = await pool.connect()
  const second = await pool.connect()
  t.teardown(() => { first.release(); second.release() })
  await first.query('begin')
  await insertDependency(first, { blocker: a!, dependent: b! })
  await second.query('begin')
  await second.query("set local lock_timeout = '2s'")
  t.equal((await insertDependency(second, { blocker: c!, dependent: d! })).created, true, 'no lock timeout')
  await second.query('commit')
  await first.query('commit')
})

t.test(`race: two transactions add the two halves of a 2-cycle (${RACE_ROUNDS} rounds)`, async t => {
  const organizationId = await createOrganization(pool)
  for (let round = 0; round < RACE_ROUNDS; round++) {
    const [a, b] = await records(organizationId, 'intel_requests', 2)
    const inserts: NewDependency[] = [{ blocker: a!, dependent: b! }, { blocker: b!, dependent: a! }]
    const outcomes = await race(...inserts)
    const won = outcomes.flatMap((o, i) => o.status === 'fulfilled' ? [{ i, value: o.value }] : [])
    const lost = outcomes.flatMap((o, i) => o.status === 'rejected' ? [{ i, reason: o.reason }] : [])
    if (won.length !== 1 || lost.length !== 1) {
      t.fail(`round ${round}: ${won.length} succeeded, ${lost.length} failed`, { outcomes })
      continue
    }
    const winner = won[0]!
    const loser = lost[0]!
    t.equal(winner.value.created, true)
    t.ok(loser.reason instanceof CycleError, `round ${round}: the other gets CycleError`)
    const { blocker, dependent } = inserts[loser.i]!
    t.strictSame(cycleIn(loser.reason), [blocker, dependent, blocker])
    t.strictSame(await liveEdges(organizationId, { a: a!, b: b! }), [winner.i === 0 ? 'a>b' : 'b>a'])
  }
  t.equal(await hasCycle(organizationId), false, 'the table holds no cycle')
})

t.test(`race: two transactions close a 3-cycle whose third edge exists (${RACE_ROUNDS} rounds)`, async t => {
  const organizationId = await createOrganization(pool)
  for (let round = 0; round < RACE_ROUNDS; round++) {
    const [a, b, c] = await records(organizationId, 'intel_requests', 3)
    await add(c!, a!)
    const outcomes = await race({ blocker: a!, dependent: b! }, { blocker: b!, dependent: c! })
    const statuses = outcomes.map(o => o.status)
    if (statuses.filter(s => s === 'fulfilled').length !== 1) {
      t.fail(`round ${round}: ${statuses.join(', ')}`, { outcomes })
      continue
    }
    const [ab, bc] = outcomes
    const error = (ab!.status === 'rejected' ? ab!.reason : (bc as PromiseRejectedResult).reason) as Error
    t.ok(error instanceof CycleError, `round ${round}: the loser gets CycleError`)
    t.strictSame(cycleIn(error), ab!.status === 'rejected' ? [a, b, c, a] : [b, c, a, b])
    t.strictSame(await liveEdges(organizationId, { a: a!, b: b!, c: c! }), ab!.status === 'rejected' ? ['b>c', 'c>a'] : ['a>b', 'c>a'])
  }
  t.equal(await hasCycle(organizationId), false, 'the table holds no cycle')
})

t.test(`race: two transactions add the same edge (${RACE_ROUNDS} rounds)`, async t => {
  const organizationId = await createOrganization(pool)
  for (let round = 0; round < RACE_ROUNDS; round++) {
    const [a, b] = await records(organizationId, 'intel_requests', 2)
    const outcomes = await race({ blocker: a!, dependent: b! }, { blocker: a!, dependent: b! })
    if (outcomes.some(o => o.status === 'rejected')) {
      t.fail(`round ${round}: an insert failed`, { outcomes })
      continue
    }
    const [one, two] = outcomes.map(o => (o as PromiseFulfilledResult<{ edge: Edge, created: boolean }>).value)
    t.strictSame([one!.created, two!.created].sort(), [false, true], `round ${round}: one created`)
    t.strictSame(one!.edge, two!.edge, 'the same edge, same dependency_id')
    const { rows } = await pool.query(
      'select dependency_id from dependencies.dependencies where blocker_id = $1 and dependent_id = $2 and deleted is null', [a!.id, b!.id])
    t.strictSame(rows, [{ dependency_id: one!.edge.dependency_id }], 'exactly one live row')
  }
})

t.test('an edge added meanwhile by a writer that skips the lock is returned as existing', async t => {
  const organizationId = await createOrganization(pool)
  const [a, b] = await records(organizationId, 'intel_requests', 2)
  const handWritten = await pool.connect()
  t.teardown(() => handWritten.release())
  await handWritten.query('begin')
  const { rows: [{ dependency_id: handWrittenId }] } = await handWritten.query(
    `insert into dependencies.dependencies (organization_id, blocker_type, blocker_id, dependent_type, dependent_id)
     values ($1, 'intel_requests', $2, 'intel_requests', $3) returning dependency_id`, [organizationId, a!.id, b!.id])

  const adding = add(a!, b!)
  // The insert waits on the unique index for the uncommitted hand-written row.
  await waitFor(async () => {
    const { rows } = await pool.query(
      "select 1 from pg_stat_activity where datname = current_database() and wait_event = 'transactionid'")
    return rows.length > 0
  })
  await handWritten.query('commit')
  const { edge, created } = await adding
  t.equal(created, false)
  t.equal(edge.dependency_id, handWrittenId)
  t.strictSame(await liveEdges(organizationId, { a: a!, b: b! }), ['a>b'])
})

async function waitFor (condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise(resolve => setTimeout(resolve, 20))
  }
}
