import { ADVISORY_LOCKS, type Queryable } from '@incident-intel/db'
import type { CanonicalUuid } from '@incident-intel/schemas'

export interface QueuedRefresh {
  organization_id: CanonicalUuid
  /** null: the whole organization. */
  incident_id: CanonicalUuid | null
  enqueued: Date
}

export interface DrainableOrganization {
  organization_id: CanonicalUuid
  /** Parked once and due again: its record goes when it drains. */
  parked: boolean
}

// One drainer at a time per organization (transaction-scoped, tried, never waited for).
// Claims lock their rows in a subquery that runs once and delete them by ctid (a TID scan; a locked
// row stays where it is): the cost is the rows claimed, whatever the statistics say. The queue's
// are often those of an empty table, and with `refresh_id in (subquery)` the planner re-ran the
// subquery for every queued row, or scanned a whole index for each claim.

/**
 * Organizations with queued refreshes that no back-off holds, oldest queued first. One index probe
 * per organization in the queue (a loose scan of (organization_id, refresh_id)), however long
 * the queue: a parked organization's backlog is never read past.
 */
export async function findDrainableOrganizations (db: Queryable, limit: number): Promise<DrainableOrganization[]> {
  const { rows } = await db.query<DrainableOrganization>({
    name: 'find-drainable-organizations',
    text: `with recursive queued (organization_id) as (
             (select organization_id from current_incidents.refresh_queue order by organization_id limit 1)
             union all
             select (select q.organization_id from current_incidents.refresh_queue q
                      where q.organization_id > queued.organization_id order by q.organization_id limit 1)
               from queued where queued.organization_id is not null)
           select queued.organization_id, p.organization_id is not null as parked
             from queued
             left join current_incidents.parked_organizations p using (organization_id)
            where queued.organization_id is not null and (p.next_attempt_at is null or p.next_attempt_at <= now())
            order by (select min(refresh_id) from current_incidents.refresh_queue q where q.organization_id = queued.organization_id)
            limit $1`,
    values: [limit]
  })
  return rows
}

/** Takes the organization's drain lock for this transaction; false when another drainer holds it. */
export async function tryLockOrganizationDrain (db: Queryable, organizationId: CanonicalUuid): Promise<boolean> {
  const { rows } = await db.query<{ locked: boolean }>({
    name: 'try-lock-organization-drain',
    text: 'select pg_try_advisory_xact_lock($1, hashtext($2::text)) as locked',
    values: [ADVISORY_LOCKS.organizationDrain, organizationId]
  })
  return rows[0]!.locked
}

/**
 * When the organization has an organization-wide refresh queued, takes it with every other queued
 * row of the organization that no one else holds (the rebuild reads them all); [] otherwise.
 * Deleted now, gone for good at commit, back in the queue on rollback.
 */
export async function claimOrganizationRefresh (db: Queryable, organizationId: CanonicalUuid): Promise<QueuedRefresh[]> {
  const { rows } = await db.query<QueuedRefresh>({
    name: 'claim-organization-refresh',
    text: `delete from current_incidents.refresh_queue
            where ctid = any(array(select ctid from current_incidents.refresh_queue
                                    where organization_id = $1
                                      and exists (select 1 from current_incidents.refresh_queue
                                                   where organization_id = $1 and incident_id is null)
                                      for update skip locked))
        returning organization_id, incident_id, enqueued`,
    values: [organizationId]
  })
  return rows
}

/**
 * Takes the incidents of the organization's `limit` oldest queued refreshes off the queue, each
 * with every queued row it has (coalescing at claim: a document queued a hundred times is read
 * once). Rows others hold are left to them.
 */
export async function claimIncidentRefreshes (db: Queryable, organizationId: CanonicalUuid, limit: number): Promise<QueuedRefresh[]> {
  const { rows } = await db.query<QueuedRefresh>({
    name: 'claim-incident-refreshes',
    text: `delete from current_incidents.refresh_queue
            where ctid = any(array(
                    select ctid from current_incidents.refresh_queue
                     where incident_id = any(array(select incident_id from current_incidents.refresh_queue
                                                    where organization_id = $1 and incident_id is not null
                                                    order by refresh_id limit $2))
                       for update skip locked))
        returning organization_id, incident_id, enqueued`,
    values: [organizationId, limit]
  })
  return rows
}

