create table incidents.outages (
  outage_id uuid primary key default gen_random_uuid(),
  incident_id uuid not null,
  organization_id uuid not null,
  location_id uuid,
  utility_name text not null check (length(utility_name) between 1 and 200),
  status text not null default 'active' check (status in ('active', 'restored')),
  started timestamptz not null default now(),
  restored timestamptz check (restored >= started),
  customers_affected integer check (customers_affected >= 0),
  created timestamptz not null default now(),
  updated timestamptz not null default now(),
  deleted timestamptz,
  foreign key (organization_id, incident_id) references incidents.incidents (organization_id, incident_id),
  foreign key (organization_id, location_id) references locations.locations (organization_id, location_id)
);

create index outages_incident_id_idx on incidents.outages (incident_id) where deleted is null;
create index outages_location_id_idx on incidents.outages (location_id);

create trigger set_updated before update on incidents.outages
  for each row execute function public.set_updated();
