import t from 'tap'
import Fastify from 'fastify'
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { createPool } from '@incident-intel/db'
import { countQueries, createOrganization, createTestDatabase } from '@incident-intel/test-support'
import { createDependencyGraph, fetchRecordDependencies, RecordDependenciesProperties, recursiveQuerySchema } from '../src/index.js'
import { AJV_OPTIONS, Uuid } from '@incident-intel/schemas'
import { buildGraph, type GraphSpec } from './helpers/graph-fixture.js'
import { summarize } from './helpers/summarize.js'

const { pool, url } = await createTestDatabase(t)
const graph = createDependencyGraph({ pool })

// A record GET as a service writes one: its own params plus the shared recursive parameters.
const app = Fastify({ ajv: AJV_OPTIONS })
  .withTypeProvider<TypeBoxTypeProvider>()
app.get('/intel-requests/:id', {
  schema: {
    params: Type.Object({ id: Uuid }),
    querystring: Type.Composite([recursiveQuerySchema(graph)], { additionalProperties: false }),
    response: { 200: Type.Object({ intel_request_id: Uuid, ...RecordDependenciesProperties }) }
  }
}, async (request) => {
  const [dependencies] = await fetchRecordDependencies(graph, 'intel_requests', [request.params.id], request.query)
  return { intel_request_id: request.params.id, ...dependencies! }
})
await app.ready()
t.teardown(() => app.close())

// incident > r1 > r2 > r3, r1 > outage, asset > r1
const spec: GraphSpec = {
  nodes: { incident: 'incidents', r1: 'intel_requests', r2: 'intel_requests', r3: 'intel_requests', outage: 'outages', asset: 'assets' },
  edges: [['incident', 'r1'], ['r1', 'r2'], ['r2', 'r3'], ['r1', 'outage'], ['asset', 'r1']]
}
const g = await buildGraph(pool, await createOrganization(pool), spec)

async function get (query: string) {
  const response = await app.inject({ method: 'GET', url: `/intel-requests/${g.node.r1!.id}${query}` })
  const body = response.json()
  return {
    status: response.statusCode,
    body,
    blockers: body.dependencies && summarize(g, body.dependencies.blockers),
    dependents: body.dependencies && summarize(g, body.dependencies.dependents),
    walked: body.dependents ? summarize(g, body.dependents) : body.blockers ? summarize(g, body.blockers) : undefined
  }
}

t.test('without get_recursive_dependencies: the direct dependencies only', async t => {
  for (const query of ['', '?get_recursive_dependencies=false', '?get_recursive_dependencies=False']) {
    const r = await get(query)
    t.equal(r.status, 200, query)
    t.strictSame(Object.keys(r.body).sort(), ['dependencies', 'intel_request_id'], query)
    t.strictSame([r.blockers, r.dependents], [['asset>r1@-', 'incident>r1@-'], ['r1>outage@-', 'r1>r2@-']], query)
  }
})

t.test('with it: the walk under the direction\'s key, and its meta', async t => {
  for (const query of ['?get_recursive_dependencies=true', '?get_recursive_dependencies=True']) {
    const r = await get(query)
    t.equal(r.status, 200)
    t.strictSame(r.walked, ['r1>outage@1', 'r1>r2@1', 'r2>r3@2'], query)
    t.strictSame(r.body.dependents.map((e: { dependency_distance: number }) => e.dependency_distance), [1, 1, 2], 'sorted by distance')
    t.strictSame(r.body.recursive_dependency_meta, {
      direction: 'dependents', max_distance: 5, record_types: ['incidents', 'intel_requests', 'outages', 'internet_outages', 'assets'], truncated: false, edge_count: 3
    })
    t.strictSame(r.dependents, ['r1>outage@-', 'r1>r2@-'], 'direct dependencies still there')
  }
  const up = await get('?get_recursive_dependencies=true&recursive_dependency_type=blockers')
  t.strictSame([up.walked, up.body.dependents], [['asset>r1@1', 'incident>r1@1'], undefined])
  t.equal(up.body.recursive_dependency_meta.direction, 'blockers')
})

