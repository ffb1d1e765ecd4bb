-- A relay's writes at their barest: read the account, insert the lead, lock and advance the stream's head,
-- insert the trace event, insert the notification, NOTIFY; commit. No routing reads, no hashing in a client.
-- \set k random(1, N): N at most the count of floor_accounts (14,000 at scale 0.1).
\set k random(1, 14000)
BEGIN;
SELECT id, owner_id, agency_id, region_id FROM floor_accounts WHERE n = :k \gset acc_
INSERT INTO floor_leads (id, account_id, product_id, need, source, initiator_id, assignee_id, agency_id, region_id, routing, created_at, due_at, warn_at)
  SELECT gen_random_uuid(), :acc_id::uuid, (SELECT id FROM products LIMIT 1), 'need', 'phone_out', :acc_owner_id::uuid, :acc_owner_id::uuid,
         :acc_agency_id::uuid, :acc_region_id::uuid, '{"code":"owner"}', now(), now() + interval '1 day', now() + interval '18 hours';
INSERT INTO floor_trace_heads (stream, seq, hash) VALUES ('account:' || :acc_id, 0, 'g') ON CONFLICT (stream) DO UPDATE SET seq = floor_trace_heads.seq RETURNING seq, hash;
WITH e AS (
  INSERT INTO floor_trace_events (stream, seq, actor_id, action, recorded_at, payload, payload_hash, prev_hash, hash)
  SELECT 'account:' || :acc_id, (SELECT seq FROM floor_trace_heads WHERE stream = 'account:' || :acc_id) + 1, NULL, 'lead.relayed', now(),
         '{"leadId":"x","need":"need"}', md5(random()::text), 'p', md5(random()::text)
  RETURNING stream, seq, hash)
UPDATE floor_trace_heads h SET seq = e.seq, hash = e.hash FROM e WHERE h.stream = e.stream;
INSERT INTO floor_notifications (id, user_id, kind, text, lead_id, params)
  VALUES (gen_random_uuid(), :acc_owner_id::uuid, 'lead.assigned', 'New lead from Bench: product for account', gen_random_uuid(), '{"a":1}');
SELECT pg_notify('floor', 'a payload of about two hundred bytes, as a notification message in JSON with its text, params and ids ..........................................');
COMMIT;
