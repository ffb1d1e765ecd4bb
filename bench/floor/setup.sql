-- The machine's floor for the write targets: copies of the tables a relay and a logged interaction write
-- (same columns and indexes, with the generated rows, but no foreign keys and no steering triggers), so
-- the bare transactions below run against indexes of the real size. Run once on a generated bench database:
--   psql postgres://relais:relais@localhost:5432/relais_bench_s01 -f bench/floor/setup.sql
DROP TABLE IF EXISTS floor_leads, floor_trace_events, floor_trace_heads, floor_notifications, floor_interactions, floor_accounts;
CREATE TABLE floor_leads (LIKE leads INCLUDING ALL);
CREATE TABLE floor_trace_events (LIKE trace_events INCLUDING ALL);
CREATE TABLE floor_trace_heads (LIKE trace_heads INCLUDING ALL);
CREATE TABLE floor_notifications (LIKE notifications INCLUDING ALL);
CREATE TABLE floor_interactions (LIKE interactions INCLUDING ALL);
INSERT INTO floor_leads SELECT * FROM leads;
INSERT INTO floor_trace_heads SELECT * FROM trace_heads;
INSERT INTO floor_trace_events OVERRIDING SYSTEM VALUE SELECT * FROM trace_events;
ALTER TABLE floor_trace_events ALTER COLUMN id RESTART WITH 1000000000;
INSERT INTO floor_notifications SELECT * FROM notifications;
INSERT INTO floor_interactions SELECT * FROM interactions;
-- Accounts with an owner, numbered, so a client picks one with a single index probe.
CREATE TABLE floor_accounts AS
  SELECT row_number() OVER () AS n, id, owner_id, agency_id, region_id FROM accounts WHERE owner_id IS NOT NULL AND archived_at IS NULL;
CREATE UNIQUE INDEX ON floor_accounts (n);
ANALYZE floor_leads, floor_trace_events, floor_trace_heads, floor_notifications, floor_interactions, floor_accounts;
