import t from 'tap'
import pg from 'pg'
import { countQueries, createOrganization, createTestDatabase } from '@incident-intel/test-support'
import { RECORD_TYPES, resolveDependencies, type Direction, type RecordRef, type RecordType } from '../../src/index.js'
import { canonicalUuid } from '@incident-intel/schemas'
import { buildGraph, latticeLayer, latticeSpec, type Graph, type GraphSpec } from '../helpers/graph-fixture.js'
import { summarize } from '../helpers/summarize.js'

const { pool, url } = await createTestDatabase(t)

async function graphOf (spec: GraphSpec): Promise<Graph> {
  return buildGraph(pool, await createOrganization(pool), spec)
}

function chainSpec (names: string[], type: RecordType = 'intel_requests'): GraphSpec {
  return {
    nodes: Object.fromEntries(names.map(n => [n, type])),
    edges: names.slice(1).map((n, i) => [names[i]!, n])
  }
}

async function walk (graph: Graph, root: string, direction: Direction, maxDistance = 10, recordTypes: readonly RecordType[] = RECORD_TYPES) {
  const [result] = await resolveDependencies(pool, { roots: [graph.node[root]!], direction, recordTypes, maxDistance })
  return { edges: summarize(graph, result!.edges), truncated: result!.truncated, raw: result! }
}

t.test('a chain, walked both ways', async t => {
  const g = await graphOf(chainSpec(['a', 'b', 'c', 'd']))
  t.strictSame(await walk(g, 'a', 'dependents').then(r => r.edges), ['a>b@1', 'b>c@2', 'c>d@3'])
  t.strictSame(await walk(g, 'd', 'blockers').then(r => r.edges), ['a>b@3', 'b>c@2', 'c>d@1'])
  t.strictSame(await walk(g, 'd', 'dependents').then(r => r.edges), [], 'the last link has no dependents')
  t.strictSame(await walk(g, 'b', 'blockers').then(r => r.edges), ['a>b@1'])
})

t.test('results carry full edges sorted by distance', async t => {
  const g = await graphOf(chainSpec(['a', 'b', 'c']))
  const { raw } = await walk(g, 'a', 'dependents')
  t.strictSame(raw.root, g.node.a)
  t.strictSame(raw.edges.map(e => e.dependency_distance), [1, 2])
  t.match(raw.edges[0], {
    dependency_id: g.edge['a>b'],
    blocker_type: 'intel_requests',
    blocker_id: g.node.a!.id,
    dependent_type: 'intel_requests',
    dependent_id: g.node.b!.id,
    created: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/
  })
})

t.test('max_distance bounds the walk and truncated says so exactly', async t => {
  const g = await graphOf(chainSpec(['a', 'b', 'c', 'd']))
  const one = await walk(g, 'a', 'dependents', 1)
  t.strictSame([one.edges, one.truncated], [['a>b@1'], true])
  const two = await walk(g, 'a', 'dependents', 2)
  t.strictSame([two.edges, two.truncated], [['a>b@1', 'b>c@2'], true])
  const three = await walk(g, 'a', 'dependents', 3)
  t.strictSame([three.edges, three.truncated], [['a>b@1', 'b>c@2', 'c>d@3'], false], 'the chain ends exactly at the bound')
  const blockers = await walk(g, 'd', 'blockers', 2)
  t.strictSame([blockers.edges, blockers.truncated], [['b>c@2', 'c>d@1'], true])
})

t.test('a diamond: each edge once, at its shortest distance', async t => {
  const g = await graphOf({
    nodes: { a: 'incidents', b: 'intel_requests', c: 'intel_requests', d: 'intel_requests', e: 'intel_requests' },
    edges: [['a', 'b'], ['a', 'c'], ['b', 'd'], ['c', 'd'], ['d', 'e']]
  })
  t.strictSame(await walk(g, 'a', 'dependents').then(r => r.edges), ['a>b@1', 'a>c@1', 'b>d@2', 'c>d@2', 'd>e@3'])
  t.strictSame(await walk(g, 'e', 'blockers').then(r => r.edges), ['a>b@3', 'a>c@3', 'b>d@2', 'c>d@2', 'd>e@1'])
})

