import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { callerOrganizations } from '@incident-intel/service-kit'
import { withTransaction, type Queryable } from '@incident-intel/db'
import { ErrorSchema, type CanonicalUuid } from '@incident-intel/schemas'
import { IncidentIdParamsSchema } from '../schemas/incidents.js'
import { NewOutageSchema, OutageParamsSchema, OutagePatchSchema, OutageSchema, type Outage } from '../schemas/outages.js'
import { findIncidentDocuments } from '../sql/incident-documents.js'
import { lockLiveIncident } from '../sql/lock-incident.js'
import { deleteOutage, insertOutage, lockOutage, updateOutage } from '../sql/outages-repository.js'
import { nextLocationId } from '../sql/save-location.js'
import { checkLocation } from './check-location.js'
import { IncidentNotFoundError, OutageNotFoundError } from '../errors.js'

const tags = ['incidents']

/** An incident's outages: create, patch, delete. Each answers with the outage as the incident's document shows it. */
export const outageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // A write answers with the outage as its transaction committed it (read before the commit, so
  // nothing after it can fail the answer); the cache then gets the incident's new document
  // before the answer leaves (read-your-writes), or from the refresh queue if it cannot.
  async function writtenOutage (tx: Queryable, incidentId: CanonicalUuid, outageId: CanonicalUuid): Promise<Outage> {
    const [row] = await findIncidentDocuments(tx, [incidentId])
    const outage = (row?.document.outages as Outage[] | undefined)?.find(o => o.outage_id === outageId)
    if (!outage) throw new OutageNotFoundError('Outage', outageId, incidentId)
    return outage
  }

  app.post('/incidents/:incident_id/outages', {
    schema: {
      operationId: 'createOutage',
      summary: 'Add a utility outage to an incident, with its location inline',
      tags,
      params: IncidentIdParamsSchema,
      body: NewOutageSchema,
      response: { 201: OutageSchema, 400: ErrorSchema, 404: ErrorSchema }
    }
  }, async (request, reply) => {
    const incidentId = request.params.incident_id
    const { location, ...outage } = request.body
    checkLocation('body/location', location)
    const written = await withTransaction(app.pg, async (tx) => {
      const incident = await lockLiveIncident(tx, incidentId, callerOrganizations(request.caller))
      if (!incident) throw new IncidentNotFoundError(incidentId)
      const locationId = await nextLocationId(tx, incident.organization_id, null, location ?? null)
      const outageId = await insertOutage(tx, { incidentId, organizationId: incident.organization_id }, outage, locationId)
      return writtenOutage(tx, incidentId, outageId)
    })
    await app.currentIncidents.refresh([incidentId])
    return reply.code(201).send(written)
  })

  app.patch('/incidents/:incident_id/outages/:outage_id', {
    schema: {
      operationId: 'updateOutage',
      summary: 'Change some fields of an outage',
      tags,
      params: OutageParamsSchema,
      body: OutagePatchSchema,
      response: { 200: OutageSchema, 400: ErrorSchema, 404: ErrorSchema }
    }
  }, async (request) => {
    const incidentId = request.params.incident_id
    const outageId = request.params.outage_id
    const { location, ...fields } = request.body
    checkLocation('body/location', location)
    const written = await withTransaction(app.pg, async (tx) => {
      const incident = await lockLiveIncident(tx, incidentId, callerOrganizations(request.caller))
      if (!incident) throw new IncidentNotFoundError(incidentId)
      const outage = await lockOutage(tx, incidentId, outageId)
      if (!outage) throw new OutageNotFoundError('Outage', outageId, incidentId)
      const patch = location === undefined
        ? fields
        : { ...fields, location_id: await nextLocationId(tx, incident.organization_id, outage.location_id, location) }
      await updateOutage(tx, incidentId, outageId, patch)
      return writtenOutage(tx, incidentId, outageId)
    })
    await app.currentIncidents.refresh([incidentId])
    return written
  })

  app.delete('/incidents/:incident_id/outages/:outage_id', {
    schema: {
      operationId: 'deleteOutage',
      summary: 'Soft-delete an outage',
      tags,
      params: OutageParamsSchema,
      response: { 204: { type: 'null', description: 'Deleted' }, 400: ErrorSchema, 404: ErrorSchema }
    }
  }, async (request, reply) => {
    const incidentId = request.params.incident_id
    const outageId = request.params.outage_id
    await withTransaction(app.pg, async (tx) => {
      if (!await lockLiveIncident(tx, incidentId, callerOrganizations(request.caller))) throw new IncidentNotFoundError(incidentId)
      if (!await deleteOutage(tx, incidentId, outageId)) throw new OutageNotFoundError('Outage', outageId, incidentId)
    })
    await app.currentIncidents.refresh([incidentId])
    return reply.code(204).send()
  })
}
