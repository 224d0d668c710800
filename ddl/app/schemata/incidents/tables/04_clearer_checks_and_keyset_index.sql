-- Constraint names are what a refused write reports: say what the check means.
alter table incidents.incidents rename constraint incidents_check to incidents_resolved_not_before_started;
alter table incidents.outages rename constraint outages_check to outages_restored_not_before_started;
alter table incidents.internet_outages rename constraint internet_outages_check to internet_outages_restored_not_before_started;

-- Backs GET /incidents' keyset pagination on (created, incident_id) within an organization.
create index incidents_organization_keyset_idx on incidents.incidents (organization_id, created, incident_id)
  where deleted is null;
