// Reads of the credit ledger and disputes: the facts attribution needs, the evidence packet, the
// shapes the API returns, and the simulation (the live rules applied to hypothetical events).
import { NIL } from 'uuid';
import { sql } from 'kysely';
import type { Db } from '../context.ts';
import type {
  CreditEntry,
  CreditSimulation,
  DealCredits,
  Dispute,
  DisputeSummary,
  EvidencePacket,
  EvidenceRef,
  simulateCreditBody,
} from '../../contract/credit.ts';
import type { z } from 'zod';
import type { Bilingual } from '../../contract/values.ts';
import type { ArbiterLevel, CreditRole, DealTable } from '../db/schema.ts';
import type { Selectable } from 'kysely';
import type { Principal } from '../auth/principal.ts';
import { canReadDispute, disputeAbilities, readableRegions, type DisputeScope } from '../auth/policy.ts';
import { streamOf } from '../trace/rules.ts';
import { checkChain, erasureClaims } from '../trace/verify.ts';
import { parisTime } from '../calendar/rules.ts';
import { isAbsent } from '../leads/rules.ts';
import { attributionInForce, eligibilityInForce, incentiveInForce } from '../catalog/queries.ts';
import { checkEligibility, type Complexity } from '../catalog/rules.ts';
import { attribute, creditLine, explainCredit, type CreditFacts, type Initiative, type ManagerCandidate, type Person, type Place } from './rules.ts';
import { poolKindsOn } from '../org/queries.ts';

const DAY_MS = 86_400_000;
const iso = (d: Date | string) => new Date(d).toISOString();

export interface WonLine {
  id: string;
  amountCents: number;
  productId: string;
  productName: string;
  family: string;
  complexity: Complexity;
}

export async function wonLines(db: Db, dealId: string): Promise<WonLine[]> {
  const rows = await db
    .selectFrom('deal_lines as l')
    .innerJoin('products as p', 'p.id', 'l.product_id')
    .select(['l.id', 'l.amount_cents', 'p.id as product_id', 'p.name', 'p.family', 'p.complexity'])
    .where('l.deal_id', '=', dealId)
    .orderBy('l.position')
    .execute();
  return rows.map((r) => ({ id: r.id, amountCents: Number(r.amount_cents), productId: r.product_id, productName: r.name, family: r.family, complexity: r.complexity }));
}

/** The names of these people, by id (the unknown and the nulls left out). */
export async function peopleNamed(db: Db, ids: ReadonlyArray<string | null>): Promise<(id: string) => Person> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  const rows = wanted.length ? await db.selectFrom('users').select(['id', 'name']).where('id', 'in', wanted).execute() : [];
  const names = new Map(rows.map((r) => [r.id, r.name]));
  return (id) => ({ id, name: names.get(id) ?? '?' });
}

/** Every lead and deal on the account for a product family: who initiated it and when the database recorded it. */
export async function initiativesOn(db: Db, accountId: string, family: string): Promise<Initiative[]> {
  const rows = await sql<{ kind: 'lead' | 'deal'; id: string; person_id: string | null; recorded_at: Date }>`
    SELECT 'lead' AS kind, l.id, l.initiator_id AS person_id, l.created_at AS recorded_at
      FROM leads l JOIN products p ON p.id = l.product_id
      WHERE l.account_id = ${accountId} AND p.family = ${family}
    UNION ALL
    SELECT DISTINCT 'deal' AS kind, d.id, d.created_by AS person_id, d.created_at AS recorded_at
      FROM deals d JOIN deal_lines dl ON dl.deal_id = d.id JOIN products p ON p.id = dl.product_id
      WHERE d.account_id = ${accountId} AND p.family = ${family}
  `.execute(db);
  return rows.rows.map((r) => ({ kind: r.kind, id: r.id, personId: r.person_id, recordedAt: new Date(r.recorded_at) }));
}

/** The trace event that recorded a lead's relay or a deal's opening. */
export async function creationEvent(db: Db, accountId: string, kind: 'lead' | 'deal', id: string): Promise<EvidenceRef | null> {
  const row = await db
    .selectFrom('trace_events')
    .select(['stream', 'seq', 'action', 'hash', 'recorded_at'])
    .where('stream', '=', streamOf('account', accountId))
    .where('action', '=', kind === 'lead' ? 'lead.relayed' : 'deal.created')
    .where(sql<string>`payload->>${kind === 'lead' ? 'leadId' : 'dealId'}`, '=', id)
    .executeTakeFirst();
  return row ? { stream: row.stream, seq: row.seq, action: row.action, hash: row.hash, recordedAt: iso(row.recorded_at) } : null;
}

