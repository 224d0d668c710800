import type { Queryable } from '@incident-intel/db'
import type { CanonicalUuid } from '@incident-intel/schemas'
import { DependencyNotFoundError } from '../errors.js'

/** Soft-deletes a live edge; DependencyNotFoundError when there is no such live edge. */
export async function deleteDependency (db: Queryable, dependencyId: CanonicalUuid): Promise<void> {
  const { rowCount } = await db.query(
    'update dependencies.dependencies set deleted = now() where dependency_id = $1 and deleted is null',
    [dependencyId])
  if (rowCount === 0) throw new DependencyNotFoundError(dependencyId)
}
