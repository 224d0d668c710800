import { Type, type Static, type TSchema, type TUnsafe } from '@sinclair/typebox'

// Schema primitives every record of both services is built from.

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

/** A string enum that OpenAPI shows as `enum`, not as a union of constants. */
export function stringEnum<T extends string> (values: readonly T[], options: object = {}): TUnsafe<T> {
  return Type.Unsafe<T>({ type: 'string', enum: [...values], ...options })
}
