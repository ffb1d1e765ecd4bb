// The regional data set of DESIGN.md, scaled: organisation through the app's own commands (few rows),
// accounts / contacts / interactions bulk-inserted with INSERT … SELECT FROM unnest(arrays), and their
// trace events through appendTraceBatch (the app's bulk path: same hash chain, `relais trace verify` passes).
// Resumable: accounts are written in batches, one transaction each, and progress is kept in bench_meta.
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../src/server/context.ts';
import type { Channel, PoolKind, Role, Segment } from '../src/server/db/schema.ts';
import { SYSTEM } from '../src/server/auth/principal.ts';
import { hashPassword } from '../src/server/auth/password.ts';
import { createAgency, createPool, createRegion, createUser } from '../src/server/org/commands.ts';
import { appendTraceBatch, writeCheckpoint, type BatchEvent } from '../src/server/trace/commands.ts';
import { normalizePhone, phoneSearchDigits } from '../src/contract/values.ts';
import { prng, withCheckDigit, type Rng } from '../src/server/seed/random.ts';
import { completeness } from '../src/server/accounts/rules.ts';
import { accountStream } from '../src/server/accounts/commands.ts';
import * as N from './org-data.ts';
import { BENCH_REGIONS, SYLLABLES } from './org-data.ts';
import { meta, openApp, setMeta, type Target } from './db.ts';

export const BENCH_PASSWORD = 'relais-bench-password';
/** Users the benchmark signs in as: national telemarketers (read every account, may log contacts). */
export const BENCH_LOGINS = Array.from({ length: 16 }, (_, i) => `bench.${String(i + 1).padStart(2, '0')}@bench.relais.fr`);

/** Full size (scale 1), from DESIGN.md "Performance". */
export const FULL = { accounts: 200_000, contacts: 400_000, interactions: 5_000_000, leads: 300_000, users: 2_000, regions: 5, agencies: 60 };
const ACCOUNTS_PER_BATCH = 1000;
const SEED = 0x5e1a15;

export function sizesFor(scale: number) {
  return {
    accounts: Math.max(100, Math.round(FULL.accounts * scale)),
    contactsPerAccount: FULL.contacts / FULL.accounts,
    interactionsPerAccount: FULL.interactions / FULL.accounts,
    // Every agency needs a few people whatever the scale.
    users: Math.max(250, Math.round(FULL.users * scale)),
  };
}

// Unique by construction (a bijection of the row's index), so no global set is needed and a resumed
// run never collides: x ↦ (x·m + c) mod M is a permutation of [0, M) when gcd(m, M) = 1.
const permute = (x: number, m: number, c: number, M: number) => Number((BigInt(x) * BigInt(m) + BigInt(c)) % BigInt(M));
/** Landline: 0<dial> then 8 digits starting 1–5 (valid for every French geographic prefix). */
const landline = (dial: string, i: number) => `+33${dial}${10_000_000 + permute(i, 48_271, 1_234_567, 50_000_000)}`;
/** Mobile: 06 1x / 06 2x … (valid French mobile ranges). */
const mobile = (j: number) => `+336${10_000_000 + permute(j, 69_621, 7_654_321, 20_000_000)}`;
const sirenOf = (i: number) => withCheckDigit(String(10_000_000 + permute(i, 40_692, 3_141_592, 89_999_999)));

