import assert from 'node:assert/strict'
import t from 'tap'
import fc from 'fast-check'
import { createOrganization, createTestDatabase } from '@incident-intel/test-support'
import { RECORD_TYPES, resolveDependencies, type Direction, type Edge, type RecordRef, type RecordType } from '../../src/index.js'
import { canonicalUuid } from '@incident-intel/schemas'
import { buildGraph, type Graph } from '../helpers/graph-fixture.js'
import { referenceResolve, type ReferenceEdge } from '../helpers/reference-walk.js'

// FC_SEED and FC_RUNS replay or widen a run; fast-check prints the seed and path of a failure.
const NUM_RUNS = Number(process.env.FC_RUNS ?? 200)
const SEED = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED)

const { pool } = await createTestDatabase(t)

/** The table and id column of each record type, to soft-delete a record as any SQL client would. */
const RECORD_TABLES: Record<RecordType, { table: string, id: string }> = {
  incidents: { table: 'incidents.incidents', id: 'incident_id' },
  intel_requests: { table: 'intel_requests.intel_requests', id: 'intel_request_id' },
  outages: { table: 'incidents.outages', id: 'outage_id' },
  internet_outages: { table: 'incidents.internet_outages', id: 'internet_outage_id' },
  assets: { table: 'assets.assets', id: 'asset_id' }
}

const UNKNOWN_ID = canonicalUuid('00000000-0000-4000-8000-000000000000')!

/**
 * One generated case. Nodes are `n0`..`n{n-1}`, plus `n{n}`, a record without edges; root
 * index n + 1 names a record that does not exist. Edge `[blocker, dependent, roll]` is
 * soft-deleted when roll < deleteRate, and then written again as a new live row when roll < reviveRate.
 */
interface Case {
  types: RecordType[]
  edges: Array<[number, number, number]>
  deleteRate: number
  reviveRate: number
  deletedRecord: number | null
  roots: number[]
  direction: Direction
  recordTypes: readonly RecordType[]
  maxDistance: number
}

function pathEdges (nodes: readonly number[]): Array<[number, number]> {
  return nodes.slice(1).map((n, i): [number, number] => [nodes[i]!, n])
}

/** Random edges over n nodes, plus the shapes that matter to a walk. */
function edgesArb (n: number): fc.Arbitrary<Array<[number, number, number]>> {
  const node = fc.nat({ max: n - 1 })
  const distinct = (min: number, max: number) => fc.uniqueArray(node, { minLength: Math.min(min, n), maxLength: max })
  const shape = fc.oneof(
    node.map((a): Array<[number, number]> => [[a, a]]),
    fc.tuple(node, node).map(([a, b]): Array<[number, number]> => [[a, b], [b, a]]),
    distinct(3, 12).map(cycle => pathEdges([...cycle, cycle[0]!])),
    fc.tuple(node, node, node, node).map(([a, b, c, d]): Array<[number, number]> => [[a, b], [a, c], [b, d], [c, d]]),
    fc.tuple(node, node, distinct(0, 4), distinct(0, 4))
      .map(([from, to, one, two]) => [...pathEdges([from, ...one, to]), ...pathEdges([from, ...two, to])]),
    distinct(2, 12).map(pathEdges)
  )
  return fc.tuple(
    // Density: about half an edge to three edges per node.
    fc.constantFrom(0.5, 1, 1.5, 2, 3).chain(density => {
      const length = Math.round(density * n)
      return fc.array(fc.tuple(node, node), { minLength: length, maxLength: length })
    }),
    fc.array(shape, { maxLength: 3 })
  ).map(([random, shapes]) => {
    // A live edge is unique: keep the first of each pair of ends.
    const unique = new Map([...shapes.flat(), ...random].map(e => [`${e[0]}>${e[1]}`, e]))
    return [...unique.values()]
  }).chain(edges => fc.array(fc.nat({ max: 99 }), { minLength: edges.length, maxLength: edges.length })
    .map(rolls => edges.map(([b, d], i): [number, number, number] => [b, d, rolls[i]!])))
}

