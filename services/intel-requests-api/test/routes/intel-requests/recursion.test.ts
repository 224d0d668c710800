import t from 'tap'
import { createOrganization } from '@incident-intel/test-support'
import { buildTestApp } from '../../helpers/build-test-app.js'
import { buildGraph, walked, type Graph } from '../../helpers/graph.js'
import { ALL_TYPES, MISSING, send } from '../../helpers/requests.js'
import { expectedIntelRequest } from '../../helpers/stored.js'

const { app, pool } = await buildTestApp(t)
const organizationId = await createOrganization(pool)

// One organization, four graphs; the cycle is written straight into the table, where nothing refuses it.
const g: Graph = await buildGraph(pool, organizationId, {
  nodes: {
    c1: 'intel_requests',
    c2: 'intel_requests',
    c3: 'intel_requests',
    c4: 'intel_requests',
    d1: 'intel_requests',
    d2: 'intel_requests',
    d3: 'intel_requests',
    d4: 'intel_requests',
    d5: 'intel_requests',
    y1: 'intel_requests',
    y2: 'intel_requests',
    y3: 'intel_requests',
    m0: 'incidents',
    m1: 'intel_requests',
    m2: 'outages',
    m3: 'assets',
    m4: 'internet_outages',
    m5: 'intel_requests'
  },
  edges: [
    ['c1', 'c2'], ['c2', 'c3'], ['c3', 'c4'],
    ['d1', 'd2'], ['d1', 'd3'], ['d2', 'd4'], ['d3', 'd4'], ['d4', 'd5'],
    ['y1', 'y2'], ['y2', 'y1'], ['y2', 'y3'],
    ['m0', 'm1'], ['m1', 'm2'], ['m2', 'm3'], ['m1', 'm4'], ['m1', 'm5']
  ]
})
const id = (name: string): string => g.node[name]!.id

interface Walk {
  direction?: 'dependents' | 'blockers'
  maxDistance?: number
  recordTypes?: string[]
  edges: Record<string, number>
  truncated: boolean
}

/** The record as a recursive GET must show it. */
async function expected (name: string, walk: Walk) {
  const direction = walk.direction ?? 'dependents'
  const edges = walked(g, walk.edges)
  return {
    ...await expectedIntelRequest(pool, id(name)),
    [direction]: edges,
    recursive_dependency_meta: {
      direction,
      max_distance: walk.maxDistance ?? 5,
      record_types: walk.recordTypes ?? ALL_TYPES,
      truncated: walk.truncated,
      edge_count: edges.length
    }
  }
}

const get = (name: string, query: string) => send(app, { method: 'GET', url: `/intel-requests/${id(name)}?${query}` })
const RECURSIVE = 'get_recursive_dependencies=true'

t.test('a chain, both directions, bounded and truncated', async t => {
  t.strictSame(await get('c1', RECURSIVE), {
    status: 200, body: await expected('c1', { edges: { 'c1>c2': 1, 'c2>c3': 2, 'c3>c4': 3 }, truncated: false })
  })
  t.strictSame(await get('c1', `${RECURSIVE}&recursive_max_distance=2`), {
    status: 200, body: await expected('c1', { maxDistance: 2, edges: { 'c1>c2': 1, 'c2>c3': 2 }, truncated: true })
  })
  t.strictSame(await get('c1', `${RECURSIVE}&recursive_max_distance=3`), {
    status: 200, body: await expected('c1', { maxDistance: 3, edges: { 'c1>c2': 1, 'c2>c3': 2, 'c3>c4': 3 }, truncated: false })
  }, 'not truncated when the last edge is exactly at max_distance')
  t.strictSame(await get('c4', `${RECURSIVE}&recursive_dependency_type=blockers`), {
    status: 200, body: await expected('c4', { direction: 'blockers', edges: { 'c3>c4': 1, 'c2>c3': 2, 'c1>c2': 3 }, truncated: false })
  })
  t.strictSame(await get('c4', RECURSIVE), {
    status: 200, body: await expected('c4', { edges: {}, truncated: false })
  }, 'a leaf has no dependents')
})

t.test('a diamond: the shared edge once, at its shortest distance', async t => {
  t.strictSame(await get('d1', RECURSIVE), {
    status: 200,
    body: await expected('d1', { edges: { 'd1>d2': 1, 'd1>d3': 1, 'd2>d4': 2, 'd3>d4': 2, 'd4>d5': 3 }, truncated: false })
  })
  t.strictSame(await get('d5', `${RECURSIVE}&recursive_dependency_type=blockers&recursive_max_distance=2`), {
    status: 200,
    body: await expected('d5', { direction: 'blockers', maxDistance: 2, edges: { 'd4>d5': 1, 'd2>d4': 2, 'd3>d4': 2 }, truncated: true })
  })
})

