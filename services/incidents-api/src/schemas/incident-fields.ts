import { Type } from '@sinclair/typebox'
import { Uuid, stringEnum } from '@incident-intel/schemas'
import { Metadata, NullableTimestamp, Timestamp } from '@incident-intel/schemas'
import { LocationSchema } from './location.js'
import { OutageSchema } from './outages.js'
import { InternetOutageSchema } from './internet-outages.js'
import { AssetSchema } from './assets.js'

export const INCIDENT_STATUSES = ['active', 'monitoring', 'resolved'] as const
export const IncidentStatusSchema = stringEnum(INCIDENT_STATUSES, { title: 'IncidentStatus', description: 'A current incident is one not resolved' })

/** An incident's own fields and what hangs from it: the part an incident GET and a current-incident document share. */
export const IncidentWithRelationsProperties = {
  incident_id: Uuid,
  organization_id: Uuid,
  title: Type.String({ maxLength: 500 }),
  incident_type: Type.String({ maxLength: 100 }),
  status: IncidentStatusSchema,
  started: Timestamp,
  resolved: NullableTimestamp,
  metadata: Metadata,
  created: Timestamp,
  updated: Timestamp,
  location: Type.Union([LocationSchema, Type.Null()]),
  outages: Type.Array(OutageSchema, { description: 'Live outages, oldest first' }),
  internet_outages: Type.Array(InternetOutageSchema, { description: 'Live internet outages, oldest first' }),
  assets: Type.Array(AssetSchema, { description: 'The assets the incident affects' })
}
