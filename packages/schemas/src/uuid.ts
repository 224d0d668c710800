import { Type, type TUnsafe } from '@sinclair/typebox'
import type { Ajv, SchemaValidateFunction } from 'ajv'

// Ids are case-insensitive (RFC 9562) but have one canonical spelling, lower-case hex, which is
// also PostgreSQL's. Every uuid a request carries is made canonical where it enters: by Ajv,
// as it validates the route's params, querystring and body, so no handler, SQL statement,
// Redis key or log line ever sees another spelling.

declare const canonical: unique symbol

/** A uuid in lower-case hex: what a `Uuid` schema hands a handler, and what PostgreSQL returns. */
export type CanonicalUuid = string & { readonly [canonical]: true }

// The pattern too: ajv's uuid format also admits the urn:uuid: form, which PostgreSQL refuses.
const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
const UUID = new RegExp(UUID_PATTERN)

/** The schema keyword by which Ajv lower-cases a uuid in place once it is valid. */
export const CANONICAL_UUID_KEYWORD = 'x-canonical-uuid'

/** A uuid in any letter case, handed on in canonical form; `description` says what it names. */
export function uuidSchema (description = 'A UUID, in any letter case; answers spell it in lower case'): TUnsafe<CanonicalUuid> {
  return Type.Unsafe<CanonicalUuid>({ type: 'string', format: 'uuid', pattern: UUID_PATTERN, maxLength: 36, description, [CANONICAL_UUID_KEYWORD]: true })
}

export const Uuid = uuidSchema()

/** The canonical form of a uuid in any letter case; undefined for anything else. For ids that reach us outside a schema (e.g. inside a cursor). */
export function canonicalUuid (value: string): CanonicalUuid | undefined {
  return UUID.test(value) ? value.toLowerCase() as CanonicalUuid : undefined
}

/**
 * An Ajv plugin (Fastify's `ajv.plugins`) that gives the `Uuid` schemas their effect: each valid
 * uuid is replaced by its lower-case form in the object that holds it (params, querystring, a
 * body, an array item at any depth). An Ajv without it refuses these schemas at compile time,
 * as an unknown keyword, so no route can skip the step.
 */
export function canonicalUuids (ajv: Ajv): Ajv {
  return ajv.addKeyword({
    keyword: CANONICAL_UUID_KEYWORD,
    type: 'string',
    schemaType: 'boolean',
    modifying: true,
    errors: false,
    validate: (enabled: boolean, data: string, _parentSchema: unknown, context?: Parameters<SchemaValidateFunction>[3]) => {
      if (!enabled) return true
      // A bare string has no holder to write to; every route's parts are objects.
      if (context?.parentData === undefined) throw new Error(`${CANONICAL_UUID_KEYWORD} needs a uuid inside an object or array, not at the root`)
      context.parentData[context.parentDataProperty] = data.toLowerCase()
      return true
    }
  })
}
