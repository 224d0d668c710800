create table incidents.internet_outages (
  internet_outage_id uuid primary key default gen_random_uuid(),
  incident_id uuid not null,
  organization_id uuid not null,
  provider text not null check (length(provider) between 1 and 200),
  started timestamptz not null default now(),
  restored timestamptz check (restored >= started),
  created timestamptz not null default now(),
  updated timestamptz not null default now(),
  deleted timestamptz,
  foreign key (organization_id, incident_id) references incidents.incidents (organization_id, incident_id)
);

create index internet_outages_incident_id_idx on incidents.internet_outages (incident_id) where deleted is null;

create trigger set_updated before update on incidents.internet_outages
  for each row execute function public.set_updated();