/** Each person's net share of a line (basis points), disputes' adjustments included. */
export async function netShares(db: Db, lineId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('credit_entries')
    .select(['user_id', sql<number>`sum(share_bp)::int`.as('bp')])
    .where('line_id', '=', lineId)
    .groupBy('user_id')
    .execute();
  return new Map(rows.map((r) => [r.user_id, r.bp]));
}

/** Where a person sits in the organisation: their home agency and its region. */
export async function placeOf(db: Db, userId: string): Promise<Place> {
  const row = await db
    .selectFrom('users as u')
    .leftJoin('agencies as a', 'a.id', 'u.home_agency_id')
    .select(['u.home_agency_id', 'a.region_id'])
    .where('u.id', '=', userId)
    .executeTakeFirst();
  return { userId, agencyId: row?.home_agency_id ?? null, regionId: row?.region_id ?? null };
}

/** Everyone who manages an agency, a region or the nation, and whether they can arbitrate today. */
export async function arbiterCandidates(db: Db, now: Date): Promise<ManagerCandidate[]> {
  const today = parisTime(now).date;
  const rows = await db
    .selectFrom('managed_units as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.user_id', 'm.unit_type', 'm.unit_id', 'u.active', 'u.absent_from', 'u.absent_until', 'u.roles'])
    .where('m.unit_type', 'in', ['agency', 'region', 'nation'])
    .execute();
  return rows
    .filter((r) => r.roles.includes('manager') || r.roles.includes('director'))
    .map((r) => ({
      userId: r.user_id,
      level: r.unit_type as ArbiterLevel,
      unitId: r.unit_id,
      available: r.active && !isAbsent({ absentFrom: r.absent_from, absentUntil: r.absent_until }, today),
    }));
}

/** Ids of the leads and deals on an account for a family: the records its evidence is about. */
async function familyRecords(db: Db, accountId: string, family: string): Promise<Set<string>> {
  return new Set((await initiativesOn(db, accountId, family)).map((i) => i.id));
}

/**
 * The evidence packet: every trace event of the account about the family's leads and deals, from
 * the start of the attribution window before the win until now, in order, with hashes, and whether
 * the account's whole chain verifies. Frozen into the dispute when it is filed.
 */
export async function assembleEvidence(
  db: Db,
  deal: Pick<Selectable<DealTable>, 'account_id' | 'closed_at' | 'created_at'>,
  family: string,
  windowDays: number,
  now: Date,
): Promise<EvidencePacket> {
  const stream = streamOf('account', deal.account_id);
  const wonAt = deal.closed_at ? new Date(deal.closed_at) : now;
  const windowFrom = new Date(wonAt.getTime() - windowDays * DAY_MS);
  const [rows, records, erasures] = await Promise.all([
    db
      .selectFrom('trace_events as e')
      .leftJoin('users as u', 'u.id', 'e.actor_id')
      .select(['e.stream', 'e.seq', 'e.actor_id', 'u.name as actor_name', 'e.action', 'e.recorded_at', 'e.payload', 'e.payload_hash', 'e.prev_hash', 'e.hash'])
      .where('e.stream', '=', stream)
      .orderBy('e.seq')
      .execute(),
    familyRecords(db, deal.account_id, family),
    erasureClaims(db, stream),
  ]);
  const broken = checkChain(rows, null, erasures);
  const about = (payload: unknown) => {
    const p = payload as { leadId?: unknown; dealId?: unknown };
    return (typeof p.leadId === 'string' && records.has(p.leadId)) || (typeof p.dealId === 'string' && records.has(p.dealId));
  };
  const events = rows
    .filter((e) => new Date(e.recorded_at) >= windowFrom && about(e.payload))
    .map((e) => ({
      stream: e.stream,
      seq: e.seq,
      action: e.action,
      actorName: e.actor_name,
      recordedAt: iso(e.recorded_at),
      payload: e.payload as Record<string, unknown>,
      prevHash: e.prev_hash,
      hash: e.hash,
    }));
  return { assembledAt: now.toISOString(), windowFrom: windowFrom.toISOString(), windowTo: now.toISOString(), chainVerified: broken === null, brokenAtSeq: broken?.seq ?? null, events };
}

