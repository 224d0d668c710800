-- Runs once when the compose stack's database is first created: per-statement timings,
-- so slow queries are found by measurement rather than by guess.
create extension if not exists pg_stat_statements;
