import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { callerOrganizations } from '@incident-intel/service-kit'
import { withTransaction } from '@incident-intel/db'
import { ErrorSchema } from '@incident-intel/schemas'
import type { Asset } from '../schemas/assets.js'
import { AssetIdsSchema, IncidentAssetsSchema, IncidentIdParamsSchema } from '../schemas/incidents.js'
import { findIncidentDocuments } from '../sql/incident-documents.js'
import { lockLiveIncident } from '../sql/lock-incident.js'
import { lockAssets, replaceIncidentAssets } from '../sql/replace-incident-assets.js'
import { AssetNotFoundError, AssetOfAnotherOrganizationError, IncidentNotFoundError } from '../errors.js'

/** PUT /incidents/:incident_id/assets: the set of assets an incident affects, replaced whole. */
export const incidentAssetRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.put('/incidents/:incident_id/assets', {
    schema: {
      operationId: 'replaceIncidentAssets',
      summary: 'Replace the set of assets an incident affects',
      description: 'Links to assets outside the set are soft-deleted and the missing ones added, in one transaction. Every asset must exist (404) and belong to the incident\'s organization (400), or nothing changes. Answers with the assets now linked, as the incident shows them.',
      tags: ['incidents'],
      params: IncidentIdParamsSchema,
      body: AssetIdsSchema,
      response: { 200: IncidentAssetsSchema, 400: ErrorSchema, 404: ErrorSchema }
    }
  }, async (request) => {
    const incidentId = request.params.incident_id
    const assetIds = request.body.asset_ids
    // Answered with the links as the transaction committed them, so nothing after the commit can
    // fail the answer; the cache then gets the new document, or the refresh queue keeps it.
    const assets = await withTransaction(app.pg, async (tx) => {
      const incident = await lockLiveIncident(tx, incidentId, callerOrganizations(request.caller))
      if (!incident) throw new IncidentNotFoundError(incidentId)
      const organizations = await lockAssets(tx, assetIds, callerOrganizations(request.caller))
      for (const assetId of assetIds) {
        const organizationId = organizations.get(assetId)
        if (organizationId === undefined) throw new AssetNotFoundError(assetId)
        if (organizationId !== incident.organization_id) throw new AssetOfAnotherOrganizationError(assetId, incidentId)
      }
      await replaceIncidentAssets(tx, { incidentId, organizationId: incident.organization_id }, assetIds)
      const [row] = await findIncidentDocuments(tx, [incidentId])
      return row!.document.assets as Asset[]
    })
    await app.currentIncidents.refresh([incidentId])
    return { assets }
  })
}
