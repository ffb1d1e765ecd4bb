// Demo leads: three weeks of relays between channels, routed and timed by the real rules.
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../context.ts';
import type { LeadStatus, Segment } from '../db/schema.ts';
import type { BatchEvent } from '../trace/commands.ts';
import { accountStream } from '../accounts/commands.ts';
import { calendarAt } from '../calendar/current.ts';
import { DEFAULT_ROUTING_CONFIG, leadDeadlines, routeLead, type RoutingDecision } from '../leads/rules.ts';
import type { Rng } from './random.ts';
import { REJECT_REASONS } from '../../contract/leads.ts';

export const DEMO_PRODUCTS = [
  { code: 'FIXE-PRO', name: 'Ligne fixe Pro', family: 'Téléphonie fixe', complexity: 'basic', listPriceCents: 2_900 },
  { code: 'MOBILE-PRO', name: 'Forfait mobile Pro 100 Go', family: 'Mobile', complexity: 'basic', listPriceCents: 3_500 },
  { code: 'FIBRE-PRO', name: 'Fibre Pro 1 Gb/s', family: 'Internet', complexity: 'basic', listPriceCents: 5_900 },
  { code: 'CENTREX-IP', name: 'Standard téléphonique IP (Centrex)', family: 'Téléphonie d’entreprise', complexity: 'complex', listPriceCents: 120_000 },
  { code: 'VPN-MPLS', name: 'Réseau privé multisite (VPN MPLS)', family: 'Réseaux d’entreprise', complexity: 'complex', listPriceCents: 450_000 },
  { code: 'CONVERGENCE', name: 'Offre convergente fixe + mobile', family: 'Téléphonie d’entreprise', complexity: 'complex', listPriceCents: 90_000 },
] as const;

export const NEEDS = [
  'Souhaite équiper ses 12 commerciaux de forfaits mobiles',
  'Déménage au printemps, veut la fibre dans les nouveaux locaux',
  'Standard saturé aux heures de pointe, cherche une solution IP',
  'Ouvre deux nouveaux sites, besoin de relier les agences',
  'Facture jugée trop élevée, ouvert à une offre groupée',
  'Demande un devis pour 5 lignes fixes supplémentaires',
];

interface Account {
  id: string;
  name: string;
  segment: Segment;
  owner_id: string | null;
  agency_id: string;
  region_id: string;
}
export interface Relayer {
  id: string;
  source: 'phone_in' | 'phone_out' | 'marketing';
}

/** Leads in flight are new; older ones were mostly answered (45% accepted, 25% rejected, 23% converted), a few still wait, late. */
export function historicalStatus(rng: Rng, inFlight: boolean): LeadStatus {
  if (inFlight) return 'new';
  const roll = rng.int(1, 100);
  return roll <= 45 ? 'accepted' : roll <= 70 ? 'rejected' : roll <= 93 ? 'converted' : 'new';
}

/** One lead of the past, routed and timed by the real rules, with the trace events it left. */
export function historicalLead(
  rng: Rng,
  input: {
    account: Pick<Account, 'id' | 'segment' | 'agency_id' | 'region_id'>;
    contactId: string | null;
    productId: string;
    relayer: Relayer;
    createdAt: Date;
    decision: RoutingDecision;
    status: LeadStatus;
    now: number;
  },
) {
  const { account, createdAt, decision, status, relayer } = input;
  const { dueAt, warnAt } = leadDeadlines(calendarAt(createdAt), DEFAULT_ROUTING_CONFIG, account.segment, createdAt);
  const answeredAt = status === 'new' ? null : new Date(Math.min(input.now, createdAt.getTime() + rng.int(1, 30) * 3_600_000));
  const id = uuidv7({ msecs: createdAt.getTime() });
  const row = {
    id,
    account_id: account.id,
    contact_id: input.contactId,
    product_id: input.productId,
    need: rng.pick(NEEDS),
    estimated_value_cents: String(rng.int(5, 300) * 10_000),
    source: relayer.source,
    source_campaign: relayer.source === 'phone_out' && rng.chance(0.5) ? 'Renouvellement mobiles automne' : null,
    initiator_id: relayer.id,
    status,
    assignee_id: decision.assigneeId,
    agency_id: account.agency_id,
    region_id: account.region_id,
    routing: JSON.stringify(decision.reason),
    created_at: createdAt,
    due_at: dueAt,
    warn_at: warnAt,
    answered_at: answeredAt,
    reject_reason: status === 'rejected' ? rng.pick(REJECT_REASONS) : null,
    reject_note: status === 'rejected' ? 'Déjà équipé chez un concurrent jusqu’à fin 2027, à recontacter à l’échéance.' : null,
    expires_at: status === 'accepted' ? new Date(answeredAt!.getTime() + 90 * 86_400_000) : null,
    converted_at: status === 'converted' ? answeredAt : null,
  };
  const stream = accountStream(account.id);
  const events: BatchEvent[] = [
    {
      stream,
      action: 'lead.relayed',
      actorId: relayer.id,
      recordedAt: createdAt,
      payload: { leadId: id, productId: input.productId, need: row.need, source: row.source, assigneeId: decision.assigneeId, routing: decision.reason, dueAt: dueAt.toISOString() },
    },
  ];
  if (status !== 'new') {
    events.push({
      stream,
      action: `lead.${status}`,
      actorId: decision.assigneeId,
      recordedAt: answeredAt!,
      payload: { leadId: id, ...(status === 'rejected' && { reason: row.reject_reason, note: row.reject_note }) },
    });
  }
  return { row, events };
}

