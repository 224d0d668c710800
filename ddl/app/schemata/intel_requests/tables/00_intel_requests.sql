create schema if not exists intel_requests;

create table intel_requests.intel_requests (
  intel_request_id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references organizations.organizations,
  asset_id uuid,
  location_id uuid,
  request_type text not null check (length(request_type) between 1 and 100),
  status text not null default 'pending' check (status in ('pending', 'in_progress', 'completed', 'cancelled')),
  priority text not null default 'normal' check (priority in ('low', 'normal', 'high', 'urgent')),
  description text check (length(description) <= 10000),
  metadata jsonb not null default '{}' check (jsonb_typeof(metadata) = 'object'),
  created timestamptz not null default now(),
  updated timestamptz not null default now(),
  deleted timestamptz,
  foreign key (organization_id, asset_id) references assets.assets (organization_id, asset_id),
  foreign key (organization_id, location_id) references locations.locations (organization_id, location_id)
);

create index intel_requests_organization_idx on intel_requests.intel_requests (organization_id, created, intel_request_id)
  where deleted is null;
create index intel_requests_asset_id_idx on intel_requests.intel_requests (asset_id);
create index intel_requests_location_id_idx on intel_requests.intel_requests (location_id);

create trigger set_updated before update on intel_requests.intel_requests
  for each row execute function public.set_updated();
