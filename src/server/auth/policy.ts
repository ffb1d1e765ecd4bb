// The one place that decides who may do what. Pure: a principal, an action, a resource → yes or no.
// Lists use readableRegions() in their SQL, so a forbidden record reads as "not found".
import type { PoolKind } from '../db/schema.ts';
import type { Principal } from './principal.ts';

/** Where an account-scoped record lives: enough to decide every account action. */
export interface AccountScope {
  ownerId: string | null;
  agencyId: string;
  regionId: string;
}

export const ACCOUNT_ACTIONS = [
  'account.read',
  'account.create',
  'account.update',
  'account.reassign',
  'account.archive',
  'contact.write',
  'interaction.create',
  'trace.read',
  'deal.create',
  'deal.update',
  'deal.reassign',
  'credit.dispute',
  'case.open',
] as const;
export type AccountAction = (typeof ACCOUNT_ACTIONS)[number];

export const GLOBAL_ACTIONS = [
  'org.read',
  'org.manage',
  'user.read',
  'user.manage',
  'trace.explore',
  'token.manage',
  'catalog.manage',
  'rules.manage',
  'data.erase',
] as const;
export type GlobalAction = (typeof GLOBAL_ACTIONS)[number];

export type Action = AccountAction | GlobalAction;

const WRITE_ACTIONS: ReadonlySet<Action> = new Set<Action>([
  'account.create',
  'account.update',
  'account.reassign',
  'account.archive',
  'contact.write',
  'interaction.create',
  'deal.create',
  'deal.update',
  'deal.reassign',
  'credit.dispute',
  'case.open',
  'org.manage',
  'user.manage',
  'token.manage',
  'catalog.manage',
  'rules.manage',
  'data.erase',
]);

/** Pools that talk to customers and so log contacts and keep contact details right. */
const CUSTOMER_FACING: ReadonlySet<PoolKind> = new Set<PoolKind>([
  'sales',
  'sales_assistant',
  'inbound',
  'telemarketing',
  'associate_seller',
  'back_office',
]);

/** Pools that sell (some products at least) and so open deals; eligibility decides what each may close. */
const SELLING: ReadonlySet<PoolKind> = new Set<PoolKind>(['sales', 'sales_assistant', 'inbound', 'telemarketing', 'associate_seller']);

/** Pools that own a portfolio and may edit an account's identity in their area. */
const PORTFOLIO: ReadonlySet<PoolKind> = new Set<PoolKind>(['sales', 'sales_assistant']);

const isAdmin = (p: Principal) => p.roles.includes('admin');
const isManagerial = (p: Principal) => p.roles.includes('manager') || p.roles.includes('director');

/** Regions whose accounts this person may read; 'all' for nationwide reach. */
export function readableRegions(p: Principal): 'all' | string[] {
  if (isAdmin(p)) return 'all';
  const regions = new Set<string>();
  for (const pool of p.pools) {
    if (pool.scope === 'nation') return 'all';
    if (pool.regionId) regions.add(pool.regionId);
  }
  if (isManagerial(p)) {
    for (const unit of p.managed) {
      if (unit.type === 'nation' || unit.regionId === null) return 'all';
      regions.add(unit.regionId);
    }
  }
  // No grant from the home agency alone: reading the shared record comes with a pool or a managed unit.
  return [...regions];
}

function reads(p: Principal, r: AccountScope): boolean {
  const regions = readableRegions(p);
  return regions === 'all' || regions.includes(r.regionId);
}

/** A manager or director whose managed unit contains the account (pools: their area). */
function manages(p: Principal, r: AccountScope): boolean {
  if (!isManagerial(p)) return false;
  return p.managed.some((u) => {
    switch (u.type) {
      case 'nation':
        return true;
      case 'region':
        return u.id === r.regionId;
      case 'agency':
        return u.id === r.agencyId;
      // A pool's area is its scope: its agency, its region, or the nation.
      case 'pool':
        if (u.agencyId) return u.agencyId === r.agencyId;
        return u.regionId === null || u.regionId === r.regionId;
    }
  });
}

