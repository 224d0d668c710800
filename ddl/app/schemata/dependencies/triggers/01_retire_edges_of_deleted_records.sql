-- An edge that touches a deleted record is gone too: soft-deleting (or deleting) a record
-- soft-deletes its live edges in the same transaction, whichever client deleted it. Walks
-- then need only the edge table's partial indexes.
create function dependencies.retire_edges_of_deleted_record() returns trigger
language plpgsql as $$
declare
  record_type text := tg_argv[0];
  record_id uuid := (to_jsonb(old) ->> tg_argv[1])::uuid;
begin
  update dependencies.dependencies
     set deleted = now()
   where deleted is null and blocker_type = record_type and blocker_id = record_id;
  update dependencies.dependencies
     set deleted = now()
   where deleted is null and dependent_type = record_type and dependent_id = record_id;
  return null;
end
$$;

create trigger retire_edges_on_soft_delete after update of deleted on incidents.incidents
  for each row when (old.deleted is null and new.deleted is not null)
  execute function dependencies.retire_edges_of_deleted_record('incidents', 'incident_id');
create trigger retire_edges_on_delete after delete on incidents.incidents
  for each row execute function dependencies.retire_edges_of_deleted_record('incidents', 'incident_id');

create trigger retire_edges_on_soft_delete after update of deleted on intel_requests.intel_requests
  for each row when (old.deleted is null and new.deleted is not null)
  execute function dependencies.retire_edges_of_deleted_record('intel_requests', 'intel_request_id');
create trigger retire_edges_on_delete after delete on intel_requests.intel_requests
  for each row execute function dependencies.retire_edges_of_deleted_record('intel_requests', 'intel_request_id');

create trigger retire_edges_on_soft_delete after update of deleted on incidents.outages
  for each row when (old.deleted is null and new.deleted is not null)
  execute function dependencies.retire_edges_of_deleted_record('outages', 'outage_id');
create trigger retire_edges_on_delete after delete on incidents.outages
  for each row execute function dependencies.retire_edges_of_deleted_record('outages', 'outage_id');

create trigger retire_edges_on_soft_delete after update of deleted on incidents.internet_outages
  for each row when (old.deleted is null and new.deleted is not null)
  execute function dependencies.retire_edges_of_deleted_record('internet_outages', 'internet_outage_id');
create trigger retire_edges_on_delete after delete on incidents.internet_outages
  for each row execute function dependencies.retire_edges_of_deleted_record('internet_outages', 'internet_outage_id');

create trigger retire_edges_on_soft_delete after update of deleted on assets.assets
  for each row when (old.deleted is null and new.deleted is not null)
  execute function dependencies.retire_edges_of_deleted_record('assets', 'asset_id');
create trigger retire_edges_on_delete after delete on assets.assets
  for each row execute function dependencies.retire_edges_of_deleted_record('assets', 'asset_id');
