import type { Queryable } from '@incident-intel/db'
import type { CanonicalUuid } from '@incident-intel/schemas'
import { DependencyNotFoundError } from '../errors.js'
import type { Organizations } from '../record-types.js'

/** Soft-deletes a live edge (of `organizations`, when given); DependencyNotFoundError when there is no such live edge. */
export async function deleteDependency (db: Queryable, dependencyId: CanonicalUuid, organizations: Organizations = null): Promise<void> {
  const { rowCount } = await db.query(
    `update dependencies.dependencies set deleted = now()
      where dependency_id = $1 and deleted is null and ($2::uuid[] is null or organization_id = any($2::uuid[]))`,
    [dependencyId, organizations])
  if (rowCount === 0) throw new DependencyNotFoundError(dependencyId)
}
