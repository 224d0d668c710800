import { Type, type Static } from '@sinclair/typebox'
import { Uuid } from '@incident-intel/schemas'
import { Metadata } from '@incident-intel/schemas'
import { LocationSchema } from './location.js'

/** An asset an incident affects, with its type's name and its location. */
export const AssetSchema = Type.Object({
  asset_id: Uuid,
  asset_name: Type.String({ maxLength: 500 }),
  asset_type_id: Uuid,
  asset_type_name: Type.String({ maxLength: 200 }),
  metadata: Metadata,
  location: Type.Union([LocationSchema, Type.Null()])
}, { title: 'Asset' })

export type Asset = Static<typeof AssetSchema>
