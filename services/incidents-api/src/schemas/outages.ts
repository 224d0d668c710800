import { Type, type Static } from '@sinclair/typebox'
import { Uuid, stringEnum } from '@incident-intel/schemas'
import { NullableTimestamp, Timestamp, timestampSchema } from '@incident-intel/schemas'
import { LocationInputSchema, LocationSchema } from './location.js'

export const OUTAGE_STATUSES = ['active', 'restored'] as const

export const OutageSchema = Type.Object({
  outage_id: Uuid,
  incident_id: Uuid,
  organization_id: Uuid,
  utility_name: Type.String({ maxLength: 200 }),
  status: stringEnum(OUTAGE_STATUSES),
  started: Timestamp,
  restored: NullableTimestamp,
  customers_affected: Type.Union([Type.Integer({ format: 'int32', minimum: 0, maximum: 2147483647 }), Type.Null()]),
  location: Type.Union([LocationSchema, Type.Null()]),
  created: Timestamp,
  updated: Timestamp
}, { title: 'Outage' })

export type Outage = Static<typeof OutageSchema>

export const OutageParamsSchema = Type.Object({
  incident_id: Uuid,
  outage_id: Uuid
}, { additionalProperties: false })

const UtilityName = Type.String({ minLength: 1, maxLength: 200 })
// One schema with a type list, not a union: Ajv's type coercion would turn null into 0 in the
// union's integer branch (and 0 into null had null come first).
const CustomersAffected = Type.Unsafe<number | null>({ type: ['integer', 'null'], format: 'int32', minimum: 0, maximum: 2147483647 })

/** The body of POST /incidents/:incident_id/outages. */
export const NewOutageSchema = Type.Object({
  utility_name: UtilityName,
  status: Type.Optional(stringEnum(OUTAGE_STATUSES, { default: 'active' })),
  started: Type.Optional(timestampSchema('Default: now')),
  restored: Type.Optional(NullableTimestamp),
  customers_affected: Type.Optional(CustomersAffected),
  location: Type.Optional(Type.Union([LocationInputSchema, Type.Null()]))
}, { additionalProperties: false, title: 'NewOutage' })

export type NewOutage = Static<typeof NewOutageSchema>

/** The body of PATCH /incidents/:incident_id/outages/:outage_id: the fields to change, at least one. */
export const OutagePatchSchema = Type.Object({
  utility_name: Type.Optional(UtilityName),
  status: Type.Optional(stringEnum(OUTAGE_STATUSES)),
  started: Type.Optional(Timestamp),
  restored: Type.Optional(NullableTimestamp),
  customers_affected: Type.Optional(CustomersAffected),
  location: Type.Optional(Type.Union([LocationInputSchema, Type.Null()], {
    description: "An object updates the outage's own location in place (or gives it one); null detaches it"
  }))
}, { additionalProperties: false, minProperties: 1, title: 'OutagePatch' })

export type OutagePatch = Static<typeof OutagePatchSchema>
