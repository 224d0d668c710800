import type { CanonicalUuid } from '@incident-intel/schemas'

// Both keys of an organization carry it in a hash tag, so Redis Cluster keeps them on one slot
// and one script can update them together.

/** incident_id → msgpack document, plus the markers below. */
export const documentsKey = (organizationId: CanonicalUuid): string => `current_incidents:{${organizationId}}:documents`

/** incident_id → version of the newest document written (kept for removed ones until pruned), plus FLOOR_FIELD. */
export const versionsKey = (organizationId: CanonicalUuid): string => `current_incidents:{${organizationId}}:versions`

/** Set by a full rebuild: from then on, a missing document means "not current", not "not cached yet". */
export const READY_FIELD = ':ready'
/** Set when the organization's cache toggle is off: reads go to PostgreSQL. */
export const DISABLED_FIELD = ':disabled'

/** In the versions hash: the highest version pruned; an incident without a version compares with it. */
export const FLOOR_FIELD = ':floor'

/** Fields of either hash that are markers rather than incidents. */
export const isMarker = (field: string): boolean => field.startsWith(':')
