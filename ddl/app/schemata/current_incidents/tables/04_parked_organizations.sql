-- Organizations whose refresh or rebuild keeps failing (a Redis reply such as WRONGTYPE, OOM or
-- READONLY, a timeout on its rebuild): drainers leave their queued rows alone until
-- next_attempt_at, with an exponential back-off, while every other organization drains.
create table if not exists current_incidents.parked_organizations (
  organization_id uuid primary key,
  attempts integer not null check (attempts > 0),
  next_attempt_at timestamptz not null,
  last_error text not null,
  created timestamptz not null default now(),
  updated timestamptz not null default now()
);
