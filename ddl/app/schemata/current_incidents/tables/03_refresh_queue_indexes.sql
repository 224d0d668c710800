-- Every claim has an index. A drainer takes one organization's oldest rows, then every queued row
-- of the incidents among them (coalescing at claim); a write-through takes its incidents' rows; an
-- organization-wide refresh is found per organization. Without them each claim scanned the queue,
-- and a backlog of n refreshes drained in about n²/500 row visits.
create index if not exists refresh_queue_organization_idx
  on current_incidents.refresh_queue (organization_id, refresh_id);
create index if not exists refresh_queue_incident_idx
  on current_incidents.refresh_queue (incident_id) where incident_id is not null;
create index if not exists refresh_queue_organization_refresh_idx
  on current_incidents.refresh_queue (organization_id) where incident_id is null;
