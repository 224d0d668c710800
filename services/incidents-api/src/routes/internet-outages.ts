import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { callerOrganizations } from '@incident-intel/service-kit'
import { withTransaction, type Queryable } from '@incident-intel/db'
import { ErrorSchema, type CanonicalUuid } from '@incident-intel/schemas'
import { IncidentIdParamsSchema } from '../schemas/incidents.js'
import {
  InternetOutageParamsSchema, InternetOutagePatchSchema, InternetOutageSchema, NewInternetOutageSchema, type InternetOutage
} from '../schemas/internet-outages.js'
import { deleteInternetOutage, insertInternetOutage, updateInternetOutage } from '../sql/internet-outages-repository.js'
import { findIncidentDocuments } from '../sql/incident-documents.js'
import { lockLiveIncident } from '../sql/lock-incident.js'
import { IncidentNotFoundError, OutageNotFoundError } from '../errors.js'

const tags = ['incidents']

/** An incident's internet outages: create, patch, delete. Each answers with the outage as the incident's document shows it. */
export const internetOutageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // A write answers with the outage as its transaction committed it (read before the commit, so
  // nothing after it can fail the answer); the cache then gets the incident's new document
  // before the answer leaves (read-your-writes), or from the refresh queue if it cannot.
  async function writtenOutage (tx: Queryable, incidentId: CanonicalUuid, internetOutageId: CanonicalUuid): Promise<InternetOutage> {
    const [row] = await findIncidentDocuments(tx, [incidentId])
    const outages = row?.document.internet_outages as InternetOutage[] | undefined
    const outage = outages?.find(o => o.internet_outage_id === internetOutageId)
    if (!outage) throw new OutageNotFoundError('Internet outage', internetOutageId, incidentId)
    return outage
  }

  app.post('/incidents/:incident_id/internet-outages', {
    schema: {
      operationId: 'createInternetOutage',
      summary: 'Add an internet outage to an incident',
      tags,
      params: IncidentIdParamsSchema,
      body: NewInternetOutageSchema,
      response: { 201: InternetOutageSchema, 400: ErrorSchema, 404: ErrorSchema }
    }
  }, async (request, reply) => {
    const incidentId = request.params.incident_id
    const written = await withTransaction(app.pg, async (tx) => {
      const incident = await lockLiveIncident(tx, incidentId, callerOrganizations(request.caller))
      if (!incident) throw new IncidentNotFoundError(incidentId)
      const internetOutageId = await insertInternetOutage(tx, { incidentId, organizationId: incident.organization_id }, request.body)
      return writtenOutage(tx, incidentId, internetOutageId)
    })
    await app.currentIncidents.refresh([incidentId])
    return reply.code(201).send(written)
  })

  app.patch('/incidents/:incident_id/internet-outages/:internet_outage_id', {
    schema: {
      operationId: 'updateInternetOutage',
      summary: 'Change some fields of an internet outage',
      tags,
      params: InternetOutageParamsSchema,
      body: InternetOutagePatchSchema,
      response: { 200: InternetOutageSchema, 400: ErrorSchema, 404: ErrorSchema }
    }
  }, async (request) => {
    const incidentId = request.params.incident_id
    const internetOutageId = request.params.internet_outage_id
    const written = await withTransaction(app.pg, async (tx) => {
      if (!await lockLiveIncident(tx, incidentId, callerOrganizations(request.caller))) throw new IncidentNotFoundError(incidentId)
      if (!await updateInternetOutage(tx, incidentId, internetOutageId, request.body)) {
        throw new OutageNotFoundError('Internet outage', internetOutageId, incidentId)
      }
      return writtenOutage(tx, incidentId, internetOutageId)
    })
    await app.currentIncidents.refresh([incidentId])
    return written
  })

  app.delete('/incidents/:incident_id/internet-outages/:internet_outage_id', {
    schema: {
      operationId: 'deleteInternetOutage',
      summary: 'Soft-delete an internet outage',
      tags,
      params: InternetOutageParamsSchema,
      response: { 204: { type: 'null', description: 'Deleted' }, 400: ErrorSchema, 404: ErrorSchema }
    }
  }, async (request, reply) => {
    const incidentId = request.params.incident_id
    const internetOutageId = request.params.internet_outage_id
    await withTransaction(app.pg, async (tx) => {
      if (!await lockLiveIncident(tx, incidentId, callerOrganizations(request.caller))) throw new IncidentNotFoundError(incidentId)
      if (!await deleteInternetOutage(tx, incidentId, internetOutageId)) {
        throw new OutageNotFoundError('Internet outage', internetOutageId, incidentId)
      }
    })
    await app.currentIncidents.refresh([incidentId])
    return reply.code(204).send()
  })
}