t.test('a 2-cycle terminates; each edge once', async t => {
  t.strictSame(await get('y1', RECURSIVE), {
    status: 200, body: await expected('y1', { edges: { 'y1>y2': 1, 'y2>y1': 2, 'y2>y3': 2 }, truncated: false })
  })
  t.strictSame(await get('y1', `${RECURSIVE}&recursive_max_distance=10&recursive_dependency_type=blockers`), {
    status: 200, body: await expected('y1', { direction: 'blockers', maxDistance: 10, edges: { 'y2>y1': 1, 'y1>y2': 2 }, truncated: false })
  })
  t.strictSame(await get('y1', `${RECURSIVE}&recursive_max_distance=1`), {
    status: 200, body: await expected('y1', { maxDistance: 1, edges: { 'y1>y2': 1 }, truncated: true })
  })
})

t.test('mixed types, and record types comma-separated or repeated', async t => {
  t.strictSame(await get('m1', RECURSIVE), {
    status: 200, body: await expected('m1', { edges: { 'm1>m2': 1, 'm1>m4': 1, 'm1>m5': 1, 'm2>m3': 2 }, truncated: false })
  })
  const onlyOutagesAndAssets = await expected('m1', { recordTypes: ['outages', 'assets'], edges: { 'm1>m2': 1, 'm2>m3': 2 }, truncated: false })
  t.strictSame(await get('m1', `${RECURSIVE}&recursive_record_types=assets,outages`), { status: 200, body: onlyOutagesAndAssets })
  t.strictSame(await get('m1', `${RECURSIVE}&recursive_record_types=assets&recursive_record_types=outages`), { status: 200, body: onlyOutagesAndAssets })
  t.strictSame(await get('m1', `${RECURSIVE}&recursive_record_types=assets`), {
    status: 200, body: await expected('m1', { recordTypes: ['assets'], edges: {}, truncated: false })
  }, 'assets sit behind an outage, which the walk may not step onto')
  t.strictSame(await get('m1', `${RECURSIVE}&recursive_dependency_type=blockers`), {
    status: 200, body: await expected('m1', { direction: 'blockers', edges: { 'm0>m1': 1 }, truncated: false })
  })
})

t.test('True and False, as Python clients spell them', async t => {
  t.strictSame(await get('c1', 'get_recursive_dependencies=True'), {
    status: 200, body: await expected('c1', { edges: { 'c1>c2': 1, 'c2>c3': 2, 'c3>c4': 3 }, truncated: false })
  })
  for (const query of ['get_recursive_dependencies=False', 'get_recursive_dependencies=false', 'recursive_max_distance=1']) {
    t.strictSame(await get('c1', query), { status: 200, body: await expectedIntelRequest(pool, id('c1')) }, query)
  }
})

t.test('bulk: the same walks for every root, in request order', async t => {
  const reply = await send(app, {
    method: 'POST',
    url: '/intel-requests/bulk?get_recursive_dependencies=True&recursive_max_distance=2',
    payload: { intel_request_ids: [id('d1'), id('y1'), MISSING, id('c1'), id('m1'), id('d1')] }
  })
  t.strictSame(reply, {
    status: 200,
    body: {
      intel_requests: [
        await expected('d1', { maxDistance: 2, edges: { 'd1>d2': 1, 'd1>d3': 1, 'd2>d4': 2, 'd3>d4': 2 }, truncated: true }),
        await expected('y1', { maxDistance: 2, edges: { 'y1>y2': 1, 'y2>y1': 2, 'y2>y3': 2 }, truncated: false }),
        await expected('c1', { maxDistance: 2, edges: { 'c1>c2': 1, 'c2>c3': 2 }, truncated: true }),
        await expected('m1', { maxDistance: 2, edges: { 'm1>m2': 1, 'm1>m4': 1, 'm1>m5': 1, 'm2>m3': 2 }, truncated: false })
      ],
      not_found: [MISSING]
    }
  })
  const blockers = await send(app, {
    method: 'POST',
    url: '/intel-requests/bulk?get_recursive_dependencies=true&recursive_dependency_type=blockers&recursive_record_types=incidents,intel_requests',
    payload: { intel_request_ids: [id('c4'), id('m1')] }
  })
  t.strictSame(blockers, {
    status: 200,
    body: {
      intel_requests: [
        await expected('c4', { direction: 'blockers', recordTypes: ['incidents', 'intel_requests'], edges: { 'c3>c4': 1, 'c2>c3': 2, 'c1>c2': 3 }, truncated: false }),
        await expected('m1', { direction: 'blockers', recordTypes: ['incidents', 'intel_requests'], edges: { 'm0>m1': 1 }, truncated: false })
      ],
      not_found: []
    }
  })
})
