// The operations measured: each one through HTTP with a session (as the web app calls it) and as the
// same SQL run raw on the same engine, so the app's overhead reads as a ratio.
import type autocannon from 'autocannon';
import { v7 as uuidv7 } from 'uuid';
import { eventHash, GENESIS_HASH, payloadHash } from '../src/server/trace/rules.ts';
import { accountStream } from '../src/server/accounts/commands.ts';
import { get, post, type Session } from './http.ts';
import type { Query, Raw } from './db.ts';
import { prng } from '../src/server/seed/random.ts';

export interface Inputs {
  accountIds: string[];
  /** Name prefixes of 3–6 characters, as typed, drawn from real account names. */
  prefixes: string[];
  /** Real numbers (accounts' and contacts'), in the national format a caller ID gives ("0123456789"). */
  phones: string[];
  actorId: string;
}

export function rng(seed: number) {
  return prng(seed).pick;
}

export async function loadInputs(raw: Raw, benchEmail: string): Promise<Inputs> {
  const accounts = await raw.query<{ id: string; name: string }>(`SELECT id, name FROM accounts ORDER BY random() LIMIT 3000`);
  const phones = await raw.query<{ p: string }>(`
    (SELECT phone_search AS p FROM accounts WHERE phone_search <> '' ORDER BY random() LIMIT 1000)
    UNION ALL (SELECT phone_search FROM contacts WHERE phone_search <> '' ORDER BY random() LIMIT 1000)`);
  const actor = await raw.query<{ id: string }>(`SELECT id FROM users WHERE email = $1`, [benchEmail]);
  const pick = rng(42);
  const prefixes = accounts.slice(0, 1000).map((a) => {
    const len = 3 + Math.floor(Math.random() * 4);
    return a.name.slice(0, len).trim();
  }).filter((p) => p.length >= 3);
  void pick;
  return { accountIds: accounts.map((a) => a.id), prefixes, phones: phones.map((p) => p.p), actorId: actor[0]!.id };
}

export interface Op {
  name: string;
  what: string;
  /** HTTP requests one operation makes. */
  requestsPerOp: number;
  /** Whose sessions make the requests: the national telemarketers (default), the bench rep (leads), the bench case agent or the national director (steering). */
  as?: 'rep' | 'caseAgent' | 'director';
  http(base: string, s: Session, pick: ReturnType<typeof rng>): Promise<void>;
  raw(q: Query, raw: Raw, pick: ReturnType<typeof rng>): Promise<void>;
  /** The same operation as an autocannon request pipeline (per connection). */
  cannon(sessions: Session[], pick: ReturnType<typeof rng>): autocannon.Request[];
}

// ---- raw SQL: what the app's queries send, written out (a national reader: no region filter) ----

const SQL_ACCOUNT = `
  SELECT a.*, ag.name AS agency_name, o.name AS owner_name, parent.name AS parent_name,
    (SELECT count(*)::int AS n FROM contacts AS c WHERE c.account_id = a.id AND c.archived_at IS NULL) AS contact_count,
    (SELECT coalesce(bool_or(c.decision_maker), false) AS dm FROM contacts AS c WHERE c.account_id = a.id AND c.archived_at IS NULL) AS has_decision_maker
  FROM accounts AS a INNER JOIN agencies AS ag ON ag.id = a.agency_id LEFT JOIN users AS o ON o.id = a.owner_id
  LEFT JOIN accounts AS parent ON parent.id = a.parent_id
  WHERE a.id = $1`;
const INTERACTION_COLUMNS = `
  i.id, i.account_id, i.contact_id, NULLIF(trim(c.first_name || ' ' || c.last_name), '') AS contact_name,
  i.channel, i.actor_id, u.name AS actor_name, i.subject, i.notes, i.outcome,
  to_char(i.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS occurred_at,
  to_char(i.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS recorded_at, i.amends_id, i.case_id,
  (SELECT x.id FROM interactions x WHERE x.amends_id = i.id ORDER BY x.recorded_at DESC LIMIT 1) AS amended_by_id`;
