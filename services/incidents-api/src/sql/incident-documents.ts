import type { Queryable } from '@incident-intel/db'
import type { CanonicalUuid } from '@incident-intel/schemas'
import type { Organizations } from '@incident-intel/dependency-graph'

/** An incident with everything its document shows, as the LATERAL query builds it. */
export interface IncidentDocumentRow {
  incident_id: CanonicalUuid
  organization_id: CanonicalUuid
  /** Not deleted and not resolved. */
  current: boolean
  /** The organization's cache toggle (metadata.use_current_incidents_cache, true when absent). */
  use_cache: boolean
  document: Record<string, unknown>
}

const location = (alias: string) => `case when ${alias}.location_id is null then null else json_build_object(
    'location_id', ${alias}.location_id,
    'geometry', st_asgeojson(${alias}.location)::json,
    'thoroughfare', ${alias}.thoroughfare,
    'locality', ${alias}.locality,
    'administrative_area', ${alias}.administrative_area,
    'postal_code', ${alias}.postal_code,
    'country', ${alias}.country) end`

const intelRequest = (alias: string, extra = '') => `json_build_object(
    'intel_request_id', ${alias}.intel_request_id,
    'request_type', ${alias}.request_type,
    'status', ${alias}.status,
    'priority', ${alias}.priority,
    'description', ${alias}.description,
    'asset_id', ${alias}.asset_id,
    'location_id', ${alias}.location_id,
    'metadata', ${alias}.metadata,
    'created', json_timestamp(${alias}.created),
    'updated', json_timestamp(${alias}.updated)${extra})`

type Write = 'insert' | 'update' | 'delete'
const ANY_WRITE: readonly Write[] = ['insert', 'update', 'delete']

/**
 * Every table SELECT_DOCUMENTS reads, with the writes that must queue a refresh of the documents
 * showing its rows (the triggers of ddl/app/schemata/current_incidents/triggers/). The
 * refresh-trigger test holds this list to the query's text and to pg_trigger.
 */
export const DOCUMENT_TABLES: Readonly<Record<string, readonly Write[]>> = {
  'incidents.incidents': ANY_WRITE,
  'incidents.outages': ANY_WRITE,
  'incidents.internet_outages': ANY_WRITE,
  'incidents.incident_assets': ANY_WRITE,
  'dependencies.dependencies': ANY_WRITE,
  'intel_requests.intel_requests': ANY_WRITE,
  // A new asset, asset type or location shows only once a row above names it.
  'assets.assets': ['update', 'delete'],
  'assets.asset_types': ['update', 'delete'],
  'locations.locations': ['update', 'delete'],
  // A new organization has no incidents; one is removed by a soft delete, an update.
  'organizations.organizations': ['update']
}