function inPoolArea(p: Principal, kinds: ReadonlySet<PoolKind>, r: AccountScope): boolean {
  return p.pools.some(
    (pool) =>
      kinds.has(pool.kind) &&
      (pool.scope === 'nation' ||
        (pool.scope === 'region' && pool.regionId === r.regionId) ||
        (pool.scope === 'agency' && pool.agencyId === r.agencyId)),
  );
}

const customerFacing = (p: Principal) => p.pools.some((pool) => CUSTOMER_FACING.has(pool.kind));

export function can(p: Principal, action: GlobalAction): boolean;
export function can(p: Principal, action: AccountAction, resource: AccountScope): boolean;
export function can(p: Principal, action: Action, resource?: AccountScope): boolean {
  if (p.tokenScopes && WRITE_ACTIONS.has(action) && !p.tokenScopes.includes('write')) return false;
  if (isAdmin(p)) return true;
  switch (action) {
    case 'org.read':
    case 'token.manage':
      return true;
    case 'org.manage':
    case 'user.manage':
    case 'catalog.manage':
    case 'rules.manage':
    case 'data.erase':
      return false;
    case 'trace.explore':
      return p.roles.includes('director');
    case 'user.read':
      return false;
  }
  const r = resource!;
  if (!reads(p, r)) return false;
  switch (action) {
    case 'account.read':
    case 'trace.read':
      return true;
    case 'account.create':
      return customerFacing(p) || isManagerial(p);
    case 'account.update':
      return r.ownerId === p.userId || manages(p, r) || inPoolArea(p, PORTFOLIO, r);
    case 'account.reassign':
    case 'account.archive':
      return manages(p, r);
    // Inbound, telemarketing and back-office pools serve several agencies or the whole nation:
    // anyone customer-facing who can read the account may log a contact and fix contact details.
    case 'contact.write':
    case 'interaction.create':
      return r.ownerId === p.userId || manages(p, r) || customerFacing(p);
    case 'deal.create':
      return p.pools.some((pool) => SELLING.has(pool.kind)) || isManagerial(p);
    // For deals, ownerId is the deal's owner: they work it; their managers may step in.
    case 'deal.update':
      return r.ownerId === p.userId || manages(p, r);
    case 'deal.reassign':
      return manages(p, r);
    // Anyone who can see a sale may contest its credit, credited or not.
    case 'credit.dispute':
      return true;
    // Anyone who talks to customers (back office included) and reads the account may open a case; managers too.
    case 'case.open':
      return customerFacing(p) || isManagerial(p);
  }
}

/** The abilities sent with a record, so the web app shows or hides actions without re-deciding them. */
export function accountAbilities(p: Principal, r: AccountScope) {
  return {
    update: can(p, 'account.update', r),
    reassign: can(p, 'account.reassign', r),
    archive: can(p, 'account.archive', r),
    writeContacts: can(p, 'contact.write', r),
    logInteraction: can(p, 'interaction.create', r),
    openCase: can(p, 'case.open', r),
  };
}
export type AccountAbilities = ReturnType<typeof accountAbilities>;

/** Where a lead lives and who holds it: enough to decide every lead action. */
export interface LeadScope extends AccountScope {
  assigneeId: string | null;
  initiatorId: string | null;
  status: 'new' | 'accepted' | 'rejected' | 'converted' | 'expired';
  /** Offered to the agency's sales pool at the warning point and not yet taken by a colleague. */
  offered: boolean;
}

/** Anyone who reads the account and serves customers, markets, or manages may pass a lead on. */
export function canRelayLead(p: Principal, r: AccountScope): boolean {
  if (p.tokenScopes && !p.tokenScopes.includes('write')) return false;
  if (isAdmin(p)) return true;
  return reads(p, r) && (customerFacing(p) || isManagerial(p) || p.pools.some((pool) => pool.kind === 'marketing'));
}

