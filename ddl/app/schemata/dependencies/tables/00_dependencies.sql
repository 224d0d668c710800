create schema if not exists dependencies;

-- The record types an edge may join; each names the schema and table that holds such records.
create domain dependencies.record_type as text
  check (value in ('incidents', 'intel_requests', 'outages', 'internet_outages', 'assets'));

-- "dependent depends on blocker". Rows are never updated but to be soft-deleted.
create table dependencies.dependencies (
  dependency_id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references organizations.organizations,
  blocker_type dependencies.record_type not null,
  blocker_id uuid not null,
  dependent_type dependencies.record_type not null,
  dependent_id uuid not null,
  created timestamptz not null default now(),
  deleted timestamptz
);

-- A live edge is unique; this index also serves the full 4-column lookup.
create unique index dependencies_live_edge_key on dependencies.dependencies
  (blocker_type, blocker_id, dependent_type, dependent_id) where deleted is null;
-- One index per walk direction, so neither lookup needs an OR.
create index dependencies_blocker_live_idx on dependencies.dependencies
  (blocker_type, blocker_id) where deleted is null;
create index dependencies_dependent_live_idx on dependencies.dependencies
  (dependent_type, dependent_id) where deleted is null;