// One row per incident; each relationship is aggregated in its own LATERAL subquery, so no
// relationship multiplies another's rows (the flat LEFT JOIN's cross product). json, not jsonb:
// building it is about 40% cheaper, and nothing here needs jsonb's normalised form.
export const SELECT_DOCUMENTS = `
select i.incident_id, i.organization_id,
       i.deleted is null and i.status <> 'resolved' as current,
       coalesce((org.metadata ->> 'use_current_incidents_cache')::boolean, true) as use_cache,
       json_build_object(
         'incident_id', i.incident_id,
         'organization_id', i.organization_id,
         'title', i.title,
         'incident_type', i.incident_type,
         'status', i.status,
         'started', json_timestamp(i.started),
         'resolved', json_timestamp(i.resolved),
         'metadata', i.metadata,
         'created', json_timestamp(i.created),
         'updated', json_timestamp(i.updated),
         'location', incident_location.location,
         'outages', coalesce(outages.outages, '[]'::json),
         'internet_outages', coalesce(internet_outages.internet_outages, '[]'::json),
         'assets', coalesce(assets.assets, '[]'::json),
         'intel_requests', coalesce(intel_requests.intel_requests, '[]'::json),
         'parent_intel_requests', coalesce(parent_intel_requests.parent_intel_requests, '[]'::json)
       ) as document
  from incidents.incidents i
  join organizations.organizations org on org.organization_id = i.organization_id and org.deleted is null
  left join lateral (
    select ${location('l')} as location
      from locations.locations l
     where l.location_id = i.location_id and l.deleted is null
  ) incident_location on true
  left join lateral (
    select json_agg(json_build_object(
             'outage_id', o.outage_id,
             'incident_id', o.incident_id,
             'organization_id', o.organization_id,
             'utility_name', o.utility_name,
             'status', o.status,
             'started', json_timestamp(o.started),
             'restored', json_timestamp(o.restored),
             'customers_affected', o.customers_affected,
             'location', ${location('l')},
             'created', json_timestamp(o.created),
             'updated', json_timestamp(o.updated))
           order by o.started, o.outage_id) as outages
      from incidents.outages o
      left join locations.locations l on l.location_id = o.location_id and l.deleted is null
     where o.incident_id = i.incident_id and o.deleted is null
  ) outages on true
  left join lateral (
    select json_agg(json_build_object(
             'internet_outage_id', io.internet_outage_id,
             'incident_id', io.incident_id,
             'organization_id', io.organization_id,
             'provider', io.provider,
             'started', json_timestamp(io.started),
             'restored', json_timestamp(io.restored),
             'created', json_timestamp(io.created),
             'updated', json_timestamp(io.updated))
           order by io.started, io.internet_outage_id) as internet_outages
      from incidents.internet_outages io
     where io.incident_id = i.incident_id and io.deleted is null
  ) internet_outages on true
  left join lateral (
    select json_agg(json_build_object(
             'asset_id', a.asset_id,
             'asset_name', a.asset_name,
             'asset_type_id', a.asset_type_id,
             'asset_type_name', t.asset_type_name,
             'metadata', a.metadata,
             'location', ${location('l')})
           order by a.asset_name, a.asset_id) as assets
      from incidents.incident_assets ia
      join assets.assets a on a.asset_id = ia.asset_id and a.deleted is null
      join assets.asset_types t on t.asset_type_id = a.asset_type_id and t.deleted is null
      left join locations.locations l on l.location_id = a.location_id and l.deleted is null
     where ia.incident_id = i.incident_id and ia.deleted is null
  ) assets on true
  left join lateral (
    select json_agg(${intelRequest('r')} order by r.created, r.intel_request_id) as intel_requests,
           array_agg(r.intel_request_id) as ids
      from dependencies.dependencies d
      join intel_requests.intel_requests r on r.intel_request_id = d.dependent_id and r.deleted is null
     where d.blocker_type = 'incidents' and d.blocker_id = i.incident_id
       and d.dependent_type = 'intel_requests' and d.deleted is null
  ) intel_requests on true
  left join lateral (
    select json_agg(${intelRequest('p', ",\n    'blocker_intel_request_ids', p.blocker_ids")}
             order by p.created, p.intel_request_id) as parent_intel_requests
      from (
        select r.*, array_agg(d.blocker_id order by d.blocker_id) as blocker_ids
          from dependencies.dependencies d
          join intel_requests.intel_requests r on r.intel_request_id = d.dependent_id and r.deleted is null
         where d.blocker_type = 'intel_requests' and d.blocker_id = any(intel_requests.ids)
           and d.dependent_type = 'intel_requests' and d.deleted is null
           and not d.dependent_id = any(intel_requests.ids)
         group by r.intel_request_id
      ) p
  ) parent_intel_requests on true`

/**
 * The documents of these incidents (deleted ones excluded; resolved ones included, `current`
 * false), one row each, in no particular order. One statement whatever the number of ids. With
 * `organizations`, an incident of any other is left out as an unknown one.
 */
export async function findIncidentDocuments (db: Queryable, incidentIds: CanonicalUuid[], organizations: Organizations = null): Promise<IncidentDocumentRow[]> {
  const { rows } = await db.query<IncidentDocumentRow>({
    name: 'find-incident-documents',
    text: `${SELECT_DOCUMENTS}\n where i.incident_id = any($1::uuid[]) and i.deleted is null\n   and ($2::uuid[] is null or i.organization_id = any($2::uuid[]))`,
    values: [incidentIds, organizations]
  })
  return rows
}

/** The documents of every current incident of the organization, in incident_id order. */
export async function findOrganizationDocuments (db: Queryable, organizationId: CanonicalUuid): Promise<IncidentDocumentRow[]> {
  const { rows } = await db.query<IncidentDocumentRow>({
    name: 'find-organization-documents',
    text: `${SELECT_DOCUMENTS}\n where i.organization_id = $1 and i.deleted is null and i.status <> 'resolved'\n order by i.incident_id`,
    values: [organizationId]
  })
  return rows
}
