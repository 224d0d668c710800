-- An edge change queues the incidents whose documents show it: the incident it blocks
-- directly, or the incident behind an intel request it blocks. A statement that changed no
-- edge (record deletions run two such updates) returns at once; the two lookups are
-- separate index probes, where one OR made PostgreSQL scan every incident.
create or replace function current_incidents.enqueue_for_dependencies() returns trigger
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
  if cardinality(blockers) = 0 and cardinality(request_blockers) = 0 then
    return null;
  end if;
  perform current_incidents.enqueue(array_agg(i.organization_id), array_agg(i.incident_id))
     from incidents.incidents i
    where i.incident_id in (
            select unnest(blockers)
            union
            select d.blocker_id from dependencies.dependencies d
             where d.dependent_type = 'intel_requests' and d.dependent_id = any(request_blockers)
               and d.blocker_type = 'incidents' and d.deleted is null);
  return null;
end
$$;
