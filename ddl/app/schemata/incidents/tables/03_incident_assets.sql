-- The assets an incident affects. Links are soft-deleted when the set is replaced, so a
-- link can come back later: the pair is unique among live rows only.
create table incidents.incident_assets (
  incident_id uuid not null,
  asset_id uuid not null,
  organization_id uuid not null,
  created timestamptz not null default now(),
  deleted timestamptz,
  foreign key (organization_id, incident_id) references incidents.incidents (organization_id, incident_id),
  foreign key (organization_id, asset_id) references assets.assets (organization_id, asset_id)
);

create unique index incident_assets_live_key on incidents.incident_assets (incident_id, asset_id) where deleted is null;
create index incident_assets_asset_id_idx on incidents.incident_assets (asset_id) where deleted is null;
