import zlib from 'node:zlib'
import { negotiate } from '@fastify/accept-negotiator'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { ErrorSchema } from '@incident-intel/schemas'
import { assertOrganization } from '@incident-intel/service-kit'
import { isRedisError } from '../cache/redis-replies.js'
import type { ListTag } from '../cache/current-incidents-store.js'
import { LIST_ENCODINGS, ListEncodings, type ListEncoding } from '../cache/list-encodings.js'
import { organizationExists } from '../sql/find-organization.js'
import { CacheUnavailableError, NotCurrentError, OrganizationNotFoundError } from '../errors.js'
import { noneMatchHolds } from '../entity-tags.js'
import {
  BulkBodySchema, BulkResultSchema, CacheHeaders, ConditionalHeadersSchema, ConditionalReadHeaders,
  CurrentIncidentDocumentSchema, CurrentIncidentParamsSchema, CurrentIncidentsSchema, NotModifiedSchema,
  OrganizationQuerySchema, RebuildBodySchema, RebuildResultSchema
} from '../schemas/current-incidents.js'

const tags = ['current-incidents']
const COMMA = Buffer.from(',')
// The compressed lists kept: a 3,000-document list is about 1 MB in either encoding.
const LIST_ENCODINGS_MAX_BYTES = 64 * 1024 * 1024

/** JSON already in bytes: Fastify sends a Buffer as it is, past the response schema's serialiser. */
function sendJson (reply: FastifyReply, json: Buffer): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(json)
}

/** 304: no body, and so no content-type or content-length (a body of `null` would declare 4 bytes). */
function notModified (reply: FastifyReply): FastifyReply {
  return reply.code(304).send()
}

/** A JSON array of documents' bytes between a head and a tail, in one copy. */
function joinDocuments (head: string, documents: Buffer[], tail: string): Buffer {
  const parts: Buffer[] = [Buffer.from(head)]
  documents.forEach((document, i) => {
    if (i > 0) parts.push(COMMA)
    parts.push(document)
  })
  parts.push(Buffer.from(tail))
  return Buffer.concat(parts)
}

