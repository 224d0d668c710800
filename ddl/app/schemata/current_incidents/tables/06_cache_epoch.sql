-- The database's identity, made once at migrate time. Redis keeps the identity of the database it
-- was built from: another one (a Redis shared by mistake, or this database recreated) means every
-- cached document is suspect and the organizations are verified again.
create table if not exists current_incidents.cache_epoch (
  singleton boolean primary key default true check (singleton),
  database_id uuid not null default gen_random_uuid(),
  created timestamptz not null default now()
);
insert into current_incidents.cache_epoch default values on conflict do nothing;
