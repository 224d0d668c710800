import { Type } from '@sinclair/typebox'
import { Uuid, stringEnum } from '@incident-intel/schemas'
import { Metadata, Timestamp } from '@incident-intel/schemas'
import { IncidentWithRelationsProperties } from './incident-fields.js'

const IntelRequestProperties = {
  intel_request_id: Uuid,
  request_type: Type.String({ maxLength: 100 }),
  status: stringEnum(['pending', 'in_progress', 'completed', 'cancelled'] as const),
  priority: stringEnum(['low', 'normal', 'high', 'urgent'] as const),
  description: Type.Union([Type.String({ maxLength: 10000 }), Type.Null()]),
  asset_id: Type.Union([Uuid, Type.Null()]),
  location_id: Type.Union([Uuid, Type.Null()]),
  metadata: Metadata,
  created: Timestamp,
  updated: Timestamp
}

export const CurrentIncidentDocumentSchema = Type.Object({
  ...IncidentWithRelationsProperties,
  intel_requests: Type.Array(Type.Object(IntelRequestProperties, { title: 'CurrentIntelRequest' }), {
    description: 'Live intel requests that depend directly on the incident'
  }),
  parent_intel_requests: Type.Array(Type.Object({
    ...IntelRequestProperties,
    blocker_intel_request_ids: Type.Array(Uuid, { description: 'The intel requests of `intel_requests` this one depends on' })
  }, { title: 'ParentIntelRequest' }), { description: 'Live intel requests that depend on those of `intel_requests` (distance 2)' }),
  cache: Type.Object({
    version: Type.Union([Type.Integer({ format: 'int64', minimum: 1, maximum: Number.MAX_SAFE_INTEGER }), Type.Null()], { description: 'The document version in the cache; null when read from the database' }),
    refreshed_at: Timestamp
  })
}, { title: 'CurrentIncidentDocument', description: 'What the sender needs about one current incident, in one read' })

export const CurrentIncidentParamsSchema = Type.Object({ incident_id: Uuid }, { additionalProperties: false })

export const OrganizationQuerySchema = Type.Object({ organization_id: Uuid }, { additionalProperties: false })

export const CurrentIncidentsSchema = Type.Object({
  organization_id: Uuid,
  source: stringEnum(['cache', 'database'] as const),
  incidents: Type.Array(CurrentIncidentDocumentSchema, { description: 'Every current incident of the organization, by incident_id' })
}, { title: 'CurrentIncidents' })

/** Most ids one bulk read takes. */
export const BULK_MAX_IDS = 1000

export const BulkBodySchema = Type.Object({
  incident_ids: Type.Array(Uuid, {
    minItems: 1,
    maxItems: BULK_MAX_IDS,
    description: 'Answered in this order; a repeated id is answered once, at its first place'
  })
}, { additionalProperties: false, title: 'CurrentIncidentsBulkRequest' })

export const BulkResultSchema = Type.Object({
  incidents: Type.Array(CurrentIncidentDocumentSchema, { maxItems: BULK_MAX_IDS, description: 'The documents of the current ones, in the order asked' }),
  not_current: Type.Array(Uuid, { maxItems: BULK_MAX_IDS, description: 'The ids asked that are not current (resolved, deleted or unknown), in the order asked' })
}, { title: 'CurrentIncidentsBulk' })

export const ConditionalHeadersSchema = Type.Object({
  'if-none-match': Type.Optional(Type.String({ maxLength: 1000, description: 'An ETag this read answered before: `304` and no body while it still holds' }))
})

export const RebuildBodySchema = Type.Object({ organization_id: Uuid }, { additionalProperties: false, title: 'RebuildRequest' })

export const RebuildResultSchema = Type.Object({
  organization_id: Uuid,
  cache_enabled: Type.Boolean({ description: "The organization's toggle (metadata.use_current_incidents_cache)" }),
  documents: Type.Integer({ format: 'int32', minimum: 0, maximum: 2147483647, description: 'Documents written' }),
  removed: Type.Integer({ format: 'int32', minimum: 0, maximum: 2147483647, description: 'Stale documents dropped' })
}, { title: 'RebuildResult' })

/** The response headers of a current-incident read, by name (as @fastify/swagger documents them). */
export const CacheHeaders = {
  'x-cache': stringEnum(['hit', 'miss', 'bypass'] as const, {
    description: '`hit`: from the cache; `miss`: from the database, the cache lacking it; `bypass`: from the database, the cache being cold, off or down'
  })
}

/** The response headers of a conditional read: its ETag (absent on database answers, which carry no version) and no-cache. */
export const ConditionalReadHeaders = {
  ...CacheHeaders,
  etag: Type.String({ maxLength: 100, description: 'Send it back in `If-None-Match` to revalidate; absent when the answer came from the database' }),
  'cache-control': Type.Literal('no-cache', { description: 'Clients must revalidate before reusing an answer' })
}

export const NotModifiedSchema = Type.Null({ description: 'The ETag sent in If-None-Match still holds: no body', headers: ConditionalReadHeaders })
