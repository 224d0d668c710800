create schema if not exists organizations;

create table organizations.organizations (
  organization_id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 200),
  -- metadata.use_current_incidents_cache is the per-organization cache toggle (true when absent).
  metadata jsonb not null default '{}' check (
    jsonb_typeof(metadata) = 'object'
    and (not metadata ? 'use_current_incidents_cache'
         or jsonb_typeof(metadata -> 'use_current_incidents_cache') = 'boolean')
  ),
  created timestamptz not null default now(),
  updated timestamptz not null default now(),
  deleted timestamptz
);

create trigger set_updated before update on organizations.organizations
  for each row execute function public.set_updated();
