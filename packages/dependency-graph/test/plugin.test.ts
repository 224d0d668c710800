import t from 'tap'
import type { InjectOptions } from 'fastify'
import { createOrganization, createRecords, createTestDatabase } from '@incident-intel/test-support'
import { type Edge, type RecordRef, type RecordType } from '../src/index.js'
import { Uuid, canonicalUuid } from '@incident-intel/schemas'
import { buildApp } from './helpers/build-app.js'

const { pool } = await createTestDatabase(t)
const { app } = await buildApp(t, pool)
const organizationId = await createOrganization(pool)

const MISSING = canonicalUuid('00000000-0000-4000-8000-000000000000')!
const UUID_PATTERN = Uuid.pattern!

interface Reply { status: number, body: unknown }

async function send (options: InjectOptions): Promise<Reply> {
  const response = await app.inject(options)
  return { status: response.statusCode, body: response.body === '' ? undefined : response.json() }
}

const post = (payload: unknown): Promise<Reply> =>
  send({ method: 'POST', url: '/dependencies', payload: payload as object })
const resolve = (payload: unknown): Promise<Reply> =>
  send({ method: 'POST', url: '/dependencies/resolve', payload: payload as object })
const direct = (query: Record<string, string>): Promise<Reply> =>
  send({ method: 'GET', url: '/dependencies', query })
const remove = (dependencyId: string): Promise<Reply> =>
  send({ method: 'DELETE', url: `/dependencies/${dependencyId}` })

async function records (type: RecordType, count: number, organization = organizationId): Promise<RecordRef[]> {
  const ids = await createRecords(pool, type, organization, count)
  return ids.map(id => ({ type, id: canonicalUuid(id)! }))
}

async function record (type: RecordType, organization = organizationId): Promise<RecordRef> {
  const [one] = await records(type, 1, organization)
  return one!
}

function newDependency (blocker: RecordRef, dependent: RecordRef) {
  return { blocker_type: blocker.type, blocker_id: blocker.id, dependent_type: dependent.type, dependent_id: dependent.id }
}

/** Adds "dependent depends on blocker" through the route; the edge it answers with. */
async function link (blocker: RecordRef, dependent: RecordRef): Promise<Edge> {
  const reply = await post(newDependency(blocker, dependent))
  if (reply.status !== 201) throw new Error(`expected 201, got ${reply.status}: ${JSON.stringify(reply.body)}`)
  return reply.body as Edge
}

/** The rows of the table that join these two records, live or not. */
async function rowsBetween (blocker: RecordRef, dependent: RecordRef) {
  const { rows } = await pool.query<{ dependency_id: string, organization_id: string, created: Date, deleted: Date | null }>(
    `select dependency_id, organization_id, created, deleted from dependencies.dependencies
      where blocker_type = $1 and blocker_id = $2 and dependent_type = $3 and dependent_id = $4
      order by created`,
    [blocker.type, blocker.id, dependent.type, dependent.id])
  return rows
}

function validationError (message: string) {
  return { statusCode: 400, code: 'FST_ERR_VALIDATION', error: 'Bad Request', message }
}

function notFound (code: string, message: string) {
  return { statusCode: 404, code, error: 'Not Found', message }
}

function cycleError (cycle: RecordRef[]) {
  return {
    statusCode: 409,
    code: 'DEPENDENCY_CYCLE',
    error: 'Conflict',
    message: `The dependency would close a cycle: ${cycle.map(r => `${r.type} ${r.id}`).join(' -> ')}`,
    cycle
  }
}

const at = (edge: Edge, distance: number): Edge => ({ ...edge, dependency_distance: distance })

