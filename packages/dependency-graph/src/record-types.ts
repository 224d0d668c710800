import type { CanonicalUuid } from '@incident-intel/schemas'

/** The record types an edge may join, as the database's `dependencies.record_type` domain allows. */
export const RECORD_TYPES = ['incidents', 'intel_requests', 'outages', 'internet_outages', 'assets'] as const
export type RecordType = typeof RECORD_TYPES[number]

/** `dependents` walks from blocker to dependent; `blockers` walks the reverse. */
export const DIRECTIONS = ['dependents', 'blockers'] as const
export type Direction = typeof DIRECTIONS[number]

/** A record named by type and id. */
export interface RecordRef {
  type: RecordType
  id: CanonicalUuid
}

export function isRecordType (value: unknown): value is RecordType {
  return (RECORD_TYPES as readonly unknown[]).includes(value)
}

/** The organizations a caller may see, as a SQL parameter: null for all of them. */
export type Organizations = readonly CanonicalUuid[] | null
