import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorSchema } from '@incident-intel/schemas'
import { assertOrganization } from '@incident-intel/service-kit'
import { isRedisError } from '../cache/redis-replies.js'
import { organizationExists } from '../sql/find-organization.js'
import { CacheUnavailableError, OrganizationNotFoundError } from '../errors.js'
import { VerificationResultSchema, VerifyBodySchema } from '../schemas/cache-verification.js'

/** Verification of an organization's cached documents against the database, on demand. */
export const cacheVerificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/incidents/current/verify', {
    schema: {
      operationId: 'verifyCurrentIncidents',
      summary: "Compare an organization's cached current-incident documents with the database and repair what differs",
      tags: ['current-incidents'],
      body: VerifyBodySchema,
      response: {
        200: VerificationResultSchema,
        400: ErrorSchema,
        404: ErrorSchema,
        503: { ...ErrorSchema, description: 'Redis or PostgreSQL is unavailable: the cache cannot be verified now' }
      }
    }
  }, async (request) => {
    const organizationId = request.body.organization_id
    assertOrganization(request.caller, organizationId)
    if (!await organizationExists(app.pg, organizationId)) throw new OrganizationNotFoundError(organizationId)
    let verified
    try {
      verified = await app.currentIncidentsVerifier.verify(organizationId)
    } catch (error) {
      if (isRedisError(error)) throw new CacheUnavailableError()
      throw error
    }
    if (verified === null || verified === 'busy') throw new OrganizationNotFoundError(organizationId)
    return verified
  })
}