t.test('POST /dependencies', async t => {
  t.test('201 with the new edge, which is in the table', async t => {
    const incident = await record('incidents')
    const request = await record('intel_requests')
    const reply = await post(newDependency(incident, request))
    const rows = await rowsBetween(incident, request)
    t.equal(rows.length, 1, 'one row')
    t.strictSame(reply, {
      status: 201,
      body: {
        dependency_id: rows[0]!.dependency_id,
        blocker_type: 'incidents',
        blocker_id: incident.id,
        dependent_type: 'intel_requests',
        dependent_id: request.id,
        created: rows[0]!.created.toISOString()
      }
    })
    t.equal(rows[0]!.organization_id, organizationId, 'the edge carries the records\' organization')
    t.equal(rows[0]!.deleted, null, 'the edge is live')
  })

  t.test('200 with the same edge when it is already live', async t => {
    const [a, b] = await records('intel_requests', 2)
    const first = await post(newDependency(a!, b!))
    t.equal(first.status, 201)
    const again = await post(newDependency(a!, b!))
    t.strictSame(again, { status: 200, body: first.body }, 'same dependency_id, same created')
    t.equal((await rowsBetween(a!, b!)).length, 1, 'still one row')
  })

  t.test('ids in upper case are accepted; the edge carries them in canonical form', async t => {
    const [a, b] = await records('intel_requests', 2)
    const upper = { ...newDependency(a!, b!), blocker_id: a!.id.toUpperCase(), dependent_id: b!.id.toUpperCase() }
    const first = await post(upper)
    t.equal(first.status, 201)
    t.match(first.body, { blocker_id: a!.id, dependent_id: b!.id })
    t.strictSame(await post(newDependency(a!, b!)), { status: 200, body: first.body }, 'the same edge in lower case')
    t.strictSame(await post(upper), { status: 200, body: first.body }, 'and in upper case again')
  })

  t.test('400 for a self-edge', async t => {
    const a = await record('outages')
    t.strictSame(await post(newDependency(a, a)), {
      status: 400,
      body: { statusCode: 400, code: 'DEPENDENCY_SELF', error: 'Bad Request', message: `A record cannot depend on itself: outages ${a.id}` }
    })
    t.equal((await rowsBetween(a, a)).length, 0)
  })

  t.test('400 for a self-edge whose two ids differ only in letter case', async t => {
    const a = await record('intel_requests')
    const reply = await post({ ...newDependency(a, a), dependent_id: a.id.toUpperCase() })
    t.strictSame(reply, {
      status: 400,
      body: { statusCode: 400, code: 'DEPENDENCY_SELF', error: 'Bad Request', message: `A record cannot depend on itself: intel_requests ${a.id}` }
    })
    t.equal((await rowsBetween(a, a)).length, 0)
  })

  t.test('400 for an unknown type', async t => {
    const [a, b] = await records('incidents', 2)
    t.strictSame(await post({ ...newDependency(a!, b!), blocker_type: 'incident' }),
      { status: 400, body: validationError('body/blocker_type must be equal to one of the allowed values') })
    t.strictSame(await post({ ...newDependency(a!, b!), dependent_type: 'locations' }),
      { status: 400, body: validationError('body/dependent_type must be equal to one of the allowed values') })
  })

  t.test('400 for a malformed uuid', async t => {
    const [a, b] = await records('incidents', 2)
    t.strictSame(await post({ ...newDependency(a!, b!), blocker_id: 'not-a-uuid' }),
      { status: 400, body: validationError(`body/blocker_id must match pattern "${UUID_PATTERN}"`) })
    t.strictSame(await post({ ...newDependency(a!, b!), dependent_id: `${b!.id}0` }),
      { status: 400, body: validationError('body/dependent_id must NOT have more than 36 characters') })
  })

  t.test('400 for a missing field', async t => {
    const [a, b] = await records('incidents', 2)
    for (const field of ['blocker_type', 'blocker_id', 'dependent_type', 'dependent_id'] as const) {
      const body: Record<string, string> = newDependency(a!, b!)
      delete body[field]
      t.strictSame(await post(body), { status: 400, body: validationError(`body must have required property '${field}'`) }, field)
    }
  })

  t.test('400 for an extra field', async t => {
    const [a, b] = await records('incidents', 2)
    t.strictSame(await post({ ...newDependency(a!, b!), organization_id: organizationId }),
      { status: 400, body: validationError('body must NOT have additional properties') })
    t.equal((await rowsBetween(a!, b!)).length, 0)
  })

  t.test('400 for a body that is not a JSON object', async t => {
    const json = { 'content-type': 'application/json' }
    t.strictSame(await send({ method: 'POST', url: '/dependencies', headers: json, payload: '{"blocker_type": ' }), {
      status: 400,
      body: { statusCode: 400, code: 'FST_ERR_CTP_INVALID_JSON_BODY', error: 'Bad Request', message: "Body is not valid JSON but content-type is set to 'application/json'" }
    }, 'malformed JSON')
    t.strictSame(await send({ method: 'POST', url: '/dependencies', headers: json, payload: '' }), {
      status: 400,
      body: { statusCode: 400, code: 'FST_ERR_CTP_EMPTY_JSON_BODY', error: 'Bad Request', message: "Body cannot be empty when content-type is set to 'application/json'" }
    }, 'empty JSON body')
    t.strictSame(await send({ method: 'POST', url: '/dependencies' }),
      { status: 400, body: validationError('body must be object') }, 'no body at all')
    t.strictSame(await send({ method: 'POST', url: '/dependencies', headers: { 'content-type': 'text/plain' }, payload: 'incidents' }),
      { status: 400, body: validationError('body must be object') }, 'a text body')
    t.strictSame(await send({ method: 'POST', url: '/dependencies', headers: json, payload: '[]' }),
      { status: 400, body: validationError('body must be object') }, 'a JSON array')
  })

  t.test('404 when either record does not exist', async t => {
    const a = await record('incidents')
    t.strictSame(await post(newDependency({ type: 'incidents', id: MISSING }, a)), {
      status: 404, body: notFound('DEPENDENCY_RECORD_NOT_FOUND', `blocker incidents ${MISSING} does not exist`)
    })
    t.strictSame(await post(newDependency(a, { type: 'assets', id: MISSING })), {
      status: 404, body: notFound('DEPENDENCY_RECORD_NOT_FOUND', `dependent assets ${MISSING} does not exist`)
    })
    t.strictSame(await post(newDependency(a, { type: 'outages', id: a.id })), {
      status: 404, body: notFound('DEPENDENCY_RECORD_NOT_FOUND', `dependent outages ${a.id} does not exist`)
    }, 'an incident id is no outage')
  })

  t.test('404 when either record is deleted', async t => {
    const incident = await record('incidents')
    const request = await record('intel_requests')
    await pool.query('update intel_requests.intel_requests set deleted = now() where intel_request_id = $1', [request.id])
    t.strictSame(await post(newDependency(incident, request)), {
      status: 404, body: notFound('DEPENDENCY_RECORD_NOT_FOUND', `dependent intel_requests ${request.id} does not exist`)
    })
    t.strictSame(await post(newDependency(request, incident)), {
      status: 404, body: notFound('DEPENDENCY_RECORD_NOT_FOUND', `blocker intel_requests ${request.id} does not exist`)
    })
    t.equal((await rowsBetween(incident, request)).length, 0)
  })

  t.test('400 when the records belong to different organizations; the database refuses such a row too', async t => {
    const otherOrganizationId = await createOrganization(pool, 'Other organization')
    const ours = await record('incidents')
    const theirs = await record('intel_requests', otherOrganizationId)
    const refusal = {
      status: 400,
      body: { statusCode: 400, code: 'DEPENDENCY_CROSS_ORGANIZATION', error: 'Bad Request', message: 'A dependency cannot join records of different organizations' }
    }
    t.strictSame(await post(newDependency(ours, theirs)), refusal)
    t.strictSame(await post(newDependency(theirs, ours)), refusal)
    t.equal((await rowsBetween(ours, theirs)).length, 0)

    for (const organization of [organizationId, otherOrganizationId]) {
      await t.rejects(pool.query(
        `insert into dependencies.dependencies (organization_id, blocker_type, blocker_id, dependent_type, dependent_id)
         values ($1, $2, $3, $4, $5)`, [organization, ours.type, ours.id, theirs.type, theirs.id]),
      { code: '23514', constraint: 'dependencies_same_organization_check' }, `a direct insert in organization ${organization}`)
    }
    t.equal((await rowsBetween(ours, theirs)).length, 0)
  })

  t.test('409 for a cycle of length 2, with the cycle; nothing inserted', async t => {
    const incident = await record('incidents')
    const request = await record('intel_requests')
    await link(incident, request)
    const reply = await post(newDependency(request, incident))
    t.strictSame(reply, {
      status: 409,
      body: {
        statusCode: 409,
        code: 'DEPENDENCY_CYCLE',
        error: 'Conflict',
        message: `The dependency would close a cycle: intel_requests ${request.id} -> incidents ${incident.id} -> intel_requests ${request.id}`,
        cycle: [request, incident, request]
      }
    })
    t.equal((await rowsBetween(request, incident)).length, 0)
  })

  t.test('409 for a cycle of length 4, in blocking order from the blocker; nothing inserted', async t => {
    const incident = await record('incidents')
    const request = await record('intel_requests')
    const outage = await record('outages')
    const asset = await record('assets')
    await link(incident, request)
    await link(request, outage)
    await link(outage, asset)
    t.strictSame(await post(newDependency(asset, incident)), {
      status: 409, body: cycleError([asset, incident, request, outage, asset])
    })
    t.equal((await rowsBetween(asset, incident)).length, 0)
  })

  t.test('409 names the cycle even when the ids are sent in upper case', async t => {
    const [a, b] = await records('intel_requests', 2)
    await link(a!, b!)
    const reply = await post({ ...newDependency(b!, a!), blocker_id: b!.id.toUpperCase(), dependent_id: a!.id.toUpperCase() })
    t.equal(reply.status, 409)
    const { cycle } = reply.body as { cycle: RecordRef[] }
    t.strictSame(cycle.map(r => ({ type: r.type, id: r.id.toLowerCase() })), [b, a, b], 'the real path b -> a -> b')
    t.equal((await rowsBetween(b!, a!)).length, 0)
  })

  t.test('201 for an edge that would close a cycle only through a deleted edge', async t => {
    const [a, b, c] = await records('intel_requests', 3)
    await link(a!, b!)
    const bc = await link(b!, c!)
    t.strictSame(await post(newDependency(c!, a!)), { status: 409, body: cycleError([c!, a!, b!, c!]) }, 'refused while b -> c is live')
    t.strictSame(await remove(bc.dependency_id), { status: 204, body: undefined })
    const reply = await post(newDependency(c!, a!))
    t.equal(reply.status, 201, 'accepted once b -> c is deleted')
    t.equal((await rowsBetween(c!, a!)).length, 1)
  })
})

