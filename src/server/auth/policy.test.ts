// The access matrix: every kind of principal × every action × every scope, written out as data.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { PoolKind, Role } from '../db/schema.ts';
import {
  ACCOUNT_ACTIONS as POLICY_ACCOUNT_ACTIONS,
  GLOBAL_ACTIONS as POLICY_GLOBAL_ACTIONS,
  accountAbilities,
  can,
  canAssignCase,
  canContestResponsibility,
  canReadCase,
  canTakeCase,
  canWorkCase,
  caseAbilities,
  canSeePersonFigures,
  leadsSteeringUnit,
  steeringView,
  type CaseScope,
  type SteeringUnit,
  readableRegions,
  type AccountAction,
  type AccountScope,
  type GlobalAction,
} from './policy.ts';
import type { ManagedUnit, Principal, PrincipalPool } from './principal.ts';

// ——— The geography: two agencies in region 1, a third in region 2 ———
const R1 = 'region-1';
const R2 = 'region-2';
const A1 = 'agency-1'; // in R1: the principal's home
const A2 = 'agency-2'; // in R1
const A3 = 'agency-3'; // in R2
const ME = 'user-me';
const COLLEAGUE = 'user-colleague';

type Scope = 'own' | 'unit' | 'region' | 'nation';

/** Where the account lies, seen from someone whose home is agency 1 of region 1. */
const SCOPES: Record<Scope, AccountScope> = {
  own: { ownerId: ME, agencyId: A1, regionId: R1 }, // in my portfolio
  unit: { ownerId: COLLEAGUE, agencyId: A1, regionId: R1 }, // my agency, a colleague's
  region: { ownerId: COLLEAGUE, agencyId: A2, regionId: R1 }, // another agency of my region
  nation: { ownerId: COLLEAGUE, agencyId: A3, regionId: R2 }, // another region
};

const ACCOUNT_ACTIONS = [...POLICY_ACCOUNT_ACTIONS];
const GLOBAL_ACTIONS = [...POLICY_GLOBAL_ACTIONS];

// ——— The principals, as loadPrincipal builds them ———
const pool = (kind: PoolKind, scope: PrincipalPool['scope']): PrincipalPool => ({
  id: `pool-${kind}-${scope}`,
  kind,
  scope,
  agencyId: scope === 'agency' ? A1 : null,
  regionId: scope === 'nation' ? null : R1, // an agency pool carries its agency's region
});

function principal(input: { roles?: Role[]; pools?: PrincipalPool[]; managed?: ManagedUnit[]; tokenScopes?: string[] | null; home?: boolean }): Principal {
  const home = input.home ?? true;
  return {
    userId: ME,
    name: 'Camille Martin',
    email: 'camille.martin@relais.test',
    roles: input.roles ?? ['agent'],
    homeAgencyId: home ? A1 : null,
    homeRegionId: home ? R1 : null,
    pools: input.pools ?? [],
    managed: input.managed ?? [],
    tokenScopes: input.tokenScopes ?? null,
  };
}

const salesRep = principal({ pools: [pool('sales', 'agency')] });

const PRINCIPALS = {
  'sales rep (agency pool)': salesRep,
  'sales assistant (agency pool)': principal({ pools: [pool('sales_assistant', 'agency')] }),
  'inbound advisor (region pool)': principal({ pools: [pool('inbound', 'region')] }),
  'telemarketer (national pool)': principal({ pools: [pool('telemarketing', 'nation')] }),
  'associate seller (agency pool)': principal({ pools: [pool('associate_seller', 'agency')] }),
  'back office (region pool)': principal({ pools: [pool('back_office', 'region')] }),
  'marketing analyst (national pool)': principal({ pools: [pool('marketing', 'nation')] }),
  'manager of agency 1': principal({ roles: ['manager'], managed: [{ type: 'agency', id: A1, regionId: R1 }] }),
  'director of region 1': principal({ roles: ['director'], managed: [{ type: 'region', id: R1, regionId: R1 }] }),
  'national director': principal({ roles: ['director'], managed: [{ type: 'nation', id: null, regionId: null }] }),
  admin: principal({ roles: ['admin'], home: false }),
  'user in no pool': principal({}),
  'sales rep via a read token': { ...salesRep, tokenScopes: ['read'] },
  'sales rep via a read+write token': { ...salesRep, tokenScopes: ['read', 'write'] },
  'admin via a read token': principal({ roles: ['admin'], home: false, tokenScopes: ['read'] }),
} satisfies Record<string, Principal>;

type PrincipalName = keyof typeof PRINCIPALS;

// ——— The expected matrix ———
// Account actions: the scopes where the action is allowed. Global actions: allowed or not.
const ALL: Scope[] = ['own', 'unit', 'region', 'nation'];
const REGION: Scope[] = ['own', 'unit', 'region'];
const UNIT: Scope[] = ['own', 'unit'];
const OWN: Scope[] = ['own'];
const NONE: Scope[] = [];

type Row = Record<AccountAction, Scope[]> & Record<GlobalAction, boolean>;

