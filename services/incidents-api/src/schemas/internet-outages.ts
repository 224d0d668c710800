import { Type, type Static } from '@sinclair/typebox'
import { Uuid } from '@incident-intel/schemas'
import { NullableTimestamp, Timestamp, timestampSchema } from '@incident-intel/schemas'

export const InternetOutageSchema = Type.Object({
  internet_outage_id: Uuid,
  incident_id: Uuid,
  organization_id: Uuid,
  provider: Type.String({ maxLength: 200 }),
  started: Timestamp,
  restored: NullableTimestamp,
  created: Timestamp,
  updated: Timestamp
}, { title: 'InternetOutage' })

export type InternetOutage = Static<typeof InternetOutageSchema>

export const InternetOutageParamsSchema = Type.Object({
  incident_id: Uuid,
  internet_outage_id: Uuid
}, { additionalProperties: false })

const Provider = Type.String({ minLength: 1, maxLength: 200 })

/** The body of POST /incidents/:incident_id/internet-outages. */
export const NewInternetOutageSchema = Type.Object({
  provider: Provider,
  started: Type.Optional(timestampSchema('Default: now')),
  restored: Type.Optional(NullableTimestamp)
}, { additionalProperties: false, title: 'NewInternetOutage' })

export type NewInternetOutage = Static<typeof NewInternetOutageSchema>

/** The body of PATCH /incidents/:incident_id/internet-outages/:internet_outage_id: the fields to change, at least one. */
export const InternetOutagePatchSchema = Type.Object({
  provider: Type.Optional(Provider),
  started: Type.Optional(Timestamp),
  restored: Type.Optional(NullableTimestamp)
}, { additionalProperties: false, minProperties: 1, title: 'InternetOutagePatch' })

export type InternetOutagePatch = Static<typeof InternetOutagePatchSchema>