/**
 * Takes these incidents' queued refreshes off the queue inside the caller's transaction, for a
 * refresh that is about to read them anyway: every row it can see was committed before its read.
 * Rows a drainer holds are left to it.
 */
export async function claimQueuedRefreshesOf (db: Queryable, incidentIds: CanonicalUuid[]): Promise<number> {
  const { rowCount } = await db.query({
    name: 'claim-queued-refreshes-of',
    text: `delete from current_incidents.refresh_queue
            where ctid = any(array(select ctid from current_incidents.refresh_queue
                                    where incident_id = any($1::uuid[]) for update skip locked))`,
    values: [incidentIds]
  })
  return rowCount ?? 0
}

export interface ParkedOrganization {
  attempts: number
  next_attempt_at: Date
}

/**
 * Parks the organization after a failed attempt: its next attempt waits `baseMs` × 2^(attempts - 1),
 * at most `maxMs`.
 */
export async function parkOrganization (db: Queryable, organizationId: CanonicalUuid, error: string, baseMs: number, maxMs: number): Promise<ParkedOrganization> {
  const { rows } = await db.query<ParkedOrganization>({
    name: 'park-organization',
    text: `insert into current_incidents.parked_organizations as p (organization_id, attempts, next_attempt_at, last_error)
           values ($1, 1, now() + make_interval(secs => least($4::float8, $3::float8) / 1000), $2)
           on conflict (organization_id) do update
              set attempts = p.attempts + 1,
                  next_attempt_at = now() + make_interval(secs => least($4::float8, $3::float8 * 2 ^ least(p.attempts, 30)) / 1000),
                  last_error = excluded.last_error,
                  updated = now()
           returning attempts, next_attempt_at`,
    values: [organizationId, error, baseMs, maxMs]
  })
  return rows[0]!
}

/** The organization drained: its back-off ends. */
export async function unparkOrganization (db: Queryable, organizationId: CanonicalUuid): Promise<void> {
  await db.query({
    name: 'unpark-organization',
    text: 'delete from current_incidents.parked_organizations where organization_id = $1',
    values: [organizationId]
  })
}

export interface QueueState {
  queued: number
  /** Age of the oldest queued refresh; 0 when the queue is empty. */
  oldest_queued_seconds: number
  parked_organizations: number
}

/** What /ready and /metrics report: depth, the oldest row's age (by the primary key) and parked organizations. */
export async function readQueueState (db: Queryable): Promise<QueueState> {
  const { rows } = await db.query<QueueState>({
    name: 'read-queue-state',
    text: `select (select count(*)::int from current_incidents.refresh_queue) as queued,
                  coalesce((select extract(epoch from now() - enqueued)::float8 from current_incidents.refresh_queue
                             order by refresh_id limit 1), 0) as oldest_queued_seconds,
                  (select count(*)::int from current_incidents.parked_organizations) as parked_organizations`,
    values: []
  })
  return rows[0]!
}

/** Publishes the settings the triggers read (see queue_settings). */
export async function writeQueueSettings (db: Queryable, { organizationRefreshThreshold }: { organizationRefreshThreshold: number }): Promise<void> {
  await db.query({
    name: 'write-queue-settings',
    text: `insert into current_incidents.queue_settings (organization_refresh_threshold) values ($1)
           on conflict (singleton) do update set organization_refresh_threshold = excluded.organization_refresh_threshold, updated = now()
            where queue_settings.organization_refresh_threshold is distinct from excluded.organization_refresh_threshold`,
    values: [organizationRefreshThreshold]
  })
}

/** The organization's refreshes still queued: the incidents, and whether an organization-wide one is among them. */
export async function findQueuedRefreshes (db: Queryable, organizationId: CanonicalUuid): Promise<{ organizationWide: boolean, incidentIds: Set<CanonicalUuid> }> {
  const { rows } = await db.query<{ incident_id: CanonicalUuid | null }>({
    name: 'find-queued-refreshes',
    text: 'select distinct incident_id from current_incidents.refresh_queue where organization_id = $1',
    values: [organizationId]
  })
  return {
    organizationWide: rows.some(row => row.incident_id === null),
    incidentIds: new Set(rows.flatMap(row => row.incident_id === null ? [] : [row.incident_id]))
  }
}
