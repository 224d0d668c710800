import t from 'tap'
import { RECORD_TYPES, type Edge, type RecordRef } from '@incident-intel/dependency-graph'
import { Uuid, canonicalUuid } from '@incident-intel/schemas'
import { createOrganization, createRecords } from '@incident-intel/test-support'
import { buildTestApp } from '../../helpers/build-test-app.js'
import { MISSING, sender, validation } from '../../helpers/requests.js'

const { app, pool } = await buildTestApp(t)
const organizationId = await createOrganization(pool)

const send = sender(app)

async function createIncident (title: string): Promise<RecordRef & { body: Record<string, unknown> }> {
  const { status, body } = await send('POST', '/incidents', { organization_id: organizationId, title, incident_type: 'power' })
  if (status !== 201) throw new Error(`expected 201, got ${status}`)
  return { type: 'incidents', id: body.incident_id, body }
}

async function intelRequests (count: number): Promise<RecordRef[]> {
  return (await createRecords(pool, 'intel_requests', organizationId, count)).map(id => ({ type: 'intel_requests', id: canonicalUuid(id)! }))
}

/** "dependent depends on blocker", added through the mounted /dependencies route. */
async function link (blocker: RecordRef, dependent: RecordRef): Promise<Edge> {
  const { status, body } = await send('POST', '/dependencies', {
    blocker_type: blocker.type, blocker_id: blocker.id, dependent_type: dependent.type, dependent_id: dependent.id
  })
  if (status !== 201) throw new Error(`expected 201, got ${status}: ${JSON.stringify(body)}`)
  return body
}

const at = (edge: Edge, distance: number): Edge => ({ ...edge, dependency_distance: distance })
const meta = (direction: string, maxDistance: number, truncated: boolean, edgeCount: number, recordTypes: readonly string[] = RECORD_TYPES) =>
  ({ direction, max_distance: maxDistance, record_types: [...recordTypes], truncated, edge_count: edgeCount })
const get = (id: string, query = '') => send('GET', `/incidents/${id}${query}`)

t.test('found: the incident with its relations and direct dependencies', async t => {
  const incident = await createIncident('Found')
  const [request] = await intelRequests(1)
  const edge = await link(incident, request!)
  t.same(await get(incident.id), {
    status: 200,
    body: { ...incident.body, dependencies: { blockers: [], dependents: [edge] } }
  })
})

t.test('not found: unknown or deleted; bad id and bad query: 400', async t => {
  const incident = await createIncident('Deleted')
  t.equal((await send('DELETE', `/incidents/${incident.id}`)).status, 204)
  for (const id of [MISSING, incident.id]) {
    t.same(await get(id), {
      status: 404,
      body: { statusCode: 404, code: 'INCIDENTS_NOT_FOUND', error: 'Not Found', message: `Incident ${id} does not exist` }
    })
  }
  const live = await createIncident('Live')
  t.same(await get('abc'), validation(`params/incident_id must match pattern "${Uuid.pattern}"`))
  t.same(await get(live.id, '?include=all'), validation('querystring must NOT have additional properties'))
  t.same(await get(live.id, '?get_recursive_dependencies=true&recursive_max_distance=11'), validation('querystring/recursive_max_distance must be <= 10'))
  t.same(await get(live.id, '?get_recursive_dependencies=true&recursive_max_distance=0'), validation('querystring/recursive_max_distance must be >= 1'))
  t.same(await get(live.id, '?recursive_dependency_type=sideways'), validation('querystring/recursive_dependency_type must be equal to one of the allowed values'))
  t.same(await get(live.id, '?recursive_record_types=people'),
    validation(`querystring/recursive_record_types/0 must match pattern "^(${RECORD_TYPES.join('|')})(,(${RECORD_TYPES.join('|')}))*$"`))
})

t.test('recursion over a chain: incident A -> R1 -> R2 -> R3 -> incident Z', async t => {
  const a = await createIncident('A')
  const z = await createIncident('Z')
  const [r1, r2, r3] = await intelRequests(3) as [RecordRef, RecordRef, RecordRef]
  const e1 = await link(a, r1)
  const e2 = await link(r1, r2)
  const e3 = await link(r2, r3)
  const e4 = await link(r3, z)

  t.same(await get(a.id, '?get_recursive_dependencies=true'), {
    status: 200,
    body: {
      ...a.body,
      dependencies: { blockers: [], dependents: [e1] },
      dependents: [at(e1, 1), at(e2, 2), at(e3, 3), at(e4, 4)],
      recursive_dependency_meta: meta('dependents', 5, false, 4)
    }
  }, 'dependents, default distance')

  t.same(await get(a.id, '?get_recursive_dependencies=True&recursive_max_distance=2'), {
    status: 200,
    body: {
      ...a.body,
      dependencies: { blockers: [], dependents: [e1] },
      dependents: [at(e1, 1), at(e2, 2)],
      recursive_dependency_meta: meta('dependents', 2, true, 2)
    }
  }, 'bounded: truncated')

  t.same(await get(z.id, '?get_recursive_dependencies=true&recursive_dependency_type=blockers'), {
    status: 200,
    body: {
      ...z.body,
      dependencies: { blockers: [e4], dependents: [] },
      blockers: [at(e4, 1), at(e3, 2), at(e2, 3), at(e1, 4)],
      recursive_dependency_meta: meta('blockers', 5, false, 4)
    }
  }, 'blockers, the reverse walk')

  t.same(await get(a.id, '?get_recursive_dependencies=true&recursive_record_types=intel_requests'), {
    status: 200,
    body: {
      ...a.body,
      dependencies: { blockers: [], dependents: [e1] },
      dependents: [at(e1, 1), at(e2, 2), at(e3, 3)],
      recursive_dependency_meta: meta('dependents', 5, false, 3, ['intel_requests'])
    }
  }, 'record types: the walk does not step onto incident Z')

  t.same(await get(a.id, '?get_recursive_dependencies=false'), {
    status: 200,
    body: { ...a.body, dependencies: { blockers: [], dependents: [e1] } }
  }, 'not asked: direct dependencies only')
})

t.test('recursion over a diamond: each edge once, at its shortest distance', async t => {
  const top = await createIncident('Top')
  const [b, c, d, e] = await intelRequests(4) as [RecordRef, RecordRef, RecordRef, RecordRef]
  const topB = await link(top, b)
  const topC = await link(top, c)
  const bD = await link(b, d)
  const cD = await link(c, d)
  const dE = await link(d, e)
  const shortcut = await link(top, e) // e is reached at distance 1 as well as 3

  t.same(await get(top.id, '?get_recursive_dependencies=true&recursive_dependency_type=dependents&recursive_max_distance=10'), {
    status: 200,
    body: {
      ...top.body,
      dependencies: { blockers: [], dependents: [topB, topC, shortcut] },
      dependents: [at(topB, 1), at(topC, 1), at(shortcut, 1), at(bD, 2), at(cD, 2), at(dE, 3)],
      recursive_dependency_meta: meta('dependents', 10, false, 6)
    }
  })
  t.same(await get(top.id, '?get_recursive_dependencies=true&recursive_record_types=intel_requests&recursive_record_types=assets&recursive_max_distance=1'), {
    status: 200,
    body: {
      ...top.body,
      dependencies: { blockers: [], dependents: [topB, topC, shortcut] },
      dependents: [at(topB, 1), at(topC, 1), at(shortcut, 1)],
      recursive_dependency_meta: meta('dependents', 1, true, 3, ['intel_requests', 'assets'])
    }
  }, 'repeated record types; bounded at 1')
})