t.test('record types comma-separated or repeated; max_distance bounds and truncates', async t => {
  const comma = await get('?get_recursive_dependencies=true&recursive_record_types=intel_requests,incidents')
  const repeated = await get('?get_recursive_dependencies=true&recursive_record_types=incidents&recursive_record_types=intel_requests')
  t.strictSame(comma.walked, ['r1>r2@1', 'r2>r3@2'])
  t.strictSame(repeated.body, comma.body)
  t.strictSame(comma.body.recursive_dependency_meta.record_types, ['incidents', 'intel_requests'])
  const bounded = await get('?get_recursive_dependencies=true&recursive_max_distance=1')
  t.strictSame(bounded.walked, ['r1>outage@1', 'r1>r2@1'])
  t.match(bounded.body.recursive_dependency_meta, { max_distance: 1, truncated: true, edge_count: 2 })
})

t.test('bad values are 400s naming the parameter', async t => {
  const cases: Array<[string, string]> = [
    ['?get_recursive_dependencies=yes', 'querystring/get_recursive_dependencies'],
    ['?get_recursive_dependencies=true&recursive_dependency_type=up', 'querystring/recursive_dependency_type'],
    ['?get_recursive_dependencies=true&recursive_record_types=intel_requests,bogus', 'querystring/recursive_record_types/0'],
    ['?get_recursive_dependencies=true&recursive_record_types=', 'querystring/recursive_record_types/0'],
    ['?get_recursive_dependencies=true&recursive_record_types=incidents%27;drop%20table%20x', 'querystring/recursive_record_types/0'],
    ['?get_recursive_dependencies=true&recursive_max_distance=0', 'querystring/recursive_max_distance'],
    ['?get_recursive_dependencies=true&recursive_max_distance=11', 'querystring/recursive_max_distance'],
    ['?get_recursive_dependencies=true&recursive_max_distance=abc', 'querystring/recursive_max_distance'],
    ['?get_recursive_dependencies=true&recursive_maximum_distance=3', 'querystring must NOT have additional properties']
  ]
  for (const [query, expected] of cases) {
    const r = await get(query)
    t.equal(r.status, 400, query)
    t.ok(r.body.message.startsWith(expected), `${query}: ${r.body.message}`)
  }
})

t.test('any number of records costs the same two queries', async t => {
  const many: GraphSpec = { nodes: {}, edges: [] }
  for (let i = 0; i < 500; i++) {
    many.nodes[`a${i}`] = 'intel_requests'
    many.nodes[`b${i}`] = 'intel_requests'
    many.edges.push([`a${i}`, `b${i}`])
  }
  const h = await buildGraph(pool, await createOrganization(pool), many)
  const ids = Array.from({ length: 500 }, (_, i) => h.node[`a${i}`]!.id)
  const counted = createPool({ connectionString: url })
  // end() can resolve before its sockets close; the database's forced drop then ends them (57P01),
  // and an idle client's error without a listener would crash the test process.
  counted.on('error', () => {})
  t.teardown(() => counted.end())
  const counter = countQueries(counted)
  const countedGraph = createDependencyGraph({ pool: counted })
  const query = { get_recursive_dependencies: true as const }

  const one = await fetchRecordDependencies(countedGraph, 'intel_requests', ids.slice(0, 1), query)
  const forOne = counter.count
  counter.reset()
  const all = await fetchRecordDependencies(countedGraph, 'intel_requests', ids, query)
  t.strictSame([forOne, counter.count], [2, 2])
  t.strictSame(summarize(h, one[0]!.dependents!), ['a0>b0@1'])
  all.forEach((r, i) => t.strictSame(summarize(h, r.dependents!), [`a${i}>b${i}@1`], `record ${i}`))
})
