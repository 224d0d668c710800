create schema if not exists locations;

create table locations.locations (
  location_id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references organizations.organizations,
  location geometry(Geometry, 4326) not null,
  thoroughfare text,
  locality text,
  administrative_area text,
  postal_code text,
  country text,
  created timestamptz not null default now(),
  updated timestamptz not null default now(),
  deleted timestamptz,
  -- Target of the composite foreign keys that keep a record and its location in one organization.
  unique (organization_id, location_id)
);

create index locations_location_gist on locations.locations using gist (location);

create trigger set_updated before update on locations.locations
  for each row execute function public.set_updated();