/** The timeline's first page as the app reads it: the keys chosen by each side's index, then joined to what they show. */
const SQL_TIMELINE = `
  WITH page AS (
    SELECT key, at, interaction_id, seq FROM ((
      SELECT 'i:' || i.id::text AS key, i.occurred_at AS at, i.id AS interaction_id, NULL::int AS seq FROM interactions i
      WHERE i.account_id = $1 ORDER BY i.occurred_at DESC, i.id DESC LIMIT 31
    ) UNION ALL (
      SELECT 'e:' || lpad(e.seq::text, 10, '0') AS key, e.recorded_at AS at, NULL::uuid AS interaction_id, e.seq FROM trace_events e
      WHERE e.stream = $2 AND e.action <> 'interaction.logged' ORDER BY e.seq DESC LIMIT 31
    )) t ORDER BY at DESC, key DESC LIMIT 31)
  SELECT page.key, to_char(page.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, ${INTERACTION_COLUMNS},
    e.action AS change_action, e.actor_id AS change_actor_id, eu.name AS change_actor_name, e.payload AS change_payload
  FROM page
  LEFT JOIN interactions i ON i.id = page.interaction_id
  LEFT JOIN users u ON u.id = i.actor_id
  LEFT JOIN contacts c ON c.id = i.contact_id
  LEFT JOIN trace_events e ON e.stream = $2 AND e.seq = page.seq
  LEFT JOIN users eu ON eu.id = e.actor_id
  ORDER BY page.at DESC, page.key DESC`;
/** A logged interaction read back, as the app answers the POST. */
const SQL_INTERACTION = `
  SELECT ${INTERACTION_COLUMNS} FROM interactions i JOIN users u ON u.id = i.actor_id LEFT JOIN contacts c ON c.id = i.contact_id
  WHERE i.id = $1`;
const SQL_CONTACTS = `SELECT * FROM contacts WHERE account_id = $1 AND archived_at IS NULL ORDER BY decision_maker DESC, last_name`;
export const SQL_SEARCH_NAME = `
  WITH m AS (
    SELECT a.id, 'name' AS matched_by, NULL AS contact,
           CASE WHEN lower(a.name) LIKE $1 THEN 2.0 ELSE 1.0 END + similarity(lower(a.name), $2) AS rank
      FROM accounts a WHERE lower(a.name) LIKE $3 OR (length($2) >= 4 AND lower(a.name) % $2)
    UNION ALL
    SELECT c.account_id, 'contact_name', c.first_name || ' ' || c.last_name, 0.5 + similarity(lower(c.last_name || ' ' || c.first_name), $2)
      FROM contacts c WHERE lower(c.last_name || ' ' || c.first_name) LIKE $3 AND c.archived_at IS NULL),
  best AS (SELECT DISTINCT ON (id) id, matched_by, contact, rank FROM m ORDER BY id, rank DESC)
  SELECT a.id, a.name, a.siren, a.city, a.segment, a.status, a.phones, a.completeness,
         o.name AS owner_name, ag.name AS agency_name, best.matched_by, best.contact
  FROM best JOIN accounts a ON a.id = best.id JOIN agencies ag ON ag.id = a.agency_id LEFT JOIN users o ON o.id = a.owner_id
  WHERE a.archived_at IS NULL AND true
  ORDER BY best.rank DESC, a.name LIMIT 20`;
const SQL_PHONE_ACCOUNTS = `
  SELECT a.id, a.name, a.siren, a.city, a.segment, a.status, a.phones, a.completeness, o.name AS owner_name, ag.name AS agency_name
  FROM accounts a JOIN agencies ag ON ag.id = a.agency_id LEFT JOIN users o ON o.id = a.owner_id
  WHERE a.phones @> ARRAY[$1]::text[] AND a.archived_at IS NULL AND true ORDER BY a.name LIMIT 20`;
const SQL_PHONE_CONTACTS = `
  SELECT c.*, a.name AS account_name FROM contacts c JOIN accounts a ON a.id = c.account_id
  WHERE c.phones @> ARRAY[$1]::text[] AND c.archived_at IS NULL AND a.archived_at IS NULL AND true ORDER BY c.last_name LIMIT 20`;