/** A lead is visible to whoever reads its account, and always to the one who relayed it and the one who holds it. */
export function canReadLead(p: Principal, l: LeadScope): boolean {
  return isAdmin(p) || l.initiatorId === p.userId || l.assigneeId === p.userId || reads(p, l);
}

export function leadAbilities(p: Principal, l: LeadScope) {
  const writes = !p.tokenScopes || p.tokenScopes.includes('write');
  const holds = l.assigneeId === p.userId || manages(p, l) || isAdmin(p);
  const inAgencySalesPool = p.pools.some((pool) => pool.kind === 'sales' && pool.scope === 'agency' && pool.agencyId === l.agencyId);
  return {
    accept: writes && holds && l.status === 'new',
    reject: writes && holds && l.status === 'new',
    convert: writes && holds && (l.status === 'new' || l.status === 'accepted'),
    // At the warning point a lead is offered to the agency's sales pool: a colleague may take it.
    take: writes && l.status === 'new' && l.offered && inAgencySalesPool && l.assigneeId !== p.userId,
  };
}
export type LeadAbilities = ReturnType<typeof leadAbilities>;

/** Where a dispute lives and who is in it. */
export interface DisputeScope extends AccountScope {
  claimantId: string;
  counterpartyId: string;
  arbiterId: string;
  status: 'open' | 'decided' | 'appealed' | 'final';
}

/** The parties, the arbiter, the managers of the deal's unit and admins read a dispute; nobody else. */
export function canReadDispute(p: Principal, d: DisputeScope): boolean {
  return isAdmin(p) || [d.claimantId, d.counterpartyId, d.arbiterId].includes(p.userId ?? '') || manages(p, d);
}

export function disputeAbilities(p: Principal, d: DisputeScope) {
  const writes = !p.tokenScopes || p.tokenScopes.includes('write');
  const party = p.userId === d.claimantId || p.userId === d.counterpartyId;
  return {
    decide: writes && p.userId === d.arbiterId && (d.status === 'open' || d.status === 'appealed'),
    appeal: writes && party && d.status === 'decided',
  };
}
export type DisputeAbilities = ReturnType<typeof disputeAbilities>;

/** Whose credits one may read: one's own; a manager, the people whose home is in their units. */
export function canReadCreditsOf(p: Principal, person: { userId: string; agencyId: string | null; regionId: string | null }): boolean {
  if (p.userId === person.userId || isAdmin(p)) return true;
  if (!person.agencyId || !person.regionId) return p.managed.some((u) => u.type === 'nation') && isManagerial(p);
  return manages(p, { ownerId: null, agencyId: person.agencyId, regionId: person.regionId });
}

/** The abilities sent with a deal. ownerId in the scope is the deal's owner. */
export function dealAbilities(p: Principal, r: AccountScope, closed: boolean) {
  return {
    update: !closed && can(p, 'deal.update', r),
    move: can(p, 'deal.update', r),
    reassign: !closed && can(p, 'deal.reassign', r),
  };
}

/** Where a case lives (its account's place) and who handles it (its pool, its assignee). */
export interface CaseScope extends AccountScope {
  assigneeId: string | null;
  poolId: string;
  /** The unit held responsible (its managers read the case, to contest), and the arbiters of its contests. */
  responsible?: ResponsibleUnit | null;
  arbiterIds?: readonly string[];
  /** The pools that held the case before a transfer: their members keep following it. */
  formerPoolIds?: readonly string[];
}

/** A unit that can be held responsible for a case's problem, with where it lies. */
export interface ResponsibleUnit {
  type: 'agency' | 'pool' | 'region';
  id: string;
  /** The agency it is or lies in (agency-scoped pools), the region it is or lies in; null for national pools. */
  agencyId: string | null;
  regionId: string | null;
}

const managesPool = (p: Principal, poolId: string) => isManagerial(p) && p.managed.some((u) => u.type === 'pool' && u.id === poolId);

