create table assets.assets (
  asset_id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references organizations.organizations,
  asset_name text not null check (length(asset_name) between 1 and 500),
  asset_type_id uuid not null references assets.asset_types,
  location_id uuid,
  metadata jsonb not null default '{}' check (jsonb_typeof(metadata) = 'object'),
  created timestamptz not null default now(),
  updated timestamptz not null default now(),
  deleted timestamptz,
  unique (organization_id, asset_id),
  foreign key (organization_id, location_id) references locations.locations (organization_id, location_id)
);

create index assets_organization_id_idx on assets.assets (organization_id);
create index assets_location_id_idx on assets.assets (location_id);
create index assets_asset_type_id_idx on assets.assets (asset_type_id);

create trigger set_updated before update on assets.assets
  for each row execute function public.set_updated();