// Read: customer-facing staff and managers read their region, national pools and the national level read everything.
// Write: the owner; portfolio pools (sales, sales assistant) edit identity in their agency; customer-facing pools log
// contacts and fix contact details wherever they read; managers and directors reassign and archive in their unit.
// Tokens: a read token loses every write; a token never gains anything.
const MATRIX: Record<PrincipalName, Row> = {
  'sales rep (agency pool)':           { 'account.read': REGION, 'trace.read': REGION, 'account.create': REGION, 'account.update': UNIT, 'account.reassign': NONE, 'account.archive': NONE, 'contact.write': REGION, 'deal.create': REGION, 'deal.update': OWN, 'deal.reassign': NONE, 'credit.dispute': REGION, 'interaction.create': REGION, 'case.open': REGION, 'org.read': true, 'org.manage': false, 'user.read': false, 'user.manage': false, 'trace.explore': false, 'token.manage': true, 'catalog.manage': false, 'data.erase': false, 'rules.manage': false },
  'sales assistant (agency pool)':     { 'account.read': REGION, 'trace.read': REGION, 'account.create': REGION, 'account.update': UNIT, 'account.reassign': NONE, 'account.archive': NONE, 'contact.write': REGION, 'deal.create': REGION, 'deal.update': OWN, 'deal.reassign': NONE, 'credit.dispute': REGION, 'interaction.create': REGION, 'case.open': REGION, 'org.read': true, 'org.manage': false, 'user.read': false, 'user.manage': false, 'trace.explore': false, 'token.manage': true, 'catalog.manage': false, 'data.erase': false, 'rules.manage': false },
  'inbound advisor (region pool)':     { 'account.read': REGION, 'trace.read': REGION, 'account.create': REGION, 'account.update': OWN,  'account.reassign': NONE, 'account.archive': NONE, 'contact.write': REGION, 'deal.create': REGION, 'deal.update': OWN, 'deal.reassign': NONE, 'credit.dispute': REGION, 'interaction.create': REGION, 'case.open': REGION, 'org.read': true, 'org.manage': false, 'user.read': false, 'user.manage': false, 'trace.explore': false, 'token.manage': true, 'catalog.manage': false, 'data.erase': false, 'rules.manage': false },
  'telemarketer (national pool)':      { 'account.read': ALL,    'trace.read': ALL,    'account.create': ALL,    'account.update': OWN,  'account.reassign': NONE, 'account.archive': NONE, 'contact.write': ALL,    'deal.create': ALL, 'deal.update': OWN, 'deal.reassign': NONE, 'credit.dispute': ALL, 'interaction.create': ALL,    'case.open': ALL, 'org.read': true, 'org.manage': false, 'user.read': false, 'user.manage': false, 'trace.explore': false, 'token.manage': true, 'catalog.manage': false, 'data.erase': false, 'rules.manage': false },
  'associate seller (agency pool)':    { 'account.read': REGION, 'trace.read': REGION, 'account.create': REGION, 'account.update': OWN,  'account.reassign': NONE, 'account.archive': NONE, 'contact.write': REGION, 'deal.create': REGION, 'deal.update': OWN, 'deal.reassign': NONE, 'credit.dispute': REGION, 'interaction.create': REGION, 'case.open': REGION, 'org.read': true, 'org.manage': false, 'user.read': false, 'user.manage': false, 'trace.explore': false, 'token.manage': true, 'catalog.manage': false, 'data.erase': false, 'rules.manage': false },
  'back office (region pool)':         { 'account.read': REGION, 'trace.read': REGION, 'account.create': REGION, 'account.update': OWN,  'account.reassign': NONE, 'account.archive': NONE, 'contact.write': REGION, 'deal.create': NONE, 'deal.update': OWN, 'deal.reassign': NONE, 'credit.dispute': REGION, 'interaction.create': REGION, 'case.open': REGION, 'org.read': true, 'org.manage': false, 'user.read': false, 'user.manage': false, 'trace.explore': false, 'token.manage': true, 'catalog.manage': false, 'data.erase': false, 'rules.manage': false },
  'marketing analyst (national pool)': { 'account.read': ALL,    'trace.read': ALL,    'account.create': NONE,   'account.update': OWN,  'account.reassign': NONE, 'account.archive': NONE, 'contact.write': OWN,    'deal.create': NONE, 'deal.update': OWN, 'deal.reassign': NONE, 'credit.dispute': ALL, 'interaction.create': OWN,    'case.open': NONE, 'org.read': true, 'org.manage': false, 'user.read': false, 'user.manage': false, 'trace.explore': false, 'token.manage': true, 'catalog.manage': false, 'data.erase': false, 'rules.manage': false },
  'manager of agency 1':               { 'account.read': REGION, 'trace.read': REGION, 'account.create': REGION, 'account.update': UNIT, 'account.reassign': UNIT, 'account.archive': UNIT, 'contact.write': UNIT,   'deal.create': REGION, 'deal.update': UNIT, 'deal.reassign': UNIT, 'credit.dispute': REGION, 'interaction.create': UNIT,   'case.open': REGION, 'org.read': true, 'org.manage': false, 'user.read': false, 'user.manage': false, 'trace.explore': false, 'token.manage': true, 'catalog.manage': false, 'data.erase': false, 'rules.manage': false },
  'director of region 1':              { 'account.read': REGION, 'trace.read': REGION, 'account.create': REGION, 'account.update': REGION, 'account.reassign': REGION, 'account.archive': REGION, 'contact.write': REGION, 'deal.create': REGION, 'deal.update': REGION, 'deal.reassign': REGION, 'credit.dispute': REGION, 'interaction.create': REGION, 'case.open': REGION, 'org.read': true, 'org.manage': false, 'user.read': false, 'user.manage': false, 'trace.explore': true, 'token.manage': true, 'catalog.manage': false, 'data.erase': false, 'rules.manage': false },
  'national director':                 { 'account.read': ALL,    'trace.read': ALL,    'account.create': ALL,    'account.update': ALL,  'account.reassign': ALL,  'account.archive': ALL,  'contact.write': ALL,    'deal.create': ALL, 'deal.update': ALL, 'deal.reassign': ALL, 'credit.dispute': ALL, 'interaction.create': ALL,    'case.open': ALL, 'org.read': true, 'org.manage': false, 'user.read': false, 'user.manage': false, 'trace.explore': true,  'token.manage': true, 'catalog.manage': false, 'data.erase': false, 'rules.manage': false },
  admin:                               { 'account.read': ALL,    'trace.read': ALL,    'account.create': ALL,    'account.update': ALL,  'account.reassign': ALL,  'account.archive': ALL,  'contact.write': ALL,    'deal.create': ALL, 'deal.update': ALL, 'deal.reassign': ALL, 'credit.dispute': ALL, 'interaction.create': ALL,    'case.open': ALL, 'org.read': true, 'org.manage': true,  'user.read': true, 'user.manage': true,  'trace.explore': true,  'token.manage': true, 'catalog.manage': true, 'data.erase': true, 'rules.manage': true },
  'user in no pool':                   { 'account.read': NONE,   'trace.read': NONE,   'account.create': NONE,   'account.update': NONE, 'account.reassign': NONE, 'account.archive': NONE, 'contact.write': NONE,   'deal.create': NONE, 'deal.update': NONE, 'deal.reassign': NONE, 'credit.dispute': NONE, 'interaction.create': NONE,    'case.open': NONE, 'org.read': true, 'org.manage': false, 'user.read': false, 'user.manage': false, 'trace.explore': false, 'token.manage': true, 'catalog.manage': false, 'data.erase': false, 'rules.manage': false },
  'sales rep via a read token':        { 'account.read': REGION, 'trace.read': REGION, 'account.create': NONE,   'account.update': NONE, 'account.reassign': NONE, 'account.archive': NONE, 'contact.write': NONE,   'deal.create': NONE, 'deal.update': NONE, 'deal.reassign': NONE, 'credit.dispute': NONE, 'interaction.create': NONE,   'case.open': NONE, 'org.read': true, 'org.manage': false, 'user.read': false, 'user.manage': false, 'trace.explore': false, 'token.manage': false, 'catalog.manage': false, 'data.erase': false, 'rules.manage': false },
  'sales rep via a read+write token':  { 'account.read': REGION, 'trace.read': REGION, 'account.create': REGION, 'account.update': UNIT, 'account.reassign': NONE, 'account.archive': NONE, 'contact.write': REGION, 'deal.create': REGION, 'deal.update': OWN, 'deal.reassign': NONE, 'credit.dispute': REGION, 'interaction.create': REGION, 'case.open': REGION, 'org.read': true, 'org.manage': false, 'user.read': false, 'user.manage': false, 'trace.explore': false, 'token.manage': true, 'catalog.manage': false, 'data.erase': false, 'rules.manage': false },
  'admin via a read token':            { 'account.read': ALL,    'trace.read': ALL,    'account.create': NONE,   'account.update': NONE, 'account.reassign': NONE, 'account.archive': NONE, 'contact.write': NONE,   'deal.create': NONE, 'deal.update': NONE, 'deal.reassign': NONE, 'credit.dispute': NONE, 'interaction.create': NONE,   'case.open': NONE, 'org.read': true, 'org.manage': false, 'user.read': true, 'user.manage': false, 'trace.explore': true,  'token.manage': false, 'catalog.manage': false, 'data.erase': false, 'rules.manage': false },
};

