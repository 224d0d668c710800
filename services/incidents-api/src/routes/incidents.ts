import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Pool, PoolClient } from 'pg'
import { withTransaction, type Queryable } from '@incident-intel/db'
import {
  dependencyGraphOf, findDirectDependencies, fetchRecordDependencies, type DependencyGraph, type Organizations, type RecordDependencies,
  type RecursionBounds, type RecursiveQuery
} from '@incident-intel/dependency-graph'
import { assertOrganization, callerOrganizations, mayUseOrganization } from '@incident-intel/service-kit'
import { ErrorSchema, decodeCursor, encodeCursor, type CanonicalUuid } from '@incident-intel/schemas'
import {
  IncidentIdParamsSchema, IncidentInputSchema, IncidentPageSchema, IncidentPatchSchema, IncidentSchema,
  ListIncidentsQuerySchema, getIncidentQuerySchema, type Incident
} from '../schemas/incidents.js'
import { findIncidentDocuments, type IncidentDocumentRow } from '../sql/incident-documents.js'
import { deleteIncident } from '../sql/delete-incident.js'
import { organizationExists } from '../sql/find-organization.js'
import { insertIncident } from '../sql/insert-incident.js'
import { listIncidentIds } from '../sql/list-incidents.js'
import { lockIncident, lockIncidentId, lockLiveIncident } from '../sql/lock-incident.js'
import { replaceIncident } from '../sql/replace-incident.js'
import { nextLocationId } from '../sql/save-location.js'
import { updateIncident } from '../sql/update-incident.js'
import { checkLocation } from './check-location.js'
import { IncidentDeletedError, IncidentNotFoundError, IncidentOfAnotherOrganizationError, InvalidCursorError, OrganizationNotFoundError } from '../errors.js'

export interface IncidentRoutesOptions {
  /** The bounds the query schemas state; the handlers walk dependencyGraphOf(app). */
  recursion: RecursionBounds
}

const tags = ['incidents']

/**
 * These incidents in the order of `ids`, each with its relations (one document query) and its
 * dependencies as `query` asks (run beside it); ids no longer live, or not of `organizations`,
 * are left out.
 */
export async function readIncidents (
  pool: Pool, graph: DependencyGraph, ids: CanonicalUuid[], organizations: Organizations, query: RecursiveQuery = {}
): Promise<Incident[]> {
  if (ids.length === 0) return []
  const [rows, dependencies] = await Promise.all([
    findIncidentDocuments(pool, ids, organizations),
    fetchRecordDependencies(graph, 'incidents', ids, query, organizations)
  ])
  return joinDocuments(ids, rows, dependencies)
}

/**
 * The incident as the write's own transaction left it, with its direct dependencies: read
 * before commit, so that nothing after the commit can fail the answer.
 */
async function readWrittenIncident (tx: Queryable, incidentId: CanonicalUuid): Promise<Incident> {
  const rows = await findIncidentDocuments(tx, [incidentId])
  const direct = await findDirectDependencies(tx, [{ type: 'incidents', id: incidentId }])
  const [incident] = joinDocuments([incidentId], rows, direct.map(dependencies => ({ dependencies })))
  return incident!
}

function joinDocuments (ids: CanonicalUuid[], rows: IncidentDocumentRow[], dependencies: RecordDependencies[]): Incident[] {
  const documents = new Map(rows.map(row => [row.incident_id, row.document]))
  return ids.flatMap((id, i) => {
    const document = documents.get(id)
    return document ? [{ ...document, ...dependencies[i]! } as Incident] : []
  })
}