function slug(text: string) {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const brand = (rng: Rng) => capital(Array.from({ length: rng.int(2, 3) }, () => rng.pick(SYLLABLES)).join(''));

function accountName(rng: Rng): { name: string; sector: (typeof N.SECTORS)[number] } {
  const sector = rng.pick(N.SECTORS);
  const legal = rng.pick(N.LEGAL_FORMS);
  const r = rng.next();
  const name =
    r < 0.4
      ? `${rng.pick(sector.words)} ${rng.chance(0.5) ? rng.pick(N.LAST_NAMES) : brand(rng)}${rng.chance(0.15) ? ' & Fils' : ''} ${legal}`
      : r < 0.75
        ? `${brand(rng)} ${rng.pick(sector.words)} ${legal}`
        : `${brand(rng)} ${rng.pick(N.NAME_TAILS)} ${legal}`;
  return { name: name.trim().replace(/\s+/g, ' '), sector };
}

/** A text[] value as an array literal, so a column of arrays can travel inside one text[] parameter. */
const arrayLiteral = (values: string[]) => `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;

interface Org {
  regions: Array<{ id: string; code: string; dial: string }>;
  agencies: Array<{ id: string; code: string; regionId: string; dial: string; city: string; postal: string }>;
  /** user ids by pool kind and unit (agency id, region id, or 'nation') */
  people: Map<string, string[]>;
}
const key = (kind: PoolKind, unit: string) => `${kind}:${unit}`;


export interface Plan {
  scale: number;
  accounts: number;
  batches: number;
  users: number;
  /** Generation's "now" (ms), kept so a resumed run writes the same history. */
  now: number;
}

/** The organisation through the normal commands, in one transaction. */
async function createOrg(db: Db, users: number, log: (s: string) => void): Promise<void> {
  const ctx = { db, actor: SYSTEM, channel: 'seed' as const };
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const regionIds = new Map<string, string>();
  const agencyIds = new Map<string, string>();
  const pools = new Map<string, string>();
  for (const region of BENCH_REGIONS) {
    const regionId = await createRegion(ctx, { code: region.code, name: region.name });
    regionIds.set(region.code, regionId);
    for (const agency of region.agencies) {
      const agencyId = await createAgency(ctx, { code: agency.code, name: agency.name, city: agency.city, regionId });
      agencyIds.set(agency.code, agencyId);
      for (const kind of ['sales', 'sales_assistant', 'associate_seller'] as const) {
        pools.set(key(kind, agencyId), await createPool(ctx, { kind, name: `${kind} ${agency.name}`, scope: 'agency', unitId: agencyId }));
      }
    }
    for (const kind of ['inbound', 'back_office'] as const) {
      pools.set(key(kind, regionId), await createPool(ctx, { kind, name: `${kind} ${region.name}`, scope: 'region', unitId: regionId }));
    }
  }
  for (const kind of ['telemarketing', 'marketing'] as const) {
    pools.set(key(kind, 'nation'), await createPool(ctx, { kind, name: `${kind} national`, scope: 'nation' }));
  }

  let n = 0;
  const add = async (u: { name?: string; email?: string; roles: Role[]; agencyId?: string; pool?: string; manages?: Array<{ type: 'nation' | 'region' | 'agency'; id: string | null }> }) => {
    n++;
    const rng = prng(SEED + n);
    const name = u.name ?? `${rng.pick(N.FIRST_NAMES)} ${rng.pick(N.LAST_NAMES)}`;
    await createUser(
      ctx,
      {
        email: u.email ?? `${slug(name).replace(/-/g, '.')}.${n}@bench.relais.fr`,
        name,
        password: BENCH_PASSWORD,
        roles: u.roles,
        homeAgencyId: u.agencyId ?? null,
        memberships: u.pool ? [{ poolId: u.pool, startsOn: '2024-01-01' }] : [],
        assignments: [],
        managedUnits: u.manages ?? [],
      },
      { passwordHash },
    );
  };
  await add({ name: 'Admin Bench', email: 'admin@bench.relais.fr', roles: ['admin'] });
  await add({ name: 'Directeur national', roles: ['director'], manages: [{ type: 'nation', id: null }] });
  for (const email of BENCH_LOGINS) await add({ email, roles: ['agent'], pool: pools.get(key('telemarketing', 'nation')) });
  for (const region of BENCH_REGIONS) {
    const regionId = regionIds.get(region.code)!;
    await add({ roles: ['director'], agencyId: agencyIds.get(region.agencies[0]!.code), manages: [{ type: 'region', id: regionId }] });
    for (const agency of region.agencies) {
      const agencyId = agencyIds.get(agency.code)!;
      await add({ roles: ['manager'], agencyId, manages: [{ type: 'agency', id: agencyId }] });
    }
  }
  // The rest: 4% telemarketing, 1% marketing, per region 1% inbound and 0.6% back office, per agency reps (70%), assistants (20%), associate sellers (10%).
  const rest = Math.max(0, users - n);
  const share = (p: number) => Math.max(1, Math.round(rest * p));
  for (let i = 0; i < share(0.04); i++) await add({ roles: ['agent'], pool: pools.get(key('telemarketing', 'nation')) });
  for (let i = 0; i < share(0.01); i++) await add({ roles: ['agent'], pool: pools.get(key('marketing', 'nation')) });
  for (const region of BENCH_REGIONS) {
    const regionId = regionIds.get(region.code)!;
    const home = agencyIds.get(region.agencies[0]!.code)!;
    for (let i = 0; i < share(0.01); i++) await add({ roles: ['agent'], agencyId: home, pool: pools.get(key('inbound', regionId)) });
    for (let i = 0; i < share(0.006); i++) await add({ roles: ['agent'], agencyId: home, pool: pools.get(key('back_office', regionId)) });
  }
  const perAgency = Math.max(3, Math.floor((users - n) / 60));
  for (const region of BENCH_REGIONS) {
    for (const agency of region.agencies) {
      const agencyId = agencyIds.get(agency.code)!;
      for (let i = 0; i < perAgency; i++) {
        const kind = i % 10 < 7 ? 'sales' : i % 10 < 9 ? 'sales_assistant' : 'associate_seller';
        await add({ roles: ['agent'], agencyId, pool: pools.get(key(kind, agencyId)) });
      }
    }
  }
  log(`  organisation: ${regionIds.size} regions, ${agencyIds.size} agencies, ${pools.size} pools, ${n} users`);
}

async function loadOrg(db: Db): Promise<Org> {
  const regions = await sql<{ id: string; code: string }>`SELECT id, code FROM regions WHERE code LIKE 'B-%' ORDER BY code`.execute(db);
  const agencies = await sql<{ id: string; code: string; region_id: string }>`SELECT id, code, region_id FROM agencies WHERE code LIKE 'B-%' ORDER BY code`.execute(db);
  const members = await sql<{ user_id: string; kind: PoolKind; agency_id: string | null; region_id: string | null; scope: string }>`
    SELECT m.user_id, p.kind, p.agency_id, p.region_id, p.scope FROM pool_memberships m JOIN pools p ON p.id = m.pool_id ORDER BY m.user_id`.execute(db);
  const byCode = new Map(BENCH_REGIONS.flatMap((r) => r.agencies.map((a) => [a.code, { ...a, dial: r.dial }] as const)));
  const regionDial = new Map(BENCH_REGIONS.map((r) => [r.code, r.dial]));
  const people = new Map<string, string[]>();
  for (const m of members.rows) {
    const unit = m.scope === 'nation' ? 'nation' : m.scope === 'region' ? m.region_id! : m.agency_id!;
    const k = key(m.kind, unit);
    if (!people.has(k)) people.set(k, []);
    people.get(k)!.push(m.user_id);
  }
  return {
    regions: regions.rows.map((r) => ({ id: r.id, code: r.code, dial: regionDial.get(r.code)! })),
    agencies: agencies.rows.map((a) => {
      const info = byCode.get(a.code)!;
      return { id: a.id, code: a.code, regionId: a.region_id, dial: info.dial, city: info.city, postal: info.postal };
    }),
    people,
  };
}

const CHANNELS: Channel[] = ['phone_in', 'phone_out', 'email_in', 'email_out', 'visit', 'web', 'mail', 'chat', 'hotline'];
const CHANNEL_WEIGHTS = [25, 18, 15, 14, 10, 5, 3, 4, 6];
const DAY = 86_400_000;

interface BatchRows {
  accounts: number;
  contacts: number;
  interactions: number;
  events: number;
}

/** Builds and writes one batch of accounts with their contacts, interactions and trace, in the caller's transaction. */
async function writeBatch(db: Db, org: Org, plan: Plan, b: number): Promise<BatchRows> {
  const tStart = performance.now();
  const rng = prng(SEED ^ Math.imul(b + 1, 0x9e3779b1));
  const first = b * ACCOUNTS_PER_BATCH;
  const last = Math.min(plan.accounts, first + ACCOUNTS_PER_BATCH);
  const now = plan.now;
  const perWeight = FULL.interactions / FULL.accounts / 1.7; // mean weight: 10% key ×5, 30% intermediate ×2, 60% mass ×1
  const A = { id: [] as string[], name: [] as string[], siren: [] as (string | null)[], siret: [] as (string | null)[], segment: [] as string[], sector: [] as (string | null)[],
    size_band: [] as (string | null)[], revenue_cents: [] as (string | null)[], address_line: [] as (string | null)[], postal_code: [] as string[], city: [] as string[],
    phones: [] as string[], emails: [] as string[], phone_search: [] as string[], owner_id: [] as (string | null)[], agency_id: [] as string[], region_id: [] as string[],
    status: [] as string[], completeness: [] as number[], field_provenance: [] as string[], created_at: [] as string[] };
  const C = { id: [] as string[], account_id: [] as string[], first_name: [] as string[], last_name: [] as string[], job_title: [] as string[], phones: [] as string[],
    emails: [] as string[], phone_search: [] as string[], decision_maker: [] as boolean[], consent_call: [] as boolean[], consent_mail: [] as boolean[], created_at: [] as string[] };
  const I = { id: [] as string[], account_id: [] as string[], contact_id: [] as (string | null)[], channel: [] as string[], actor_id: [] as string[], subject: [] as string[],
    notes: [] as string[], outcome: [] as (string | null)[], occurred_at: [] as string[], recorded_at: [] as string[] };
  const events: BatchEvent[] = [];
  const people = (kind: PoolKind, unit: string) => org.people.get(key(kind, unit)) ?? [];

  for (let i = first; i < last; i++) {
    const agency = org.agencies[i % org.agencies.length]!;
    const segment: Segment = rng.chance(0.1) ? 'key' : rng.chance(0.33) ? 'intermediate' : 'mass';
    const { name, sector } = accountName(rng);
    const reps = people('sales', agency.id);
    const owner = segment !== 'mass' || rng.chance(0.5) ? rng.pick(reps) : null;
    const siren = rng.chance(0.92) ? sirenOf(i) : null;
    const siret = siren && (segment === 'key' || rng.chance(0.5)) ? withCheckDigit(siren + String(rng.int(1, 999)).padStart(4, '0')) : null;
    const phones = rng.chance(0.95) ? [landline(agency.dial, i)] : [];
    const domain = `${slug(name).slice(0, 24)}.fr`;
    const emails = rng.chance(0.75) ? [rng.chance(0.5) ? `contact@${domain}` : `direction@${domain}`] : [];
    const createdAt = now - rng.int(400, 1500) * DAY - rng.int(0, 8 * 3600) * 1000;
    const id = uuidv7({ msecs: createdAt });
    const row = {
      sizeBand: segment === 'key' ? rng.pick(['250-999', '1000+']) : segment === 'intermediate' ? rng.pick(['10-49', '50-249']) : rng.chance(0.7) ? '1-9' : null,
      revenueCents: segment === 'key' || rng.chance(0.3) ? rng.int(5, 5000) * 10_000_000 : null,
      addressLine: rng.chance(0.93) ? `${rng.int(1, 180)} ${rng.pick(N.STREETS)}` : null,
      sector: rng.chance(0.9) ? sector.sector : null,
      status: rng.chance(0.6) ? 'customer' : rng.chance(0.75) ? 'prospect' : 'former',
    };
    const stream = accountStream(id);
    events.push({ stream, action: 'account.created', actorId: owner, recordedAt: new Date(createdAt),
      payload: { name, siren, siret, segment, city: agency.city, agencyId: agency.id, ownerId: owner, channel: 'import' } });

    // Contacts: 0–4, two on average.
    const contactCount = rng.int(0, 4);
    const contactIds: string[] = [];
    let hasDecisionMaker = false;
    for (let c = 0; c < contactCount; c++) {
      const firstName = rng.pick(N.FIRST_NAMES);
      const lastName = rng.pick(N.LAST_NAMES);
      const at = createdAt + rng.int(0, 30) * DAY;
      const cid = uuidv7({ msecs: at });
      const cPhones = rng.chance(0.8) ? [mobile(i * 5 + c)] : [];
      const decisionMaker = c === 0 && rng.chance(0.6);
      hasDecisionMaker ||= decisionMaker;
      contactIds.push(cid);
      C.id.push(cid); C.account_id.push(id); C.first_name.push(firstName); C.last_name.push(lastName);
      const jobTitle = rng.pick(N.JOB_TITLES);
      C.job_title.push(jobTitle); C.phones.push(arrayLiteral(cPhones));
      C.emails.push(arrayLiteral(rng.chance(0.8) ? [`${slug(firstName)}.${slug(lastName)}@${domain}`] : []));
      C.phone_search.push(cPhones.map(phoneSearchDigits).join(' '));
      C.decision_maker.push(decisionMaker); C.consent_call.push(rng.chance(0.9)); C.consent_mail.push(rng.chance(0.8));
      C.created_at.push(new Date(at).toISOString());
      events.push({ stream, action: 'contact.created', actorId: owner, recordedAt: new Date(at),
        payload: { contactId: cid, firstName, lastName, jobTitle, decisionMaker } });
    }

    const score = completeness({
      segment, name, siren, siret, sector: row.sector, sizeBand: row.sizeBand, revenueCents: row.revenueCents, addressLine: row.addressLine,
      postalCode: agency.postal, city: agency.city, phones, emails, ownerId: owner, contactCount, hasDecisionMaker,
    }).score;
    const provenance = { by: owner, byName: 'Reprise des données', channel: 'import', at: new Date(createdAt).toISOString() };
    A.id.push(id); A.name.push(name); A.siren.push(siren); A.siret.push(siret); A.segment.push(segment); A.sector.push(row.sector);
    A.size_band.push(row.sizeBand); A.revenue_cents.push(row.revenueCents === null ? null : String(row.revenueCents));
    A.address_line.push(row.addressLine); A.postal_code.push(agency.postal); A.city.push(agency.city);
    A.phones.push(arrayLiteral(phones)); A.emails.push(arrayLiteral(emails)); A.phone_search.push(phones.map(phoneSearchDigits).join(' '));
    A.owner_id.push(owner); A.agency_id.push(agency.id); A.region_id.push(agency.regionId); A.status.push(row.status);
    A.completeness.push(score); A.field_provenance.push(JSON.stringify({ name: provenance, siren: provenance, phones: provenance }));
    A.created_at.push(new Date(createdAt).toISOString());

    // Interactions: 25 per account on average, key accounts five times a mass account's share.
    const weight = segment === 'key' ? 5 : segment === 'intermediate' ? 2 : 1;
    const count = Math.round(perWeight * weight * (0.5 + rng.next()));
    const accountEvents: BatchEvent[] = [];
    for (let k = 0; k < count; k++) {
      let r = rng.int(1, 100);
      let channel: Channel = 'phone_in';
      for (let c = 0; c < CHANNELS.length; c++) {
        r -= CHANNEL_WEIGHTS[c]!;
        if (r <= 0) {
          channel = CHANNELS[c]!;
          break;
        }
      }
      const candidates =
        channel === 'visit' || channel === 'email_out'
          ? reps
          : channel === 'phone_out'
            ? [...reps, ...people('telemarketing', 'nation'), ...people('associate_seller', agency.id)]
            : channel === 'hotline' || channel === 'mail'
              ? people('back_office', agency.regionId)
              : people('inbound', agency.regionId);
      const actor = channel === 'visit' && owner ? owner : rng.pick(candidates.length ? candidates : reps);
      const span = now - createdAt - 3 * DAY;
      const occurredAt = createdAt + DAY + Math.floor(rng.next() * span);
      const recordedAt = occurredAt + (rng.chance(0.08) ? rng.int(1, 2) * DAY : rng.int(1, 20) * 60_000);
      const iid = uuidv7({ msecs: recordedAt });
      const subject = rng.pick(N.SUBJECTS[channel]!);
      const occurredIso = new Date(occurredAt).toISOString();
      I.id.push(iid); I.account_id.push(id); I.contact_id.push(contactIds.length && rng.chance(0.8) ? rng.pick(contactIds) : null);
      I.channel.push(channel); I.actor_id.push(actor); I.subject.push(subject);
      I.notes.push(rng.chance(0.6) ? 'Échange cordial. Le client souhaite être recontacté avec une proposition chiffrée.' : '');
      I.outcome.push(rng.pick(N.OUTCOMES)); I.occurred_at.push(occurredIso); I.recorded_at.push(new Date(recordedAt).toISOString());
      accountEvents.push({ stream, action: 'interaction.logged', actorId: actor, recordedAt: new Date(recordedAt),
        payload: { interactionId: iid, channel, subject, occurredAt: occurredIso } });
    }
    accountEvents.sort((x, y) => x.recordedAt!.getTime() - y.recordedAt!.getTime());
    events.push(...accountEvents);
  }

  const tBuilt = performance.now();
  await sql`
    INSERT INTO accounts (id, name, siren, siret, segment, sector, size_band, revenue_cents, address_line, postal_code, city, phones, emails,
                          phone_search, owner_id, agency_id, region_id, status, completeness, field_provenance, created_by, created_at, updated_at)
    SELECT id, name, siren, siret, segment, sector, size_band, revenue_cents, address_line, postal_code, city, phones::text[], emails::text[],
           phone_search, owner_id, agency_id, region_id, status, completeness, field_provenance::jsonb, owner_id, created_at, created_at
    FROM unnest(${A.id}::uuid[], ${A.name}::text[], ${A.siren}::text[], ${A.siret}::text[], ${A.segment}::text[], ${A.sector}::text[],
                ${A.size_band}::text[], ${A.revenue_cents}::bigint[], ${A.address_line}::text[], ${A.postal_code}::text[], ${A.city}::text[],
                ${A.phones}::text[], ${A.emails}::text[], ${A.phone_search}::text[], ${A.owner_id}::uuid[], ${A.agency_id}::uuid[],
                ${A.region_id}::uuid[], ${A.status}::text[], ${A.completeness}::int[], ${A.field_provenance}::text[], ${A.created_at}::timestamptz[])
      AS t(id, name, siren, siret, segment, sector, size_band, revenue_cents, address_line, postal_code, city, phones, emails,
           phone_search, owner_id, agency_id, region_id, status, completeness, field_provenance, created_at)`.execute(db);
  if (C.id.length) {
    await sql`
      INSERT INTO contacts (id, account_id, first_name, last_name, job_title, phones, emails, phone_search, decision_maker, consent_call, consent_mail, created_at, updated_at)
      SELECT id, account_id, first_name, last_name, job_title, phones::text[], emails::text[], phone_search, decision_maker, consent_call, consent_mail, created_at, created_at
      FROM unnest(${C.id}::uuid[], ${C.account_id}::uuid[], ${C.first_name}::text[], ${C.last_name}::text[], ${C.job_title}::text[], ${C.phones}::text[],
                  ${C.emails}::text[], ${C.phone_search}::text[], ${C.decision_maker}::bool[], ${C.consent_call}::bool[], ${C.consent_mail}::bool[], ${C.created_at}::timestamptz[])
        AS t(id, account_id, first_name, last_name, job_title, phones, emails, phone_search, decision_maker, consent_call, consent_mail, created_at)`.execute(db);
  }
  const tRows = performance.now();
  const CH = 5000;
  for (let s = 0; s < I.id.length; s += CH) {
    const part = <T>(xs: T[]) => xs.slice(s, s + CH);
    await sql`
      INSERT INTO interactions (id, account_id, contact_id, channel, actor_id, subject, notes, outcome, occurred_at, recorded_at)
      SELECT * FROM unnest(${part(I.id)}::uuid[], ${part(I.account_id)}::uuid[], ${part(I.contact_id)}::uuid[], ${part(I.channel)}::text[],
                           ${part(I.actor_id)}::uuid[], ${part(I.subject)}::text[], ${part(I.notes)}::text[], ${part(I.outcome)}::text[],
                           ${part(I.occurred_at)}::timestamptz[], ${part(I.recorded_at)}::timestamptz[])`.execute(db);
  }
  const tInteractions = performance.now();
  // Streams are new accounts, each already in time order: the app's bulk path links them.
  await appendTraceBatch(db, events);
  if (process.env.BENCH_PROFILE) {
    const tEnd = performance.now();
    console.log(`    batch ${b}: build ${Math.round(tBuilt - tStart)} ms, accounts+contacts ${Math.round(tRows - tBuilt)} ms, interactions ${Math.round(tInteractions - tRows)} ms, trace ${Math.round(tEnd - tInteractions)} ms`);
  }
  return { accounts: A.id.length, contacts: C.id.length, interactions: I.id.length, events: events.length };
}

export interface GenerationReport {
  engine: string;
  scale: number;
  plan: Plan;
  resumedAtBatch: number;
  seconds: number;
  rows: Record<string, number>;
  rowsPerSecond: number;
  checkpointSeconds: number;
  analyzeSeconds: number;
  skipped: string[];
}

export async function countRows(db: Db): Promise<Record<string, number>> {
  const r = await sql<Record<string, number>>`
    SELECT (SELECT count(*)::int FROM regions) AS regions, (SELECT count(*)::int FROM agencies) AS agencies,
           (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM accounts) AS accounts,
           (SELECT count(*)::int FROM contacts) AS contacts, (SELECT count(*)::int FROM interactions) AS interactions,
           (SELECT count(*)::int FROM leads) AS leads, (SELECT count(*)::int FROM leads WHERE status = 'new') AS open_leads,
           (SELECT count(*)::int FROM cases) AS cases, (SELECT count(*)::int FROM cases WHERE status NOT IN ('resolved', 'closed')) AS open_cases,
           (SELECT count(*)::int FROM trace_events) AS trace_events`.execute(db);
  return r.rows[0]!;
}

export async function readPlan(t: Target): Promise<Plan | null> {
  const database = await openApp(t, 'bench generate');
  try {
    const done = await meta<{ complete: boolean }>(database.db, 'done');
    return done?.complete ? await meta<Plan>(database.db, "plan") : null;
  } finally {
    await database.close();
  }
}

export async function generate(t: Target, log: (s: string) => void): Promise<GenerationReport> {
  const started = Date.now();
  const database = await openApp(t, 'bench generate');
  const db = database.db;
  try {
    const sizes = sizesFor(t.scale);
    let plan = await meta<Plan>(db, 'plan');
    if (plan && plan.scale !== t.scale) throw new Error(`This database holds scale ${plan.scale}, not ${t.scale}: drop it first`);
    if (!plan) {
      const users = await db.selectFrom('users').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
      if (users.n > 0) throw new Error('The benchmark database already has users but no benchmark plan: use an empty database');
      plan = { scale: t.scale, accounts: sizes.accounts, batches: Math.ceil(sizes.accounts / ACCOUNTS_PER_BATCH), users: sizes.users, now: Date.now() };
      log(`Generating scale ${t.scale} on ${t.engine}: ${plan.accounts} accounts in ${plan.batches} batches, ${plan.users} users`);
      await db.transaction().execute(async (trx) => {
        await createOrg(trx, plan!.users, log);
        await setMeta(trx, 'plan', plan);
        await setMeta(trx, 'progress', { batchesDone: 0 });
      });
    }
    const progress = (await meta<{ batchesDone: number }>(db, 'progress'))!;
    const resumedAtBatch = progress.batchesDone;
    if (resumedAtBatch > 0 && resumedAtBatch < plan.batches) log(`Resuming at batch ${resumedAtBatch + 1}/${plan.batches}`);
    const org = await loadOrg(db);
    // Sanity: every generated number must be one the app itself accepts.
    for (const n of [landline('1', 0), landline('2', 7), landline('5', 199_999), mobile(0), mobile(999_999)]) {
      if (normalizePhone(n) !== n) throw new Error(`generated phone ${n} is not valid E.164 for the app`);
    }
    const totals = { accounts: 0, contacts: 0, interactions: 0, events: 0 };
    const batchStart = Date.now();
    for (let b = resumedAtBatch; b < plan.batches; b++) {
      const rows = await db.transaction().execute(async (trx) => {
        const r = await writeBatch(trx, org, plan!, b);
        await setMeta(trx, 'progress', { batchesDone: b + 1 });
        return r;
      });
      for (const k of Object.keys(totals) as Array<keyof typeof totals>) totals[k] += rows[k];
      if ((b + 1) % 10 === 0 || b + 1 === plan.batches) {
        const s = (Date.now() - batchStart) / 1000;
        const all = totals.accounts + totals.contacts + totals.interactions + totals.events;
        log(`  batch ${b + 1}/${plan.batches}: ${totals.accounts} accounts, ${totals.interactions} interactions, ${totals.events} trace events (${Math.round(all / s)} rows/s)`);
      }
    }
    const genSeconds = (Date.now() - batchStart) / 1000;
    let checkpointSeconds = 0;
    let analyzeSeconds = 0;
    const done = await meta<{ complete: boolean }>(db, 'done');
    if (!done?.complete) {
      const c0 = Date.now();
      const heads = await db.transaction().execute((trx) => writeCheckpoint(trx));
      checkpointSeconds = (Date.now() - c0) / 1000;
      log(`  checkpoint over ${heads} stream heads (${checkpointSeconds.toFixed(1)} s)`);
      const a0 = Date.now();
      await sql`VACUUM ANALYZE`.execute(db);
      analyzeSeconds = (Date.now() - a0) / 1000;
      log(`  VACUUM ANALYZE (${analyzeSeconds.toFixed(1)} s)`);
      await setMeta(db, 'done', { complete: true, at: new Date().toISOString() });
    }
    const rows = await countRows(db);
    const written = totals.accounts + totals.contacts + totals.interactions + totals.events;
    return {
      engine: t.engine,
      scale: t.scale,
      plan,
      resumedAtBatch,
      seconds: (Date.now() - started) / 1000,
      rows,
      rowsPerSecond: genSeconds > 0 ? Math.round(written / genSeconds) : 0,
      checkpointSeconds,
      analyzeSeconds,
      skipped: [],
    };
  } finally {
    await database.close();
  }
}

