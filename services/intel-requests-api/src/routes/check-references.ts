import { findLiveRecords, type Organizations, type RecordRef } from '@incident-intel/dependency-graph'
import { type CanonicalUuid } from '@incident-intel/schemas'
import type { Queryable } from '@incident-intel/db'
import { findReferences, type References } from '../sql/find-references.js'
import { CrossOrganizationReferenceError, ReferenceNotFoundError } from '../errors.js'

/**
 * Refuses an organization that is missing (404; only when `checkOrganization`), and an asset or
 * location that is missing or deleted (404) or belongs to another organization (400), naming it.
 * One of an organization not in `organizations` (the caller's) is missing, as an unknown one.
 */
export async function checkReferences (db: Queryable, references: References, checkOrganization: boolean, organizations: Organizations): Promise<void> {
  const { organizationId, assetId, locationId } = references
  const found = await findReferences(db, references, organizations)
  if (checkOrganization && !found.organization) throw new ReferenceNotFoundError(`Organization ${organizationId}`)
  if (assetId) checkOwner(`Asset ${assetId}`, found.assetOrganizationId, organizationId)
  if (locationId) checkOwner(`Location ${locationId}`, found.locationOrganizationId, organizationId)
}

/** The same for the records a new intel request will depend on, in one query. */
export async function checkBlockers (
  db: Queryable, blockers: Array<{ record: RecordRef, name: string }>, organizationId: CanonicalUuid, organizations: Organizations
): Promise<void> {
  if (blockers.length === 0) return
  const found = await findLiveRecords(db, blockers.map(blocker => blocker.record), organizations)
  blockers.forEach(({ name }, i) => checkOwner(name, found[i]?.organizationId ?? null, organizationId))
}

function checkOwner (name: string, ownerId: CanonicalUuid | null, organizationId: CanonicalUuid): void {
  if (ownerId === null) throw new ReferenceNotFoundError(name)
  if (ownerId !== organizationId) throw new CrossOrganizationReferenceError(name, `organization ${organizationId}`)
}