t.test('DELETE /dependencies/:dependency_id', async t => {
  t.test('204, then 404 on repeat; the row is soft-deleted', async t => {
    const [a, b] = await records('intel_requests', 2)
    const edge = await link(a!, b!)
    t.strictSame(await remove(edge.dependency_id), { status: 204, body: undefined })
    const rows = await rowsBetween(a!, b!)
    t.equal(rows.length, 1, 'the row stays')
    t.not(rows[0]!.deleted, null, 'soft-deleted')
    t.strictSame(await remove(edge.dependency_id), {
      status: 404, body: notFound('DEPENDENCY_NOT_FOUND', `Dependency ${edge.dependency_id} does not exist`)
    })
  })

  t.test('404 for an unknown id', async t => {
    t.strictSame(await remove(MISSING), {
      status: 404, body: notFound('DEPENDENCY_NOT_FOUND', `Dependency ${MISSING} does not exist`)
    })
  })

  t.test('400 for a malformed id', async t => {
    t.strictSame(await remove('not-a-uuid'), { status: 400, body: validationError(`params/dependency_id must match pattern "${UUID_PATTERN}"`) })
  })

  t.test('a deleted edge is neither listed nor walked, and can be added again', async t => {
    const [a, b, c] = await records('intel_requests', 3)
    const ab = await link(a!, b!)
    const bc = await link(b!, c!)
    t.strictSame(await remove(ab.dependency_id), { status: 204, body: undefined })
    t.strictSame(await direct({ record_type: 'intel_requests', record_id: b!.id }),
      { status: 200, body: { blockers: [], dependents: [bc] } })
    t.strictSame(await direct({ record_type: 'intel_requests', record_id: a!.id }),
      { status: 200, body: { blockers: [], dependents: [] } })
    t.strictSame(await resolve({ roots: [a, c], direction: 'dependents' }), {
      status: 200, body: { results: [{ root: a, edges: [], truncated: false }, { root: c, edges: [], truncated: false }] }
    })
    t.strictSame(await resolve({ roots: [c], direction: 'blockers' }), {
      status: 200, body: { results: [{ root: c, edges: [at(bc, 1)], truncated: false }] }
    })
    const again = await post(newDependency(a!, b!))
    t.equal(again.status, 201, 'a new edge')
    t.not((again.body as Edge).dependency_id, ab.dependency_id, 'with a new id')
  })
})