const NAMES = Object.keys(PRINCIPALS) as PrincipalName[];

describe('can(): the matrix', () => {
  const accountCases = NAMES.flatMap((who) =>
    ACCOUNT_ACTIONS.flatMap((action) =>
      (Object.keys(SCOPES) as Scope[]).map((scope) => ({ who, action, scope, allowed: MATRIX[who][action].includes(scope) })),
    ),
  );
  it.each(accountCases)('$who · $action · $scope → $allowed', ({ who, action, scope, allowed }) => {
    expect(can(PRINCIPALS[who], action, SCOPES[scope])).toBe(allowed);
  });

  const globalCases = NAMES.flatMap((who) => GLOBAL_ACTIONS.map((action) => ({ who, action, allowed: MATRIX[who][action] })));
  it.each(globalCases)('$who · $action → $allowed', ({ who, action, allowed }) => {
    expect(can(PRINCIPALS[who], action)).toBe(allowed);
  });

  it('covers every principal × every action × every scope', () => {
    expect(accountCases).toHaveLength(NAMES.length * ACCOUNT_ACTIONS.length * 4);
    expect(globalCases).toHaveLength(NAMES.length * GLOBAL_ACTIONS.length);
    for (const who of NAMES) expect(Object.keys(MATRIX[who]).sort()).toEqual([...ACCOUNT_ACTIONS, ...GLOBAL_ACTIONS].sort());
  });
});

