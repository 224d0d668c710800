-- Statement-level triggers with transition tables: a bulk write enqueues with one insert per
-- statement. Each wakes the drainer with a payload-free NOTIFY, which PostgreSQL folds into
-- one per transaction; the queue row, not the notification, carries the work.

create function current_incidents.enqueue(organization_ids uuid[], incident_ids uuid[]) returns void
language plpgsql as $$
begin
  insert into current_incidents.refresh_queue (organization_id, incident_id)
  select distinct organization_id, incident_id
    from unnest(organization_ids, incident_ids) as changed (organization_id, incident_id)
   where organization_id is not null;
  if found then
    perform pg_notify('current_incidents_refresh', '');
  end if;
end
$$;

-- Records that name their incident: incidents, outages, internet outages, incident assets.
create function current_incidents.enqueue_own_incident() returns trigger
language plpgsql as $$
declare
  organization_ids uuid[];
  incident_ids uuid[];
begin
  if tg_op = 'INSERT' then
    select array_agg(organization_id), array_agg(incident_id) into organization_ids, incident_ids from new_rows;
  elsif tg_op = 'UPDATE' then
    select array_agg(organization_id), array_agg(incident_id) into organization_ids, incident_ids
      from (select organization_id, incident_id from new_rows
            union select organization_id, incident_id from old_rows) changed;
  else
    select array_agg(organization_id), array_agg(incident_id) into organization_ids, incident_ids from old_rows;
  end if;
  perform current_incidents.enqueue(organization_ids, incident_ids);
  return null;
end
$$;

-- The incidents whose documents show these assets.
create function current_incidents.enqueue_incidents_of_assets(asset_ids uuid[]) returns void
language sql as $$
  select current_incidents.enqueue(array_agg(organization_id), array_agg(incident_id))
    from incidents.incident_assets
   where asset_id = any(asset_ids) and deleted is null;
$$;

create function current_incidents.enqueue_for_assets() returns trigger
language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    perform current_incidents.enqueue_incidents_of_assets(array(select asset_id from old_rows));
  else
    perform current_incidents.enqueue_incidents_of_assets(array(select asset_id from new_rows));
  end if;
  return null;
end
$$;

create function current_incidents.enqueue_for_asset_types() returns trigger
language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    perform current_incidents.enqueue_incidents_of_assets(array(
      select asset_id from assets.assets where asset_type_id in (select asset_type_id from old_rows)));
  else
    perform current_incidents.enqueue_incidents_of_assets(array(
      select asset_id from assets.assets where asset_type_id in (select asset_type_id from new_rows)));
  end if;
  return null;
end
$$;

-- A location shows in the documents of the incidents, outages and assets that sit there.
create function current_incidents.enqueue_for_locations() returns trigger
language plpgsql as $$
declare
  location_ids uuid[];
begin
  if tg_op = 'DELETE' then
    location_ids := array(select location_id from old_rows);
  else
    location_ids := array(select location_id from new_rows);
  end if;
  perform current_incidents.enqueue(array_agg(organization_id), array_agg(incident_id))
     from (select organization_id, incident_id from incidents.incidents where location_id = any(location_ids)
           union
           select organization_id, incident_id from incidents.outages where location_id = any(location_ids)) placed;
  perform current_incidents.enqueue_incidents_of_assets(array(
    select asset_id from assets.assets where location_id = any(location_ids)));
  return null;
end
$$;

-- An intel request shows in the documents of the incidents it depends on directly (distance 1)
-- or through one other intel request (distance 2).
create function current_incidents.enqueue_for_intel_requests() returns trigger
language plpgsql as $$
declare
  changed uuid[];
begin
  if tg_op = 'DELETE' then
    changed := array(select intel_request_id from old_rows);
  else
    changed := array(select intel_request_id from new_rows);
  end if;
  perform current_incidents.enqueue(array_agg(i.organization_id), array_agg(i.incident_id))
     from incidents.incidents i
    where i.incident_id in (
      select d.blocker_id from dependencies.dependencies d
       where d.dependent_type = 'intel_requests' and d.dependent_id = any(changed)
         and d.blocker_type = 'incidents' and d.deleted is null
      union
      select d1.blocker_id from dependencies.dependencies d2
        join dependencies.dependencies d1
          on d1.dependent_type = 'intel_requests' and d1.dependent_id = d2.blocker_id
         and d1.blocker_type = 'incidents' and d1.deleted is null
       where d2.dependent_type = 'intel_requests' and d2.dependent_id = any(changed)
         and d2.blocker_type = 'intel_requests' and d2.deleted is null);
  return null;
end
$$;

-- An edge from an incident changes its intel requests; an edge between two intel requests
-- changes the second level of the incidents the blocker depends on.
create function current_incidents.enqueue_for_dependencies() returns trigger
language plpgsql as $$
declare
  blockers uuid[];
  request_blockers uuid[];