t.test('GET /dependencies', async t => {
  const [x, y, w] = await records('intel_requests', 3)
  const z = await record('assets')
  const xy = await link(x!, y!)
  const yz = await link(y!, z)
  const wy = await link(w!, y!)

  t.test('the direct blockers and dependents of a record', async t => {
    t.strictSame(await direct({ record_type: 'intel_requests', record_id: y!.id }),
      { status: 200, body: { blockers: [xy, wy], dependents: [yz] } })
    t.strictSame(await direct({ record_type: 'assets', record_id: z.id }),
      { status: 200, body: { blockers: [yz], dependents: [] } })
    t.strictSame(await direct({ record_type: 'intel_requests', record_id: x!.id }),
      { status: 200, body: { blockers: [], dependents: [xy] } })
  })

  t.test('a record with no dependencies', async t => {
    const lonely = await record('internet_outages')
    t.strictSame(await direct({ record_type: 'internet_outages', record_id: lonely.id }),
      { status: 200, body: { blockers: [], dependents: [] } })
  })

  t.test('404 for an unknown or deleted record', async t => {
    t.strictSame(await direct({ record_type: 'incidents', record_id: MISSING }), {
      status: 404, body: notFound('DEPENDENCY_RECORD_NOT_FOUND', `record incidents ${MISSING} does not exist`)
    })
    t.strictSame(await direct({ record_type: 'outages', record_id: y!.id }), {
      status: 404, body: notFound('DEPENDENCY_RECORD_NOT_FOUND', `record outages ${y!.id} does not exist`)
    }, 'an intel request id is no outage')
    const gone = await record('incidents')
    await pool.query('update incidents.incidents set deleted = now() where incident_id = $1', [gone.id])
    t.strictSame(await direct({ record_type: 'incidents', record_id: gone.id }), {
      status: 404, body: notFound('DEPENDENCY_RECORD_NOT_FOUND', `record incidents ${gone.id} does not exist`)
    })
  })

  t.test('400 for missing, malformed or unknown parameters', async t => {
    t.strictSame(await direct({ record_type: 'incidents' }),
      { status: 400, body: validationError("querystring must have required property 'record_id'") })
    t.strictSame(await direct({ record_id: x!.id }),
      { status: 400, body: validationError("querystring must have required property 'record_type'") })
    t.strictSame(await direct({}),
      { status: 400, body: validationError("querystring must have required property 'record_type'") })
    t.strictSame(await direct({ record_type: 'intel_requests', record_id: 'nope' }),
      { status: 400, body: validationError(`querystring/record_id must match pattern "${UUID_PATTERN}"`) })
    t.strictSame(await direct({ record_type: 'intel_request', record_id: x!.id }),
      { status: 400, body: validationError('querystring/record_type must be equal to one of the allowed values') })
    t.strictSame(await direct({ record_type: 'intel_requests', record_id: x!.id, organization_id: organizationId }),
      { status: 400, body: validationError('querystring must NOT have additional properties') })
    t.strictSame(await send({ method: 'GET', url: '/dependencies', query: { record_type: 'intel_requests', record_id: [x!.id, y!.id] } }),
      { status: 400, body: validationError('querystring/record_id must be string') }, 'a repeated parameter')
  })
})

