import { Type } from '@sinclair/typebox'
import { Uuid, stringEnum } from '@incident-intel/schemas'
import { CurrentIncidentDocumentSchema } from './current-incidents.js'

/** Most changes one page of the pull feed returns. */
export const CHANGES_MAX_LIMIT = 500

/** A position in an organization's change log: a Redis Stream id, `<ms>-<seq>`, spelt as Redis spells it (no leading zeros). */
export function cursorSchema (description = 'A position in the change log (`<ms>-<seq>`), as a previous answer or event gave it') {
  return Type.String({ pattern: '^(0|[1-9][0-9]{0,14})-(0|[1-9][0-9]{0,19})$', maxLength: 36, description })
}

export const VersionSchema = Type.Integer({ format: 'int64', minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: "The document's version (cache.version): each incident's increase along the feed" })

export const ChangesQuerySchema = Type.Object({
  organization_id: Uuid,
  after: Type.Optional(cursorSchema('The next_cursor of the previous answer (or the id of the last event seen); absent: from the oldest change kept since the last reset')),
  limit: Type.Optional(Type.Integer({ format: 'int32', minimum: 1, maximum: CHANGES_MAX_LIMIT, default: 100 }))
}, { additionalProperties: false })

export const ChangeSchema = Type.Object({
  cursor: cursorSchema(),
  incident_id: Uuid,
  kind: stringEnum(['upsert', 'remove'] as const, { description: '`upsert`: the document is new or changed; `remove`: the incident is no longer current' }),
  version: VersionSchema,
  document: Type.Optional(CurrentIncidentDocumentSchema)
}, { title: 'CurrentIncidentChange' })

export const ChangesPageSchema = Type.Object({
  organization_id: Uuid,
  changes: Type.Array(ChangeSchema, { maxItems: CHANGES_MAX_LIMIT, description: 'In the order Redis applied them; fewer than `limit` when the log has no more now' }),
  next_cursor: cursorSchema('Pass as `after` for the next page (the same cursor when nothing changed)'),
  reset: Type.Boolean({ description: '`after` is older than what the log keeps (trimmed, or a rebuild changed the documents since): read `GET /incidents/current` again, then follow from `next_cursor`' })
}, { title: 'CurrentIncidentChanges' })

export const StreamQuerySchema = Type.Object({
  organization_id: Uuid,
  snapshot: Type.Optional(Type.Boolean({ default: false, description: 'First send every current document as `upsert` events (and again after each `reset`), read atomically with the cursor the feed then follows from' }))
}, { additionalProperties: false })

export const StreamHeadersSchema = Type.Object({
  'last-event-id': Type.Optional(cursorSchema('The id of the last event received: the stream resumes after it, or starts with `reset` when the log no longer reaches back to it'))
})
