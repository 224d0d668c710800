import { canonicalUuid } from '@incident-intel/dependency-graph'
import type { ListPosition } from '../sql/list-intel-requests.js'
import { InvalidCursorError } from '../errors.js'

// `created::text` as PostgreSQL prints it under DateStyle ISO: 2024-05-01 12:00:00.123456+00
const CREATED = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2}$/

/** The opaque cursor of a list position: base64url of `{"created", "id"}`. */
export function encodeCursor (position: ListPosition): string {
  return Buffer.from(JSON.stringify({ created: position.created, id: position.id })).toString('base64url')
}

/** The position a cursor names; InvalidCursorError (400) for anything encodeCursor did not make. */
export function decodeCursor (cursor: string): ListPosition {
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    throw new InvalidCursorError()
  }
  const { created, id } = (parsed ?? {}) as { created?: unknown, id?: unknown }
  const position = typeof id === 'string' ? canonicalUuid(id) : undefined
  if (typeof created !== 'string' || !CREATED.test(created) || !isInstant(created) || position === undefined) {
    throw new InvalidCursorError()
  }
  return { created, id: position }
}

// Catches a month 13 or an hour 25 here, rather than as PostgreSQL's out-of-range error.
function isInstant (created: string): boolean {
  const iso = created.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00').replace(/([+-]\d{2}:\d{2}):\d{2}$/, '$1')
  return !Number.isNaN(Date.parse(iso))
}
