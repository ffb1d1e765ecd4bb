// Pure rules of lead relay: who gets a lead, by when it must be qualified, which transitions are allowed.
import type { RoutingReason, RoutingRuleConfig, LeadStatus } from '../../contract/leads.ts';
import type { Segment } from '../db/schema.ts';
import { addBusinessMinutes, businessMinutesBetween, parisTime, type BusinessCalendar } from '../calendar/rules.ts';

export const DEFAULT_ROUTING_CONFIG: RoutingRuleConfig = {
  deadlineHours: { key: 9, intermediate: 18, mass: 27 },
  warnRatio: 0.75,
  expireAfterDays: 90,
};

/** The plain-language text every employee reads on the Rules page. */
export function routingRuleText(c: RoutingRuleConfig): string {
  const days = (h: number) => (h % 9 === 0 ? `${h / 9} business day${h === 9 ? '' : 's'}` : `${h} business hour${h === 1 ? '' : 's'}`);
  return (
    'A lead goes to the rep who owns the account. If that rep is absent, it goes to their backup; ' +
    'if the account has no owner, or neither is available, it goes to the person in the agency’s sales pool ' +
    'with the fewest open leads (ties: whoever received one least recently) — never to someone inactive or absent. ' +
    `It must be qualified within ${days(c.deadlineHours.key)} for a key account, ${days(c.deadlineHours.intermediate)} ` +
    `for an intermediate one and ${days(c.deadlineHours.mass)} for a small one, counted in Paris office hours ` +
    `(Monday–Friday 9:00–18:00, French public holidays closed). At ${Math.round(c.warnRatio * 100)}% of that time ` +
    'it is offered to the agency’s sales pool — a colleague may take it — and the rep is reminded; past the deadline ' +
    `it is late and the manager is alerted. An accepted lead not converted within ${c.expireAfterDays} days expires.`
  );
}

export interface Person {
  id: string;
  name: string;
  active: boolean;
  absentFrom: string | null;
  absentUntil: string | null;
  backupId: string | null;
}

export interface PoolCandidate extends Person {
  openLeads: number;
  /** When they were last given a lead (ISO), null if never: the rotation's tie-break. */
  lastAssignedAt: string | null;
}

/** Absent on this Paris calendar date (YYYY-MM-DD), both ends included; an open end means until further notice. */
export function isAbsent(p: Pick<Person, 'absentFrom' | 'absentUntil'>, date: string): boolean {
  if (!p.absentFrom) return false;
  return p.absentFrom <= date && (p.absentUntil === null || date <= p.absentUntil);
}

export const isAvailable = (p: Person, date: string) => p.active && !isAbsent(p, date);

export interface RoutingInput {
  owner: Person | null;
  /** The owner's backup, when the owner names one. */
  backup: Person | null;
  pool: PoolCandidate[];
  at: Date;
  ruleVersion: number;
}

export interface RoutingDecision {
  assigneeId: string | null;
  reason: RoutingReason;
}

/** Least open load first, then whoever received a lead least recently, then by id: fair and deterministic. */
export function pickFromPool(pool: PoolCandidate[], date: string): PoolCandidate | null {
  const available = pool.filter((p) => isAvailable(p, date));
  available.sort(
    (a, b) =>
      a.openLeads - b.openLeads ||
      (a.lastAssignedAt ?? '').localeCompare(b.lastAssignedAt ?? '') ||
      a.id.localeCompare(b.id),
  );
  return available[0] ?? null;
}

/** The owner, else their backup while the owner is merely absent; null when the lead must go to the pool. */
function personalRoute(owner: Person | null, backup: Person | null, date: string, v: number): RoutingDecision | null {
  if (owner && isAvailable(owner, date)) {
    return { assigneeId: owner.id, reason: { code: 'owner', text: `${owner.name} owns this account.`, ruleVersion: v } };
  }
  if (owner && owner.active && backup && isAvailable(backup, date)) {
    return {
      assigneeId: backup.id,
      reason: { code: 'owner_absent_backup', text: `${owner.name} owns this account but is absent; ${backup.name} is their backup.`, ruleVersion: v },
    };
  }
  return null;
}

/** Whether routing at `at` will ask the agency's pool: only then are its members' loads worth reading. */
export function needsPool(input: Pick<RoutingInput, 'owner' | 'backup' | 'at'>): boolean {
  return personalRoute(input.owner, input.backup, parisTime(input.at).date, 0) === null;
}

export function routeLead(input: RoutingInput): RoutingDecision {
  const date = parisTime(input.at).date;
  const v = input.ruleVersion;
  const { owner } = input;
  const personal = personalRoute(owner, input.backup, date, v);
  if (personal) return personal;
  const picked = pickFromPool(input.pool, date);
  if (picked) {
    const why = owner
      ? `${owner.name} owns this account but is ${owner.active ? 'absent' : 'no longer active'}${owner.active && owner.backupId ? ' and so is their backup' : ''}`
      : 'This account has no owner';
    return {
      assigneeId: picked.id,
      reason: {
        code: owner ? 'owner_unavailable_pool' : 'no_owner_pool',
        text: `${why}; ${picked.name} has the fewest open leads in the agency's sales pool (${picked.openLeads}).`,
        ruleVersion: v,
      },
    };
  }
  return {
    assigneeId: null,
    reason: { code: 'no_one_available', text: "Nobody in the agency's sales pool is available: the lead waits in the pool and the manager is alerted.", ruleVersion: v },
  };
}

export interface Deadlines {
  dueAt: Date;
  warnAt: Date;
}

/** Due after the segment's business hours from creation; the warning at warnRatio of that business time. */
export function leadDeadlines(cal: BusinessCalendar, config: RoutingRuleConfig, segment: Segment, createdAt: Date): Deadlines {
  const minutes = config.deadlineHours[segment] * 60;
  return {
    dueAt: addBusinessMinutes(cal, createdAt, minutes),
    warnAt: addBusinessMinutes(cal, createdAt, Math.round(minutes * config.warnRatio)),
  };
}

/** Business minutes left before the deadline (negative once late): the countdown on "Ma journée". */
export function businessMinutesLeft(cal: BusinessCalendar, now: Date, dueAt: Date): number {
  return now <= dueAt ? businessMinutesBetween(cal, now, dueAt) : -businessMinutesBetween(cal, dueAt, now);
}

export type LeadTransition = 'accept' | 'reject' | 'convert' | 'expire';

const ALLOWED: Record<LeadTransition, LeadStatus[]> = {
  accept: ['new'],
  reject: ['new'],
  // A rep who qualifies and sells at once may convert straight from new.
  convert: ['new', 'accepted'],
  expire: ['accepted'],
};

export function canTransition(from: LeadStatus, transition: LeadTransition): boolean {
  return ALLOWED[transition].includes(from);
}

export function nextStatus(transition: LeadTransition): LeadStatus {
  return ({ accept: 'accepted', reject: 'rejected', convert: 'converted', expire: 'expired' } as const)[transition];
}

/** A second relay of the same product for the same account within this window is probably a duplicate. */
export const DUPLICATE_WINDOW_MS = 24 * 3600_000;