// The floor every request pays: authenticate() (session row, then the principal), here with GET /api/session's own read.
const SQL_SESSION = `SELECT user_id, csrf_token, last_seen_at FROM sessions WHERE token_hash = $1 AND expires_at > now()`;
const SQL_PRINCIPAL = `
  SELECT u.id, u.name, u.email, u.roles, u.home_agency_id, a.region_id AS home_region_id,
    (SELECT json_agg(json_build_object('id', p.id, 'kind', p.kind, 'scope', p.scope, 'agencyId', p.agency_id, 'regionId', p.region_id))
       FROM pool_memberships m JOIN pools p ON p.id = m.pool_id
      WHERE m.user_id = u.id AND m.starts_on <= CURRENT_DATE AND (m.ends_on IS NULL OR m.ends_on >= CURRENT_DATE)) AS pools,
    (SELECT json_agg(json_build_object('type', mu.unit_type, 'id', mu.unit_id, 'regionId', COALESCE(r.id, ag.region_id, po.region_id)))
       FROM managed_units mu
       LEFT JOIN regions r ON mu.unit_type = 'region' AND r.id = mu.unit_id
       LEFT JOIN agencies ag ON mu.unit_type = 'agency' AND ag.id = mu.unit_id
       LEFT JOIN pools po ON mu.unit_type = 'pool' AND po.id = mu.unit_id
      WHERE mu.user_id = u.id) AS managed
  FROM users u LEFT JOIN agencies a ON a.id = u.home_agency_id
  WHERE u.id = $1 AND u.active`;
export const RAW_SESSION_HASH = 'bench-raw-session-0000000000000000000000000000000000000000000000';
export async function ensureRawSession(raw: Raw, userId: string) {
  await raw.query(
    `INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at) VALUES ($1, $2, 'bench', now() + interval '7 days')
     ON CONFLICT (token_hash) DO UPDATE SET expires_at = EXCLUDED.expires_at`,
    [RAW_SESSION_HASH, userId],
  );
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c);
export const searchParams = (prefix: string) => {
  const text = prefix.toLowerCase();
  return [escapeLike(text) + '%', text, '%' + escapeLike(text) + '%'];
};
const e164 = (national: string) => '+33' + national.slice(1);

/** What the 360 reads, raw: identity, the timeline page and its details, the contacts. */
async function raw360(q: Query, id: string) {
  await q(SQL_ACCOUNT, [id]);
  await q(SQL_TIMELINE, [id, accountStream(id)]);
  await q(SQL_CONTACTS, [id]);
}

const SUBJECTS = ['Question sur la facture', 'Demande de devis fibre', 'Relance proposition', 'Ajout de lignes mobiles'];

/**
 * Logging a contact, raw: the statements of logInteractions for a batch of one (the checks with the clock, the
 * entry, the stream's head, the event with the head's move) and the read back, in one transaction, the same
 * hash chain (verify still passes).
 */
export async function rawLog(raw: Raw, accountId: string, actorId: string, subject: string) {
  const id = uuidv7();
  const stream = accountStream(accountId);
  await raw.tx(async (q) => {
    const checked = (await q<{ now: Date | string }>(
      `SELECT date_trunc('milliseconds', now()) AS now, a.owner_id, a.agency_id, a.region_id, a.archived_at IS NOT NULL AS archived FROM accounts a WHERE a.id = $1`,
      [accountId],
    ))[0]!;
    const recordedAt = new Date(checked.now);
    await q(
      `INSERT INTO interactions (id, account_id, contact_id, channel, actor_id, subject, notes, outcome, occurred_at, recorded_at, amends_id, case_id)
       VALUES ($1, $2, NULL, 'phone_in', $3, $4, '', NULL, $5, $5, NULL, NULL)`,
      [id, accountId, actorId, subject, recordedAt.toISOString()],
    );
    const head = (await q<{ seq: number; hash: string }>(
      `INSERT INTO trace_heads (stream, seq, hash) VALUES ($1, 0, $2) ON CONFLICT (stream) DO UPDATE SET seq = trace_heads.seq RETURNING seq, hash`,
      [stream, GENESIS_HASH],
    ))[0]!;
    const seq = head.seq + 1;
    const payload = { interactionId: id, accountId, channel: 'phone_in', subject, notes: '' };
    const pHash = payloadHash(payload);
    const hash = eventHash(head.hash, { stream, seq, actorId, action: 'interaction.logged', recordedAt, payloadHash: pHash });
    await q(
      `WITH event AS (INSERT INTO trace_events (stream, seq, actor_id, action, recorded_at, payload, payload_hash, prev_hash, hash)
         VALUES ($1, $2, $3, 'interaction.logged', $4, $5::jsonb, $6, $7, $8) RETURNING stream)
       UPDATE trace_heads SET seq = $2, hash = $8 WHERE stream = (SELECT stream FROM event)`,
      [stream, seq, actorId, recordedAt.toISOString(), JSON.stringify(payload), pHash, head.hash, hash],
    );
    // The route reads the entry back for the response, in the transaction.
    await q(SQL_INTERACTION, [id]);
  });
}