// --- Ledger entries as the API shows them ---

interface EntryRow {
  id: string;
  deal_id: string;
  deal_title: string;
  line_id: string;
  product_name: string;
  family: string;
  account_id: string;
  account_name: string;
  user_id: string;
  user_name: string;
  role: CreditRole;
  share_bp: number;
  amount_cents: string;
  currency: string;
  recorded_at: Date;
  basis: Record<string, unknown>;
  dispute_id: string | null;
}

function entryQuery(db: Db) {
  return db
    .selectFrom('credit_entries as c')
    .innerJoin('deals as d', 'd.id', 'c.deal_id')
    .innerJoin('deal_lines as l', 'l.id', 'c.line_id')
    .innerJoin('products as p', 'p.id', 'l.product_id')
    .innerJoin('accounts as a', 'a.id', 'c.account_id')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .select([
      'c.id',
      'c.deal_id',
      'd.title as deal_title',
      'c.line_id',
      'p.name as product_name',
      'c.family',
      'c.account_id',
      'a.name as account_name',
      'c.user_id',
      'u.name as user_name',
      'c.role',
      'c.share_bp',
      'c.amount_cents',
      'd.currency',
      'c.recorded_at',
      'c.basis',
      'c.dispute_id',
    ]);
}

function toEntry(r: EntryRow): CreditEntry {
  const basis = r.basis as {
    ruleVersions?: CreditEntry['ruleVersions'];
    evidence?: EvidenceRef[];
    facts?: CreditFacts;
    explanation?: Bilingual;
  };
  const explanation: Bilingual =
    r.role === 'adjustment' ? basis.explanation! : explainCredit(r.role, r.share_bp, basis.facts!);
  return {
    id: r.id,
    dealId: r.deal_id,
    dealTitle: r.deal_title,
    lineId: r.line_id,
    productName: r.product_name,
    family: r.family,
    accountId: r.account_id,
    accountName: r.account_name,
    userId: r.user_id,
    userName: r.user_name,
    role: r.role,
    sharePct: r.share_bp / 100,
    amountCents: Number(r.amount_cents),
    currency: r.currency,
    recordedAt: iso(r.recorded_at),
    ruleVersions: basis.ruleVersions ?? { attribution: 0, incentive: 0, eligibility: 0 },
    evidence: basis.evidence ?? [],
    explanation,
    disputeId: r.dispute_id,
  };
}

export async function dealCredits(db: Db, dealId: string): Promise<DealCredits> {
  const [lines, rows] = await Promise.all([
    wonLines(db, dealId),
    entryQuery(db).where('c.deal_id', '=', dealId).orderBy('c.recorded_at').orderBy('c.id').execute(),
  ]);
  const entries = rows.map((r) => toEntry(r as EntryRow));
  return {
    lines: lines
      .filter((l) => entries.some((e) => e.lineId === l.id))
      .map((l) => {
        const mine = entries.filter((e) => e.lineId === l.id);
        const net = new Map<string, { userId: string; userName: string; sharePct: number; amountCents: number }>();
        for (const e of mine) {
          const n = net.get(e.userId) ?? { userId: e.userId, userName: e.userName, sharePct: 0, amountCents: 0 };
          n.sharePct = Math.round((n.sharePct + e.sharePct) * 100) / 100;
          n.amountCents += e.amountCents;
          net.set(e.userId, n);
        }
        return {
          lineId: l.id,
          productName: l.productName,
          family: l.family,
          amountCents: l.amountCents,
          entries: mine,
          net: [...net.values()].filter((n) => n.sharePct !== 0).sort((a, b) => b.sharePct - a.sharePct),
        };
      }),
  };
}

export async function personCredits(db: Db, userId: string, from: string | undefined, to: string | undefined) {
  const rows = await entryQuery(db)
    .where('c.user_id', '=', userId)
    .$if(from !== undefined, (q) => q.where(sql<string>`(c.recorded_at AT TIME ZONE 'Europe/Paris')::date`, '>=', from!))
    .$if(to !== undefined, (q) => q.where(sql<string>`(c.recorded_at AT TIME ZONE 'Europe/Paris')::date`, '<=', to!))
    .orderBy('c.recorded_at', 'desc')
    .orderBy('c.id')
    .limit(2000)
    .execute();
  const items = rows.map((r) => toEntry(r as EntryRow));
  const byRole: Record<CreditRole, number> = { initiator: 0, seller: 0, owner_incentive: 0, adjustment: 0 };
  for (const e of items) byRole[e.role] += e.amountCents;
  return {
    items,
    totals: { amountCents: items.reduce((s, e) => s + e.amountCents, 0), deals: new Set(items.map((e) => e.dealId)).size, byRole },
  };
}