describe('can(): cases the matrix does not show', () => {
  it('a sales rep of agency 1 who also serves agency 2 edits accounts in both, not elsewhere', () => {
    const twoAgencies = principal({ pools: [pool('sales', 'agency'), { ...pool('sales', 'agency'), id: 'pool-2', agencyId: A2 }] });
    expect(can(twoAgencies, 'account.update', SCOPES.unit)).toBe(true);
    expect(can(twoAgencies, 'account.update', SCOPES.region)).toBe(true);
    expect(can(twoAgencies, 'account.update', { ...SCOPES.region, agencyId: 'agency-4' })).toBe(false);
  });

  it('an inbound advisor in pools of two regions reads both', () => {
    const twoRegions = principal({ pools: [pool('inbound', 'region'), { ...pool('inbound', 'region'), id: 'pool-r2', regionId: R2 }] });
    expect(can(twoRegions, 'account.read', SCOPES.nation)).toBe(true);
    expect(can(twoRegions, 'interaction.create', SCOPES.nation)).toBe(true);
    expect(can(twoRegions, 'account.read', { ...SCOPES.nation, regionId: 'region-3' })).toBe(false);
  });

  it('the owner of an account outside their reach still cannot read it (reach comes first)', () => {
    const rep = principal({ pools: [pool('sales', 'agency')] });
    const mineElsewhere = { ...SCOPES.nation, ownerId: ME };
    for (const action of ACCOUNT_ACTIONS) expect(can(rep, action, mineElsewhere)).toBe(false);
  });

  it('a manager of a national pool manages everywhere', () => {
    const p = principal({ roles: ['manager'], managed: [{ type: 'pool', id: 'pool-tm', regionId: null }] });
    expect(can(p, 'account.reassign', SCOPES.nation)).toBe(true);
    expect(readableRegions(p)).toBe('all');
  });

  it('a managed unit without the manager or director role grants nothing', () => {
    const p = principal({ roles: ['agent'], managed: [{ type: 'region', id: R1, regionId: R1 }], home: false });
    expect(readableRegions(p)).toEqual([]);
    expect(can(p, 'account.read', SCOPES.unit)).toBe(false);
  });

  it('a manager of a region pool manages that region only', () => {
    const p = principal({ roles: ['manager'], managed: [{ type: 'pool', id: 'pool-inbound', regionId: R1 }] });
    expect(can(p, 'account.archive', SCOPES.region)).toBe(true);
    expect(can(p, 'account.archive', SCOPES.nation)).toBe(false);
  });

  // DESIGN: a pool's area is its scope: an agency pool's manager manages that agency only.
  it('a manager of an agency pool manages that agency only, not the rest of the region', () => {
    const p = principal({ roles: ['manager'], managed: [{ type: 'pool', id: 'pool-sales-agency-1', regionId: R1, agencyId: A1 }] });
    expect(can(p, 'account.reassign', SCOPES.unit)).toBe(true);
    expect(can(p, 'account.reassign', SCOPES.region)).toBe(false);
  });

  it('a token with no write scope is refused every write, whoever holds it', () => {
    for (const who of NAMES) {
      const p = { ...PRINCIPALS[who], tokenScopes: ['read'] };
      for (const action of ['account.create', 'account.update', 'account.reassign', 'account.archive', 'contact.write', 'interaction.create'] as const) {
        for (const scope of Object.values(SCOPES)) expect(can(p, action, scope), `${who} ${action}`).toBe(false);
      }
      for (const action of ['org.manage', 'user.manage', 'token.manage'] as const) expect(can(p, action)).toBe(false);
    }
  });
});

// ——— Properties over random principals ———
const ids = (prefix: string) => fc.constantFrom(`${prefix}-1`, `${prefix}-2`, `${prefix}-3`);
const arbPool: fc.Arbitrary<PrincipalPool> = fc
  .record({
    kind: fc.constantFrom<PoolKind>('sales', 'sales_assistant', 'inbound', 'telemarketing', 'associate_seller', 'back_office', 'marketing'),
    scope: fc.constantFrom<PrincipalPool['scope']>('agency', 'region', 'nation'),
    agencyId: ids('agency'),
    regionId: ids('region'),
  })
  .map(({ kind, scope, agencyId, regionId }) => ({
    id: `pool-${kind}`,
    kind,
    scope,
    agencyId: scope === 'agency' ? agencyId : null,
    regionId: scope === 'nation' ? null : regionId,
  }));
const arbManaged: fc.Arbitrary<ManagedUnit> = fc.oneof(
  fc.constant<ManagedUnit>({ type: 'nation', id: null, regionId: null }),
  ids('region').map<ManagedUnit>((r) => ({ type: 'region', id: r, regionId: r })),
  fc.tuple(ids('agency'), ids('region')).map<ManagedUnit>(([a, r]) => ({ type: 'agency', id: a, regionId: r })),
  fc.option(ids('region'), { nil: null }).map<ManagedUnit>((r) => ({ type: 'pool', id: 'pool-x', regionId: r })),
);
const arbPrincipal: fc.Arbitrary<Principal> = fc.record({
  userId: ids('user'),
  name: fc.constant('P'),
  email: fc.constant('p@relais.test'),
  roles: fc.subarray<Role>(['agent', 'manager', 'director', 'admin']),
  homeAgencyId: fc.option(ids('agency'), { nil: null }),
  homeRegionId: fc.option(ids('region'), { nil: null }),
  pools: fc.array(arbPool, { maxLength: 3 }),
  managed: fc.array(arbManaged, { maxLength: 2 }),
  tokenScopes: fc.constantFrom<string[] | null>(null, ['read'], ['read', 'write'], ['write']),
});
const arbScope: fc.Arbitrary<AccountScope> = fc.record({ ownerId: fc.option(ids('user'), { nil: null }), agencyId: ids('agency'), regionId: ids('region') });

describe('can(): properties', () => {
  it('nobody may act on an account they cannot read', () => {
    fc.assert(
      fc.property(arbPrincipal, arbScope, fc.constantFrom(...ACCOUNT_ACTIONS), (p, r, action) => {
        if (can(p, action, r)) expect(can(p, 'account.read', r)).toBe(true);
      }),
    );
  });

  it('a token never allows more than its user may do without it', () => {
    fc.assert(
      fc.property(arbPrincipal, arbScope, fc.constantFrom(...ACCOUNT_ACTIONS), fc.constantFrom(...GLOBAL_ACTIONS), (p, r, accountAction, globalAction) => {
        const user = { ...p, tokenScopes: null };
        if (can(p, accountAction, r)) expect(can(user, accountAction, r)).toBe(true);
        if (can(p, globalAction)) expect(can(user, globalAction)).toBe(true);
      }),
    );
  });

  it('an admin without a token may do everything', () => {
    fc.assert(
      fc.property(arbPrincipal, arbScope, fc.constantFrom(...ACCOUNT_ACTIONS), fc.constantFrom(...GLOBAL_ACTIONS), (p, r, accountAction, globalAction) => {
        const admin = { ...p, roles: [...p.roles, 'admin' as Role], tokenScopes: null };
        expect(can(admin, accountAction, r)).toBe(true);
        expect(can(admin, globalAction)).toBe(true);
      }),
    );
  });

  it('reading follows readableRegions exactly', () => {
    fc.assert(
      fc.property(arbPrincipal, arbScope, (p, r) => {
        const regions = readableRegions(p);
        expect(can(p, 'account.read', r)).toBe(regions === 'all' || regions.includes(r.regionId));
        expect(can(p, 'trace.read', r)).toBe(can(p, 'account.read', r));
      }),
    );
  });
});

