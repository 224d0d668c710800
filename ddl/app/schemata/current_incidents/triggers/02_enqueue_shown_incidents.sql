-- Every trigger enqueues through this function. It now queues only incidents whose document
-- exists or may exist: current ones, and those with a document_versions row (given a document
-- once and not yet pruned). A resolved or deleted incident whose document is gone costs nothing.
-- A statement that changes more incidents of one organization than the configured threshold
-- queues one organization-wide refresh instead.
create or replace function current_incidents.enqueue(organization_ids uuid[], incident_ids uuid[]) returns void
language plpgsql as $$
declare
  threshold integer;
  shown_organizations uuid[];
  shown_incidents uuid[];
  hidden uuid[];
  reopened_organizations uuid[];
  reopened_incidents uuid[];
begin
  select organization_refresh_threshold into threshold from current_incidents.queue_settings;
  select array_agg(c.organization_id), array_agg(c.incident_id) into shown_organizations, shown_incidents
    from (select distinct organization_id, incident_id
            from unnest(organization_ids, incident_ids) as changed (organization_id, incident_id)
           where organization_id is not null) c
   where c.incident_id is null
      or exists (select 1 from current_incidents.document_versions v where v.incident_id = c.incident_id)
      or exists (select 1 from incidents.incidents i
                  where i.incident_id = c.incident_id and i.deleted is null and i.status <> 'resolved');
  hidden := array(select incident_id from unnest(organization_ids, incident_ids) as changed (organization_id, incident_id)
                   where organization_id is not null and incident_id is not null
                  except select unnest(shown_incidents));
  if cardinality(hidden) > 0 then
    -- One that looked neither current nor cached may be reopened by a transaction still in
    -- flight: wait for it (a share lock) and look again. Either it commits first and is seen
    -- current here, or it waits for this transaction, and its own refresh then reads this change.
    select array_agg(i.organization_id), array_agg(i.incident_id) into reopened_organizations, reopened_incidents
      from (select organization_id, incident_id, status, deleted from incidents.incidents
             where incident_id = any(hidden) order by incident_id for share) i
     where i.deleted is null and i.status <> 'resolved';
  end if;
  insert into current_incidents.refresh_queue (organization_id, incident_id)
  select distinct organization_id,
         case when count(incident_id) over (partition by organization_id) > threshold then null else incident_id end
    from unnest(shown_organizations || reopened_organizations, shown_incidents || reopened_incidents)
      as shown (organization_id, incident_id);
  if found then
    perform pg_notify('current_incidents_refresh', '');
  end if;
end
$$;
