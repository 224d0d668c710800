import { ADVISORY_LOCKS, type Queryable } from '@incident-intel/db'
import type { CanonicalUuid } from '@incident-intel/schemas'
import type { Organizations } from '@incident-intel/dependency-graph'

export interface LockedIncident {
  organization_id: CanonicalUuid
  location_id: CanonicalUuid | null
  deleted: boolean
}

// FOR NO KEY UPDATE: writers of one incident (and of its outages and links) queue up, while
// the foreign-key checks of inserts into its child tables (FOR KEY SHARE) still pass.
const LOCK_INCIDENT = `
  select organization_id, location_id, deleted is not null as deleted
    from incidents.incidents
   where incident_id = $1::uuid
     and ($2::uuid[] is null or organization_id = any($2::uuid[]))
     for no key update`

/**
 * Locks an incident, deleted or not, for the rest of the transaction; undefined when there is
 * none (of `organizations`, when given: the others are neither locked nor read).
 */
export async function lockIncident (tx: Queryable, incidentId: CanonicalUuid, organizations: Organizations = null): Promise<LockedIncident | undefined> {
  const { rows } = await tx.query<LockedIncident>(LOCK_INCIDENT, [incidentId, organizations])
  return rows[0]
}

/** Locks a live incident; undefined when it does not exist, is deleted, or is not of `organizations`. */
export async function lockLiveIncident (tx: Queryable, incidentId: CanonicalUuid, organizations: Organizations): Promise<LockedIncident | undefined> {
  const incident = await lockIncident(tx, incidentId, organizations)
  return incident && !incident.deleted ? incident : undefined
}

/**
 * Serialises writers of one incident id for the rest of the transaction, even before the row
 * exists, so two concurrent PUTs of a new id cannot both take the insert path.
 */
export async function lockIncidentId (tx: Queryable, incidentId: CanonicalUuid): Promise<void> {
  await tx.query('select pg_advisory_xact_lock(hashtextextended($2::text || $1::uuid::text, 0))', [incidentId, ADVISORY_LOCKS.incidentIdPrefix])
}
