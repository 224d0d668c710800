create schema if not exists current_incidents;

-- Current-incident documents to refresh. Triggers fill it in the transaction that changes what
-- a document holds, so a change and its refresh commit together; incidents-api drains it.
create table current_incidents.refresh_queue (
  refresh_id bigint generated always as identity primary key,
  organization_id uuid not null,
  -- null: every document of the organization (its cache toggle changed).
  incident_id uuid,
  enqueued timestamptz not null default clock_timestamp()
);