t.test('a shortcut gives the later edges their shorter distance', async t => {
  const g = await graphOf({ ...chainSpec(['a', 'b', 'c', 'd', 'e']), edges: [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e'], ['a', 'd']] })
  t.strictSame(await walk(g, 'a', 'dependents').then(r => r.edges), ['a>b@1', 'a>d@1', 'b>c@2', 'c>d@3', 'd>e@2'])
  const bounded = await walk(g, 'a', 'dependents', 2)
  t.strictSame([bounded.edges, bounded.truncated], [['a>b@1', 'a>d@1', 'b>c@2', 'd>e@2'], true], 'c>d lies at 3')
})

t.test('a cycle of length 1 written by hand ends', async t => {
  const g = await graphOf({ nodes: { a: 'intel_requests', b: 'intel_requests' }, edges: [['a', 'a'], ['a', 'b']] })
  const down = await walk(g, 'a', 'dependents')
  t.strictSame([down.edges, down.truncated], [['a>a@1', 'a>b@1'], false])
  const up = await walk(g, 'b', 'blockers')
  t.strictSame([up.edges, up.truncated], [['a>a@2', 'a>b@1'], false])
})

t.test('a cycle of length 2 ends', async t => {
  const g = await graphOf({ nodes: { a: 'intel_requests', b: 'incidents' }, edges: [['a', 'b'], ['b', 'a']] })
  const down = await walk(g, 'a', 'dependents')
  t.strictSame([down.edges, down.truncated], [['a>b@1', 'b>a@2'], false])
  const bounded = await walk(g, 'a', 'dependents', 1)
  t.strictSame([bounded.edges, bounded.truncated], [['a>b@1'], true], 'the edge back to the root lies at 2')
})

t.test('a cycle of length 7 ends, with or without the bound cutting it', async t => {
  const names = ['n0', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6']
  const g = await graphOf({ ...chainSpec(names), edges: [...chainSpec(names).edges, ['n6', 'n0']] })
  const full = await walk(g, 'n0', 'dependents', 10)
  t.strictSame([full.edges, full.truncated], [['n0>n1@1', 'n1>n2@2', 'n2>n3@3', 'n3>n4@4', 'n4>n5@5', 'n5>n6@6', 'n6>n0@7'], false])
  const exact = await walk(g, 'n0', 'dependents', 7)
  t.equal(exact.truncated, false, 'every edge lies within 7')
  const cut = await walk(g, 'n3', 'blockers', 5)
  t.strictSame([cut.edges, cut.truncated], [['n0>n1@3', 'n1>n2@2', 'n2>n3@1', 'n5>n6@5', 'n6>n0@4'], true], 'n4>n5 lies at 6')
})

t.test('the lattice: 230 edges, each once, no path enumeration', async t => {
  const g = await graphOf(latticeSpec(10, 5))
  const full = await walk(g, 'root', 'dependents', 10)
  t.equal(full.edges.length, 230)
  t.equal(new Set(full.raw.edges.map(e => e.dependency_id)).size, 230, 'no edge twice')
  t.equal(full.truncated, false)
  for (const e of full.raw.edges) {
    t.equal(e.dependency_distance, latticeLayer(g.nameOf.get(e.dependent_id)), `${g.nameOf.get(e.blocker_id)}>${g.nameOf.get(e.dependent_id)}`)
  }
  const bounded = await walk(g, 'root', 'dependents', 5)
  t.equal(bounded.edges.length, 5 + 25 * 4)
  t.equal(bounded.truncated, true)
  const up = await walk(g, 'L10_0', 'blockers', 10)
  t.equal(up.edges.length, 5 + 25 * 8 + 5, 'every edge above one bottom node')
  t.equal(up.truncated, false)
})

t.test('record_types limits the types the walk steps onto; the root is never filtered', async t => {
  const g = await graphOf({
    nodes: { incident: 'incidents', r1: 'intel_requests', r2: 'intel_requests', outage: 'outages', r3: 'intel_requests', asset: 'assets' },
    edges: [['incident', 'r1'], ['r1', 'r2'], ['incident', 'outage'], ['outage', 'r3'], ['asset', 'incident']]
  })
  t.strictSame(await walk(g, 'incident', 'dependents', 5, ['intel_requests']).then(r => r.edges), ['incident>r1@1', 'r1>r2@2'])
  t.strictSame(await walk(g, 'incident', 'dependents', 5, ['outages']).then(r => r.edges), ['incident>outage@1'])
  t.strictSame(await walk(g, 'incident', 'dependents', 5).then(r => r.edges),
    ['incident>outage@1', 'incident>r1@1', 'outage>r3@2', 'r1>r2@2'])
  t.strictSame(await walk(g, 'r3', 'blockers', 5).then(r => r.edges), ['asset>incident@3', 'incident>outage@2', 'outage>r3@1'])
  t.strictSame(await walk(g, 'r3', 'blockers', 5, ['outages', 'incidents']).then(r => r.edges), ['incident>outage@2', 'outage>r3@1'])
  const cut = await walk(g, 'r2', 'blockers', 1, ['intel_requests'])
  t.strictSame([cut.edges, cut.truncated], [['r1>r2@1'], false], 'the incident above r1 is not walkable, so nothing was cut')
})

t.test('deleted edges and deleted records are never walked', async t => {
  const g = await graphOf(chainSpec(['a', 'b', 'c', 'd']))
  await pool.query('update dependencies.dependencies set deleted = now() where dependency_id = $1', [g.edge['c>d']])
  t.strictSame(await walk(g, 'a', 'dependents').then(r => r.edges), ['a>b@1', 'b>c@2'])

  await pool.query('update intel_requests.intel_requests set deleted = now() where intel_request_id = $1', [g.node.b!.id])
  t.strictSame(await walk(g, 'a', 'dependents').then(r => r.edges), [], 'b is gone, and so is every edge touching it')
  t.strictSame(await walk(g, 'c', 'blockers').then(r => r.edges), [])

  const h = await graphOf({ nodes: { x: 'incidents', y: 'outages', z: 'intel_requests' }, edges: [['x', 'y'], ['y', 'z']] })
  await pool.query('delete from incidents.outages where outage_id = $1', [h.node.y!.id])
  t.strictSame(await walk(h, 'x', 'dependents').then(r => r.edges), [], 'a hard-deleted record takes its edges too')
})

t.test('many roots in one call: results in order of roots, duplicates and unknown roots included', async t => {
  const g = await graphOf(chainSpec(['a', 'b', 'c']))
  const unknown: RecordRef = { type: 'incidents', id: canonicalUuid('00000000-0000-4000-8000-000000000000')! }
  const roots = [g.node.b!, g.node.a!, unknown, g.node.b!]
  const results = await resolveDependencies(pool, { roots, direction: 'dependents', recordTypes: RECORD_TYPES, maxDistance: 5 })
  t.strictSame(results.map(r => r.root), roots)
  t.strictSame(results.map(r => summarize(g, r.edges)), [['b>c@1'], ['a>b@1', 'b>c@2'], [], ['b>c@1']])
  t.strictSame(results.map(r => r.truncated), [false, false, false, false])
  t.strictSame(await resolveDependencies(pool, { roots: [], direction: 'dependents', recordTypes: RECORD_TYPES, maxDistance: 5 }), [])
})

t.test('500 roots cost the same single round trip as one root, with exact results', async t => {
  const organizationId = await createOrganization(pool)
  const spec: GraphSpec = { nodes: {}, edges: [] }
  for (let i = 0; i < 500; i++) {
    for (const level of ['r', 'a', 'b', 'c']) spec.nodes[`${level}${i}`] = level === 'r' ? 'incidents' : 'intel_requests'
    spec.edges.push([`r${i}`, `a${i}`], [`a${i}`, `b${i}`], [`b${i}`, `c${i}`])
  }
  const g = await buildGraph(pool, organizationId, spec)
  const roots = Array.from({ length: 500 }, (_, i) => g.node[`r${i}`]!)

  const counted = new pg.Pool({ connectionString: url })
  t.teardown(() => counted.end())
  const counter = countQueries(counted)
  const options = { direction: 'dependents' as const, recordTypes: RECORD_TYPES, maxDistance: 5 }

  const one = await resolveDependencies(counted, { ...options, roots: roots.slice(0, 1) })
  const forOne = counter.count
  counter.reset()
  const many = await resolveDependencies(counted, { ...options, roots })
  const forMany = counter.count

  t.equal(forOne, 1)
  t.equal(forMany, forOne, '500 roots: no more round trips than 1')
  t.strictSame(summarize(g, one[0]!.edges), ['a0>b0@2', 'b0>c0@3', 'r0>a0@1'])
  many.forEach((result, i) => {
    t.strictSame(summarize(g, result.edges), [`a${i}>b${i}@2`, `b${i}>c${i}@3`, `r${i}>a${i}@1`], `root ${i}`)
  })
})
