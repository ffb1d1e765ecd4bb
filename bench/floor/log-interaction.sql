-- Logging an interaction at its barest: read the account, insert the interaction, lock and advance the
-- stream's head, insert the trace event; commit.
\set k random(1, 14000)
BEGIN;
SELECT id, owner_id FROM floor_accounts WHERE n = :k \gset acc_
INSERT INTO floor_interactions (id, account_id, channel, actor_id, subject, notes, occurred_at, recorded_at)
  VALUES (gen_random_uuid(), :acc_id::uuid, 'phone_out', :acc_owner_id::uuid, 'Call', 'notes of the call', now(), now());
INSERT INTO floor_trace_heads (stream, seq, hash) VALUES ('account:' || :acc_id, 0, 'g') ON CONFLICT (stream) DO UPDATE SET seq = floor_trace_heads.seq RETURNING seq, hash;
WITH e AS (
  INSERT INTO floor_trace_events (stream, seq, actor_id, action, recorded_at, payload, payload_hash, prev_hash, hash)
  SELECT 'account:' || :acc_id, (SELECT seq FROM floor_trace_heads WHERE stream = 'account:' || :acc_id) + 1, NULL, 'interaction.logged', now(),
         '{"id":"x","subject":"Call"}', md5(random()::text), 'p', md5(random()::text)
  RETURNING stream, seq, hash)
UPDATE floor_trace_heads h SET seq = e.seq, hash = e.hash FROM e WHERE h.stream = e.stream;
COMMIT;
