import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { withTransaction } from '@incident-intel/db'
import { dependencyGraphOf, findDirectDependencies, fetchRecordDependencies, type RecordRef, type RecursionBounds } from '@incident-intel/dependency-graph'
import { ErrorSchema, decodeCursor, encodeCursor } from '@incident-intel/schemas'
import { assertOrganization, callerOrganizations } from '@incident-intel/service-kit'
import {
  BulkBodySchema, BulkResponseSchema, IntelRequestParamsSchema, IntelRequestPatchSchema, IntelRequestSchema,
  ListQuerySchema, ListResponseSchema, NewIntelRequestSchema, recordQuerySchema
} from '../schemas/intel-requests.js'
import { deleteIntelRequest } from '../sql/delete-intel-request.js'
import { findIntelRequests } from '../sql/find-intel-requests.js'
import { insertIntelRequest } from '../sql/insert-intel-request.js'
import { toIntelRequest } from '../sql/intel-request-row.js'
import { listIntelRequests } from '../sql/list-intel-requests.js'
import { lockIntelRequest, updateIntelRequest } from '../sql/update-intel-request.js'
import { checkBlockers, checkReferences } from './check-references.js'
import { IntelRequestNotFoundError, InvalidCursorError } from '../errors.js'

export interface IntelRequestRoutesOptions {
  /** The bounds the query schemas state; the handlers walk dependencyGraphOf(app). */
  recursion: RecursionBounds
}

const tags = ['intel-requests']
const TYPE = 'intel_requests'
const unavailable = { 503: { ...ErrorSchema, description: 'PostgreSQL is unavailable; retry after Retry-After seconds' } }

