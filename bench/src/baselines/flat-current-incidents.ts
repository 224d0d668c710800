import type { Queryable } from '@incident-intel/db'

/*
 * Baseline (c), from the production analysis ("Before (flat LEFT JOINs)"): an organization's
 * current incidents with every relationship joined flat, so each incident comes back as the
 * cross product of its outages, internet outages, assets and intel requests (and their
 * dependents), and the application folds the rows back into documents.
 */
export const FLAT_CURRENT_INCIDENTS_SQL = `
SELECT i.incident_id, i.organization_id, i.title, i.incident_type, i.status, i.started, i.resolved,
       i.metadata, i.created, i.updated,
       ST_AsGeoJSON(il.location) AS incident_geojson, il.location_id AS incident_location_id,
       il.thoroughfare, il.locality, il.administrative_area, il.postal_code, il.country,
       o.outage_id, o.utility_name, o.status AS outage_status, o.started AS outage_started,
       o.restored AS outage_restored, o.customers_affected,
       ST_AsGeoJSON(ol.location) AS outage_geojson, ol.location_id AS outage_location_id,
       io.internet_outage_id, io.provider, io.started AS internet_outage_started, io.restored AS internet_outage_restored,
       a.asset_id, a.asset_name, a.asset_type_id, t.asset_type_name, a.metadata AS asset_metadata,
       ST_AsGeoJSON(al.location) AS asset_geojson, al.location_id AS asset_location_id,
       r1.intel_request_id, r1.request_type, r1.status AS intel_request_status, r1.priority,
       r1.description, r1.metadata AS intel_request_metadata, r1.created AS intel_request_created,
       r2.intel_request_id AS parent_intel_request_id, r2.request_type AS parent_request_type,
       r2.status AS parent_status, r2.priority AS parent_priority, r2.description AS parent_description,
       r2.metadata AS parent_metadata, r2.created AS parent_created
  FROM incidents.incidents AS i
  JOIN organizations.organizations AS org
    ON org.organization_id = i.organization_id AND org.deleted IS NULL
  LEFT JOIN locations.locations AS il
    ON il.location_id = i.location_id AND il.deleted IS NULL
  LEFT JOIN incidents.outages AS o
    ON o.incident_id = i.incident_id AND o.deleted IS NULL
  LEFT JOIN locations.locations AS ol
    ON ol.location_id = o.location_id AND ol.deleted IS NULL
  LEFT JOIN incidents.internet_outages AS io
    ON io.incident_id = i.incident_id AND io.deleted IS NULL
  LEFT JOIN incidents.incident_assets AS ia
    ON ia.incident_id = i.incident_id AND ia.deleted IS NULL
  LEFT JOIN (assets.assets AS a
             JOIN assets.asset_types AS t
               ON t.asset_type_id = a.asset_type_id AND t.deleted IS NULL)
    ON a.asset_id = ia.asset_id AND a.deleted IS NULL
  LEFT JOIN locations.locations AS al
    ON al.location_id = a.location_id AND al.deleted IS NULL
  LEFT JOIN dependencies.dependencies AS d1
    ON d1.blocker_type = 'incidents' AND d1.blocker_id = i.incident_id
   AND d1.dependent_type = 'intel_requests' AND d1.deleted IS NULL
  LEFT JOIN intel_requests.intel_requests AS r1
    ON r1.intel_request_id = d1.dependent_id AND r1.deleted IS NULL
  LEFT JOIN dependencies.dependencies AS d2
    ON d2.blocker_type = 'intel_requests' AND d2.blocker_id = r1.intel_request_id
   AND d2.dependent_type = 'intel_requests' AND d2.deleted IS NULL
  LEFT JOIN intel_requests.intel_requests AS r2
    ON r2.intel_request_id = d2.dependent_id AND r2.deleted IS NULL
 WHERE i.organization_id = $1
   AND i.deleted IS NULL
   AND i.status <> 'resolved'
 ORDER BY i.incident_id`

type FlatRow = Record<string, unknown> & { incident_id: string }

/** Each relationship of a document: its id column in the flat rows, and its id field in our document. */
export const RELATIONSHIPS = [
  ['outages', 'outage_id', 'outage_id'],
  ['internet_outages', 'internet_outage_id', 'internet_outage_id'],
  ['assets', 'asset_id', 'asset_id'],
  ['intel_requests', 'intel_request_id', 'intel_request_id'],
  ['parent_intel_requests', 'parent_intel_request_id', 'intel_request_id']
] as const

/** What the old code rebuilt from the rows: each relationship deduplicated by its id. */
export type FlatDocument = { incident_id: string, fields: FlatRow } & Record<typeof RELATIONSHIPS[number][0], Map<string, FlatRow>>

/** Folds the cross product back into one document per incident, as the application did. */
export function groupFlatRows (rows: readonly FlatRow[]): FlatDocument[] {
  const documents = new Map<string, FlatDocument>()
  for (const row of rows) {
    let document = documents.get(row.incident_id)
    if (document === undefined) {
      document = { incident_id: row.incident_id, fields: row, ...Object.fromEntries(RELATIONSHIPS.map(([key]) => [key, new Map()])) } as FlatDocument
      documents.set(row.incident_id, document)
    }
    for (const [key, column] of RELATIONSHIPS) {
      const id = row[column]
      if (typeof id === 'string' && !document[key].has(id)) document[key].set(id, row)
    }
  }
  // A second-level request that also depends on the incident directly is a direct one.
  for (const document of documents.values()) {
    for (const id of document.intel_requests.keys()) document.parent_intel_requests.delete(id)
  }
  return [...documents.values()]
}

export async function runFlatCurrentIncidents (db: Queryable, organizationId: string): Promise<{ rows: number, documents: FlatDocument[] }> {
  const { rows } = await db.query<FlatRow>(FLAT_CURRENT_INCIDENTS_SQL, [organizationId])
  return { rows: rows.length, documents: groupFlatRows(rows) }
}