/** The sender's reads: current-incident documents, from the cache when it can answer. */
export const currentIncidentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const listEncodings = new ListEncodings(LIST_ENCODINGS_MAX_BYTES)

  app.get('/incidents/current', {
    // A database answer (no ETag) is compressed per request by @fastify/compress, at the levels
    // the cache's lists are kept at (list-encodings.ts); a cached list's are kept per ETag.
    config: { compress: { brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1 } }, zlibOptions: { level: 1 } } },
    schema: {
      operationId: 'listCurrentIncidents',
      summary: 'Every current incident of an organization, as current-incident documents',
      description: 'From the cache, with an ETag that changes whenever any of its documents changes: `If-None-Match` with it gets `304` after one small Redis read. Compressed when the client accepts gzip, deflate or br.',
      tags,
      querystring: OrganizationQuerySchema,
      headers: ConditionalHeadersSchema,
      response: {
        200: { ...CurrentIncidentsSchema, headers: ConditionalReadHeaders },
        304: NotModifiedSchema,
        400: ErrorSchema,
        404: ErrorSchema
      }
    }
  }, async (request, reply) => {
    const organizationId = request.query.organization_id
    assertOrganization(request.caller, organizationId)
    reply.header('cache-control', 'no-cache')
    const ifNoneMatch = request.headers['if-none-match']
    let tagRead: ListTag | undefined
    if (ifNoneMatch !== undefined) {
      tagRead = await app.currentIncidents.organizationTag(organizationId)
      if (typeof tagRead === 'string' && noneMatchHolds(ifNoneMatch, tagRead)) return notModified(reply.header('x-cache', 'hit').header('etag', tagRead) as FastifyReply)
    }
    // Given what was read: a Redis that did not answer is not asked again in this request.
    const { documents, result, tag } = await app.currentIncidents.readOrganization(organizationId, tagRead)
    if (documents === null) throw new OrganizationNotFoundError(organizationId)
    reply.header('x-cache', result)
    if (tag !== null) {
      reply.header('etag', tag)
      if (noneMatchHolds(ifNoneMatch, tag)) return notModified(reply as FastifyReply)
    }
    // The documents' bytes, joined: the list is never decoded nor encoded as a whole.
    const head = `{"organization_id":${JSON.stringify(organizationId)},"source":"${result === 'hit' ? 'cache' : 'database'}","incidents":[`
    const body = () => joinDocuments(head, documents.map(document => document.json), ']}')
    const encoding = tag === null ? null : negotiate(request.headers['accept-encoding'] ?? '', LIST_ENCODINGS) as ListEncoding | null
    if (tag === null || encoding === null) return sendJson(reply as FastifyReply, body())
    // Content-Encoding set: @fastify/compress leaves the bytes as they are.
    reply.header('content-encoding', encoding).header('vary', 'accept-encoding')
    return sendJson(reply as FastifyReply, await listEncodings.encoded(organizationId, tag, encoding, body))
  })

  app.get('/incidents/current/:incident_id', {
    schema: {
      operationId: 'getCurrentIncident',
      summary: 'One current incident: its document, in one cache read',
      description: 'On a cache hit: one Redis round trip and no PostgreSQL query. `ETag: "<cache.version>"`; `If-None-Match` with it gets `304` while the version holds. 404 when the incident is resolved, deleted or unknown.',
      tags,
      params: CurrentIncidentParamsSchema,
      headers: ConditionalHeadersSchema,
      response: {
        200: { ...CurrentIncidentDocumentSchema, headers: ConditionalReadHeaders },
        304: NotModifiedSchema,
        400: ErrorSchema,
        404: ErrorSchema
      }
    }
  }, async (request, reply) => {
    const { document, result } = await app.currentIncidents.read(request.params.incident_id, request.caller.organizations)
    reply.header('x-cache', result)
    if (document === null) throw new NotCurrentError(request.params.incident_id)
    reply.header('cache-control', 'no-cache')
    if (document.version !== null) {
      const tag = `"${document.version}"`
      reply.header('etag', tag)
      if (noneMatchHolds(request.headers['if-none-match'], tag)) return notModified(reply as FastifyReply)
    }
    return sendJson(reply as FastifyReply, document.json)
  })

  app.post('/incidents/current/bulk', {
    schema: {
      operationId: 'getCurrentIncidentsBulk',
      summary: 'Many current incidents at once, as current-incident documents',
      description: 'One Redis round trip for all the organizations involved, and no PostgreSQL query when every document is in the cache. Documents come in the order of the ids, each once; ids of no current incident are listed in `not_current`.',
      tags,
      body: BulkBodySchema,
      response: {
        200: { ...BulkResultSchema, headers: CacheHeaders },
        400: ErrorSchema
      }
    }
  }, async (request, reply) => {
    const ids = [...new Set(request.body.incident_ids)]
    const { documents, result } = await app.currentIncidents.readMany(ids, request.caller.organizations)
    const notCurrentIds = ids.filter((_, i) => documents[i] === null)
    const found = documents.flatMap(document => document === null ? [] : [document.json])
    reply.header('x-cache', result)
    return sendJson(reply as FastifyReply, joinDocuments('{"incidents":[', found, `],"not_current":${JSON.stringify(notCurrentIds)}}`))
  })

  app.post('/incidents/current/rebuild', {
    schema: {
      operationId: 'rebuildCurrentIncidents',
      summary: "Rebuild an organization's current-incident documents from the database",
      tags,
      body: RebuildBodySchema,
      response: {
        200: RebuildResultSchema,
        400: ErrorSchema,
        404: ErrorSchema,
        503: { ...ErrorSchema, description: 'Redis or PostgreSQL is unavailable: the cache cannot be rebuilt now' }
      }
    }
  }, async (request) => {
    const organizationId = request.body.organization_id
    assertOrganization(request.caller, organizationId)
    // One indexed lookup, and no Redis command, for an organization that does not exist.
    if (!await organizationExists(app.pg, organizationId)) throw new OrganizationNotFoundError(organizationId)
    let rebuilt
    try {
      rebuilt = await app.currentIncidents.rebuild(organizationId)
    } catch (error) {
      if (isRedisError(error)) throw new CacheUnavailableError()
      throw error
    }
    if (rebuilt === null) throw new OrganizationNotFoundError(organizationId)
    return rebuilt
  })
}