t.test('POST /dependencies/resolve', async t => {
  const incident = await record('incidents')
  const [r1, r2, r3] = await records('intel_requests', 3)
  const outage = await record('outages')
  const asset = await record('assets')
  const e1 = await link(incident, r1!)
  const e2 = await link(r1!, r2!)
  const e3 = await link(incident, outage)
  const e4 = await link(outage, r3!)
  const e5 = await link(asset, incident)
  const unknown: RecordRef = { type: 'incidents', id: MISSING }

  t.test('several roots: results in the order of roots, duplicates and unknown roots included', async t => {
    t.strictSame(await resolve({ roots: [incident, r1, unknown, incident], direction: 'dependents' }), {
      status: 200,
      body: {
        results: [
          { root: incident, edges: [at(e1, 1), at(e3, 1), at(e2, 2), at(e4, 2)], truncated: false },
          { root: r1, edges: [at(e2, 1)], truncated: false },
          { root: unknown, edges: [], truncated: false },
          { root: incident, edges: [at(e1, 1), at(e3, 1), at(e2, 2), at(e4, 2)], truncated: false }
        ]
      }
    })
  })

  t.test('direction blockers', async t => {
    t.strictSame(await resolve({ roots: [r3, r2], direction: 'blockers' }), {
      status: 200,
      body: {
        results: [
          { root: r3, edges: [at(e4, 1), at(e3, 2), at(e5, 3)], truncated: false },
          { root: r2, edges: [at(e2, 1), at(e1, 2), at(e5, 3)], truncated: false }
        ]
      }
    })
  })

  t.test('record_types limits the types walked onto; the root is never filtered', async t => {
    t.strictSame(await resolve({ roots: [incident], direction: 'dependents', record_types: ['intel_requests'] }), {
      status: 200, body: { results: [{ root: incident, edges: [at(e1, 1), at(e2, 2)], truncated: false }] }
    })
    t.strictSame(await resolve({ roots: [r3], direction: 'blockers', record_types: ['outages', 'incidents'] }), {
      status: 200, body: { results: [{ root: r3, edges: [at(e4, 1), at(e3, 2)], truncated: false }] }
    })
    t.strictSame(await resolve({ roots: [incident], direction: 'dependents', record_types: ['assets'] }), {
      status: 200, body: { results: [{ root: incident, edges: [], truncated: false }] }
    })
  })

  t.test('max_distance bounds the walk and truncated says so', async t => {
    t.strictSame(await resolve({ roots: [incident], direction: 'dependents', max_distance: 1 }), {
      status: 200, body: { results: [{ root: incident, edges: [at(e1, 1), at(e3, 1)], truncated: true }] }
    })
    t.strictSame(await resolve({ roots: [incident], direction: 'dependents', max_distance: 2 }), {
      status: 200, body: { results: [{ root: incident, edges: [at(e1, 1), at(e3, 1), at(e2, 2), at(e4, 2)], truncated: false }] }
    })
    t.strictSame(await resolve({ roots: [r2], direction: 'blockers', max_distance: 2 }), {
      status: 200, body: { results: [{ root: r2, edges: [at(e2, 1), at(e1, 2)], truncated: true }] }
    })
    t.strictSame(await resolve({ roots: [incident], direction: 'dependents', max_distance: 10 }), {
      status: 200, body: { results: [{ root: incident, edges: [at(e1, 1), at(e3, 1), at(e2, 2), at(e4, 2)], truncated: false }] }
    }, 'the limit itself is allowed')
  })

  t.test('max_distance defaults to 5: a chain of 7 records gives 5 edges, truncated', async t => {
    const chain = await records('intel_requests', 7)
    const edges: Edge[] = []
    for (let i = 1; i < chain.length; i++) edges.push(await link(chain[i - 1]!, chain[i]!))
    t.strictSame(await resolve({ roots: [chain[0]], direction: 'dependents' }), {
      status: 200, body: { results: [{ root: chain[0], edges: edges.slice(0, 5).map((e, i) => at(e, i + 1)), truncated: true }] }
    })
    t.strictSame(await resolve({ roots: [chain[0]], direction: 'dependents', max_distance: 6 }), {
      status: 200, body: { results: [{ root: chain[0], edges: edges.map((e, i) => at(e, i + 1)), truncated: false }] }
    })
  })

  t.test('1000 roots are allowed', async t => {
    const roots = Array.from({ length: 1000 }, (_, i) => (i % 2 === 0 ? r1 : unknown))
    const reply = await resolve({ roots, direction: 'dependents' })
    t.strictSame(reply, {
      status: 200,
      body: {
        results: roots.map(root => root === r1
          ? { root, edges: [at(e2, 1)], truncated: false }
          : { root, edges: [], truncated: false })
      }
    })
  })

  t.test('400 for a bad body', async t => {
    const valid = { roots: [incident], direction: 'dependents' }
    const cases: Array<[string, unknown, string]> = [
      ['empty roots', { ...valid, roots: [] }, 'body/roots must NOT have fewer than 1 items'],
      ['1001 roots', { ...valid, roots: Array.from({ length: 1001 }, () => incident) }, 'body/roots must NOT have more than 1000 items'],
      ['a bad direction', { ...valid, direction: 'upstream' }, 'body/direction must be equal to one of the allowed values'],
      ['a missing direction', { roots: [incident] }, "body must have required property 'direction'"],
      ['missing roots', { direction: 'dependents' }, "body must have required property 'roots'"],
      ['an unknown type in roots', { ...valid, roots: [incident, { type: 'locations', id: MISSING }] }, 'body/roots/1/type must be equal to one of the allowed values'],
      ['a bad id in roots', { ...valid, roots: [{ type: 'incidents', id: 'x' }] }, `body/roots/0/id must match pattern "${UUID_PATTERN}"`],
      ['a root without id', { ...valid, roots: [{ type: 'incidents' }] }, "body/roots/0 must have required property 'id'"],
      ['an extra field in a root', { ...valid, roots: [{ ...incident, organization_id: organizationId }] }, 'body/roots/0 must NOT have additional properties'],
      ['an unknown type in record_types', { ...valid, record_types: ['incidents', 'locations'] }, 'body/record_types/1 must be equal to one of the allowed values'],
      ['empty record_types', { ...valid, record_types: [] }, 'body/record_types must NOT have fewer than 1 items'],
      ['max_distance 0', { ...valid, max_distance: 0 }, 'body/max_distance must be >= 1'],
      ['max_distance 11', { ...valid, max_distance: 11 }, 'body/max_distance must be <= 10'],
      ['max_distance 2.5', { ...valid, max_distance: 2.5 }, 'body/max_distance must be integer'],
      ['max_distance "abc"', { ...valid, max_distance: 'abc' }, 'body/max_distance must be integer'],
      ['an extra field', { ...valid, organization_id: organizationId }, 'body must NOT have additional properties']
    ]
    for (const [name, body, message] of cases) {
      t.strictSame(await resolve(body), { status: 400, body: validationError(message) }, name)
    }
  })
})

