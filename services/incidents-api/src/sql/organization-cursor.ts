import type { Queryable } from '@incident-intel/db'
import type { CanonicalUuid } from '@incident-intel/schemas'

/** The next live organization after `after` in organization_id order (the first when null); null past the last. */
export async function findNextOrganization (db: Queryable, after: CanonicalUuid | null): Promise<CanonicalUuid | null> {
  const { rows } = await db.query<{ organization_id: CanonicalUuid }>({
    name: 'find-next-organization',
    text: `select organization_id from organizations.organizations
            where deleted is null and ($1::uuid is null or organization_id > $1::uuid)
            order by organization_id limit 1`,
    values: [after]
  })
  return rows[0]?.organization_id ?? null
}
