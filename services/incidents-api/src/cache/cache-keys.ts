import type { CanonicalUuid } from '@incident-intel/schemas'

// Every key of an organization carries it in a hash tag, so Redis Cluster keeps them on one slot
// and one script can update them together.

/** incident_id → msgpack document, plus the markers below. */
export const documentsKey = (organizationId: CanonicalUuid): string => `current_incidents:{${organizationId}}:documents`

/** incident_id → version of the newest document written (kept for removed ones until pruned), plus FLOOR_FIELD. */
export const versionsKey = (organizationId: CanonicalUuid): string => `current_incidents:{${organizationId}}:versions`

/**
 * The organization's change log, a Redis Stream appended by the scripts that change the documents
 * hash (cache-scripts.ts); its entry ids are the change feed's cursors.
 */
export const changesKey = (organizationId: CanonicalUuid): string => `current_incidents:{${organizationId}}:changes`

/** Set by a full rebuild: from then on, a missing document means "not current", not "not cached yet". */
export const READY_FIELD = ':ready'
/** Counts the writes that changed the documents hash since it was made: with READY_FIELD, the organization list's ETag. */
export const REVISION_FIELD = ':revision'
/** Set when the organization's cache toggle is off: reads go to PostgreSQL. */
export const DISABLED_FIELD = ':disabled'

/** In the versions hash: the highest version pruned; an incident without a version compares with it. */
export const FLOOR_FIELD = ':floor'
/**
 * In the versions hash: the version of the last organization-wide operation applied (a rebuild's
 * finish or a drop); an older one arriving late is refused, so it can neither undo a newer toggle
 * nor remove what was written after it.
 */
export const ORGANIZATION_VERSION_FIELD = ':organization'

/**
 * In the versions hash: the change log's floor, where a reader that has just read the documents
 * starts: the last reset logged (a rebuild or drop), the last entry trimmed, or a log's first entry.
 */
export const LOG_FLOOR_FIELD = ':log_floor'
/**
 * In the versions hash: the last entry trimmed from the change log (or, for a log made anew, as
 * after a flush, its first entry): a reader at a cursor below it has missed changes.
 */
export const LOG_TRIMMED_FIELD = ':log_trimmed'

/** What every marker field starts with; incident ids never do. */
export const MARKER_PREFIX = ':'

/** Fields of either hash that are markers rather than incidents. */
export const isMarker = (field: string): boolean => field.startsWith(MARKER_PREFIX)

/** The marker names, in the order every cache script takes them as its first arguments. */
export const MARKER_ARGUMENTS = [MARKER_PREFIX, READY_FIELD, DISABLED_FIELD, FLOOR_FIELD, ORGANIZATION_VERSION_FIELD, REVISION_FIELD, LOG_FLOOR_FIELD, LOG_TRIMMED_FIELD] as const

/**
 * The epoch of the Redis the cache lives in: the database's identity and Redis's run id (every
 * master's, on a cluster: readRedisRunIds) when every organization was last verified. Written alone,
 * never by a script with an organization's keys.
 */
export const EPOCH_KEY = 'current_incidents:epoch'