begin
  if tg_op = 'DELETE' then
    blockers := array(select blocker_id from old_rows where blocker_type = 'incidents');
    request_blockers := array(select blocker_id from old_rows where blocker_type = 'intel_requests' and dependent_type = 'intel_requests');
  else
    blockers := array(select blocker_id from new_rows where blocker_type = 'incidents');
    request_blockers := array(select blocker_id from new_rows where blocker_type = 'intel_requests' and dependent_type = 'intel_requests');
  end if;
  perform current_incidents.enqueue(array_agg(i.organization_id), array_agg(i.incident_id))
     from incidents.incidents i
    where i.incident_id = any(blockers)
       or i.incident_id in (
            select d.blocker_id from dependencies.dependencies d
             where d.dependent_type = 'intel_requests' and d.dependent_id = any(request_blockers)
               and d.blocker_type = 'incidents' and d.deleted is null);
  return null;
end
$$;

-- The cache toggle, or the organization's deletion, changes all of its documents.
create function current_incidents.enqueue_for_organizations() returns trigger
language plpgsql as $$
begin
  perform current_incidents.enqueue(array_agg(n.organization_id), array_agg(null::uuid))
     from new_rows n join old_rows o using (organization_id)
    where n.metadata -> 'use_current_incidents_cache' is distinct from o.metadata -> 'use_current_incidents_cache'
       or n.deleted is distinct from o.deleted;
  return null;
end
$$;

create trigger enqueue_refresh_on_insert after insert on incidents.incidents
  referencing new table as new_rows for each statement execute function current_incidents.enqueue_own_incident();
create trigger enqueue_refresh_on_update after update on incidents.incidents
  referencing new table as new_rows old table as old_rows for each statement execute function current_incidents.enqueue_own_incident();
create trigger enqueue_refresh_on_delete after delete on incidents.incidents
  referencing old table as old_rows for each statement execute function current_incidents.enqueue_own_incident();

create trigger enqueue_refresh_on_insert after insert on incidents.outages
  referencing new table as new_rows for each statement execute function current_incidents.enqueue_own_incident();
create trigger enqueue_refresh_on_update after update on incidents.outages
  referencing new table as new_rows old table as old_rows for each statement execute function current_incidents.enqueue_own_incident();
create trigger enqueue_refresh_on_delete after delete on incidents.outages
  referencing old table as old_rows for each statement execute function current_incidents.enqueue_own_incident();

create trigger enqueue_refresh_on_insert after insert on incidents.internet_outages
  referencing new table as new_rows for each statement execute function current_incidents.enqueue_own_incident();
create trigger enqueue_refresh_on_update after update on incidents.internet_outages
  referencing new table as new_rows old table as old_rows for each statement execute function current_incidents.enqueue_own_incident();
create trigger enqueue_refresh_on_delete after delete on incidents.internet_outages
  referencing old table as old_rows for each statement execute function current_incidents.enqueue_own_incident();

create trigger enqueue_refresh_on_insert after insert on incidents.incident_assets
  referencing new table as new_rows for each statement execute function current_incidents.enqueue_own_incident();
create trigger enqueue_refresh_on_update after update on incidents.incident_assets
  referencing new table as new_rows old table as old_rows for each statement execute function current_incidents.enqueue_own_incident();
create trigger enqueue_refresh_on_delete after delete on incidents.incident_assets
  referencing old table as old_rows for each statement execute function current_incidents.enqueue_own_incident();

create trigger enqueue_refresh_on_update after update on assets.assets
  referencing new table as new_rows for each statement execute function current_incidents.enqueue_for_assets();
create trigger enqueue_refresh_on_delete after delete on assets.assets
  referencing old table as old_rows for each statement execute function current_incidents.enqueue_for_assets();

create trigger enqueue_refresh_on_update after update on assets.asset_types
  referencing new table as new_rows for each statement execute function current_incidents.enqueue_for_asset_types();
create trigger enqueue_refresh_on_delete after delete on assets.asset_types
  referencing old table as old_rows for each statement execute function current_incidents.enqueue_for_asset_types();

create trigger enqueue_refresh_on_update after update on locations.locations
  referencing new table as new_rows for each statement execute function current_incidents.enqueue_for_locations();
create trigger enqueue_refresh_on_delete after delete on locations.locations
  referencing old table as old_rows for each statement execute function current_incidents.enqueue_for_locations();

create trigger enqueue_refresh_on_insert after insert on intel_requests.intel_requests
  referencing new table as new_rows for each statement execute function current_incidents.enqueue_for_intel_requests();
create trigger enqueue_refresh_on_update after update on intel_requests.intel_requests
  referencing new table as new_rows for each statement execute function current_incidents.enqueue_for_intel_requests();
create trigger enqueue_refresh_on_delete after delete on intel_requests.intel_requests
  referencing old table as old_rows for each statement execute function current_incidents.enqueue_for_intel_requests();

create trigger enqueue_refresh_on_insert after insert on dependencies.dependencies
  referencing new table as new_rows for each statement execute function current_incidents.enqueue_for_dependencies();
create trigger enqueue_refresh_on_update after update on dependencies.dependencies
  referencing new table as new_rows for each statement execute function current_incidents.enqueue_for_dependencies();
create trigger enqueue_refresh_on_delete after delete on dependencies.dependencies
  referencing old table as old_rows for each statement execute function current_incidents.enqueue_for_dependencies();

create trigger enqueue_refresh_on_update after update on organizations.organizations
  referencing new table as new_rows old table as old_rows for each statement execute function current_incidents.enqueue_for_organizations();