/** Builds lead rows and their trace events; the caller inserts them with the rest of the history. */
export function demoLeads(input: {
  rng: Rng;
  now: Date;
  accounts: Account[];
  contactsOf: (accountId: string) => Array<{ id: string }>;
  relayers: Relayer[];
  userName: (id: string) => string;
  productIds: string[];
  count: number;
  /** The showcase account gets a couple of open leads, one of them already late. */
  showcaseAccountId: string;
  /** A complex lead relayed three days ago and converted by the account's owner: the credit showcase. */
  showcaseRelay: { account: Account; relayer: Relayer; productId: string };
}) {
  const { rng, now } = input;
  const rows: Array<ReturnType<typeof historicalLead>['row']> = [];
  const events: BatchEvent[] = [];
  const owned = input.accounts.filter((a) => a.owner_id);
  for (let i = 0; i < input.count; i++) {
    const account = i < 2 ? input.accounts.find((a) => a.id === input.showcaseAccountId)! : rng.pick(owned);
    const relayer = rng.pick(input.relayers);
    // Most leads are days old; the first ones are fresh so "Ma journée" has work with live deadlines.
    const hoursAgo = i === 0 ? 60 : i === 1 ? 2 : i < 12 ? rng.int(1, 40) : rng.int(48, 21 * 24);
    const createdAt = new Date(now.getTime() - hoursAgo * 3_600_000);
    const decision = routeLead({
      owner: { id: account.owner_id!, name: input.userName(account.owner_id!), active: true, absentFrom: null, absentUntil: null, backupId: null },
      backup: null,
      pool: [],
      at: createdAt,
      ruleVersion: 0,
    });
    const contacts = input.contactsOf(account.id);
    const lead = historicalLead(rng, {
      account,
      contactId: contacts.length ? rng.pick(contacts).id : null,
      productId: rng.pick(input.productIds),
      relayer,
      createdAt,
      decision,
      status: historicalStatus(rng, hoursAgo < 48),
      now: now.getTime(),
    });
    rows.push(lead.row);
    events.push(...lead.events);
  }
  const { account, relayer, productId } = input.showcaseRelay;
  const relayedAt = new Date(now.getTime() - 3 * 86_400_000);
  relayedAt.setUTCHours(9, 14, 0, 0);
  const showcase = historicalLead(rng, {
    account,
    contactId: input.contactsOf(account.id)[0]?.id ?? null,
    productId,
    relayer,
    createdAt: relayedAt,
    decision: routeLead({
      owner: { id: account.owner_id!, name: input.userName(account.owner_id!), active: true, absentFrom: null, absentUntil: null, backupId: null },
      backup: null,
      pool: [],
      at: relayedAt,
      ruleVersion: 0,
    }),
    status: 'converted',
    now: now.getTime(),
  });
  rows.push(showcase.row);
  events.push(...showcase.events);
  return { rows, events, showcaseLeadId: showcase.row.id };
}

export async function insertLeads(db: Db, rows: ReturnType<typeof demoLeads>['rows']) {
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('leads').values(rows.slice(i, i + 500)).execute();
}
