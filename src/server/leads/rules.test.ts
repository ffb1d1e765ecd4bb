import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  canTransition,
  DEFAULT_ROUTING_CONFIG,
  isAbsent,
  isAvailable,
  leadDeadlines,
  needsPool,
  nextStatus,
  pickFromPool,
  routeLead,
  routingRuleText,
  businessMinutesLeft,
  type LeadTransition,
  type Person,
  type PoolCandidate,
} from './rules.ts';
import { businessMinutesBetween, defaultCalendar, isBusinessDay, isOpen, parisTime } from '../calendar/rules.ts';
import type { LeadStatus } from '../../contract/leads.ts';

const cal = defaultCalendar([2025, 2026, 2027, 2028]);
// Wednesday 10 June 2026, 11:00 in Paris.
const AT = new Date('2026-06-10T11:00:00+02:00');
const TODAY = '2026-06-10';

function person(id: string, over: Partial<Person> = {}): Person {
  return { id, name: `P ${id}`, active: true, absentFrom: null, absentUntil: null, backupId: null, ...over };
}
function candidate(id: string, over: Partial<PoolCandidate> = {}): PoolCandidate {
  return { ...person(id), openLeads: 0, lastAssignedAt: null, ...over };
}
const route = (input: Partial<Parameters<typeof routeLead>[0]>) => routeLead({ owner: null, backup: null, pool: [], at: AT, ruleVersion: 3, ...input });

describe('isAbsent', () => {
  it('includes both ends of the absence', () => {
    const p = { absentFrom: '2026-06-08', absentUntil: '2026-06-10' };
    expect(isAbsent(p, '2026-06-07')).toBe(false);
    expect(isAbsent(p, '2026-06-08')).toBe(true);
    expect(isAbsent(p, '2026-06-09')).toBe(true);
    expect(isAbsent(p, '2026-06-10')).toBe(true);
    expect(isAbsent(p, '2026-06-11')).toBe(false);
  });

  it('treats an open end as until further notice, and no start as present', () => {
    expect(isAbsent({ absentFrom: '2026-06-08', absentUntil: null }, '2036-01-01')).toBe(true);
    expect(isAbsent({ absentFrom: '2026-06-08', absentUntil: null }, '2026-06-07')).toBe(false);
    expect(isAbsent({ absentFrom: null, absentUntil: null }, TODAY)).toBe(false);
    // An end without a start is not an absence.
    expect(isAbsent({ absentFrom: null, absentUntil: '2026-12-31' }, TODAY)).toBe(false);
    // A one-day absence.
    expect(isAbsent({ absentFrom: TODAY, absentUntil: TODAY }, TODAY)).toBe(true);
  });

  it('compares calendar dates across months and years', () => {
    const p = { absentFrom: '2026-12-28', absentUntil: '2027-01-03' };
    expect(isAbsent(p, '2026-12-31')).toBe(true);
    expect(isAbsent(p, '2027-01-03')).toBe(true);
    expect(isAbsent(p, '2027-01-04')).toBe(false);
    expect(isAbsent(p, '2026-12-27')).toBe(false);
  });

  it('uses the Paris date of the relay: 23:30 UTC on 9 June is already 10 June in Paris', () => {
    const owner = person('o', { absentFrom: '2026-06-10', absentUntil: '2026-06-10' });
    const pool = [candidate('z')];
    expect(routeLead({ owner, backup: null, pool, at: new Date('2026-06-09T21:30:00Z'), ruleVersion: 1 }).assigneeId).toBe('o');
    expect(routeLead({ owner, backup: null, pool, at: new Date('2026-06-09T22:30:00Z'), ruleVersion: 1 }).assigneeId).toBe('z');
  });
});