/**
 * A case reads like its account, and also by whoever handles or judges it: its assignee, the members and
 * managers of its pool (so a pool that received a transfer from another region sees the case and its
 * history), the members of the pools that held it before (they follow what became of it), the managers
 * of the unit held responsible, the arbiters of its contests. Out of reach reads as "not found".
 */
export function canReadCase(p: Principal, c: CaseScope): boolean {
  if (can(p, 'account.read', c)) return true;
  if (p.tokenScopes && !p.tokenScopes.includes('read')) return false;
  return (
    c.assigneeId === p.userId ||
    p.pools.some((pool) => pool.id === c.poolId || !!c.formerPoolIds?.includes(pool.id)) ||
    managesPool(p, c.poolId) ||
    (!!c.responsible && managesUnit(p, c.responsible)) ||
    (p.userId !== null && !!c.arbiterIds?.includes(p.userId))
  );
}

/** Managers of the case's unit: of the account's agency, region or nation, or of the pool handling it. */
function managesCase(p: Principal, c: CaseScope): boolean {
  return manages(p, c) || managesPool(p, c.poolId);
}

/** Who may work a case (its statuses, transfers, priority, the unit responsible, contacts on it): the assignee, members of its pool, managers of its unit, admins. */
export function canWorkCase(p: Principal, c: CaseScope): boolean {
  if (p.tokenScopes && !p.tokenScopes.includes('write')) return false;
  if (!canReadCase(p, c)) return false;
  if (isAdmin(p)) return true;
  return c.assigneeId === p.userId || p.pools.some((pool) => pool.id === c.poolId) || managesCase(p, c);
}

/** Who may give a case to anyone available in its pool: the managers of its unit, admins. */
export function canAssignCase(p: Principal, c: CaseScope): boolean {
  if (p.tokenScopes && !p.tokenScopes.includes('write')) return false;
  return isAdmin(p) || managesCase(p, c);
}

/** Who may take a case for themselves: a member of its pool who is not already its assignee. */
export function canTakeCase(p: Principal, c: CaseScope): boolean {
  if (p.tokenScopes && !p.tokenScopes.includes('write')) return false;
  return c.assigneeId !== p.userId && p.pools.some((pool) => pool.id === c.poolId);
}

/**
 * Who speaks for a unit held responsible, and so may contest it: a manager of that unit or of a unit
 * containing it (its agency, its region, the nation).
 */
export function canContestResponsibility(p: Principal, unit: ResponsibleUnit): boolean {
  if (p.tokenScopes && !p.tokenScopes.includes('write')) return false;
  return managesUnit(p, unit);
}

/** A manager of the unit or of a unit containing it (its agency, its region, the nation). */
function managesUnit(p: Principal, unit: ResponsibleUnit): boolean {
  if (!isManagerial(p)) return false;
  return p.managed.some((u) => {
    if (u.type === 'nation') return true;
    if (u.type === unit.type && u.id === unit.id) return true;
    if (u.type === 'region') return unit.regionId === u.id;
    if (u.type === 'agency') return unit.type === 'pool' && unit.agencyId === u.id;
    return false;
  });
}

/** The abilities sent with a case; `allowed` are the status machine's transitions from its status. */
export function caseAbilities<T extends string>(
  p: Principal,
  c: CaseScope,
  allowed: readonly T[],
  facts: { status: string; responsible: ResponsibleUnit | null; disputeOpen: boolean },
) {
  const works = canWorkCase(p, c);
  const done = facts.status === 'resolved' || facts.status === 'closed';
  return {
    transitions: works ? [...allowed] : [],
    assign: !done && canAssignCase(p, c),
    take: !done && canTakeCase(p, c),
    transfer: works && !done,
    changePriority: works && !done,
    setResponsibility: works && facts.status !== 'closed' && !facts.disputeOpen,
    // Whoever may log a contact on the account may log one about its case (the advisor who takes the customer's call).
    logInteraction: works || (canReadCase(p, c) && can(p, 'interaction.create', c)),
    contestResponsibility: facts.responsible !== null && !facts.disputeOpen && canContestResponsibility(p, facts.responsible),
  };
}

