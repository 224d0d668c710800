import { Type } from '@sinclair/typebox'

export const Timestamp = Type.String({ format: 'date-time' })
export const NullableTimestamp = Type.Union([Timestamp, Type.Null()])
export const Metadata = Type.Record(Type.String(), Type.Unknown(), { description: 'Free-form JSON object' })