describe('readableRegions', () => {
  const EXPECTED: Record<PrincipalName, 'all' | string[]> = {
    'sales rep (agency pool)': [R1],
    'sales assistant (agency pool)': [R1],
    'inbound advisor (region pool)': [R1],
    'telemarketer (national pool)': 'all',
    'associate seller (agency pool)': [R1],
    'back office (region pool)': [R1],
    'marketing analyst (national pool)': 'all',
    'manager of agency 1': [R1],
    'director of region 1': [R1],
    'national director': 'all',
    admin: 'all',
    'user in no pool': [],
    'sales rep via a read token': [R1],
    'sales rep via a read+write token': [R1],
    'admin via a read token': 'all',
  };
  it.each(NAMES)('%s', (who) => {
    expect(readableRegions(PRINCIPALS[who])).toEqual(EXPECTED[who]);
  });

  it('gathers pools and managed units, once each (the home agency alone grants nothing)', () => {
    const p = principal({
      roles: ['manager'],
      pools: [pool('inbound', 'region'), { ...pool('back_office', 'region'), regionId: R2 }],
      managed: [{ type: 'agency', id: 'agency-9', regionId: 'region-9' }],
    });
    expect([...(readableRegions(p) as string[])].sort()).toEqual([R1, R2, 'region-9'].sort());
  });

  it('is empty for someone with no home, no pool and nothing managed', () => {
    expect(readableRegions(principal({ home: false }))).toEqual([]);
  });
});

describe('accountAbilities', () => {
  it('tells the web app what a sales rep may do on a colleague’s account of the agency', () => {
    expect(accountAbilities(PRINCIPALS['sales rep (agency pool)'], SCOPES.unit)).toEqual({
      update: true,
      reassign: false,
      archive: false,
      writeContacts: true,
      logInteraction: true,
      openCase: true,
    });
  });

  it('tells the web app what a manager may do in and outside their agency', () => {
    expect(accountAbilities(PRINCIPALS['manager of agency 1'], SCOPES.unit)).toEqual({
      update: true,
      reassign: true,
      archive: true,
      writeContacts: true,
      logInteraction: true,
      openCase: true,
    });
    expect(accountAbilities(PRINCIPALS['manager of agency 1'], SCOPES.region)).toEqual({
      update: false,
      reassign: false,
      archive: false,
      writeContacts: false,
      logInteraction: false,
      // Managers open a case on any account they read (a complaint reaching them directly).
      openCase: true,
    });
  });

  it('matches the matrix for every principal and scope', () => {
    for (const who of NAMES) {
      for (const scope of Object.keys(SCOPES) as Scope[]) {
        const allowed = (action: AccountAction) => MATRIX[who][action].includes(scope);
        expect(accountAbilities(PRINCIPALS[who], SCOPES[scope]), `${who} · ${scope}`).toEqual({
          update: allowed('account.update'),
          reassign: allowed('account.reassign'),
          archive: allowed('account.archive'),
          writeContacts: allowed('contact.write'),
          logInteraction: allowed('interaction.create'),
          openCase: allowed('case.open'),
        });
      }
    }
  });
});

// ——— Cases: who reads, works, assigns, takes a case, and who may contest the unit held responsible ———
const CASE_POOL: PrincipalPool = { id: 'pool-bo-case', kind: 'back_office', scope: 'agency', agencyId: A1, regionId: R1 };
const FAR_POOL = 'pool-bo-far';

type CaseName = 'home' | 'transferred in' | 'sent away' | 'far' | 'assigned to me' | 'I arbitrate';
const CASES: Record<CaseName, CaseScope> = {
  // An account of my agency, in the back-office pool of my agency; agency 2 held responsible.
  home: { ...SCOPES.unit, assigneeId: COLLEAGUE, poolId: CASE_POOL.id, responsible: { type: 'agency', id: A2, agencyId: A2, regionId: R1 } },
  // An account of region 2, transferred to my agency's back-office pool.
  'transferred in': { ...SCOPES.nation, assigneeId: COLLEAGUE, poolId: CASE_POOL.id, responsible: null },
  // Region 2's account, which the case pool sent on to region 2's pool: its members follow it.
  'sent away': { ...SCOPES.nation, assigneeId: COLLEAGUE, poolId: FAR_POOL, responsible: null, formerPoolIds: [CASE_POOL.id] },
  // Region 2's account in region 2's pool; agency 3 held responsible.
  far: { ...SCOPES.nation, assigneeId: COLLEAGUE, poolId: FAR_POOL, responsible: { type: 'agency', id: A3, agencyId: A3, regionId: R2 } },
  'assigned to me': { ...SCOPES.nation, assigneeId: ME, poolId: FAR_POOL, responsible: null },
  'I arbitrate': { ...SCOPES.nation, assigneeId: COLLEAGUE, poolId: FAR_POOL, responsible: null, arbiterIds: [ME] },
};
const CASE_NAMES = Object.keys(CASES) as CaseName[];

const CASE_PRINCIPALS = {
  'member of the case pool': principal({ pools: [CASE_POOL] }),
  'member of another back-office pool (region 1)': principal({ pools: [pool('back_office', 'region')] }),
  'sales rep (agency pool)': salesRep,
  'manager of agency 1': PRINCIPALS['manager of agency 1'],
  'manager of the case pool': principal({ roles: ['manager'], managed: [{ type: 'pool', id: CASE_POOL.id, regionId: R1, agencyId: A1 }] }),
  'director of region 1': PRINCIPALS['director of region 1'],
  'director of region 2': principal({ roles: ['director'], managed: [{ type: 'region', id: R2, regionId: R2 }] }),
  'national director': PRINCIPALS['national director'],
  admin: PRINCIPALS.admin,
  'member of the case pool via a read token': principal({ pools: [CASE_POOL], tokenScopes: ['read'] }),
} satisfies Record<string, Principal>;
type CasePrincipal = keyof typeof CASE_PRINCIPALS;
type CaseAction = 'read' | 'work' | 'assign' | 'take' | 'contest';

