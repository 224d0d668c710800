import type { Queryable } from '@incident-intel/db'
import type { CanonicalUuid } from '@incident-intel/schemas'
import type { Organizations } from '@incident-intel/dependency-graph'

// FOR SHARE: an asset checked here cannot be deleted or moved before the links commit.
const FIND_ASSETS = `
  select asset_id, organization_id
    from assets.assets
   where asset_id = any($1::uuid[]) and deleted is null
     and ($2::uuid[] is null or organization_id = any($2::uuid[]))
     for share`

const UNLINK_OTHERS = `
  update incidents.incident_assets set deleted = now()
   where incident_id = $1::uuid and deleted is null and not (asset_id = any($2::uuid[]))`

// Links already live stay as they are (their `created` too): the partial unique index arbitrates.
const LINK_MISSING = `
  insert into incidents.incident_assets (incident_id, asset_id, organization_id)
  select $1::uuid, asset_id, $3::uuid from unnest($2::uuid[]) as wanted (asset_id)
  on conflict (incident_id, asset_id) where deleted is null do nothing`

/** The organization of each live asset among `assetIds` (of `organizations`, when given: the others count as missing), locked until the transaction ends. */
export async function lockAssets (tx: Queryable, assetIds: CanonicalUuid[], organizations: Organizations): Promise<Map<string, string>> {
  const { rows } = await tx.query<{ asset_id: CanonicalUuid, organization_id: CanonicalUuid }>(FIND_ASSETS, [assetIds, organizations])
  return new Map(rows.map(row => [row.asset_id, row.organization_id]))
}

/** Makes `assetIds` the incident's live links: the others are soft-deleted, the missing inserted. */
export async function replaceIncidentAssets (
  tx: Queryable, incident: { incidentId: CanonicalUuid, organizationId: CanonicalUuid }, assetIds: CanonicalUuid[]
): Promise<void> {
  await tx.query(UNLINK_OTHERS, [incident.incidentId, assetIds])
  await tx.query(LINK_MISSING, [incident.incidentId, assetIds, incident.organizationId])
}
