import { ADVISORY_LOCKS, type Queryable } from '@incident-intel/db'
import type { CanonicalUuid } from '@incident-intel/schemas'

// Refreshes of an organization's documents take its lock shared; a rebuild takes it exclusive,
// so that the set of documents it writes is the whole set at its snapshot.
const ORGANIZATION_LOCK_SPACE = ADVISORY_LOCKS.organizationDocuments

/** Locks these organizations' documents for refresh (sorted, so refreshes never deadlock). */
export async function lockOrganizationsShared (db: Queryable, organizationIds: CanonicalUuid[]): Promise<void> {
  await db.query({
    name: 'lock-organizations-shared',
    text: `select pg_advisory_xact_lock_shared($1, hashtext(organization_id::text))
             from (select distinct unnest($2::uuid[]) as organization_id order by 1) organizations`,
    values: [ORGANIZATION_LOCK_SPACE, organizationIds]
  })
}

/** Locks the organization's documents for a rebuild; its state: null when it does not exist (or is deleted). */
export async function lockOrganizationExclusive (db: Queryable, organizationId: CanonicalUuid): Promise<{ use_cache: boolean } | null> {
  await db.query({
    name: 'lock-organization-exclusive',
    text: 'select pg_advisory_xact_lock($1, hashtext($2::uuid::text))',
    values: [ORGANIZATION_LOCK_SPACE, organizationId]
  })
  return await findOrganizationCacheToggle(db, organizationId)
}

/** The organization's cache toggle; null when it does not exist (or is deleted). */
export async function findOrganizationCacheToggle (db: Queryable, organizationId: CanonicalUuid): Promise<{ use_cache: boolean } | null> {
  const { rows } = await db.query<{ use_cache: boolean }>({
    name: 'find-organization-cache-toggle',
    text: `select coalesce((metadata ->> 'use_current_incidents_cache')::boolean, true) as use_cache
             from organizations.organizations where organization_id = $1 and deleted is null`,
    values: [organizationId]
  })
  return rows[0] ?? null
}

/**
 * Bumps the versions of these incidents' documents and returns them. The row locks taken here
 * are held to commit, so concurrent refreshes of one incident take turns, and each reads the
 * database after the one before it: a higher version always holds a newer document. Versions
 * come from a sequence, so one given to a refresh that rolled back is never given again.
 */
export async function bumpVersions (db: Queryable, targets: Array<{ organizationId: CanonicalUuid, incidentId: CanonicalUuid }>): Promise<Map<CanonicalUuid, number>> {
  const sorted = [...targets].sort((a, b) => a.incidentId < b.incidentId ? -1 : a.incidentId > b.incidentId ? 1 : 0)
  const { rows } = await db.query<{ incident_id: CanonicalUuid, version: string }>({
    name: 'bump-document-versions',
    text: `insert into current_incidents.document_versions (incident_id, organization_id)
           select distinct on (incident_id) incident_id, organization_id
             from unnest($1::uuid[], $2::uuid[]) as target (incident_id, organization_id)
            order by incident_id
           on conflict (incident_id) do update set version = nextval('current_incidents.document_version_seq')
           returning incident_id, version`,
    values: [sorted.map(target => target.incidentId), sorted.map(target => target.organizationId)]
  })
  return new Map(rows.map(row => [row.incident_id, Number(row.version)]))
}

/**
 * Bumps the version of every current incident of the organization, for a rebuild; returns them with
 * the rebuild's floor: a version taken before any of them, and after every version a committed
 * refresh of the organization holds (the caller holds its exclusive lock). Whatever the cache holds
 * below the floor is not current, and a write below it can only be a late one from a rollback.
 */