/** /intel-requests: create, read (one, many, a page), update and soft-delete intel requests. */
export const intelRequestRoutes: FastifyPluginAsyncTypebox<IntelRequestRoutesOptions> = async (app, { recursion }) => {
  const recordQuery = recordQuerySchema(recursion)

  app.post('/intel-requests', {
    schema: {
      operationId: 'createIntelRequest',
      summary: 'Create an intel request, with the edges to its incident and blockers',
      description: 'The request, the edge from `incident_id` and one edge from each of `blockers` are written in one transaction: when any of them is refused, nothing is written.',
      tags,
      body: NewIntelRequestSchema,
      response: { 201: IntelRequestSchema, 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, ...unavailable }
    }
  }, async (request, reply) => {
    const { body } = request
    const { organization_id: organizationId, asset_id: assetId = null, location_id: locationId = null, incident_id: incidentId } = body
    assertOrganization(request.caller, organizationId)
    const organizations = callerOrganizations(request.caller)
    const blockers: Array<{ record: RecordRef, name: string }> = []
    if (incidentId) blockers.push({ record: { type: 'incidents', id: incidentId }, name: `Incident ${incidentId}` })
    for (const { type, id } of body.blockers ?? []) blockers.push({ record: { type, id }, name: `Blocker ${type} ${id}` })

    const created = await withTransaction(app.pg, async (tx) => {
      await checkReferences(tx, { organizationId, assetId, locationId }, true, organizations)
      await checkBlockers(tx, blockers, organizationId, organizations)
      const row = await insertIntelRequest(tx, {
        organizationId,
        assetId,
        locationId,
        requestType: body.request_type,
        status: body.status ?? 'pending',
        priority: body.priority ?? 'normal',
        description: body.description ?? null,
        metadata: body.metadata ?? {}
      })
      const self: RecordRef = { type: TYPE, id: row.intel_request_id }
      for (const { record } of blockers) await dependencyGraphOf(app).add({ blocker: record, dependent: self }, tx)
      const [dependencies] = await findDirectDependencies(tx, [self])
      return { ...toIntelRequest(row), dependencies: dependencies! }
    })
    return reply.code(201).send(created)
  })

  app.get('/intel-requests/:intel_request_id', {
    schema: {
      operationId: 'getIntelRequest',
      summary: 'An intel request with its direct dependencies and, when asked, its recursive ones',
      tags,
      params: IntelRequestParamsSchema,
      querystring: recordQuery,
      response: { 200: IntelRequestSchema, 400: ErrorSchema, 404: ErrorSchema, ...unavailable }
    }
  }, async (request) => {
    const id = request.params.intel_request_id
    const organizations = callerOrganizations(request.caller)
    const [[row], [dependencies]] = await Promise.all([
      findIntelRequests(app.pg, [id], organizations),
      fetchRecordDependencies(dependencyGraphOf(app), TYPE, [id], request.query, organizations)
    ])
    if (!row) throw new IntelRequestNotFoundError(id)
    return { ...toIntelRequest(row), ...dependencies! }
  })

  app.post('/intel-requests/bulk', {
    schema: {
      operationId: 'getIntelRequestsBulk',
      summary: 'Many intel requests at once, each with its dependencies',
      description: 'Three queries whatever the number of ids, recursion included. Records come in the order of the ids, each once; ids of no live intel request are listed in `not_found`.',
      tags,
      querystring: recordQuery,
      body: BulkBodySchema,
      response: { 200: BulkResponseSchema, 400: ErrorSchema, ...unavailable }
    }
  }, async (request) => {
    const ids = [...new Set(request.body.intel_request_ids)]
    const organizations = callerOrganizations(request.caller)
    const [rows, dependencies] = await Promise.all([
      findIntelRequests(app.pg, ids, organizations),
      fetchRecordDependencies(dependencyGraphOf(app), TYPE, ids, request.query, organizations)
    ])
    const intelRequests = []
    const notFound = []
    for (const [i, row] of rows.entries()) {
      if (row) intelRequests.push({ ...toIntelRequest(row), ...dependencies[i]! })
      else notFound.push(ids[i]!)
    }
    return { intel_requests: intelRequests, not_found: notFound }
  })

  app.patch('/intel-requests/:intel_request_id', {
    schema: {
      operationId: 'updateIntelRequest',
      summary: "Change some of an intel request's fields",
      description: 'Only the fields present change; `description`, `asset_id` and `location_id` may be set to null.',
      tags,
      params: IntelRequestParamsSchema,
      body: IntelRequestPatchSchema,
      response: { 200: IntelRequestSchema, 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, ...unavailable }
    }
  }, async (request) => {
    const id = request.params.intel_request_id
    const patch = request.body
    // Answered from inside the transaction, so nothing after the commit can fail a committed write.
    return withTransaction(app.pg, async (tx) => {
      // Locked, so the checked references hold for the request's organization until commit.
      const organizations = callerOrganizations(request.caller)
      const organizationId = await lockIntelRequest(tx, id, organizations)
      if (organizationId === undefined) throw new IntelRequestNotFoundError(id)
      if (patch.asset_id || patch.location_id) {
        await checkReferences(tx, { organizationId, assetId: patch.asset_id, locationId: patch.location_id }, false, organizations)
      }
      const row = await updateIntelRequest(tx, id, patch)
      if (!row) throw new IntelRequestNotFoundError(id)
      const [dependencies] = await findDirectDependencies(tx, [{ type: TYPE, id }])
      return { ...toIntelRequest(row), dependencies: dependencies! }
    })
  })

  app.delete('/intel-requests/:intel_request_id', {
    schema: {
      operationId: 'deleteIntelRequest',
      summary: 'Soft-delete an intel request and its live dependency edges',
      tags,
      params: IntelRequestParamsSchema,
      response: { 204: { type: 'null', description: 'Deleted' }, 400: ErrorSchema, 404: ErrorSchema, ...unavailable }
    }
  }, async (request, reply) => {
    const id = request.params.intel_request_id
    if (!await deleteIntelRequest(app.pg, id, callerOrganizations(request.caller))) throw new IntelRequestNotFoundError(id)
    return reply.code(204).send()
  })

  app.get('/intel-requests', {
    schema: {
      operationId: 'listIntelRequests',
      summary: "A page of an organization's intel requests, oldest first",
      description: 'Keyset pagination: pass `next_cursor` as `cursor` for the next page. Each record carries its direct dependencies.',
      tags,
      querystring: ListQuerySchema,
      response: { 200: ListResponseSchema, 400: ErrorSchema, ...unavailable }
    }
  }, async (request) => {
    const { organization_id: organizationId, status, incident_id: incidentId, limit = 100, cursor } = request.query
    assertOrganization(request.caller, organizationId)
    const after = cursor === undefined ? undefined : decodeCursor(cursor)
    if (cursor !== undefined && after === undefined) throw new InvalidCursorError()
    const { rows, next } = await listIntelRequests(app.pg, { organizationId, status, incidentId, after, limit })
    const dependencies = await fetchRecordDependencies(dependencyGraphOf(app), TYPE, rows.map(row => row.intel_request_id), {})
    return {
      intel_requests: rows.map((row, i) => ({ ...toIntelRequest(row), ...dependencies[i]! })),
      next_cursor: next && encodeCursor(next)
    }
  })
}
