-- Extensions and helpers that every schema uses.
create extension if not exists postgis;

-- Keeps `updated` honest on every mutable table, whichever client writes the row.
create or replace function public.set_updated() returns trigger
language plpgsql as $$
begin
  new.updated := now();
  return new;
end
$$;
