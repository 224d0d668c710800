import type { Queryable } from '@incident-intel/db'
import type { CanonicalUuid } from '@incident-intel/dependency-graph'

export interface QueuedRefresh {
  organization_id: CanonicalUuid
  /** null: the whole organization. */
  incident_id: CanonicalUuid | null
  enqueued: Date
}

/**
 * Takes the oldest queued organization-wide refresh (a rebuild) off the queue inside the caller's
 * transaction, with the other queued ones of that organization that no one else holds; [] when none.
 */
export async function claimOrganizationRefresh (db: Queryable): Promise<QueuedRefresh[]> {
  const { rows } = await db.query<QueuedRefresh>({
    name: 'claim-organization-refresh',
    text: `with claimed as (
             select organization_id from current_incidents.refresh_queue
              where incident_id is null order by refresh_id limit 1 for update skip locked)
           delete from current_incidents.refresh_queue
            where refresh_id in (select q.refresh_id from current_incidents.refresh_queue q join claimed using (organization_id)
                                  where q.incident_id is null for update of q skip locked)
        returning organization_id, incident_id, enqueued`,
    values: []
  })
  return rows
}

/**
 * Takes up to `limit` queued incident refreshes off the queue inside the caller's transaction: deleted
 * now, gone for good at commit, back in the queue on rollback. SKIP LOCKED lets several
 * instances drain at once, each taking different rows.
 */
export async function claimRefreshes (db: Queryable, limit: number): Promise<QueuedRefresh[]> {
  const { rows } = await db.query<QueuedRefresh>({
    name: 'claim-refreshes',
    text: `delete from current_incidents.refresh_queue
            where refresh_id in (select refresh_id from current_incidents.refresh_queue
                                  where incident_id is not null
                                  order by refresh_id limit $1 for update skip locked)
        returning organization_id, incident_id, enqueued`,
    values: [limit]
  })
  return rows
}

/** Queued refreshes not yet drained. */
export async function countQueuedRefreshes (db: Queryable): Promise<number> {
  const { rows } = await db.query<{ count: number }>('select count(*)::int as count from current_incidents.refresh_queue')
  return rows[0]!.count
}

/**
 * Takes these incidents' queued refreshes off the queue inside the caller's transaction, for a
 * refresh that is about to read them anyway: every row it can see was committed before its read.
 * Rows a drainer holds are left to it.
 */
export async function claimQueuedRefreshesOf (db: Queryable, incidentIds: string[]): Promise<number> {
  const { rowCount } = await db.query({
    name: 'claim-queued-refreshes-of',
    text: `delete from current_incidents.refresh_queue
            where refresh_id in (select refresh_id from current_incidents.refresh_queue
                                  where incident_id = any($1::uuid[]) for update skip locked)`,
    values: [incidentIds]
  })
  return rowCount ?? 0
}
