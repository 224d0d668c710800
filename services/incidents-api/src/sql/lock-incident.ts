import { ADVISORY_LOCKS, type Queryable } from '@incident-intel/db'
import type { CanonicalUuid } from '@incident-intel/schemas'

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
     for no key update`

/** Locks an incident, deleted or not, for the rest of the transaction; undefined when there is none. */
export async function lockIncident (tx: Queryable, incidentId: CanonicalUuid): Promise<LockedIncident | undefined> {
  const { rows } = await tx.query<LockedIncident>(LOCK_INCIDENT, [incidentId])
  return rows[0]
}

/** Locks a live incident; undefined when it does not exist or is deleted. */
export async function lockLiveIncident (tx: Queryable, incidentId: CanonicalUuid): Promise<LockedIncident | undefined> {
  const incident = await lockIncident(tx, incidentId)
  return incident && !incident.deleted ? incident : undefined
}

/**
 * Serialises writers of one incident id for the rest of the transaction, even before the row
 * exists, so two concurrent PUTs of a new id cannot both take the insert path.
 */
export async function lockIncidentId (tx: Queryable, incidentId: CanonicalUuid): Promise<void> {
  await tx.query('select pg_advisory_xact_lock(hashtextextended($2::text || $1::uuid::text, 0))', [incidentId, ADVISORY_LOCKS.incidentIdPrefix])
}
