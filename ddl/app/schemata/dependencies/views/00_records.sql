-- Every record an edge can name, with its organization; polymorphic edges check against it.
create view dependencies.records as
  select 'incidents'::text as record_type, incident_id as record_id, organization_id, deleted
    from incidents.incidents
  union all
  select 'intel_requests', intel_request_id, organization_id, deleted
    from intel_requests.intel_requests
  union all
  select 'outages', outage_id, organization_id, deleted
    from incidents.outages
  union all
  select 'internet_outages', internet_outage_id, organization_id, deleted
    from incidents.internet_outages
  union all
  select 'assets', asset_id, organization_id, deleted
    from assets.assets;