const caseArb: fc.Arbitrary<Case> = fc.tuple(
  fc.integer({ min: 1, max: 25 }),
  fc.subarray([...RECORD_TYPES], { minLength: 1 })
).chain(([n, typeMix]) => fc.record({
  types: fc.array(fc.constantFrom(...typeMix), { minLength: n + 1, maxLength: n + 1 }),
  edges: edgesArb(n),
  deleteRate: fc.constantFrom(0, 10, 30, 60),
  reviveRate: fc.constantFrom(0, 5),
  deletedRecord: fc.oneof(
    { arbitrary: fc.constant(null), weight: 2 },
    { arbitrary: fc.nat({ max: n }), weight: 1 }),
  // A root is a node, the record without edges, the unknown record, or (-1 - k) the near end
  // of edge k, so that most walks go somewhere.
  roots: fc.array(fc.oneof(
    { arbitrary: fc.nat({ max: n - 1 }), weight: 4 },
    { arbitrary: fc.constantFrom(n, n + 1), weight: 1 },
    { arbitrary: fc.nat().map(k => -1 - k), weight: 4 }
  ), { minLength: 1, maxLength: 5 }),
  direction: fc.constantFrom<Direction>('dependents', 'blockers'),
  recordTypes: fc.oneof(
    { arbitrary: fc.constant([...RECORD_TYPES]), weight: 2 },
    { arbitrary: fc.subarray(typeMix, { minLength: 1 }), weight: 2 },
    { arbitrary: fc.subarray([...RECORD_TYPES], { minLength: 1 }), weight: 1 }),
  maxDistance: fc.integer({ min: 1, max: 10 })
})).map(c => ({
  ...c,
  roots: c.roots.map(r => {
    if (r >= 0) return r
    const edge = c.edges[(-1 - r) % Math.max(c.edges.length, 1)]
    return edge === undefined ? 0 : edge[c.direction === 'dependents' ? 0 : 1]
  })
}))

interface Built {
  graph: Graph
  /** The edges that must be live once the case is written, as the reference takes them. */
  live: ReferenceEdge[]
  /** A readable label per dependency_id: `e3` for the fourth edge, `e3'` for its revival. */
  label: Map<string, string>
  roots: RecordRef[]
}

/** Writes the case in a fresh organization: graph, soft-deleted and revived edges, the deleted record. */
async function build (c: Case): Promise<Built> {
  const nodes = Object.fromEntries(c.types.map((type, i) => [`n${i}`, type]))
  const graph = await buildGraph(pool, await createOrganization(pool), {
    nodes,
    edges: c.edges.map(([b, d]) => [`n${b}`, `n${d}`])
  })
  const node = (i: number): RecordRef => graph.node[`n${i}`]!
  const label = new Map<string, string>()
  let live: ReferenceEdge[] = []

  const deleted: string[] = []
  const revived: number[] = []
  c.edges.forEach(([b, d, roll], i) => {
    const dependencyId = graph.edge[`n${b}>n${d}`]!
    label.set(dependencyId, `e${i}`)
    if (roll >= c.deleteRate) live.push({ dependencyId, blocker: node(b), dependent: node(d) })
    else {
      deleted.push(dependencyId)
      if (roll < c.reviveRate) revived.push(i)
    }
  })
  if (deleted.length > 0) {
    await pool.query('update dependencies.dependencies set deleted = now() where dependency_id = any($1::uuid[])', [deleted])
  }
  for (const i of revived) {
    const [b, d] = c.edges[i]!
    const { rows: [row] } = await pool.query<{ dependency_id: string }>(
      `insert into dependencies.dependencies (organization_id, blocker_type, blocker_id, dependent_type, dependent_id)
       values ($1, $2, $3, $4, $5) returning dependency_id`,
      [graph.organizationId, node(b).type, node(b).id, node(d).type, node(d).id])
    label.set(row!.dependency_id, `e${i}'`)
    live.push({ dependencyId: row!.dependency_id, blocker: node(b), dependent: node(d) })
  }

  if (c.deletedRecord !== null) {
    const gone = node(c.deletedRecord)
    const { table, id } = RECORD_TABLES[gone.type]
    await pool.query(`update ${table} set deleted = now() where ${id} = $1`, [gone.id])
    live = live.filter(e => e.blocker.id !== gone.id && e.dependent.id !== gone.id)
  }

  const n = c.types.length - 1
  const roots = c.roots.map(i => i <= n ? node(i) : { type: 'incidents' as const, id: UNKNOWN_ID })
  return { graph, live, label, roots }
}

