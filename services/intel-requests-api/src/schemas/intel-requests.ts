import { Type, type Static } from '@sinclair/typebox'
import { Metadata, Timestamp, metadataSchema, nullable } from '@incident-intel/schemas'
import { RecordDependenciesProperties, RecordRefSchema, recursiveQuerySchema, type RecursionBounds } from '@incident-intel/dependency-graph'
import { Uuid, stringEnum, uuidSchema } from '@incident-intel/schemas'

export const INTEL_REQUEST_STATUSES = ['pending', 'in_progress', 'completed', 'cancelled'] as const
export type IntelRequestStatus = typeof INTEL_REQUEST_STATUSES[number]
export const INTEL_REQUEST_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const
export type IntelRequestPriority = typeof INTEL_REQUEST_PRIORITIES[number]

/** Most ids one bulk read takes. */
export const BULK_MAX_IDS = 1000
export const LIST_MAX_LIMIT = 500

export const IntelRequestStatusSchema = stringEnum<IntelRequestStatus>(INTEL_REQUEST_STATUSES, { title: 'IntelRequestStatus', description: 'Where the request stands' })
export const IntelRequestPrioritySchema = stringEnum<IntelRequestPriority>(INTEL_REQUEST_PRIORITIES, { title: 'IntelRequestPriority', description: 'How urgent the request is' })
const RequestType = Type.String({ minLength: 1, maxLength: 100, description: 'What is asked, e.g. `site_check`' })
const Description = Type.String({ maxLength: 10000 })

export const IntelRequestSchema = Type.Object({
  intel_request_id: Uuid,
  organization_id: Uuid,
  asset_id: nullable(Uuid),
  location_id: nullable(Uuid),
  request_type: RequestType,
  status: IntelRequestStatusSchema,
  priority: IntelRequestPrioritySchema,
  description: nullable(Description),
  metadata: Metadata,
  created: Timestamp,
  updated: Timestamp,
  ...RecordDependenciesProperties
}, { title: 'IntelRequest', description: 'An intel request with its direct dependencies (and, when asked, its recursive ones)' })
export type IntelRequest = Static<typeof IntelRequestSchema>

export const NewIntelRequestSchema = Type.Object({
  organization_id: Uuid,
  request_type: RequestType,
  status: Type.Optional(stringEnum<IntelRequestStatus>(INTEL_REQUEST_STATUSES, { default: 'pending', description: IntelRequestStatusSchema.description })),
  priority: Type.Optional(stringEnum<IntelRequestPriority>(INTEL_REQUEST_PRIORITIES, { default: 'normal', description: IntelRequestPrioritySchema.description })),
  description: Type.Optional(nullable(Description)),
  metadata: Type.Optional(metadataSchema({ default: {} })),
  asset_id: Type.Optional(nullable(Uuid)),
  location_id: Type.Optional(nullable(Uuid)),
  incident_id: Type.Optional(uuidSchema('An incident the new request depends on: the edge from it to the new request is created too')),
  blockers: Type.Optional(Type.Array(RecordRefSchema, {
    maxItems: 100,
    description: 'Records the new request depends on; each edge is created in the same transaction'
  }))
}, { additionalProperties: false, title: 'NewIntelRequest' })
export type NewIntelRequest = Static<typeof NewIntelRequestSchema>

export const IntelRequestPatchSchema = Type.Object({
  status: Type.Optional(IntelRequestStatusSchema),
  priority: Type.Optional(IntelRequestPrioritySchema),
  description: Type.Optional(nullable(Description)),
  metadata: Type.Optional(Metadata),
  asset_id: Type.Optional(nullable(Uuid)),
  location_id: Type.Optional(nullable(Uuid))
}, { additionalProperties: false, minProperties: 1, title: 'IntelRequestPatch', description: 'The fields to change; at least one' })
export type IntelRequestPatch = Static<typeof IntelRequestPatchSchema>

export const IntelRequestParamsSchema = Type.Object({
  intel_request_id: Uuid
}, { additionalProperties: false })

/** The recursive parameters alone, closed: an unknown parameter is a 400. */
export function recordQuerySchema (bounds: RecursionBounds) {
  return Type.Composite([recursiveQuerySchema(bounds)], { additionalProperties: false })
}

export const BulkBodySchema = Type.Object({
  intel_request_ids: Type.Array(Uuid, {
    minItems: 1,
    maxItems: BULK_MAX_IDS,
    description: 'Answered in this order; a repeated id is answered once, at its first place'
  })
}, { additionalProperties: false, title: 'IntelRequestsBulkRequest' })

export const BulkResponseSchema = Type.Object({
  intel_requests: Type.Array(IntelRequestSchema, { maxItems: BULK_MAX_IDS, description: 'The live ones among the ids, in request order' }),
  not_found: Type.Array(Uuid, { maxItems: BULK_MAX_IDS, description: 'The ids that name no live intel request, each once' })
}, { title: 'IntelRequestsBulkResponse' })

export const ListQuerySchema = Type.Object({
  organization_id: Uuid,
  status: Type.Optional(IntelRequestStatusSchema),
  incident_id: Type.Optional(uuidSchema('Only the intel requests that directly depend on this incident')),
  limit: Type.Optional(Type.Integer({ format: 'int32', minimum: 1, maximum: LIST_MAX_LIMIT, default: 100 })),
  cursor: Type.Optional(Type.String({
    minLength: 1, maxLength: 500, description: 'The next_cursor of the previous page'
  }))
}, { additionalProperties: false })

export const ListResponseSchema = Type.Object({
  intel_requests: Type.Array(IntelRequestSchema, { maxItems: LIST_MAX_LIMIT, description: 'Oldest first' }),
  next_cursor: nullable(Type.String({ maxLength: 500, description: 'Pass it as `cursor` for the next page; null on the last page' }))
}, { title: 'IntelRequestPage' })