// --- Disputes ---

/** Disputes with the names and the deal's scope they are read and decided with. */
function disputeRows(db: Db) {
  return db
    .selectFrom('credit_disputes as x')
    .innerJoin('deals as d', 'd.id', 'x.deal_id')
    .innerJoin('deal_lines as l', 'l.id', 'x.line_id')
    .innerJoin('products as p', 'p.id', 'l.product_id')
    .innerJoin('accounts as a', 'a.id', 'x.account_id')
    .innerJoin('users as c', 'c.id', 'x.claimant_id')
    .innerJoin('users as o', 'o.id', 'x.counterparty_id')
    .innerJoin('users as r', 'r.id', 'x.arbiter_id')
    .leftJoin('users as ap', 'ap.id', 'x.appealed_by')
    .selectAll('x')
    .select([
      'd.title as deal_title',
      'd.owner_id',
      'd.agency_id',
      'd.region_id',
      'l.amount_cents as line_amount',
      'p.name as product_name',
      'a.name as account_name',
      'c.name as claimant_name',
      'o.name as counterparty_name',
      'r.name as arbiter_name',
      'ap.name as appealed_by_name',
    ]);
}

export async function disputeRow(db: Db, id: string, lock = false) {
  const r = await disputeRows(db)
    .where('x.id', '=', id)
    .$if(lock, (q) => q.forUpdate('x'))
    .executeTakeFirst();
  return r && { ...r, line_amount_cents: Number(r.line_amount) };
}
type DisputeRow = NonNullable<Awaited<ReturnType<typeof disputeRow>>>;

export function scopeOfDispute(d: Pick<DisputeRow, 'owner_id' | 'agency_id' | 'region_id' | 'claimant_id' | 'counterparty_id' | 'arbiter_id' | 'status'>): DisputeScope {
  return {
    ownerId: d.owner_id,
    agencyId: d.agency_id,
    regionId: d.region_id,
    claimantId: d.claimant_id,
    counterpartyId: d.counterparty_id,
    arbiterId: d.arbiter_id,
    status: d.status,
  };
}

function toSummary(d: DisputeRow): DisputeSummary {
  return {
    id: d.id,
    reference: d.reference,
    dealId: d.deal_id,
    dealTitle: d.deal_title,
    lineId: d.line_id,
    productName: d.product_name,
    family: d.family,
    accountId: d.account_id,
    accountName: d.account_name,
    claimant: { id: d.claimant_id, name: d.claimant_name },
    counterparty: { id: d.counterparty_id, name: d.counterparty_name },
    requestedPct: d.requested_bp / 100,
    status: d.status,
    arbiter: { id: d.arbiter_id, name: d.arbiter_name },
    arbiterLevel: d.arbiter_level,
    filedAt: iso(d.filed_at),
    version: d.version,
  };
}

export async function getDispute(db: Db, p: Principal, id: string): Promise<Dispute | null> {
  const d = await disputeRow(db, id);
  if (!d || !canReadDispute(p, scopeOfDispute(d))) return null;
  const rulings = await db
    .selectFrom('credit_rulings as r')
    .innerJoin('users as u', 'u.id', 'r.arbiter_id')
    .select(['r.round', 'r.arbiter_id', 'u.name', 'r.level', 'r.awarded_bp', 'r.justification', 'r.decided_at'])
    .where('r.dispute_id', '=', id)
    .orderBy('r.round')
    .execute();
  return {
    ...toSummary(d),
    claim: d.claim,
    evidence: d.evidence as EvidencePacket,
    rulings: rulings.map((r) => ({
      round: r.round,
      arbiter: { id: r.arbiter_id, name: r.name },
      level: r.level,
      awardedPct: r.awarded_bp / 100,
      justification: r.justification,
      decidedAt: iso(r.decided_at),
    })),
    appealedBy: d.appealed_by ? { id: d.appealed_by, name: d.appealed_by_name ?? '?' } : null,
    appealReason: d.appeal_reason,
    abilities: disputeAbilities(p, scopeOfDispute(d)),
  };
}