export async function bumpOrganizationVersions (db: Queryable, organizationId: CanonicalUuid): Promise<{ floor: number, versions: Map<CanonicalUuid, number> }> {
  const floor = await takeVersionFloor(db)
  const { rows } = await db.query<{ incident_id: CanonicalUuid, version: string }>({
    name: 'bump-organization-document-versions',
    text: `insert into current_incidents.document_versions (incident_id, organization_id)
           select incident_id, $1::uuid from incidents.incidents
            where organization_id = $1 and deleted is null and status <> 'resolved'
            order by 1
           on conflict (incident_id) do update set version = nextval('current_incidents.document_version_seq')
           returning incident_id, version`,
    values: [organizationId]
  })
  return { floor, versions: new Map(rows.map(row => [row.incident_id, Number(row.version)])) }
}

/** A version no document holds: every one taken before it is lower, every one taken after higher. */
export async function takeVersionFloor (db: Queryable): Promise<number> {
  const { rows } = await db.query<{ floor: string }>({
    name: 'take-version-floor',
    text: "select nextval('current_incidents.document_version_seq') as floor",
    values: []
  })
  return Number(rows[0]!.floor)
}

/** The organization's exclusive lock if no refresh or rebuild holds it now; false otherwise (never waits). */
export async function tryLockOrganizationExclusive (db: Queryable, organizationId: CanonicalUuid): Promise<boolean> {
  const { rows } = await db.query<{ locked: boolean }>({
    name: 'try-lock-organization-exclusive',
    text: 'select pg_try_advisory_xact_lock($1, hashtext($2::text)) as locked',
    values: [ORGANIZATION_LOCK_SPACE, organizationId]
  })
  return rows[0]!.locked
}

/**
 * Drops the version rows of the organization's incidents that are not current (of these
 * incidents, or of all of them when `incidentIds` is null) and returns what they held. Call under
 * the organization's exclusive lock, and raise the cache's floor to the highest of them, so that
 * no late write of an older document gets back in.
 */
export async function pruneDocumentVersions (db: Queryable, organizationId: CanonicalUuid, incidentIds: CanonicalUuid[] | null): Promise<Map<CanonicalUuid, number>> {
  const { rows } = await db.query<{ incident_id: CanonicalUuid, version: string }>({
    name: 'prune-document-versions',
    text: `delete from current_incidents.document_versions v
            where v.organization_id = $1 and ($2::uuid[] is null or v.incident_id = any($2::uuid[]))
              and not exists (select 1 from incidents.incidents i
                               where i.incident_id = v.incident_id and i.deleted is null and i.status <> 'resolved')
        returning incident_id, version`,
    values: [organizationId, incidentIds]
  })
  return new Map(rows.map(row => [row.incident_id, Number(row.version)]))
}

/**
 * Moves the version sequence past `atLeast` when it is behind (a database restored to an earlier
 * point, while Redis kept the versions given since), so that the next version given is newer than
 * any Redis holds. Never moves it back. Returns whether it moved.
 */
export async function advanceVersionSequence (db: Queryable, atLeast: number): Promise<boolean> {
  const { rows } = await db.query<{ advanced: string }>({
    name: 'advance-document-version-sequence',
    text: `select setval('current_incidents.document_version_seq', $1::bigint) as advanced
             from current_incidents.document_version_seq where last_value < $1::bigint`,
    values: [atLeast]
  })
  return rows.length > 0
}

/** The last version the sequence gave. */
export async function readVersionSequence (db: Queryable): Promise<number> {
  const { rows } = await db.query<{ last_value: string }>({
    name: 'read-document-version-sequence',
    text: 'select last_value from current_incidents.document_version_seq',
    values: []
  })
  return Number(rows[0]!.last_value)
}

/** The committed version of each of the organization's documents, by incident_id. */
export async function findOrganizationVersions (db: Queryable, organizationId: CanonicalUuid): Promise<Map<CanonicalUuid, number>> {
  const { rows } = await db.query<{ incident_id: CanonicalUuid, version: string }>({
    name: 'find-organization-document-versions',
    text: 'select incident_id, version from current_incidents.document_versions where organization_id = $1',
    values: [organizationId]
  })
  return new Map(rows.map(row => [row.incident_id, Number(row.version)]))
}
