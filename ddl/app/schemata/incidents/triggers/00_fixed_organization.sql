-- An incident never moves to another organization: the cache files its document under the
-- organization, and readers remember which one that is.
create function incidents.keep_organization() returns trigger
language plpgsql as $$
begin
  if new.organization_id <> old.organization_id then
    raise check_violation using
      message = format('incident %s cannot move to another organization', old.incident_id),
      constraint = 'incidents_fixed_organization_check';
  end if;
  return new;
end
$$;

create trigger keep_organization before update of organization_id on incidents.incidents
  for each row execute function incidents.keep_organization();
