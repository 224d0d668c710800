import { Type, type Static } from '@sinclair/typebox'
import { RecordDependenciesProperties, recursiveQuerySchema, type RecursionBounds } from '@incident-intel/dependency-graph'
import { Uuid } from '@incident-intel/schemas'
import { Metadata, NullableTimestamp, Timestamp, timestampSchema } from '@incident-intel/schemas'
import { IncidentStatusSchema, IncidentWithRelationsProperties } from './incident-fields.js'
import { AssetSchema } from './assets.js'
import { LocationInputSchema } from './location.js'

const LIST_MAX_LIMIT = 500
/** Most assets one PUT of an incident's assets names. */
const INCIDENT_MAX_ASSETS = 1000

/** An incident with its relations and its dependencies, as every incident route answers. */
export const IncidentSchema = Type.Object({
  ...IncidentWithRelationsProperties,
  ...RecordDependenciesProperties
}, { title: 'Incident' })

export type Incident = Static<typeof IncidentSchema>

export const IncidentIdParamsSchema = Type.Object({
  incident_id: Uuid
}, { additionalProperties: false })

const Title = Type.String({ minLength: 1, maxLength: 500 })
const IncidentType = Type.String({ minLength: 1, maxLength: 100 })

/** The body of POST /incidents and PUT /incidents/:incident_id. */
export const IncidentInputSchema = Type.Object({
  organization_id: Uuid,
  title: Title,
  incident_type: IncidentType,
  status: Type.Optional(IncidentStatusSchema),
  started: Type.Optional(timestampSchema('Default: now when the incident is created; a replacement (PUT) that omits it keeps the stored value')),
  resolved: Type.Optional(NullableTimestamp),
  metadata: Type.Optional(Metadata),
  location: Type.Optional(Type.Union([LocationInputSchema, Type.Null()], {
    description: "Where the incident is. On a replacement (PUT) the incident's own location is updated in place when it has one; null or absent detaches it"
  }))
}, { additionalProperties: false, title: 'IncidentInput' })

export type IncidentInput = Static<typeof IncidentInputSchema>

/** The body of PATCH /incidents/:incident_id: the fields to change, at least one. */
export const IncidentPatchSchema = Type.Object({
  title: Type.Optional(Title),
  incident_type: Type.Optional(IncidentType),
  status: Type.Optional(IncidentStatusSchema),
  started: Type.Optional(Timestamp),
  resolved: Type.Optional(NullableTimestamp),
  metadata: Type.Optional(Metadata),
  location: Type.Optional(Type.Union([LocationInputSchema, Type.Null()], {
    description: "An object updates the incident's own location in place (or gives it one); null detaches it"
  }))
}, { additionalProperties: false, minProperties: 1, title: 'IncidentPatch' })

export type IncidentPatch = Static<typeof IncidentPatchSchema>

/** GET /incidents/:incident_id takes the recursive parameters, and nothing else. */
export function getIncidentQuerySchema (bounds: RecursionBounds) {
  return Type.Composite([recursiveQuerySchema(bounds)], { additionalProperties: false })
}

export const ListIncidentsQuerySchema = Type.Object({
  organization_id: Uuid,
  status: Type.Optional(IncidentStatusSchema),
  limit: Type.Optional(Type.Integer({ format: 'int32', minimum: 1, maximum: LIST_MAX_LIMIT, default: 100 })),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: 'The next_cursor of the previous page, unchanged' }))
}, { additionalProperties: false })

export type ListIncidentsQuery = Static<typeof ListIncidentsQuerySchema>

export const IncidentPageSchema = Type.Object({
  incidents: Type.Array(IncidentSchema, { maxItems: LIST_MAX_LIMIT, description: 'Oldest first (created, then incident_id)' }),
  next_cursor: Type.Union([Type.String({ maxLength: 500 }), Type.Null()], { description: 'Pass as `cursor` for the next page; null on the last page' })
}, { title: 'IncidentPage' })

export const AssetIdsSchema = Type.Object({
  asset_ids: Type.Array(Uuid, { maxItems: INCIDENT_MAX_ASSETS, uniqueItems: true, description: 'The complete set of assets the incident affects' })
}, { additionalProperties: false, title: 'IncidentAssetIds' })

export const IncidentAssetsSchema = Type.Object({
  assets: Type.Array(AssetSchema, { maxItems: INCIDENT_MAX_ASSETS, description: 'The live assets the incident now affects, by name' })
}, { title: 'IncidentAssets' })
