-- Timestamps inside JSON documents, written as JavaScript's toISOString() writes them (UTC,
-- milliseconds, "Z"), whatever the session's TimeZone: documents and plain rows then agree.
create function public.json_timestamp(value timestamptz) returns text
language sql immutable parallel safe
return to_char(value at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
