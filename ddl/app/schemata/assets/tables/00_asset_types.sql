create schema if not exists assets;

create table assets.asset_types (
  asset_type_id uuid primary key default gen_random_uuid(),
  asset_type_name text not null check (length(asset_type_name) between 1 and 200),
  created timestamptz not null default now(),
  updated timestamptz not null default now(),
  deleted timestamptz
);

create unique index asset_types_live_name_key on assets.asset_types (asset_type_name) where deleted is null;

create trigger set_updated before update on assets.asset_types
  for each row execute function public.set_updated();