/** `label:blocker>dependent@distance`, with `?` for anything the case did not write. */
function describe (built: Built, dependencyId: string, blocker: RecordRef, dependent: RecordRef, distance?: number): string {
  const end = ({ type, id }: RecordRef): string => {
    const name = built.graph.nameOf.get(id)
    return name !== undefined && built.graph.node[name]!.type === type ? name : `?${type}/${id}`
  }
  return `${built.label.get(dependencyId) ?? `?${dependencyId}`}:${end(blocker)}>${end(dependent)}@${distance}`
}

const describeActual = (built: Built, e: Edge): string => describe(built, e.dependency_id,
  { type: e.blocker_type, id: e.blocker_id }, { type: e.dependent_type, id: e.dependent_id }, e.dependency_distance)

t.test('resolveDependencies agrees with the brute-force reference on random graphs', async t => {
  const started = Date.now()
  const seen = { roots: 0, withEdges: 0, truncated: 0, deepest: 0, deletedRecord: 0 }
  await fc.assert(fc.asyncProperty(caseArb, async c => {
    const built = await build(c)

    // The case as written is the case the reference sees: same live edges in the database.
    const { rows } = await pool.query<{ dependency_id: string }>(
      'select dependency_id from dependencies.dependencies where organization_id = $1 and deleted is null',
      [built.graph.organizationId])
    assert.deepEqual(rows.map(r => built.label.get(r.dependency_id)).sort(),
      built.live.map(e => built.label.get(e.dependencyId)).sort(), 'live edges in the database')

    const request = { roots: built.roots, direction: c.direction, recordTypes: c.recordTypes, maxDistance: c.maxDistance }
    const actual = await resolveDependencies(pool, request)
    const expected = referenceResolve(built.live, request)
    const liveById = new Map(built.live.map(e => [e.dependencyId, e]))

    assert.equal(actual.length, built.roots.length, 'one result per root')
    actual.forEach((result, i) => {
      const root = `root ${i} (n${c.roots[i]})`
      assert.deepEqual(result.root, built.roots[i], `${root}: results follow the order of roots`)
      const want = expected[i]!.edges.map(({ dependencyId, distance }) => {
        const { blocker, dependent } = liveById.get(dependencyId)!
        return describe(built, dependencyId, blocker, dependent, distance)
      })
      assert.deepEqual(result.edges.map(e => describeActual(built, e)).sort(), want.sort(), `${root}: edges and distances`)
      assert.equal(result.truncated, expected[i]!.truncated, `${root}: truncated`)
      const distances = result.edges.map(e => e.dependency_distance!)
      assert.ok(distances.every((d, j) => j === 0 || distances[j - 1]! <= d), `${root}: sorted by distance: ${distances}`)
    })
    seen.roots += built.roots.length
    seen.withEdges += actual.filter(r => r.edges.length > 0).length
    seen.truncated += actual.filter(r => r.truncated).length
    seen.deepest = Math.max(seen.deepest, ...actual.flatMap(r => r.edges.map(e => e.dependency_distance!)))
    if (c.deletedRecord !== null) seen.deletedRecord++
  }), { numRuns: NUM_RUNS, ...(SEED === undefined ? {} : { seed: SEED }) })
  t.pass(`${NUM_RUNS} random graphs in ${Date.now() - started} ms (${seen.deletedRecord} with a deleted record); ` +
    `${seen.roots} roots: ${seen.withEdges} with edges, ${seen.truncated} truncated; deepest edge at ${seen.deepest}`)
})