const EVERY_CASE = CASE_NAMES;
/** For each principal and action, the cases on which it is allowed. */
const CASE_MATRIX: Record<CasePrincipal, Record<CaseAction, CaseName[]>> = {
  'member of the case pool': {
    read: ['home', 'transferred in', 'sent away', 'assigned to me', 'I arbitrate'],
    work: ['home', 'transferred in', 'assigned to me'],
    assign: [],
    take: ['home', 'transferred in'],
    contest: [],
  },
  'member of another back-office pool (region 1)': {
    read: ['home', 'assigned to me', 'I arbitrate'],
    work: ['assigned to me'],
    assign: [],
    take: [],
    contest: [],
  },
  'sales rep (agency pool)': { read: ['home', 'assigned to me', 'I arbitrate'], work: ['assigned to me'], assign: [], take: [], contest: [] },
  'manager of agency 1': { read: ['home', 'assigned to me', 'I arbitrate'], work: ['home', 'assigned to me'], assign: ['home'], take: [], contest: [] },
  'manager of the case pool': {
    read: ['home', 'transferred in', 'assigned to me', 'I arbitrate'],
    work: ['home', 'transferred in', 'assigned to me'],
    assign: ['home', 'transferred in'],
    take: [],
    contest: [],
  },
  'director of region 1': { read: ['home', 'assigned to me', 'I arbitrate'], work: ['home', 'assigned to me'], assign: ['home'], take: [], contest: ['home'] },
  'director of region 2': {
    read: ['transferred in', 'sent away', 'far', 'assigned to me', 'I arbitrate'],
    work: ['transferred in', 'sent away', 'far', 'assigned to me', 'I arbitrate'],
    assign: ['transferred in', 'sent away', 'far', 'assigned to me', 'I arbitrate'],
    take: [],
    contest: ['far'],
  },
  'national director': { read: EVERY_CASE, work: EVERY_CASE, assign: EVERY_CASE, take: [], contest: ['home', 'far'] },
  admin: { read: EVERY_CASE, work: EVERY_CASE, assign: EVERY_CASE, take: [], contest: [] },
  'member of the case pool via a read token': { read: ['home', 'transferred in', 'sent away', 'assigned to me', 'I arbitrate'], work: [], assign: [], take: [], contest: [] },
};

describe('cases', () => {
  const decide = (p: Principal, c: CaseScope, action: CaseAction): boolean => {
    switch (action) {
      case 'read':
        return canReadCase(p, c);
      case 'work':
        return canWorkCase(p, c);
      case 'assign':
        return canAssignCase(p, c);
      case 'take':
        return canTakeCase(p, c);
      case 'contest':
        return !!c.responsible && canContestResponsibility(p, c.responsible);
    }
  };

  it('matches the matrix for every principal, action and case', () => {
    for (const who of Object.keys(CASE_PRINCIPALS) as CasePrincipal[]) {
      for (const action of ['read', 'work', 'assign', 'take', 'contest'] as const) {
        for (const name of CASE_NAMES) {
          expect(decide(CASE_PRINCIPALS[who], CASES[name], action), `${who} · ${action} · ${name}`).toBe(CASE_MATRIX[who][action].includes(name));
        }
      }
    }
  });

  it('sends the matrix as abilities, and nothing that changes a resolved case but its statuses, responsibility and contacts', () => {
    for (const who of Object.keys(CASE_PRINCIPALS) as CasePrincipal[]) {
      for (const name of CASE_NAMES) {
        const c = CASES[name];
        const allowed = (a: CaseAction) => CASE_MATRIX[who][a].includes(name);
        for (const status of ['open', 'resolved', 'closed'] as const) {
          const done = status !== 'open';
          expect(caseAbilities(CASE_PRINCIPALS[who], c, ['start'], { status, responsible: c.responsible ?? null, disputeOpen: false }), `${who} · ${name} · ${status}`).toEqual({
            transitions: allowed('work') ? ['start'] : [],
            assign: !done && allowed('assign'),
            take: !done && allowed('take'),
            transfer: !done && allowed('work'),
            changePriority: !done && allowed('work'),
            setResponsibility: status !== 'closed' && allowed('work'),
            logInteraction: allowed('work') || (allowed('read') && can(CASE_PRINCIPALS[who], 'interaction.create', c)),
            contestResponsibility: allowed('contest'),
          });
        }
      }
    }
  });

  it('while a contest waits for its ruling, nobody records another unit nor contests again', () => {
    const director = CASE_PRINCIPALS['national director'];
    const abilities = caseAbilities(director, CASES.home, [], { status: 'in_progress', responsible: CASES.home.responsible!, disputeOpen: true });
    expect(abilities).toMatchObject({ setResponsibility: false, contestResponsibility: false });
  });

  it('whoever may work a case may read it', () => {
    fc.assert(
      fc.property(arbPrincipal, arbScope, fc.option(ids('user'), { nil: null }), (p, r, assigneeId) => {
        const c = { ...r, assigneeId, poolId: 'pool-back_office' };
        if (canWorkCase(p, c)) expect(canReadCase(p, c)).toBe(true);
      }),
    );
  });
});

// ——— Steering: who sees a unit's figures (all, down to each member; the aggregates only; nothing), and whose person figures ———
const POOL_A1 = 'pool-sales-agency-1';
const POOL_A2 = 'pool-sales-agency-2';
const POOL_A3 = 'pool-sales-agency-3';
const POOL_R1 = 'pool-inbound-region-1';
const POOL_NATION = 'pool-telemarketing-nation';

