-- The foreign key that a polymorphic edge cannot declare: both ends must be live records of
-- the edge's organization, so the database refuses a dangling or cross-organization edge
-- whichever client writes it.
create function dependencies.check_edge_records() returns trigger
language plpgsql as $$
declare
  blocker_organization uuid;
  dependent_organization uuid;
begin
  if new.deleted is not null then
    return new;
  end if;

  select organization_id into blocker_organization
    from dependencies.records
   where record_type = new.blocker_type and record_id = new.blocker_id and deleted is null;
  if not found then
    raise foreign_key_violation using
      message = format('blocker %s %s does not exist', new.blocker_type, new.blocker_id),
      constraint = 'dependencies_blocker_record_fkey';
  end if;

  select organization_id into dependent_organization
    from dependencies.records
   where record_type = new.dependent_type and record_id = new.dependent_id and deleted is null;
  if not found then
    raise foreign_key_violation using
      message = format('dependent %s %s does not exist', new.dependent_type, new.dependent_id),
      constraint = 'dependencies_dependent_record_fkey';
  end if;

  if blocker_organization <> new.organization_id or dependent_organization <> new.organization_id then
    raise check_violation using
      message = 'a dependency cannot join records of different organizations',
      constraint = 'dependencies_same_organization_check';
  end if;

  return new;
end
$$;

create trigger check_edge_records
  before insert or update of organization_id, blocker_type, blocker_id, dependent_type, dependent_id, deleted
  on dependencies.dependencies
  for each row execute function dependencies.check_edge_records();
