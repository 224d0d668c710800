import { Type, type Static, type TSchema, type TUnsafe } from '@sinclair/typebox'

// Schema primitives every record of both services is built from.

/** An RFC 3339 timestamp; `description` says what it marks. With microseconds and an offset it is 32 characters. */
export function timestampSchema (description?: string) {
  return Type.String({ format: 'date-time', maxLength: 40, ...(description === undefined ? {} : { description }) })
}

export const Timestamp = timestampSchema()

/** Most top-level keys a metadata object may have; its whole size is bounded by the body's 1 MiB and depth 100. */
export const METADATA_MAX_PROPERTIES = 100

/** A free-form JSON object of bounded breadth; `options` may add a default. */
export function metadataSchema (options: { default?: Record<string, never> } = {}) {
  return Type.Record(Type.String(), Type.Unknown(), {
    maxProperties: METADATA_MAX_PROPERTIES,
    description: `Free-form JSON object, at most ${METADATA_MAX_PROPERTIES} top-level keys`,
    ...options
  })
}

export const Metadata = metadataSchema()

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
