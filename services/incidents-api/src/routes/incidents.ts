import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Pool } from 'pg'
import { withTransaction } from '@incident-intel/db'
import {
  ErrorSchema, fetchRecordDependencies, type DependencyGraph, type RecursiveQuery
} from '@incident-intel/dependency-graph'
import {
  IncidentIdParamsSchema, IncidentInputSchema, IncidentPageSchema, IncidentPatchSchema, IncidentSchema,
  ListIncidentsQuerySchema, getIncidentQuerySchema, type Incident
} from '../schemas/incidents.js'
import { findIncidentDocuments, type IncidentDocumentRow } from '../sql/incident-documents.js'
import { deleteIncident } from '../sql/delete-incident.js'
import { organizationExists } from '../sql/find-organization.js'
import { insertIncident } from '../sql/insert-incident.js'
import { decodeCursor, encodeCursor, listIncidentIds } from '../sql/list-incidents.js'
import { lockIncident, lockIncidentId, lockLiveIncident } from '../sql/lock-incident.js'
import { replaceIncident } from '../sql/replace-incident.js'
import { nextLocationId } from '../sql/save-location.js'
import { updateIncident } from '../sql/update-incident.js'
import { checkLocation } from './check-location.js'
import { incidentDeleted, incidentNotFound, incidentOfAnotherOrganization, invalidCursor, organizationNotFound } from '../errors.js'

export interface IncidentRoutesOptions {
  graph: DependencyGraph
}

const tags = ['incidents']

/**
 * These incidents in the order of `ids`, each with its relations (one document query, or the
 * refresh that reads them) and its dependencies as `query` asks (run beside it); ids no longer
 * live are left out.
 */
export async function readIncidents (
  pool: Pool, graph: DependencyGraph, ids: string[], query: RecursiveQuery = {},
  readDocuments: (ids: string[]) => Promise<IncidentDocumentRow[]> = ids => findIncidentDocuments(pool, ids)
): Promise<Incident[]> {
  if (ids.length === 0) return []
  const [rows, dependencies] = await Promise.all([
    readDocuments(ids),
    fetchRecordDependencies(graph, 'incidents', ids, query)
  ])
  const documents = new Map(rows.map(row => [row.incident_id, row.document]))
  return ids.flatMap((id, i) => {
    const document = documents.get(id.toLowerCase())
    return document ? [{ ...document, ...dependencies[i]! } as Incident] : []
  })
}

/** The incidents CRUD routes: create, upsert, patch, delete, get (with recursion) and list. */
export const incidentRoutes: FastifyPluginAsyncTypebox<IncidentRoutesOptions> = async (app, { graph }) => {
  // After a committed write: the cache holds the new document (read-your-writes) and the
  // response shows it with its direct dependencies.
  async function afterWrite (incidentId: string): Promise<Incident> {
    const [incident] = await readIncidents(app.pg, graph, [incidentId], {}, ids => app.currentIncidents.refresh(ids))
    if (!incident) throw incidentNotFound(incidentId) // deleted again before the read
    return incident
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
    checkLocation('body/location', input.location)
    const incidentId = await withTransaction(app.pg, async (tx) => {
      if (!await organizationExists(tx, input.organization_id)) throw organizationNotFound(input.organization_id)
      const locationId = await nextLocationId(tx, input.organization_id, null, input.location ?? null)
      return insertIncident(tx, null, input, locationId)
    })
    return reply.code(201).send(await afterWrite(incidentId))
  })

  app.put('/incidents/:incident_id', {
    schema: {
      operationId: 'upsertIncident',
      summary: "Create or replace an incident under the client's id",
      description: 'Creates the incident (201) or replaces its fields (200): fields left out return to their defaults, except `started`, which keeps its value. The organization of an existing incident cannot change (409), nor can the id of a deleted incident be used again (409).',
      tags,
      params: IncidentIdParamsSchema,
      body: IncidentInputSchema,
      response: { 200: IncidentSchema, 201: IncidentSchema, 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema }
    }
  }, async (request, reply) => {
    const incidentId = request.params.incident_id.toLowerCase()
    const input = request.body
    checkLocation('body/location', input.location)
    const created = await withTransaction(app.pg, async (tx) => {
      if (!await organizationExists(tx, input.organization_id)) throw organizationNotFound(input.organization_id)
      await lockIncidentId(tx, incidentId)
      const existing = await lockIncident(tx, incidentId)
      if (existing === undefined) {
        const locationId = await nextLocationId(tx, input.organization_id, null, input.location ?? null)
        await insertIncident(tx, incidentId, input, locationId)
        return true
      }
      if (existing.deleted) throw incidentDeleted(incidentId)
      if (existing.organization_id !== input.organization_id.toLowerCase()) throw incidentOfAnotherOrganization(incidentId)
      const locationId = await nextLocationId(tx, existing.organization_id, existing.location_id, input.location ?? null)
      await replaceIncident(tx, incidentId, input, locationId)
      return false
    })
    return reply.code(created ? 201 : 200).send(await afterWrite(incidentId))
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
    const incidentId = request.params.incident_id.toLowerCase()
    const { location, ...fields } = request.body
    checkLocation('body/location', location)
    await withTransaction(app.pg, async (tx) => {
      const incident = await lockLiveIncident(tx, incidentId)
      if (!incident) throw incidentNotFound(incidentId)
      const patch = location === undefined
        ? fields
        : { ...fields, location_id: await nextLocationId(tx, incident.organization_id, incident.location_id, location) }
      await updateIncident(tx, incidentId, patch)
    })
    return afterWrite(incidentId)
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
    const incidentId = request.params.incident_id.toLowerCase()
    const deleted = await withTransaction(app.pg, (tx) => deleteIncident(tx, incidentId))
    if (!deleted) throw incidentNotFound(incidentId)
    await app.currentIncidents.refresh([incidentId])
    return reply.code(204).send()
  })

  app.get('/incidents/:incident_id', {
    schema: {
      operationId: 'getIncident',
      summary: 'An incident with its location, outages, internet outages, assets and dependencies',
      tags,
      params: IncidentIdParamsSchema,
      querystring: getIncidentQuerySchema(graph),
      response: { 200: IncidentSchema, 400: ErrorSchema, 404: ErrorSchema }
    }
  }, async (request) => {
    const incidentId = request.params.incident_id.toLowerCase()
    const [incident] = await readIncidents(app.pg, graph, [incidentId], request.query)
    if (!incident) throw incidentNotFound(incidentId)
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
    const after = cursor === undefined ? undefined : decodeCursor(cursor)
    if (cursor !== undefined && after === undefined) throw invalidCursor()
    const { ids, next } = await listIncidentIds(app.pg, { organizationId, status, after, limit })
    return {
      incidents: await readIncidents(app.pg, graph, ids),
      next_cursor: next ? encodeCursor(next) : null
    }
  })
}
