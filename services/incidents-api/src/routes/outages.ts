import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { withTransaction } from '@incident-intel/db'
import { ErrorSchema } from '@incident-intel/dependency-graph'
import { IncidentIdParamsSchema } from '../schemas/incidents.js'
import { NewOutageSchema, OutageParamsSchema, OutagePatchSchema, OutageSchema, type Outage } from '../schemas/outages.js'
import { lockLiveIncident } from '../sql/lock-incident.js'
import { deleteOutage, insertOutage, lockOutage, updateOutage } from '../sql/outages-repository.js'
import { nextLocationId } from '../sql/save-location.js'
import { checkLocation } from './check-location.js'
import { incidentNotFound, outageNotFound } from '../errors.js'

const tags = ['incidents']

/** An incident's outages: create, patch, delete. Each answers with the outage as the incident's document shows it. */
export const outageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // After a committed write: the cache holds the incident's new document (read-your-writes),
  // and the outage is answered from the document that refresh read.
  async function afterWrite (incidentId: string, outageId: string): Promise<Outage> {
    const [row] = await app.currentIncidents.refresh([incidentId])
    const outage = (row?.document.outages as Outage[] | undefined)?.find(o => o.outage_id === outageId)
    if (!outage) throw outageNotFound('Outage', outageId, incidentId) // deleted again before the read
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
    const incidentId = request.params.incident_id.toLowerCase()
    const { location, ...outage } = request.body
    checkLocation('body/location', location)
    const outageId = await withTransaction(app.pg, async (tx) => {
      const incident = await lockLiveIncident(tx, incidentId)
      if (!incident) throw incidentNotFound(incidentId)
      const locationId = await nextLocationId(tx, incident.organization_id, null, location ?? null)
      return insertOutage(tx, { incidentId, organizationId: incident.organization_id }, outage, locationId)
    })
    return reply.code(201).send(await afterWrite(incidentId, outageId))
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
    const incidentId = request.params.incident_id.toLowerCase()
    const outageId = request.params.outage_id.toLowerCase()
    const { location, ...fields } = request.body
    checkLocation('body/location', location)
    await withTransaction(app.pg, async (tx) => {
      const incident = await lockLiveIncident(tx, incidentId)
      if (!incident) throw incidentNotFound(incidentId)
      const outage = await lockOutage(tx, incidentId, outageId)
      if (!outage) throw outageNotFound('Outage', outageId, incidentId)
      const patch = location === undefined
        ? fields
        : { ...fields, location_id: await nextLocationId(tx, incident.organization_id, outage.location_id, location) }
      await updateOutage(tx, incidentId, outageId, patch)
    })
    return afterWrite(incidentId, outageId)
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
    const incidentId = request.params.incident_id.toLowerCase()
    const outageId = request.params.outage_id.toLowerCase()
    await withTransaction(app.pg, async (tx) => {
      if (!await lockLiveIncident(tx, incidentId)) throw incidentNotFound(incidentId)
      if (!await deleteOutage(tx, incidentId, outageId)) throw outageNotFound('Outage', outageId, incidentId)
    })
    await app.currentIncidents.refresh([incidentId])
    return reply.code(204).send()
  })
}