type SteeringUnitName =
  | 'nation'
  | 'region 1'
  | 'region 2'
  | 'agency 1'
  | 'agency 2'
  | 'agency 3'
  | 'pool of agency 1'
  | 'pool of agency 2'
  | 'pool of agency 3'
  | 'pool of region 1'
  | 'national pool';

/** Each unit with where it sits, as the steering queries build them. */
const STEERING_UNITS: Record<SteeringUnitName, SteeringUnit> = {
  nation: { type: 'nation', id: null, regionId: null, agencyId: null },
  'region 1': { type: 'region', id: R1, regionId: R1, agencyId: null },
  'region 2': { type: 'region', id: R2, regionId: R2, agencyId: null },
  'agency 1': { type: 'agency', id: A1, regionId: R1, agencyId: A1 },
  'agency 2': { type: 'agency', id: A2, regionId: R1, agencyId: A2 },
  'agency 3': { type: 'agency', id: A3, regionId: R2, agencyId: A3 },
  'pool of agency 1': { type: 'pool', id: POOL_A1, regionId: R1, agencyId: A1 },
  'pool of agency 2': { type: 'pool', id: POOL_A2, regionId: R1, agencyId: A2 },
  'pool of agency 3': { type: 'pool', id: POOL_A3, regionId: R2, agencyId: A3 },
  'pool of region 1': { type: 'pool', id: POOL_R1, regionId: R1, agencyId: null },
  'national pool': { type: 'pool', id: POOL_NATION, regionId: null, agencyId: null },
};
const STEERING_UNIT_NAMES = Object.keys(STEERING_UNITS) as SteeringUnitName[];

const nationalDirector = PRINCIPALS['national director'];
const STEERING_PRINCIPALS = {
  'agent (sales rep of agency 1)': salesRep,
  'agent holding a managed region without the manager role': principal({ managed: [{ type: 'region', id: R1, regionId: R1 }] }),
  'manager of agency 1': PRINCIPALS['manager of agency 1'],
  'manager of the pool of agency 1': principal({ roles: ['manager'], managed: [{ type: 'pool', id: POOL_A1, regionId: R1, agencyId: A1 }] }),
  'manager of the pool of region 1': principal({ roles: ['manager'], managed: [{ type: 'pool', id: POOL_R1, regionId: R1, agencyId: null }] }),
  'director of region 1': PRINCIPALS['director of region 1'],
  'national director': nationalDirector,
  admin: PRINCIPALS.admin,
  'national director via a read token': { ...nationalDirector, tokenScopes: ['read'] },
  'national director via a token without read': { ...nationalDirector, tokenScopes: ['write'] },
  'admin via a token without read': principal({ roles: ['admin'], home: false, tokenScopes: ['write'] }),
  'sales rep via a token with no scope': { ...salesRep, tokenScopes: [] },
} satisfies Record<string, Principal>;
type SteeringPrincipal = keyof typeof STEERING_PRINCIPALS;

const EVERY_UNIT = STEERING_UNIT_NAMES;
/**
 * The units each principal leads (an admin, or a manager or director of the unit or of a unit above it),
 * and whether a token without the read scope blinds it to every figure.
 */
const STEERING_MATRIX: Record<SteeringPrincipal, { leads: SteeringUnitName[]; blind: boolean }> = {
  'agent (sales rep of agency 1)': { leads: [], blind: false },
  'agent holding a managed region without the manager role': { leads: [], blind: false },
  'manager of agency 1': { leads: ['agency 1', 'pool of agency 1'], blind: false },
  'manager of the pool of agency 1': { leads: ['pool of agency 1'], blind: false },
  'manager of the pool of region 1': { leads: ['pool of region 1'], blind: false },
  'director of region 1': { leads: ['region 1', 'agency 1', 'agency 2', 'pool of agency 1', 'pool of agency 2', 'pool of region 1'], blind: false },
  'national director': { leads: EVERY_UNIT, blind: false },
  admin: { leads: EVERY_UNIT, blind: false },
  'national director via a read token': { leads: EVERY_UNIT, blind: false },
  'national director via a token without read': { leads: EVERY_UNIT, blind: true },
  'admin via a token without read': { leads: EVERY_UNIT, blind: true },
  'sales rep via a token with no scope': { leads: [], blind: true },
};

const STEERING_MIN_GROUP = 5;
type AudienceName = 'member, 5 people (the min group)' | 'member, 4 people (below it)' | 'not a member, 50 people' | 'not a member, 4 people';
const AUDIENCES: Record<AudienceName, { member: boolean; people: number }> = {
  'member, 5 people (the min group)': { member: true, people: 5 },
  'member, 4 people (below it)': { member: true, people: 4 },
  'not a member, 50 people': { member: false, people: 50 },
  'not a member, 4 people': { member: false, people: 4 },
};
const AUDIENCE_NAMES = Object.keys(AUDIENCES) as AudienceName[];
type View = 'full' | 'aggregate' | 'none';
/** What someone who does not lead the unit sees: the aggregates of a group they are in, large enough. */
const AS_COLLEAGUE: Record<AudienceName, View> = {
  'member, 5 people (the min group)': 'aggregate',
  'member, 4 people (below it)': 'none',
  'not a member, 50 people': 'none',
  'not a member, 4 people': 'none',
};

