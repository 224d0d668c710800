import type { Queryable } from '@incident-intel/db'
import type { CanonicalUuid } from '@incident-intel/schemas'
import type { Organizations } from '@incident-intel/dependency-graph'

export interface References {
  organizationId: CanonicalUuid
  assetId?: CanonicalUuid | null | undefined
  locationId?: CanonicalUuid | null | undefined
}

export interface FoundReferences {
  /** The organization exists and is not deleted. */
  organization: boolean
  /** The organization of the live asset, or null when there is none (or none was asked). */
  assetOrganizationId: CanonicalUuid | null
  locationOrganizationId: CanonicalUuid | null
}

const FIND_REFERENCES = `
  select exists (select from organizations.organizations where organization_id = $1::uuid and deleted is null) as organization,
         (select organization_id from assets.assets where asset_id = $2::uuid and deleted is null
             and ($4::uuid[] is null or organization_id = any($4::uuid[]))) as asset_organization_id,
         (select organization_id from locations.locations where location_id = $3::uuid and deleted is null
             and ($4::uuid[] is null or organization_id = any($4::uuid[]))) as location_organization_id`

/** What an intel request's organization, asset and location references point to, in one query; an asset or location not of `organizations` is not found. */
export async function findReferences (db: Queryable, { organizationId, assetId, locationId }: References, organizations: Organizations): Promise<FoundReferences> {
  const { rows } = await db.query<{ organization: boolean, asset_organization_id: CanonicalUuid | null, location_organization_id: CanonicalUuid | null }>(
    FIND_REFERENCES, [organizationId, assetId ?? null, locationId ?? null, organizations])
  const row = rows[0]!
  return {
    organization: row.organization,
    assetOrganizationId: row.asset_organization_id,
    locationOrganizationId: row.location_organization_id
  }
}