t.test('hostile values in every field give 4xx, never 5xx', async t => {
  const [a, b] = await records('intel_requests', 2)
  const someUuid = a!.id
  const hostile: unknown[] = [
    "incidents'; drop table dependencies.dependencies; --",
    "' or '1'='1",
    'incidents"; select pg_sleep(10); --',
    `${someUuid}'; drop table dependencies.dependencies; --`,
    `urn:uuid:${someUuid}`,
    `{${someUuid}}`,
    someUuid.replaceAll('-', ''),
    'x'.repeat(100_000),
    'ü'.repeat(20_000),
    '💥 ünïcödé ‮ 漢字',
    '\u0000',
    `${someUuid}\u0000`,
    '',
    ' ',
    '%00',
    '../../etc/passwd',
    -1,
    0,
    2.5,
    1e308,
    true,
    null,
    {},
    { $ne: null },
    { type: 'incidents', id: someUuid },
    JSON.parse('{"__proto__": {"polluted": true}}'),
    JSON.parse('{"constructor": {"prototype": {"polluted": true}}}'),
    [],
    [someUuid],
    [[someUuid]],
    ['incidents', 'assets'],
    [{ type: 'incidents', id: someUuid }]
  ]
  const label = (value: unknown): string => JSON.stringify(value)?.slice(0, 60) ?? String(value)
  const valid = newDependency(a!, b!)
  const validResolve = { roots: [a], direction: 'dependents', record_types: ['intel_requests'], max_distance: 3 }

  const check = (field: string, value: unknown, reply: Reply): void => {
    t.ok(reply.status < 500, `${field} = ${label(value)}: ${reply.status}`, { body: reply.body })
  }

  for (const value of hostile) {
    for (const field of Object.keys(valid)) {
      check(`POST /dependencies ${field}`, value, await post({ ...valid, [field]: value }))
    }
    check('POST /dependencies body', value, await post(value))
    check('POST /dependencies/resolve body', value, await resolve(value))
    for (const field of Object.keys(validResolve)) {
      check(`POST /dependencies/resolve ${field}`, value, await resolve({ ...validResolve, [field]: value }))
    }
    check('POST /dependencies/resolve roots[0]', value, await resolve({ ...validResolve, roots: [value] }))
    check('POST /dependencies/resolve roots[0].type', value, await resolve({ ...validResolve, roots: [{ ...a, type: value }] }))
    check('POST /dependencies/resolve roots[0].id', value, await resolve({ ...validResolve, roots: [{ ...a, id: value }] }))
    check('POST /dependencies/resolve record_types[0]', value, await resolve({ ...validResolve, record_types: [value] }))
    const text = typeof value === 'string' ? value : JSON.stringify(value) ?? ''
    check('GET /dependencies record_type', value, await direct({ record_type: text, record_id: a!.id }))
    check('GET /dependencies record_id', value, await direct({ record_type: 'intel_requests', record_id: text }))
    check('GET /dependencies extra', value, await direct({ record_type: 'intel_requests', record_id: a!.id, [text.slice(0, 100)]: text }))
    check('DELETE /dependencies/:dependency_id', value, await remove(encodeURIComponent(text)))
  }

  const { rows } = await pool.query("select to_regclass('dependencies.dependencies') is not null as present")
  t.strictSame(rows, [{ present: true }], 'the table is still there')
})

t.test('a uuid in urn form is refused with 4xx, not handed to PostgreSQL', async t => {
  const [a, b] = await records('intel_requests', 2)
  const urn = `urn:uuid:${b!.id}`
  const replies: Array<[string, Reply]> = [
    ['POST /dependencies', await post({ ...newDependency(a!, b!), dependent_id: urn })],
    ['GET /dependencies', await direct({ record_type: 'intel_requests', record_id: urn })],
    ['DELETE /dependencies/:dependency_id', await remove(urn)],
    ['POST /dependencies/resolve', await resolve({ roots: [{ type: 'intel_requests', id: urn }], direction: 'dependents' })]
  ]
  for (const [route, reply] of replies) {
    t.ok(reply.status >= 400 && reply.status < 500, `${route}: 4xx, got ${reply.status}`, { body: reply.body })
  }
})