describe('steering: who sees which figures', () => {
  const cells = (Object.keys(STEERING_PRINCIPALS) as SteeringPrincipal[]).flatMap((who) =>
    STEERING_UNIT_NAMES.flatMap((unit) =>
      AUDIENCE_NAMES.map((audience) => {
        const { leads, blind } = STEERING_MATRIX[who];
        const expected: View = blind ? 'none' : leads.includes(unit) ? 'full' : AS_COLLEAGUE[audience];
        return { who, unit, audience, expected };
      }),
    ),
  );

  it.each(cells)('steeringView · $who · $unit · $audience → $expected', ({ who, unit, audience, expected }) => {
    expect(steeringView(STEERING_PRINCIPALS[who], STEERING_UNITS[unit], { ...AUDIENCES[audience], minGroup: STEERING_MIN_GROUP })).toBe(expected);
  });

  it('covers every principal × unit × audience, and each view occurs', () => {
    expect(cells).toHaveLength(Object.keys(STEERING_PRINCIPALS).length * STEERING_UNIT_NAMES.length * AUDIENCE_NAMES.length);
    expect(new Set(cells.map((c) => c.expected))).toEqual(new Set(['full', 'aggregate', 'none']));
  });

  it('leadsSteeringUnit: the units each principal leads, whatever its token (the view adds the token)', () => {
    for (const who of Object.keys(STEERING_PRINCIPALS) as SteeringPrincipal[]) {
      for (const unit of STEERING_UNIT_NAMES) {
        expect(leadsSteeringUnit(STEERING_PRINCIPALS[who], STEERING_UNITS[unit]), `${who} · ${unit}`).toBe(STEERING_MATRIX[who].leads.includes(unit));
      }
    }
  });

  it('the min group is the configured one: a member of a unit of exactly minGroup people sees it, of one fewer does not', () => {
    const rep = STEERING_PRINCIPALS['agent (sales rep of agency 1)'];
    const agency = STEERING_UNITS['agency 1'];
    for (const minGroup of [1, 3, 10]) {
      expect(steeringView(rep, agency, { member: true, people: minGroup, minGroup }), `min ${minGroup}`).toBe('aggregate');
      expect(steeringView(rep, agency, { member: true, people: minGroup - 1, minGroup }), `min ${minGroup}`).toBe('none');
      expect(steeringView(rep, agency, { member: false, people: minGroup + 100, minGroup }), `min ${minGroup}`).toBe('none');
    }
    // A leader sees their unit even when it is a single person.
    expect(steeringView(STEERING_PRINCIPALS['manager of agency 1'], agency, { member: false, people: 1, minGroup: 5 })).toBe('full');
    expect(steeringView(STEERING_PRINCIPALS['manager of agency 1'], agency, { member: false, people: 0, minGroup: 5 })).toBe('full');
  });
});

describe('steering: whose person figures one sees', () => {
  // A rep of agency 1 and its sales pool (so counted in region 1 and the nation too).
  const REP_UNITS: SteeringUnit[] = [STEERING_UNITS.nation, STEERING_UNITS['region 1'], STEERING_UNITS['agency 1'], STEERING_UNITS['pool of agency 1']];
  const rep = { userId: COLLEAGUE, units: REP_UNITS };
  const self = principal({ pools: [pool('sales', 'agency')] });
  const selfPrincipal: Principal = { ...self, userId: COLLEAGUE };
  const managerOf = (type: 'agency' | 'pool' | 'region', id: string, regionId: string, agencyId: string | null = null) =>
    principal({ roles: [type === 'region' ? 'director' : 'manager'], managed: [{ type, id, regionId, agencyId }] });

  const VIEWERS: Array<[string, Principal, boolean]> = [
    ['the person themselves', selfPrincipal, true],
    ['the person themselves via a read token', { ...selfPrincipal, tokenScopes: ['read'] }, true],
    ['the person themselves via a token without read', { ...selfPrincipal, tokenScopes: ['write'] }, false],
    ['a colleague of the same agency and pool', salesRep, false],
    ['their line manager (manager of agency 1)', managerOf('agency', A1, R1, A1), true],
    ['the manager of their pool', managerOf('pool', POOL_A1, R1, A1), true],
    ['the manager of another agency of the region', managerOf('agency', A2, R1, A2), false],
    ['the manager of an agency of another region', managerOf('agency', A3, R2, A3), false],
    ['the manager of another agency’s pool', managerOf('pool', POOL_A2, R1, A2), false],
    ['the manager of the region’s own pool', managerOf('pool', POOL_R1, R1), false],
    ['the director of their region', managerOf('region', R1, R1), true],
    ['the director of another region', managerOf('region', R2, R2), false],
    ['the national director', nationalDirector, true],
    ['an admin', PRINCIPALS.admin, true],
    ['an admin via a token without read', STEERING_PRINCIPALS['admin via a token without read'], false],
    ['someone holding agency 1 without the manager role', principal({ managed: [{ type: 'agency', id: A1, regionId: R1, agencyId: A1 }] }), false],
  ];

  it.each(VIEWERS)('%s → %s', (_who, viewer, allowed) => {
    expect(canSeePersonFigures(viewer, rep)).toBe(allowed);
  });

  it('a person counted in a regional pool only is the region’s director’s and the pool manager’s, not an agency manager’s', () => {
    const advisor = { userId: COLLEAGUE, units: [STEERING_UNITS.nation, STEERING_UNITS['pool of region 1']] };
    expect(canSeePersonFigures(managerOf('region', R1, R1), advisor)).toBe(true);
    expect(canSeePersonFigures(managerOf('pool', POOL_R1, R1), advisor)).toBe(true);
    expect(canSeePersonFigures(managerOf('agency', A1, R1, A1), advisor)).toBe(false);
    expect(canSeePersonFigures(managerOf('region', R2, R2), advisor)).toBe(false);
  });

  it('a person shared between two agencies is seen by the managers of both', () => {
    const shared = { userId: COLLEAGUE, units: [STEERING_UNITS.nation, STEERING_UNITS['region 1'], STEERING_UNITS['region 2'], STEERING_UNITS['agency 1'], STEERING_UNITS['agency 3']] };
    expect(canSeePersonFigures(managerOf('agency', A1, R1, A1), shared)).toBe(true);
    expect(canSeePersonFigures(managerOf('agency', A3, R2, A3), shared)).toBe(true);
    expect(canSeePersonFigures(managerOf('agency', A2, R1, A2), shared)).toBe(false);
    expect(canSeePersonFigures(managerOf('region', R2, R2), shared)).toBe(true);
  });
});
