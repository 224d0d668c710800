import { Type, type Static, type TSchema, type TUnsafe } from '@sinclair/typebox'

// Schema primitives both services' records share.

export const Timestamp = Type.String({ format: 'date-time' })

export const Metadata = Type.Record(Type.String(), Type.Unknown(), { description: 'Free-form JSON object' })

/**
 * `schema` or null, as one `type: [t, 'null']` schema rather than an anyOf: Ajv's type
 * coercion would turn a null into "" in the string branch of a union.
 */
export function nullable<T extends TSchema> (schema: T): TUnsafe<Static<T> | null> {
  const plain = JSON.parse(JSON.stringify(schema)) as Record<string, unknown>
  return Type.Unsafe<Static<T> | null>({ ...plain, type: [plain.type, 'null'] })
}

export const NullableTimestamp = nullable(Timestamp)