/** party: disputes I filed or that contest my credit; arbiter: mine to decide (and decided); unit: my units' (managers). */
export async function listDisputes(db: Db, p: Principal, role: 'party' | 'arbiter' | 'unit', dealId?: string): Promise<DisputeSummary[]> {
  const me = p.userId ?? '';
  const rows = await disputeRows(db)
    .$if(role === 'party', (q) => q.where((eb) => eb.or([eb('x.claimant_id', '=', me), eb('x.counterparty_id', '=', me)])))
    .$if(role === 'arbiter', (q) =>
      q.where((eb) => eb.or([eb('x.arbiter_id', '=', me), eb.exists(eb.selectFrom('credit_rulings as cr').select('cr.id').where('cr.dispute_id', '=', eb.ref('x.id')).where('cr.arbiter_id', '=', me))])),
    )
    .$if(role === 'unit', (q) => {
      const regions = readableRegions(p);
      return regions === 'all' ? q : q.where('d.region_id', 'in', regions.length ? regions : [NIL]);
    })
    .$if(dealId !== undefined, (q) => q.where('x.deal_id', '=', dealId!))
    .orderBy('x.filed_at', 'desc')
    .limit(500)
    .execute();
  return rows
    .map((r) => ({ ...r, line_amount_cents: Number(r.line_amount) }))
    .filter((d) => canReadDispute(p, scopeOfDispute(d)))
    .map(toSummary);
}

// --- Simulation ---

/** Who would be credited, and why, if the product were sold on the account now (or at wonAt) under the live rules. */
export async function simulateCredit(db: Db, input: z.output<typeof simulateCreditBody>, now: Date): Promise<CreditSimulation | null> {
  const [account, product, seller] = await Promise.all([
    db.selectFrom('accounts').select(['id', 'owner_id']).where('id', '=', input.accountId).executeTakeFirst(),
    db.selectFrom('products').select(['id', 'name', 'family', 'complexity']).where('id', '=', input.productId).executeTakeFirst(),
    db.selectFrom('users').select(['id', 'name']).where('id', '=', input.sellerId).executeTakeFirst(),
  ]);
  if (!account || !product || !seller) return null;
  const wonAt = input.wonAt ? new Date(input.wonAt) : now;
  const [attribution, incentive, eligibility, recorded, sellerKinds] = await Promise.all([
    attributionInForce(db, wonAt),
    incentiveInForce(db, product.family, wonAt),
    eligibilityInForce(db, product, wonAt),
    input.includeRecorded ? initiativesOn(db, account.id, product.family) : Promise.resolve([]),
    poolKindsOn(db, seller.id, parisTime(wonAt).date),
  ]);
  const hypothetical: Initiative[] = input.events.map((e, i) => ({ kind: e.kind, id: `hypothetical-${String(i).padStart(3, '0')}`, personId: e.personId, recordedAt: new Date(e.at) }));
  const { initiator, classified } = attribute([...recorded, ...hypothetical], wonAt, attribution.config);
  const person = await peopleNamed(db, [seller.id, account.owner_id, ...classified.map((c) => c.initiative.personId)]);
  const { facts, shares } = creditLine({
    family: product.family,
    amountCents: input.amountCents,
    wonAt,
    seller: person(seller.id),
    // The deal is imagined opened by the seller at the moment of the sale.
    opened: { at: wonAt, by: person(seller.id) },
    initiator: initiator && { ...person(initiator.personId!), kind: initiator.kind, recordedAt: initiator.recordedAt },
    ownerRep: account.owner_id ? person(account.owner_id) : null,
    incentivePct: incentive.config.ownerSharePct,
    attribution: attribution.config,
  });
  const check = checkEligibility(sellerKinds, eligibility.config);
  return {
    eligible: check.eligible,
    eligibility: eligibility.text,
    entries: shares.map((s) => ({
      userId: s.userId,
      userName: person(s.userId).name,
      role: s.role,
      sharePct: s.shareBp / 100,
      amountCents: s.amountCents,
      explanation: explainCredit(s.role, s.shareBp, facts),
    })),
    initiatives: classified.map(({ initiative, status }) => ({
      kind: initiative.kind,
      personId: initiative.personId,
      personName: initiative.personId ? person(initiative.personId).name : null,
      recordedAt: initiative.recordedAt.toISOString(),
      source: initiative.id.startsWith('hypothetical-') ? 'hypothetical' : 'recorded',
      status,
    })),
    rules: { attribution: attribution.version, incentive: incentive.version, eligibility: eligibility.version },
  };
}