// --- Steering: who sees which figures ---

/** A unit of the organisation as steering sees it, with where it sits. */
export interface SteeringUnit {
  type: 'nation' | 'region' | 'agency' | 'pool';
  id: string | null;
  /** The region it is in (a region: itself; a national pool: null). */
  regionId: string | null;
  /** The agency it is in (an agency: itself; a pool of an agency: that agency). */
  agencyId: string | null;
}

/** An admin, or a manager or director of the unit or of a unit above it. */
export function leadsSteeringUnit(p: Principal, u: SteeringUnit): boolean {
  if (isAdmin(p)) return true;
  if (!isManagerial(p)) return false;
  return p.managed.some((m) => {
    switch (m.type) {
      case 'nation':
        return true;
      case 'region':
        return u.type !== 'nation' && m.id === u.regionId;
      case 'agency':
        return (u.type === 'agency' || u.type === 'pool') && m.id === u.agencyId;
      case 'pool':
        return u.type === 'pool' && m.id === u.id;
    }
  });
}

/**
 * What a person sees of a unit's figures: everything, down to each member ('full': its leaders); the
 * aggregates only ('aggregate': the people counted in it, or in a unit below it, when it counts at least
 * `minGroup` people, so that no one can be singled out); nothing otherwise.
 */
export function steeringView(p: Principal, u: SteeringUnit, audience: { member: boolean; people: number; minGroup: number }): 'full' | 'aggregate' | 'none' {
  if (p.tokenScopes && !p.tokenScopes.includes('read')) return 'none';
  if (leadsSteeringUnit(p, u)) return 'full';
  return audience.member && audience.people >= audience.minGroup ? 'aggregate' : 'none';
}

/** A person's own figures are theirs and their line managers' (the leaders of any unit they count in). */
export function canSeePersonFigures(p: Principal, person: { userId: string; units: SteeringUnit[] }): boolean {
  if (p.tokenScopes && !p.tokenScopes.includes('read')) return false;
  return person.userId === p.userId || isAdmin(p) || person.units.some((u) => leadsSteeringUnit(p, u));
}

/** Objectives go top-down: an admin, or a leader of a unit strictly above this one — never one's own unit. */
export function canSetUnitObjective(p: Principal, u: SteeringUnit): boolean {
  if (p.tokenScopes && !p.tokenScopes.includes('write')) return false;
  if (isAdmin(p)) return true;
  if (!isManagerial(p)) return false;
  return p.managed.some((m) => {
    switch (m.type) {
      case 'nation':
        return u.type !== 'nation';
      case 'region':
        return (u.type === 'agency' || u.type === 'pool') && u.regionId === m.id;
      case 'agency':
        return u.type === 'pool' && u.agencyId === m.id;
      case 'pool':
        return false;
    }
  });
}

/** A person's objectives are set by their line managers (or an admin), never by themselves. */
export function canSetPersonObjective(p: Principal, person: { userId: string; units: SteeringUnit[] }): boolean {
  if (p.tokenScopes && !p.tokenScopes.includes('write')) return false;
  if (person.userId === p.userId) return false;
  return isAdmin(p) || person.units.some((u) => leadsSteeringUnit(p, u));
}

/** Alert rules of a unit are written by its leaders and admins. */
export function canEditAlertRule(p: Principal, u: SteeringUnit): boolean {
  if (p.tokenScopes && !p.tokenScopes.includes('write')) return false;
  return leadsSteeringUnit(p, u);
}

/** What the people told of an alert (and admins) may do with it. */
export function alertAbilities(p: Principal, a: { recipient: boolean; status: 'open' | 'acknowledged' | 'resolved' }) {
  const writes = !p.tokenScopes || p.tokenScopes.includes('write');
  const involved = writes && (a.recipient || isAdmin(p));
  return {
    acknowledge: involved && a.status === 'open',
    comment: involved,
    resolve: involved && a.status !== 'resolved',
  };
}
