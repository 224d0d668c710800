import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { createDependencyGraph, type DependencyGraph, type DependencyGraphOptions, type RecursionBounds } from './dependency-graph.js'
import { CycleError, RecordNotFoundError } from './errors.js'
import {
  CycleErrorSchema, DependencyIdParamsSchema, DirectDependenciesSchema, DirectQuerySchema, EdgeSchema,
  NewDependencySchema, ResolveResponseSchema, resolveBodySchema
} from './schemas.js'
import { ErrorSchema } from '@incident-intel/schemas'
import { callerOrganizations } from '@incident-intel/service-kit'

const DECORATOR = 'dependencyGraph'

/**
 * Decorates the app with the graph over `pool`, within the configured bounds; handlers reach it
 * with dependencyGraphOf(app). (Not a typed `app.dependencyGraph`: a FastifyInstance
 * augmentation that names the graph's branded ids would clash between this package's source and
 * its build where both are type-checked, as the tests are.)
 */
export const dependencyGraph = fp(async function dependencyGraph (app: FastifyInstance, options: DependencyGraphOptions) {
  app.decorate(DECORATOR, createDependencyGraph(options))
}, { name: 'dependency-graph' })

/** The graph the dependency-graph plugin decorated `app` with. */
export function dependencyGraphOf (app: FastifyInstance): DependencyGraph {
  return app.getDecorator<DependencyGraph>(DECORATOR)
}

export interface DependencyRoutesOptions {
  /** The bounds the request schemas state; the same as the graph's. */
  recursion: RecursionBounds
}

const tags = ['dependencies']

/**
 * The /dependencies routes that both services mount. Their handlers use the graph of the
 * dependency-graph plugin; registering them needs only the bounds, so a document can be
 * built without a database. Each sees only the records and edges of `request.caller`'s
 * organizations (set by service-kit's bearer-authentication): any other is unknown.
 */
export const dependencyRoutes: FastifyPluginAsyncTypebox<DependencyRoutesOptions> = async (app, { recursion }) => {
  const graph = () => dependencyGraphOf(app)
  // A refused cycle carries the cycle itself; every other error keeps the service's handler.
  app.setErrorHandler((error, _request, reply) => {
    if (!(error instanceof CycleError)) throw error
    return reply.code(409).send({
      statusCode: 409, code: error.code, error: 'Conflict', message: error.message, cycle: error.cycle
    })
  })

  app.post('/dependencies', {
    schema: {
      operationId: 'createDependency',
      summary: 'Add a dependency: the dependent depends on the blocker',
      description: 'Refuses self-edges, edges across organizations, missing or deleted records, and edges that would close a cycle. Adding an edge that is already live returns it with 200.',
      tags,
      body: NewDependencySchema,
      response: { 200: EdgeSchema, 201: EdgeSchema, 400: ErrorSchema, 404: ErrorSchema, 409: CycleErrorSchema }
    }
  }, async (request, reply) => {
    const { blocker_type: blockerType, blocker_id: blockerId, dependent_type: dependentType, dependent_id: dependentId } = request.body
    const { edge, created } = await graph().add({
      blocker: { type: blockerType, id: blockerId },
      dependent: { type: dependentType, id: dependentId }
    }, undefined, callerOrganizations(request.caller))
    return reply.code(created ? 201 : 200).send(edge)
  })

  app.delete('/dependencies/:dependency_id', {
    schema: {
      operationId: 'deleteDependency',
      summary: 'Soft-delete a dependency',
      tags,
      params: DependencyIdParamsSchema,
      response: { 204: { type: 'null', description: 'Deleted' }, 400: ErrorSchema, 404: ErrorSchema }
    }
  }, async (request, reply) => {
    await graph().remove(request.params.dependency_id, callerOrganizations(request.caller))
    return reply.code(204).send()
  })

  app.get('/dependencies', {
    schema: {
      operationId: 'getDependencies',
      summary: "A record's direct blockers and dependents",
      tags,
      querystring: DirectQuerySchema,
      response: { 200: DirectDependenciesSchema, 400: ErrorSchema, 404: ErrorSchema }
    }
  }, async (request) => {
    const record = { type: request.query.record_type, id: request.query.record_id }
    const organizations = callerOrganizations(request.caller)
    const [[found], [direct]] = await Promise.all([graph().find([record], organizations), graph().direct([record], organizations)])
    if (!found) throw new RecordNotFoundError('record', record.type, record.id)
    return direct!
  })

  app.post('/dependencies/resolve', {
    schema: {
      operationId: 'resolveDependencies',
      summary: 'Walk the dependencies of many roots at once, bounded by max_distance',
      description: 'Each reachable live edge appears once per root, at its shortest distance from that root. One database round trip whatever the number of roots. A root the caller may not see reaches nothing, exactly as an unknown one.',
      tags,
      body: resolveBodySchema(recursion.maxDistanceDefault, recursion.maxDistanceLimit),
      response: { 200: ResolveResponseSchema, 400: ErrorSchema }
    }
  }, async (request) => {
    const { roots, direction, record_types: recordTypes, max_distance: maxDistance } = request.body
    const options = { roots, direction, maxDistance, organizations: callerOrganizations(request.caller), ...(recordTypes ? { recordTypes } : {}) }
    return { results: await graph().resolve(options) }
  })
}
