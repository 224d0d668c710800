import t from 'tap'
import pg from 'pg'
import { countQueries, createOrganization, createRecords, createTestDatabase } from '@incident-intel/test-support'
import { DependencyNotFoundError, MaxDistanceError, createDependencyGraph, type Edge, type RecordRef, type RecordType } from '../src/index.js'
import { canonicalUuid } from '@incident-intel/schemas'
import { buildApp } from './helpers/build-app.js'

const { pool, url } = await createTestDatabase(t)
const organizationId = await createOrganization(pool)

const MISSING = canonicalUuid('00000000-0000-4000-8000-000000000000')!

async function records (type: RecordType, count: number): Promise<RecordRef[]> {
  const ids = await createRecords(pool, type, organizationId, count)
  return ids.map(id => ({ type, id: canonicalUuid(id)! }))
}

/** A chain of `length` intel requests, each blocking the next; its edges in order. */
async function chain (length: number) {
  const graph = createDependencyGraph({ pool })
  const nodes = await records('intel_requests', length)
  const edges: Edge[] = []
  for (let i = 1; i < length; i++) edges.push((await graph.add({ blocker: nodes[i - 1]!, dependent: nodes[i]! })).edge)
  return { nodes, edges }
}

const at = (edge: Edge, distance: number): Edge => ({ ...edge, dependency_distance: distance })

t.test('defaults: max_distance 5, limit 10', async t => {
  const graph = createDependencyGraph({ pool })
  t.equal(graph.maxDistanceDefault, 5)
  t.equal(graph.maxDistanceLimit, 10)
  const custom = createDependencyGraph({ pool, maxDistanceDefault: 2, maxDistanceLimit: 3 })
  t.strictSame([custom.maxDistanceDefault, custom.maxDistanceLimit], [2, 3])
  const wide = createDependencyGraph({ pool, maxDistanceLimit: 50 })
  t.strictSame([wide.maxDistanceDefault, wide.maxDistanceLimit], [5, 50])
  const one = createDependencyGraph({ pool, maxDistanceDefault: 1, maxDistanceLimit: 1 })
  t.strictSame([one.maxDistanceDefault, one.maxDistanceLimit], [1, 1])
})

