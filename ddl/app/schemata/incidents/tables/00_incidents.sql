create schema if not exists incidents;

create table incidents.incidents (
  incident_id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references organizations.organizations,
  location_id uuid,
  title text not null check (length(title) between 1 and 500),
  incident_type text not null check (length(incident_type) between 1 and 100),
  status text not null default 'active' check (status in ('active', 'monitoring', 'resolved')),
  started timestamptz not null default now(),
  resolved timestamptz check (resolved >= started),
  metadata jsonb not null default '{}' check (jsonb_typeof(metadata) = 'object'),
  created timestamptz not null default now(),
  updated timestamptz not null default now(),
  deleted timestamptz,
  unique (organization_id, incident_id),
  foreign key (organization_id, location_id) references locations.locations (organization_id, location_id)
);

-- Current incidents of an organization: not deleted and not resolved.
create index incidents_current_idx on incidents.incidents (organization_id, incident_id)
  where deleted is null and status <> 'resolved';
create index incidents_location_id_idx on incidents.incidents (location_id);

create trigger set_updated before update on incidents.incidents
  for each row execute function public.set_updated();