/** The incidents CRUD routes: create, upsert, patch, delete, get (with recursion) and list. */
export const incidentRoutes: FastifyPluginAsyncTypebox<IncidentRoutesOptions> = async (app, { recursion }) => {
  // A write answers with the incident as its transaction committed it; the cache then gets the
  // new document before the answer leaves (read-your-writes), or from the queue if it cannot.
  async function commitWrite<T extends { incident: Incident }> (write: (tx: PoolClient) => Promise<T>): Promise<T> {
    const written = await withTransaction(app.pg, write)
    await app.currentIncidents.refresh([written.incident.incident_id])
    return written
  }

  app.post('/incidents', {
    schema: {
      operationId: 'createIncident',
      summary: 'Create an incident, with its location inline',
      tags,
      body: IncidentInputSchema,
      response: { 201: IncidentSchema, 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema }
    }
  }, async (request, reply) => {
    const input = request.body
    assertOrganization(request.caller, input.organization_id)
    checkLocation('body/location', input.location)
    const { incident } = await commitWrite(async (tx) => {
      if (!await organizationExists(tx, input.organization_id)) throw new OrganizationNotFoundError(input.organization_id)
      const locationId = await nextLocationId(tx, input.organization_id, null, input.location ?? null)
      const incidentId = await insertIncident(tx, null, input, locationId)
      return { incident: await readWrittenIncident(tx, incidentId) }
    })
    return reply.code(201).send(incident)
  })

  app.put('/incidents/:incident_id', {
    schema: {
      operationId: 'upsertIncident',
      summary: "Create or replace an incident under the client's id",
      description: 'Creates the incident (201) or replaces its fields (200): fields left out return to their defaults, except `started`, which keeps its value. The organization of an existing incident cannot change (409), nor can the id of a deleted incident be used again (409). An id held by an organization the caller may not use is a 404, as on every route.',
      tags,
      params: IncidentIdParamsSchema,
      body: IncidentInputSchema,
      response: { 200: IncidentSchema, 201: IncidentSchema, 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema }
    }
  }, async (request, reply) => {
    const incidentId = request.params.incident_id
    const input = request.body
    assertOrganization(request.caller, input.organization_id)
    checkLocation('body/location', input.location)
    const { created, incident } = await commitWrite(async (tx) => {
      if (!await organizationExists(tx, input.organization_id)) throw new OrganizationNotFoundError(input.organization_id)
      await lockIncidentId(tx, incidentId)
      // Unfiltered: the id is taken whoever holds it. One the caller may not see is a 404, as an unknown
      // incident is for every other route: nothing of it is said.
      const existing = await lockIncident(tx, incidentId)
      if (existing !== undefined && !mayUseOrganization(request.caller, existing.organization_id)) throw new IncidentNotFoundError(incidentId)
      if (existing === undefined) {
        const locationId = await nextLocationId(tx, input.organization_id, null, input.location ?? null)
        await insertIncident(tx, incidentId, input, locationId)
        return { created: true, incident: await readWrittenIncident(tx, incidentId) }
      }
      if (existing.deleted) throw new IncidentDeletedError(incidentId)
      if (existing.organization_id !== input.organization_id) throw new IncidentOfAnotherOrganizationError(incidentId)
      const locationId = await nextLocationId(tx, existing.organization_id, existing.location_id, input.location ?? null)
      await replaceIncident(tx, incidentId, input, locationId)
      return { created: false, incident: await readWrittenIncident(tx, incidentId) }
    })
    return reply.code(created ? 201 : 200).send(incident)
  })

  app.patch('/incidents/:incident_id', {
    schema: {
      operationId: 'updateIncident',
      summary: 'Change some fields of an incident',
      tags,
      params: IncidentIdParamsSchema,
      body: IncidentPatchSchema,
      response: { 200: IncidentSchema, 400: ErrorSchema, 404: ErrorSchema }
    }
  }, async (request) => {
    const incidentId = request.params.incident_id
    const { location, ...fields } = request.body
    checkLocation('body/location', location)
    const { incident } = await commitWrite(async (tx) => {
      const locked = await lockLiveIncident(tx, incidentId, callerOrganizations(request.caller))
      if (!locked) throw new IncidentNotFoundError(incidentId)
      const patch = location === undefined
        ? fields
        : { ...fields, location_id: await nextLocationId(tx, locked.organization_id, locked.location_id, location) }
      await updateIncident(tx, incidentId, patch)
      return { incident: await readWrittenIncident(tx, incidentId) }
    })
    return incident
  })

  app.delete('/incidents/:incident_id', {
    schema: {
      operationId: 'deleteIncident',
      summary: 'Soft-delete an incident',
      description: 'Its outages, internet outages and asset links are soft-deleted with it, and every dependency edge that touches them.',
      tags,
      params: IncidentIdParamsSchema,
      response: { 204: { type: 'null', description: 'Deleted' }, 400: ErrorSchema, 404: ErrorSchema }
    }
  }, async (request, reply) => {
    const incidentId = request.params.incident_id
    const deleted = await withTransaction(app.pg, (tx) => deleteIncident(tx, incidentId, callerOrganizations(request.caller)))
    if (!deleted) throw new IncidentNotFoundError(incidentId)
    await app.currentIncidents.refresh([incidentId])
    return reply.code(204).send()
  })

  app.get('/incidents/:incident_id', {
    schema: {
      operationId: 'getIncident',
      summary: 'An incident with its location, outages, internet outages, assets and dependencies',
      tags,
      params: IncidentIdParamsSchema,
      querystring: getIncidentQuerySchema(recursion),
      response: { 200: IncidentSchema, 400: ErrorSchema, 404: ErrorSchema }
    }
  }, async (request) => {
    const incidentId = request.params.incident_id
    const [incident] = await readIncidents(app.pg, dependencyGraphOf(app), [incidentId], callerOrganizations(request.caller), request.query)
    if (!incident) throw new IncidentNotFoundError(incidentId)
    return incident
  })

  app.get('/incidents', {
    schema: {
      operationId: 'listIncidents',
      summary: "An organization's incidents, oldest first, a page at a time",
      description: 'Keyset pagination on (created, incident_id): pass `next_cursor` back as `cursor` until it is null. An unknown organization has no incidents.',
      tags,
      querystring: ListIncidentsQuerySchema,
      response: { 200: IncidentPageSchema, 400: ErrorSchema }
    }
  }, async (request) => {
    // Ajv fills the default; the type cannot know it.
    const { organization_id: organizationId, status, limit = 100, cursor } = request.query
    assertOrganization(request.caller, organizationId)
    const after = cursor === undefined ? undefined : decodeCursor(cursor)
    if (cursor !== undefined && after === undefined) throw new InvalidCursorError()
    const { ids, next } = await listIncidentIds(app.pg, { organizationId, status, after, limit })
    return {
      // Every id is of the organization checked above.
      incidents: await readIncidents(app.pg, dependencyGraphOf(app), ids, null),
      next_cursor: next ? encodeCursor(next) : null
    }
  })
}