t.test('bad options throw RangeError', async t => {
  for (const limit of [0, -1, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
    t.throws(() => createDependencyGraph({ pool, maxDistanceLimit: limit }),
      new RangeError(`maxDistanceLimit must be a positive integer, got ${limit}`), `limit ${limit}`)
  }
  for (const [value, limit] of [[0, 10], [-3, 10], [11, 10], [2.5, 10], [Number.NaN, 10], [4, 3]] as const) {
    t.throws(() => createDependencyGraph({ pool, maxDistanceDefault: value, maxDistanceLimit: limit }),
      new RangeError(`maxDistanceDefault must be an integer from 1 to maxDistanceLimit (${limit}), got ${value}`),
      `default ${value} with limit ${limit}`)
  }
  t.equal(createDependencyGraph({ pool, maxDistanceLimit: 3 }).maxDistanceDefault, 3,
    'a limit below the usual default of 5 caps the default')
})

t.test('resolve() refuses max_distance outside 1..limit with MaxDistanceError, before any query', async t => {
  const counted = new pg.Pool({ connectionString: url })
  t.teardown(() => counted.end())
  const counter = countQueries(counted)
  const { nodes: [root] } = await chain(2)
  for (const [limit, maxDistance] of [[10, 0], [10, 11], [10, -1], [10, 2.5], [10, Number.NaN], [3, 4], [1, 2]] as const) {
    const graph = createDependencyGraph({ pool: counted, maxDistanceDefault: 1, maxDistanceLimit: limit })
    const error = await graph.resolve({ roots: [root!], direction: 'dependents', maxDistance }).catch(e => e)
    t.ok(error instanceof MaxDistanceError, `${maxDistance} with limit ${limit}`)
    t.match(error, {
      statusCode: 400,
      code: 'DEPENDENCY_MAX_DISTANCE',
      message: `max_distance must be an integer from 1 to ${limit}, got ${maxDistance}`
    })
  }
  t.equal(counter.count, 0, 'no query was sent')
})

t.test('resolve() walks up to the limit and uses the default when no max_distance is given', async t => {
  const { nodes, edges } = await chain(12)
  const root = nodes[0]!
  const graph = createDependencyGraph({ pool })
  t.strictSame(await graph.resolve({ roots: [root], direction: 'dependents' }),
    [{ root, edges: edges.slice(0, 5).map((e, i) => at(e, i + 1)), truncated: true }], 'default 5')
  t.strictSame(await graph.resolve({ roots: [root], direction: 'dependents', maxDistance: 10 }),
    [{ root, edges: edges.slice(0, 10).map((e, i) => at(e, i + 1)), truncated: true }], 'the limit 10')

  const narrow = createDependencyGraph({ pool, maxDistanceDefault: 2, maxDistanceLimit: 3 })
  t.strictSame(await narrow.resolve({ roots: [root], direction: 'dependents' }),
    [{ root, edges: edges.slice(0, 2).map((e, i) => at(e, i + 1)), truncated: true }], 'custom default 2')
  t.strictSame(await narrow.resolve({ roots: [nodes[11]!], direction: 'blockers', maxDistance: 3, recordTypes: ['intel_requests'] }),
    [{ root: nodes[11], edges: [at(edges[10]!, 1), at(edges[9]!, 2), at(edges[8]!, 3)], truncated: true }], 'custom limit 3')

  const wide = createDependencyGraph({ pool, maxDistanceLimit: 20 })
  t.strictSame(await wide.resolve({ roots: [root], direction: 'dependents', maxDistance: 11 }),
    [{ root, edges: edges.map((e, i) => at(e, i + 1)), truncated: false }], 'a limit above 10 allows 11')
})

t.test('the route follows a custom limit and default', async t => {
  const { app } = await buildApp(t, pool, { maxDistanceDefault: 2, maxDistanceLimit: 3 })
  const { nodes, edges } = await chain(5)
  const root = nodes[0]!
  const resolve = async (payload: object) => {
    const reply = await app.inject({ method: 'POST', url: '/dependencies/resolve', payload })
    return { status: reply.statusCode, body: reply.json() }
  }
  t.strictSame(await resolve({ roots: [root], direction: 'dependents', max_distance: 4 }), {
    status: 400,
    body: { statusCode: 400, code: 'FST_ERR_VALIDATION', error: 'Bad Request', message: 'body/max_distance must be <= 3' }
  })
  t.strictSame(await resolve({ roots: [root], direction: 'dependents', max_distance: 3 }), {
    status: 200, body: { results: [{ root, edges: edges.slice(0, 3).map((e, i) => at(e, i + 1)), truncated: true }] }
  })
  t.strictSame(await resolve({ roots: [root], direction: 'dependents' }), {
    status: 200, body: { results: [{ root, edges: edges.slice(0, 2).map((e, i) => at(e, i + 1)), truncated: true }] }
  }, 'the default 2')

  const { app: wideApp } = await buildApp(t, pool, { maxDistanceLimit: 20 })
  const wide = await wideApp.inject({ method: 'POST', url: '/dependencies/resolve', payload: { roots: [root], direction: 'dependents', max_distance: 15 } })
  t.strictSame({ status: wide.statusCode, body: wide.json() }, {
    status: 200, body: { results: [{ root, edges: edges.map((e, i) => at(e, i + 1)), truncated: false }] }
  }, 'a limit of 20 allows 15')
})

t.test('find() gives each live record with its organization, in order', async t => {
  const graph = createDependencyGraph({ pool })
  const [a, b] = await records('outages', 2)
  await pool.query('update incidents.outages set deleted = now() where outage_id = $1', [b!.id])
  t.strictSame(await graph.find([a!, b!, { type: 'incidents', id: a!.id }, { type: 'assets', id: MISSING }, a!]), [
    { ...a, organizationId },
    undefined,
    undefined,
    undefined,
    { ...a, organizationId }
  ])
})

t.test('remove() soft-deletes a live edge and refuses one that is not live', async t => {
  const graph = createDependencyGraph({ pool })
  const { edges: [edge] } = await chain(2)
  await graph.remove(edge!.dependency_id)
  const { rows } = await pool.query('select deleted is not null as deleted from dependencies.dependencies where dependency_id = $1', [edge!.dependency_id])
  t.strictSame(rows, [{ deleted: true }])
  for (const id of [edge!.dependency_id, MISSING]) {
    const error = await graph.remove(id).catch(e => e)
    t.ok(error instanceof DependencyNotFoundError)
    t.match(error, { statusCode: 404, code: 'DEPENDENCY_NOT_FOUND', message: `Dependency ${id} does not exist` })
  }
})
