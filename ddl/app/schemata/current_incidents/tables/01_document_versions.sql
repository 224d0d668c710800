-- The version of each incident's latest document. A refresh bumps it under the row lock before it
-- reads the document, so a higher version always holds a newer read; Redis keeps the highest.
create table current_incidents.document_versions (
  incident_id uuid primary key,
  organization_id uuid not null,
  version bigint not null default 1
);

create index document_versions_organization_idx on current_incidents.document_versions (organization_id);
