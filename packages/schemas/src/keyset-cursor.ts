import { canonicalUuid, type CanonicalUuid } from './uuid.js'

/** Where a keyset page starts: strictly after this (created, id). */
export interface KeysetPosition {
  /** `created::text`: microseconds and offset kept, which a JS Date would lose. */
  created: string
  id: CanonicalUuid
}

// `created::text` as PostgreSQL prints it under DateStyle ISO: 2024-05-01 12:00:00.123456+00
const CREATED = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2}$/

/** The opaque cursor of a list position: base64url of `{"created", "id"}`, so clients pass it without escaping. */
export function encodeCursor (position: KeysetPosition): string {
  return Buffer.from(JSON.stringify({ created: position.created, id: position.id })).toString('base64url')
}

/**
 * The position a cursor names, or undefined for anything encodeCursor did not make (not JSON, a
 * malformed or impossible instant, an id that is not a uuid): the service answers that with its
 * own 400.
 */
export function decodeCursor (cursor: string): KeysetPosition | undefined {
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    return undefined
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined
  const { created, id } = parsed as Record<string, unknown>
  const position = typeof id === 'string' ? canonicalUuid(id) : undefined
  if (typeof created !== 'string' || !CREATED.test(created) || !isInstant(created) || position === undefined) return undefined
  return { created, id: position }
}

// Catches a month 13 or an hour 25 here, rather than as PostgreSQL's out-of-range error (a 400
// with the database's wording).
function isInstant (created: string): boolean {
  const iso = created.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00').replace(/([+-]\d{2}:\d{2}):\d{2}$/, '$1')
  return !Number.isNaN(Date.parse(iso))
}
