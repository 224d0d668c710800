-- Settings the triggers need and the incidents-api configuration owns: its drainers write them
-- here at start (CACHE_ORGANIZATION_REFRESH_THRESHOLD). No row: no setting applies.
create table if not exists current_incidents.queue_settings (
  singleton boolean primary key default true check (singleton),
  -- A statement that changes more incidents of one organization than this queues one
  -- organization-wide refresh instead of one per incident.
  organization_refresh_threshold integer check (organization_refresh_threshold > 0),
  created timestamptz not null default now(),
  updated timestamptz not null default now()
);