t.test('the reference itself, on a graph computed by hand, and the SQL on the same graph', async t => {
  // a: incidents, b c e: intel_requests, d: outages, f: assets.
  // a>b, a>c, b>d, c>d (a diamond), d>e, a>e (a shortcut past it), e>a (a cycle back to the root),
  // b>b (a self-loop), f>a (above the root).
  const graph = await buildGraph(pool, await createOrganization(pool), {
    nodes: { a: 'incidents', b: 'intel_requests', c: 'intel_requests', d: 'outages', e: 'intel_requests', f: 'assets' },
    edges: [['a', 'b'], ['a', 'c'], ['b', 'd'], ['c', 'd'], ['d', 'e'], ['a', 'e'], ['e', 'a'], ['b', 'b'], ['f', 'a']]
  })
  const live: ReferenceEdge[] = Object.entries(graph.edge).map(([name, dependencyId]) => {
    const [b, d] = name.split('>') as [string, string]
    return { dependencyId, blocker: graph.node[b]!, dependent: graph.node[d]! }
  })
  const nameOf = new Map(Object.entries(graph.edge).map(([name, id]) => [id, name]))

  const cases: Array<[string, Direction, RecordType[], number, string[], boolean]> = [
    ['a', 'dependents', [...RECORD_TYPES], 10,
      ['a>b@1', 'a>c@1', 'a>e@1', 'b>b@2', 'b>d@2', 'c>d@2', 'd>e@3', 'e>a@2'], false],
    ['a', 'dependents', [...RECORD_TYPES], 3,
      ['a>b@1', 'a>c@1', 'a>e@1', 'b>b@2', 'b>d@2', 'c>d@2', 'd>e@3', 'e>a@2'], false],
    ['a', 'dependents', [...RECORD_TYPES], 2,
      ['a>b@1', 'a>c@1', 'a>e@1', 'b>b@2', 'b>d@2', 'c>d@2', 'e>a@2'], true],
    // The root's type is not walkable, so e>a is not either; d is an outage, so d>e is never reached.
    ['a', 'dependents', ['intel_requests'], 2, ['a>b@1', 'a>c@1', 'a>e@1', 'b>b@2'], false],
    ['a', 'dependents', ['intel_requests'], 1, ['a>b@1', 'a>c@1', 'a>e@1'], true],
    ['e', 'blockers', [...RECORD_TYPES], 10,
      ['a>b@3', 'a>c@3', 'a>e@1', 'b>b@3', 'b>d@2', 'c>d@2', 'd>e@1', 'e>a@2', 'f>a@2'], false],
    ['e', 'blockers', [...RECORD_TYPES], 2, ['a>e@1', 'b>d@2', 'c>d@2', 'd>e@1', 'e>a@2', 'f>a@2'], true],
    ['f', 'blockers', [...RECORD_TYPES], 1, [], false]
  ]
  for (const [root, direction, recordTypes, maxDistance, edges, truncated] of cases) {
    const request = { roots: [graph.node[root]!], direction, recordTypes, maxDistance }
    const what = `${root} ${direction} [${recordTypes}] ${maxDistance}`
    const [reference] = referenceResolve(live, request)
    t.strictSame(reference!.edges.map(e => `${nameOf.get(e.dependencyId)}@${e.distance}`).sort(), edges, `reference: ${what}`)
    t.equal(reference!.truncated, truncated, `reference truncated: ${what}`)
    const [actual] = await resolveDependencies(pool, request)
    t.strictSame(actual!.edges.map(e => `${nameOf.get(e.dependency_id)}@${e.dependency_distance}`).sort(), edges, `sql: ${what}`)
    t.equal(actual!.truncated, truncated, `sql truncated: ${what}`)
  }
})