describe('routeLead', () => {
  it('gives the lead to an available owner, naming them, with the rule version', () => {
    const owner = person('o', { backupId: 'b' });
    const d = route({ owner, backup: person('b'), pool: [candidate('p')] });
    expect(d.assigneeId).toBe('o');
    expect(d.reason).toEqual({ code: 'owner', text: `${owner.name} owns this account.`, ruleVersion: 3 });
  });

  it('hands over to the backup while the owner is absent (both ends inclusive, or open-ended)', () => {
    for (const absence of [
      { absentFrom: TODAY, absentUntil: TODAY },
      { absentFrom: '2026-06-01', absentUntil: TODAY },
      { absentFrom: TODAY, absentUntil: '2026-06-30' },
      { absentFrom: '2026-01-01', absentUntil: null },
    ]) {
      const owner = person('o', { backupId: 'b', ...absence });
      const d = route({ owner, backup: person('b'), pool: [candidate('p')] });
      expect(d.assigneeId, JSON.stringify(absence)).toBe('b');
      expect(d.reason.code).toBe('owner_absent_backup');
      expect(d.reason.text).toContain(owner.name);
      expect(d.reason.text).toContain('P b');
    }
    // Back the day after the absence ends.
    const back = person('o', { backupId: 'b', absentFrom: '2026-06-01', absentUntil: '2026-06-09' });
    expect(route({ owner: back, backup: person('b'), pool: [candidate('p')] }).assigneeId).toBe('o');
  });

  it('goes to the pool when the backup is absent or inactive too', () => {
    const owner = person('o', { backupId: 'b', absentFrom: TODAY, absentUntil: null });
    for (const backup of [person('b', { absentFrom: TODAY, absentUntil: TODAY }), person('b', { active: false })]) {
      const d = route({ owner, backup, pool: [candidate('p')] });
      expect(d.assigneeId).toBe('p');
      expect(d.reason.code).toBe('owner_unavailable_pool');
      expect(d.reason.text).toContain('absent and so is their backup');
    }
    // Absent owner without a backup.
    const alone = person('o', { absentFrom: TODAY, absentUntil: null });
    const d = route({ owner: alone, backup: null, pool: [candidate('p')] });
    expect(d).toMatchObject({ assigneeId: 'p', reason: { code: 'owner_unavailable_pool' } });
    expect(d.reason.text).toContain('is absent;');
  });

  it('sends an inactive owner’s lead to the pool, not to their backup', () => {
    const owner = person('o', { backupId: 'b', active: false });
    const d = route({ owner, backup: person('b'), pool: [candidate('p')] });
    expect(d.assigneeId).toBe('p');
    expect(d.reason.code).toBe('owner_unavailable_pool');
    expect(d.reason.text).toContain('no longer active');
    // With an empty pool, still not the backup: nobody.
    expect(route({ owner, backup: person('b'), pool: [] }).assigneeId).toBeNull();
  });

  it('without an owner, picks the least-loaded pool member', () => {
    const pool = [candidate('a', { openLeads: 4 }), candidate('b', { openLeads: 1 }), candidate('c', { openLeads: 2 })];
    const d = route({ pool });
    expect(d.assigneeId).toBe('b');
    expect(d.reason.code).toBe('no_owner_pool');
    expect(d.reason.text).toContain('This account has no owner');
    expect(d.reason.text).toContain('(1)');
  });

  it('breaks ties by who received a lead least recently (never first), then by id', () => {
    const recent = candidate('a', { openLeads: 1, lastAssignedAt: '2026-06-10T08:00:00.000Z' });
    const older = candidate('b', { openLeads: 1, lastAssignedAt: '2026-06-01T08:00:00.000Z' });
    const never = candidate('c', { openLeads: 1, lastAssignedAt: null });
    expect(route({ pool: [recent, older, never] }).assigneeId).toBe('c');
    expect(route({ pool: [recent, older] }).assigneeId).toBe('b');
    expect(route({ pool: [older, recent] }).assigneeId).toBe('b');
    const x = candidate('0190-aaaa', { openLeads: 1 });
    const y = candidate('0190-bbbb', { openLeads: 1 });
    expect(route({ pool: [y, x] }).assigneeId).toBe('0190-aaaa');
    expect(route({ pool: [x, y] }).assigneeId).toBe('0190-aaaa');
    // Load first: the never-assigned one with more leads loses.
    expect(route({ pool: [candidate('n', { openLeads: 2 }), recent] }).assigneeId).toBe('a');
  });

  it('never picks an inactive or absent pool member, however idle', () => {
    const pool = [
      candidate('inactive', { active: false, openLeads: 0 }),
      candidate('absent', { absentFrom: '2026-06-01', absentUntil: null, openLeads: 0 }),
      candidate('busy', { openLeads: 9, lastAssignedAt: '2026-06-10T08:00:00.000Z' }),
    ];
    expect(route({ pool }).assigneeId).toBe('busy');
    expect(pickFromPool(pool, TODAY)?.id).toBe('busy');
    expect(pickFromPool(pool.slice(0, 2), TODAY)).toBeNull();
  });

  it('returns nobody with no_one_available when owner, backup and pool are all unavailable', () => {
    const owner = person('o', { backupId: 'b', absentFrom: TODAY, absentUntil: null });
    const d = route({ owner, backup: person('b', { active: false }), pool: [candidate('p', { active: false }), candidate('q', { absentFrom: TODAY, absentUntil: TODAY })] });
    expect(d.assigneeId).toBeNull();
    expect(d.reason).toMatchObject({ code: 'no_one_available', ruleVersion: 3 });
    expect(route({}).reason.code).toBe('no_one_available');
  });

  it('needsPool: not for an available owner, nor for a merely absent owner’s available backup; otherwise yes', () => {
    const away = { absentFrom: '2026-06-09', absentUntil: '2026-06-11' };
    expect(needsPool({ owner: person('o'), backup: null, at: AT })).toBe(false);
    expect(needsPool({ owner: person('o', away), backup: person('b'), at: AT })).toBe(false);
    expect(needsPool({ owner: person('o', away), backup: person('b', away), at: AT })).toBe(true);
    expect(needsPool({ owner: person('o', { active: false }), backup: person('b'), at: AT })).toBe(true);
    expect(needsPool({ owner: null, backup: null, at: AT })).toBe(true);
    // The day after the absence ends, the owner is back.
    expect(needsPool({ owner: person('o', away), backup: null, at: new Date('2026-06-12T09:00:00+02:00') })).toBe(false);
  });

  it('property: the assignee is always active and present; nobody only when no eligible person is available', () => {
    const ids = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6'];
    const day = fc.integer({ min: 0, max: 40 }).map((n) => new Date(Date.UTC(2026, 5, 1 + n)).toISOString().slice(0, 10));
    const absence = fc.oneof(
      fc.constant({ absentFrom: null, absentUntil: null }),
      fc.tuple(day, fc.option(day, { nil: null })).map(([from, until]) => ({ absentFrom: from, absentUntil: until === null || until >= from ? until : from })),
    );
    const personArb = (id: string) => fc.record({ active: fc.boolean(), absence }).map(({ active, absence: a }) => person(id, { active, ...a }));
    const candidateArb = fc
      .record({
        id: fc.constantFrom(...ids),
        active: fc.boolean(),
        absence,
        openLeads: fc.integer({ min: 0, max: 5 }),
        lastAssignedAt: fc.option(fc.date({ min: new Date('2026-01-01'), max: new Date('2026-06-30'), noInvalidDate: true }).map((d) => d.toISOString()), { nil: null }),
      })
      .map((c) => candidate(c.id, { active: c.active, ...c.absence, openLeads: c.openLeads, lastAssignedAt: c.lastAssignedAt }));
    const input = fc.record({
      owner: fc.option(personArb('owner'), { nil: null }),
      backup: fc.option(personArb('backup'), { nil: null }),
      pool: fc.uniqueArray(candidateArb, { selector: (c) => c.id, maxLength: 6 }),
      at: fc.date({ min: new Date('2026-06-01T00:00:00Z'), max: new Date('2026-07-10T23:59:59Z'), noInvalidDate: true }),
    });
    fc.assert(
      fc.property(input, ({ owner, backup, pool, at }) => {
        const date = parisTime(at).date;
        const d = routeLead({ owner, backup, pool, at, ruleVersion: 1 });
        const everyone = [owner, backup, ...pool].filter((p) => p !== null);
        const ownerOk = !!owner && isAvailable(owner, date);
        // The backup stands in only for an owner who is still active (an inactive owner's leads go to the pool).
        const backupOk = !!owner && owner.active && !!backup && isAvailable(backup, date);
        const poolOk = pool.some((p) => isAvailable(p, date));
        if (d.assigneeId !== null) {
          const chosen = everyone.find((p) => p.id === d.assigneeId)!;
          expect(chosen).toBeDefined();
          expect(chosen.active).toBe(true);
          expect(isAbsent(chosen, date)).toBe(false);
          if (ownerOk) expect(d.assigneeId).toBe('owner');
          else if (backupOk) expect(d.assigneeId).toBe('backup');
          else {
            // From the pool, with the least open load among the available.
            const min = Math.min(...pool.filter((p) => isAvailable(p, date)).map((p) => p.openLeads));
            expect(pool.find((p) => p.id === d.assigneeId)!.openLeads).toBe(min);
          }
        } else {
          expect(d.reason.code).toBe('no_one_available');
          expect(ownerOk || backupOk || poolOk).toBe(false);
        }
        expect((d.assigneeId === null) === !(ownerOk || backupOk || poolOk)).toBe(true);
        // Relays read the pool's loads only when needsPool says so: it must agree with the decision.
        expect(needsPool({ owner, backup, at })).toBe(!ownerOk && !backupOk);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('leadDeadlines', () => {
  it('gives 9, 18 and 27 business hours by default to key, intermediate and mass accounts, warning at 75%', () => {
    expect(DEFAULT_ROUTING_CONFIG.deadlineHours).toEqual({ key: 9, intermediate: 18, mass: 27 });
    for (const [segment, hours] of [
      ['key', 9],
      ['intermediate', 18],
      ['mass', 27],
    ] as const) {
      const { dueAt, warnAt } = leadDeadlines(cal, DEFAULT_ROUTING_CONFIG, segment, AT);
      expect(businessMinutesBetween(cal, AT, dueAt)).toBe(hours * 60);
      expect(businessMinutesBetween(cal, AT, warnAt)).toBe(Math.round(hours * 60 * 0.75));
      expect(warnAt.getTime()).toBeLessThan(dueAt.getTime());
    }
    // Wednesday 11:00 + 9 business hours = Thursday 11:00; the warning at 6h45 = Wednesday 17:45.
    const key = leadDeadlines(cal, DEFAULT_ROUTING_CONFIG, 'key', AT);
    expect(key.dueAt.toISOString()).toBe(new Date('2026-06-11T11:00:00+02:00').toISOString());
    expect(key.warnAt.toISOString()).toBe(new Date('2026-06-10T17:45:00+02:00').toISOString());
  });

  it('starts a Friday-evening relay’s clock after a bank-holiday weekend', () => {
    // Friday 3 April 2026, 19:30: Saturday, Sunday and Easter Monday are closed.
    const friday = new Date('2026-04-03T19:30:00+02:00');
    const key = leadDeadlines(cal, DEFAULT_ROUTING_CONFIG, 'key', friday);
    expect(key.dueAt.toISOString()).toBe(new Date('2026-04-07T18:00:00+02:00').toISOString());
    expect(key.warnAt.toISOString()).toBe(new Date('2026-04-07T15:45:00+02:00').toISOString());
    const mass = leadDeadlines(cal, DEFAULT_ROUTING_CONFIG, 'mass', friday);
    expect(mass.dueAt.toISOString()).toBe(new Date('2026-04-09T18:00:00+02:00').toISOString());
    // Friday 22 May 2026 evening before the Whit Monday weekend: due Tuesday at closing.
    const plain = leadDeadlines(cal, DEFAULT_ROUTING_CONFIG, 'key', new Date('2026-05-22T18:30:00+02:00'));
    expect(plain.dueAt.toISOString()).toBe(new Date('2026-05-26T18:00:00+02:00').toISOString());
  });

  it('follows the configured hours and ratio', () => {
    const config = { deadlineHours: { key: 4, intermediate: 10, mass: 40 }, warnRatio: 0.5, expireAfterDays: 30 };
    const { dueAt, warnAt } = leadDeadlines(cal, config, 'key', AT);
    expect(businessMinutesBetween(cal, AT, dueAt)).toBe(240);
    expect(businessMinutesBetween(cal, AT, warnAt)).toBe(120);
    expect(businessMinutesBetween(cal, AT, leadDeadlines(cal, config, 'mass', AT).dueAt)).toBe(40 * 60);
  });

  it('property: warnAt ≤ dueAt, both at open time (or closing), 75% of the business time apart from creation', () => {
    const openOrClosing = (d: Date) => {
      const t = parisTime(d);
      return isOpen(cal, d) || (isBusinessDay(cal, t.date, t.weekday) && t.minutes === cal.closesAt);
    };
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom('key' as const, 'intermediate' as const, 'mass' as const),
        fc.record({
          deadlineHours: fc.record({ key: fc.integer({ min: 1, max: 200 }), intermediate: fc.integer({ min: 1, max: 200 }), mass: fc.integer({ min: 1, max: 200 }) }),
          warnRatio: fc.double({ min: 0.1, max: 0.95, noNaN: true }),
          expireAfterDays: fc.constant(90),
        }),
        (createdAt, segment, config) => {
          const { dueAt, warnAt } = leadDeadlines(cal, config, segment, createdAt);
          const total = config.deadlineHours[segment] * 60;
          expect(warnAt.getTime()).toBeLessThanOrEqual(dueAt.getTime());
          expect(businessMinutesBetween(cal, createdAt, dueAt)).toBe(total);
          expect(businessMinutesBetween(cal, createdAt, warnAt)).toBe(Math.round(total * config.warnRatio));
          expect(openOrClosing(dueAt)).toBe(true);
          expect(openOrClosing(warnAt)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('businessMinutesLeft counts down and goes negative once late', () => {
    const { dueAt } = leadDeadlines(cal, DEFAULT_ROUTING_CONFIG, 'key', AT);
    expect(businessMinutesLeft(cal, AT, dueAt)).toBe(540);
    expect(businessMinutesLeft(cal, dueAt, dueAt)).toBe(0);
    // Thursday 11:00 due; Friday 10:00 is 8 business hours late.
    expect(businessMinutesLeft(cal, new Date('2026-06-12T10:00:00+02:00'), dueAt)).toBe(-8 * 60);
  });
});

describe('canTransition and nextStatus', () => {
  const statuses: LeadStatus[] = ['new', 'accepted', 'rejected', 'converted', 'expired'];
  const transitions: LeadTransition[] = ['accept', 'reject', 'convert', 'expire'];
  const allowed = new Set(['new:accept', 'new:reject', 'new:convert', 'accepted:convert', 'accepted:expire']);

  it('allows exactly the lifecycle new → accepted | rejected → converted | expired (convert straight from new too)', () => {
    for (const from of statuses) {
      for (const t of transitions) expect(canTransition(from, t), `${from} ${t}`).toBe(allowed.has(`${from}:${t}`));
    }
    for (const terminal of ['rejected', 'converted', 'expired'] as const) {
      expect(transitions.some((t) => canTransition(terminal, t))).toBe(false);
    }
  });

  it('names the status each transition leads to', () => {
    expect(transitions.map(nextStatus)).toEqual(['accepted', 'rejected', 'converted', 'expired']);
  });
});

describe('routingRuleText', () => {
  it('quotes the default deadlines in business days and the warning percentage', () => {
    const text = routingRuleText(DEFAULT_ROUTING_CONFIG);
    expect(text).toContain('within 1 business day for a key account');
    expect(text).toContain('2 business days for an intermediate one');
    expect(text).toContain('3 business days for a small one');
    expect(text).toContain('At 75% of that time');
    expect(text).toContain('within 90 days expires');
    expect(text).toContain('backup');
    expect(text).toContain('never to someone inactive or absent');
  });

  it('quotes configured hours that are not whole days, and another percentage', () => {
    const text = routingRuleText({ deadlineHours: { key: 4, intermediate: 27, mass: 50 }, warnRatio: 0.6, expireAfterDays: 30 });
    expect(text).toContain('within 4 business hours for a key account');
    expect(text).toContain('3 business days for an intermediate one');
    expect(text).toContain('50 business hours for a small one');
    expect(text).toContain('At 60% of that time');
    expect(text).toContain('within 30 days expires');
  });
});
