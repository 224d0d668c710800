import type { Queryable } from '@incident-intel/db'
import type { CanonicalUuid } from '@incident-intel/schemas'

/** True when the organization exists and is not deleted. */
export async function organizationExists (db: Queryable, organizationId: CanonicalUuid): Promise<boolean> {
  const { rowCount } = await db.query(
    'select from organizations.organizations where organization_id = $1::uuid and deleted is null', [organizationId])
  return rowCount === 1
}