let sessionTurn = 0;
const nextSession = (sessions: Session[]) => sessions[sessionTurn++ % sessions.length]!;

export function operations(inputs: Inputs): Op[] {
  return [
    {
      name: 'session',
      what: 'GET /api/session: what every request pays to authenticate (session row + principal), plus the CSRF read',
      requestsPerOp: 1,
      http: async (base, s) => void (await get(base, s, '/api/session')),
      async raw(q) {
        const row = (await q<{ user_id: string }>(SQL_SESSION, [RAW_SESSION_HASH]))[0]!;
        await q(SQL_PRINCIPAL, [row.user_id]);
        await q(`SELECT csrf_token FROM sessions WHERE token_hash = $1`, [RAW_SESSION_HASH]);
      },
      cannon: (sessions) => [
        { setupRequest: (req) => ({ ...req, method: 'GET', path: '/api/session', headers: { ...req.headers, cookie: nextSession(sessions).cookie } }) },
      ],
    },
    {
      name: 'account360',
      what: 'GET /api/accounts/:id/360 (the account, its contacts and the first timeline page, as the account page reads them)',
      requestsPerOp: 1,
      http: async (base, s, pick) => void (await get(base, s, `/api/accounts/${pick(inputs.accountIds)}/360`)),
      raw: (q, _raw, pick) => raw360(q, pick(inputs.accountIds)),
      cannon: (sessions, pick) => [
        { setupRequest: (req) => ({ ...req, method: 'GET', path: `/api/accounts/${pick(inputs.accountIds)}/360`, headers: { ...req.headers, cookie: nextSession(sessions).cookie } }) },
      ],
    },
    {
      name: 'search',
      what: 'GET /api/search?q=<name prefix, 3–6 chars, from a real account name>',
      requestsPerOp: 1,
      http: async (base, s, pick) => void (await get(base, s, `/api/search?q=${encodeURIComponent(pick(inputs.prefixes))}`)),
      raw: async (q, _raw, pick) => void (await q(SQL_SEARCH_NAME, searchParams(pick(inputs.prefixes)))),
      cannon: (sessions, pick) => [
        { setupRequest: (req) => ({ ...req, method: 'GET', path: `/api/search?q=${encodeURIComponent(pick(inputs.prefixes))}`, headers: { ...req.headers, cookie: nextSession(sessions).cookie } }) },
      ],
    },
    {
      name: 'phoneLookup',
      what: 'GET /api/lookup/phone/:number for real numbers (national format, as a caller ID gives it)',
      requestsPerOp: 1,
      http: async (base, s, pick) => void (await get(base, s, `/api/lookup/phone/${pick(inputs.phones)}`)),
      async raw(q, _raw, pick) {
        const n = e164(pick(inputs.phones));
        await q(SQL_PHONE_ACCOUNTS, [n]);
        await q(SQL_PHONE_CONTACTS, [n]);
      },
      cannon: (sessions, pick) => [
        { setupRequest: (req) => ({ ...req, method: 'GET', path: `/api/lookup/phone/${pick(inputs.phones)}`, headers: { ...req.headers, cookie: nextSession(sessions).cookie } }) },
      ],
    },
    {
      name: 'logInteraction',
      what: 'POST /api/interactions (phone_in on a random account) with its trace event, 16 concurrent clients; the server logs those that arrive together in one transaction, raw SQL logs each alone',
      requestsPerOp: 1,
      http: async (base, s, pick) =>
        void (await post(base, s, '/api/interactions', { accountId: pick(inputs.accountIds), channel: 'phone_in', subject: pick(SUBJECTS) })),
      raw: (_q, raw, pick) => rawLog(raw, pick(inputs.accountIds), inputs.actorId, pick(SUBJECTS)),
      cannon: (sessions, pick) => [
        {
          setupRequest: (req) => {
            const s = nextSession(sessions);
            return {
              ...req,
              method: 'POST',
              path: '/api/interactions',
              headers: { ...req.headers, cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' },
              body: JSON.stringify({ accountId: pick(inputs.accountIds), channel: 'phone_in', subject: pick(SUBJECTS) }),
            };
          },
        },
      ],
    },
  ];
}
