import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  attribute,
  attributionText,
  commonLevel,
  compareInitiatives,
  creditShares,
  DEFAULT_ATTRIBUTION,
  creditLine,
  durationInWords,
  explainAdjustment,
  explainCredit,
  FULL_SHARE_BP,
  levelAbove,
  movedAmount,
  percentInWords,
  pickArbiter,
  splitAmount,
  type AdjustmentFacts,
  type CreditFacts,
  type Initiative,
  type ManagerCandidate,
  type Place,
  type ShareInput,
} from './rules.ts';
import type { ArbiterLevel } from '../db/schema.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// Wednesday 10 June 2026, 14:00 in Paris.
const WON = new Date('2026-06-10T12:00:00Z');
const at = (ms: number) => new Date(WON.getTime() + ms);

function initiative(kind: Initiative['kind'], id: string, personId: string | null, recordedAt: Date): Initiative {
  return { kind, id, personId, recordedAt };
}
const lead = (id: string, personId: string | null, recordedAt: Date) => initiative('lead', id, personId, recordedAt);
const deal = (id: string, personId: string | null, recordedAt: Date) => initiative('deal', id, personId, recordedAt);
const key = (i: Initiative) => `${i.kind}:${i.id}`;
const statuses = (r: ReturnType<typeof attribute>) => r.classified.map((c) => `${key(c.initiative)}=${c.status}`);

/** Initiatives with unique ids, recorded in a few coarse steps so that ties on the same instant are common. */
const initiativesArb = fc.uniqueArray(
  fc.record({
    kind: fc.constantFrom('lead' as const, 'deal' as const),
    id: fc.constantFrom('01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'),
    personId: fc.option(fc.constantFrom('p1', 'p2', 'p3'), { nil: null, freq: 5 }),
    // From 120 days before the win to 10 days after, in 12-hour steps, sometimes at the exact bounds.
    recordedAt: fc.oneof(
      fc.integer({ min: -240, max: 20 }).map((n) => at(n * 12 * HOUR)),
      fc.constantFrom(at(-90 * DAY), at(-90 * DAY - 1), at(0), at(1)),
    ),
  }),
  { selector: (i) => i.id, maxLength: 12 },
);

describe('compareInitiatives', () => {
  it('puts the earlier recorded_at first, whatever the kind and id', () => {
    const early = deal('zz', 'p1', at(-2 * DAY));
    const late = lead('aa', 'p2', at(-2 * DAY + 1));
    expect(compareInitiatives(early, late)).toBeLessThan(0);
    expect(compareInitiatives(late, early)).toBeGreaterThan(0);
  });

  it('breaks ties on the same instant: lead before deal, then the smaller id (exhaustive)', () => {
    const t = at(-DAY);
    const cases: Array<[Initiative['kind'], string, Initiative['kind'], string, -1 | 0 | 1]> = [
      ['lead', 'a', 'lead', 'b', -1],
      ['lead', 'b', 'lead', 'a', 1],
      ['lead', 'a', 'lead', 'a', 0],
      ['deal', 'a', 'deal', 'b', -1],
      ['deal', 'b', 'deal', 'a', 1],
      ['deal', 'a', 'deal', 'a', 0],
      // The kind decides before the id, both ways round.
      ['lead', 'a', 'deal', 'b', -1],
      ['lead', 'b', 'deal', 'a', -1],
      ['lead', 'a', 'deal', 'a', -1],
      ['deal', 'a', 'lead', 'b', 1],
      ['deal', 'b', 'lead', 'a', 1],
      ['deal', 'a', 'lead', 'a', 1],
    ];
    for (const [ka, ia, kb, ib, expected] of cases) {
      const c = compareInitiatives(initiative(ka, ia, 'p1', t), initiative(kb, ib, 'p2', new Date(t.getTime())));
      expect(Math.sign(c), `${ka}:${ia} vs ${kb}:${ib}`).toBe(expected);
    }
  });

  it('orders UUIDv7 ids by the order they were written', () => {
    const first = deal('01890a5d-ac96-774b-bcce-b302099a8057', 'p1', at(-DAY));
    const second = deal('01890a5d-ac97-7000-8000-000000000000', 'p2', at(-DAY));
    expect(compareInitiatives(first, second)).toBeLessThan(0);
  });

  it('property: a total order (antisymmetric, transitive, zero only for the same kind and id at the same instant)', () => {
    const one = fc.record({
      kind: fc.constantFrom('lead' as const, 'deal' as const),
      id: fc.constantFrom('a', 'b', 'c'),
      personId: fc.constant('p'),
      recordedAt: fc.integer({ min: 0, max: 2 }).map((n) => at(n * MINUTE)),
    });
    fc.assert(
      fc.property(one, one, one, (a, b, c) => {
        expect(Math.sign(compareInitiatives(a, b))).toBe(-Math.sign(compareInitiatives(b, a)) || 0);
        if (compareInitiatives(a, b) <= 0 && compareInitiatives(b, c) <= 0) expect(compareInitiatives(a, c)).toBeLessThanOrEqual(0);
        const same = a.kind === b.kind && a.id === b.id && a.recordedAt.getTime() === b.recordedAt.getTime();
        expect(compareInitiatives(a, b) === 0).toBe(same);
      }),
      { numRuns: 500 },
    );
  });
});

describe('attribute', () => {
  it('uses a 90-day window and a 50 % initiator share by default', () => {
    expect(DEFAULT_ATTRIBUTION).toEqual({ windowDays: 90, initiatorSharePct: 50 });
  });

  it('credits the earliest recorded initiative and classifies the rest as later, in attribution order', () => {
    const a = lead('l-a', 'alice', at(-5 * DAY));
    const b = deal('d-b', 'bob', at(-3 * DAY));
    const c = lead('l-c', 'carol', at(-10 * DAY));
    const r = attribute([a, b, c], WON, DEFAULT_ATTRIBUTION);
    expect(r.initiator).toBe(c);
    expect(statuses(r)).toEqual(['lead:l-c=initiator', 'lead:l-a=later', 'deal:d-b=later']);
  });

  it('gives nobody the initiative when there is none', () => {
    expect(attribute([], WON, DEFAULT_ATTRIBUTION)).toEqual({ initiator: null, classified: [] });
  });

  it('does not reorder the caller’s array', () => {
    const list = [deal('d2', 'p2', at(-DAY)), lead('l1', 'p1', at(-2 * DAY))];
    const copy = [...list];
    attribute(list, WON, DEFAULT_ATTRIBUTION);
    expect(list).toEqual(copy);
  });

  it('on the same instant, a lead beats a deal, then the smaller id wins, whatever the reading order', () => {
    const t = at(-DAY);
    const cases: Array<{ list: Initiative[]; winner: string }> = [
      { list: [deal('a', 'seller', t), lead('z', 'relayer', t)], winner: 'lead:z' },
      { list: [lead('b', 'p2', t), lead('a', 'p1', t)], winner: 'lead:a' },
      { list: [deal('b', 'p2', t), deal('a', 'p1', t)], winner: 'deal:a' },
      { list: [deal('a', 'p1', t), lead('c', 'p3', t), lead('b', 'p2', t)], winner: 'lead:b' },
      // A lead without a person does not win the tie: the deal does.
      { list: [lead('a', null, t), deal('b', 'p2', t)], winner: 'deal:b' },
      // An earlier deal beats a later lead, even by one millisecond.
      { list: [lead('a', 'p1', new Date(t.getTime() + 1)), deal('z', 'p2', t)], winner: 'deal:z' },
    ];
    for (const { list, winner } of cases) {
      for (const order of [list, [...list].reverse()]) {
        const r = attribute(order, WON, DEFAULT_ATTRIBUTION);
        expect(r.initiator && key(r.initiator), JSON.stringify(order.map(key))).toBe(winner);
      }
    }
  });

  it('counts the window bounds: exactly windowDays before the win counts, one millisecond earlier does not', () => {
    const onStart = lead('l1', 'p1', at(-90 * DAY));
    const before = lead('l0', 'p0', at(-90 * DAY - 1));
    const r = attribute([before, onStart], WON, DEFAULT_ATTRIBUTION);
    expect(r.initiator).toBe(onStart);
    expect(statuses(r)).toEqual(['lead:l0=outside_window', 'lead:l1=initiator']);
    // With a shorter window, the same start is outside.
    expect(attribute([onStart], WON, { windowDays: 89, initiatorSharePct: 50 }).initiator).toBeNull();
    expect(attribute([lead('x', 'p', at(-DAY))], WON, { windowDays: 1, initiatorSharePct: 50 }).initiator?.id).toBe('x');
    expect(attribute([lead('x', 'p', at(-DAY - 1))], WON, { windowDays: 1, initiatorSharePct: 50 }).initiator).toBeNull();
  });

  it('counts an initiative recorded at the instant of the win, not one a millisecond after', () => {
    const onWin = deal('d1', 'p1', at(0));
    const after = lead('l0', 'p0', at(1));
    const r = attribute([after, onWin], WON, DEFAULT_ATTRIBUTION);
    expect(r.initiator).toBe(onWin);
    expect(statuses(r)).toEqual(['deal:d1=initiator', 'lead:l0=after_sale']);
    expect(attribute([after], WON, DEFAULT_ATTRIBUTION)).toEqual({ initiator: null, classified: [{ initiative: after, status: 'after_sale' }] });
  });

  it('never credits an initiative outside the window, even when it is the only one or the earliest', () => {
    const old = lead('old', 'p1', at(-200 * DAY));
    const later = deal('late', 'p2', at(2 * DAY));
    expect(attribute([old], WON, DEFAULT_ATTRIBUTION).initiator).toBeNull();
    expect(attribute([old, later], WON, DEFAULT_ATTRIBUTION).classified.map((c) => c.status)).toEqual(['outside_window', 'after_sale']);
    const inside = deal('in', 'p3', at(-DAY));
    expect(attribute([later, inside, old], WON, DEFAULT_ATTRIBUTION).initiator).toBe(inside);
  });

  it('skips initiatives without a person (the public web form): the next one with a person wins', () => {
    const web = lead('web', null, at(-10 * DAY));
    const web2 = lead('web2', null, at(-9 * DAY));
    const rep = deal('rep', 'p1', at(-8 * DAY));
    const other = lead('other', 'p2', at(-7 * DAY));
    const r = attribute([other, rep, web2, web], WON, DEFAULT_ATTRIBUTION);
    expect(r.initiator).toBe(rep);
    expect(statuses(r)).toEqual(['lead:web=no_person', 'lead:web2=no_person', 'deal:rep=initiator', 'lead:other=later']);
    // Only the web form: nobody.
    expect(attribute([web, web2], WON, DEFAULT_ATTRIBUTION).initiator).toBeNull();
    // A personless entry after the initiator stays no_person, not later.
    expect(statuses(attribute([rep, lead('web3', null, at(-DAY))], WON, DEFAULT_ATTRIBUTION))).toEqual(['deal:rep=initiator', 'lead:web3=no_person']);
  });

  it('cannot be taken by a back-dated entry: it is recorded later, whatever date it claims', () => {
    // Alice relays on 3 May; Bob, on 5 June, types a lead "of 1 April": it is recorded on 5 June.
    const alice = lead('l-alice', 'alice', new Date('2026-05-03T08:14:00Z'));
    const bobBackDated = lead('l-bob', 'bob', new Date('2026-06-05T09:00:00Z'));
    const r = attribute([bobBackDated, alice], WON, DEFAULT_ATTRIBUTION);
    expect(r.initiator).toBe(alice);
    expect(statuses(r)).toEqual(['lead:l-alice=initiator', 'lead:l-bob=later']);
  });

  it('property: the result does not depend on the order the initiatives are read', () => {
    const input = initiativesArb.chain((list) =>
      fc.record({
        list: fc.constant(list),
        shuffled: fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }),
        windowDays: fc.integer({ min: 1, max: 120 }),
      }),
    );
    fc.assert(
      fc.property(input, ({ list, shuffled, windowDays }) => {
        const config = { windowDays, initiatorSharePct: 50 };
        const a = attribute(list, WON, config);
        const b = attribute(shuffled, WON, config);
        expect(b.initiator && key(b.initiator)).toBe(a.initiator && key(a.initiator));
        expect(statuses(b)).toEqual(statuses(a));
        expect(attribute([...list].reverse(), WON, config).initiator).toBe(a.initiator);
      }),
      { numRuns: 1000 },
    );
  });

  it('property: every initiative is classified once, by the rule, and the initiator is the first eligible', () => {
    fc.assert(
      fc.property(initiativesArb, fc.integer({ min: 1, max: 120 }), (list, windowDays) => {
        const r = attribute(list, WON, { windowDays, initiatorSharePct: 50 });
        const start = WON.getTime() - windowDays * DAY;
        expect(r.classified).toHaveLength(list.length);
        expect(new Set(r.classified.map((c) => c.initiative))).toEqual(new Set(list));
        for (let i = 1; i < r.classified.length; i++) {
          expect(compareInitiatives(r.classified[i - 1]!.initiative, r.classified[i]!.initiative)).toBeLessThan(0);
        }
        const eligible = (i: Initiative) => i.personId !== null && i.recordedAt.getTime() >= start && i.recordedAt.getTime() <= WON.getTime();
        const first = [...list].filter(eligible).sort(compareInitiatives)[0] ?? null;
        expect(r.initiator).toBe(first);
        expect(r.classified.filter((c) => c.status === 'initiator').map((c) => c.initiative)).toEqual(first ? [first] : []);
        for (const { initiative: i, status } of r.classified) {
          const t = i.recordedAt.getTime();
          if (t > WON.getTime()) expect(status).toBe('after_sale');
          else if (t < start) expect(status).toBe('outside_window');
          else if (i.personId === null) expect(status).toBe('no_person');
          else expect(status).toBe(i === first ? 'initiator' : 'later');
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('property: adding an initiative recorded after the initiator’s (back-dated or not) never changes the initiator', () => {
    const input = fc.record({
      list: initiativesArb,
      windowDays: fc.integer({ min: 1, max: 120 }),
      kind: fc.constantFrom('lead' as const, 'deal' as const),
      // Any id, even one that would win a tie ('00' is smaller than every other).
      id: fc.constantFrom('00', '99', 'new'),
      personId: fc.option(fc.constantFrom('p1', 'p2', 'intruder'), { nil: null }),
      offset: fc.nat(),
      position: fc.nat(),
    });
    fc.assert(
      fc.property(input, ({ list, windowDays, kind, id, personId, offset, position }) => {
        const config = { windowDays, initiatorSharePct: 50 };
        const before = attribute(list, WON, config).initiator;
        fc.pre(before !== null && before.recordedAt.getTime() < WON.getTime());
        const t0 = before!.recordedAt.getTime();
        // Strictly after the initiator's recorded_at, no later than the win.
        const t = t0 + 1 + (offset % (WON.getTime() - t0));
        const extra = initiative(kind, id, personId, new Date(t));
        const p = position % (list.length + 1);
        const after = attribute([...list.slice(0, p), extra, ...list.slice(p)], WON, config);
        expect(after.initiator).toBe(before);
        expect(after.classified.find((c) => c.initiative === extra)!.status).toBe(personId === null ? 'no_person' : 'later');
      }),
      { numRuns: 1000 },
    );
  });

  it('property: an initiative recorded before the window or after the win never becomes the initiator', () => {
    const input = fc.record({
      list: initiativesArb,
      windowDays: fc.integer({ min: 1, max: 120 }),
      kind: fc.constantFrom('lead' as const, 'deal' as const),
      personId: fc.constantFrom('p1', 'intruder'),
      // Before the window start (up to a year earlier) or after the win (up to a year later).
      outside: fc.oneof(
        fc.integer({ min: 1, max: 365 * DAY }).map((ms) => ({ before: true, ms })),
        fc.integer({ min: 1, max: 365 * DAY }).map((ms) => ({ before: false, ms })),
      ),
      position: fc.nat(),
    });
    fc.assert(
      fc.property(input, ({ list, windowDays, kind, personId, outside, position }) => {
        const config = { windowDays, initiatorSharePct: 50 };
        const t = outside.before ? WON.getTime() - windowDays * DAY - outside.ms : WON.getTime() + outside.ms;
        const extra = initiative(kind, '00', personId, new Date(t));
        const p = position % (list.length + 1);
        const r = attribute([...list.slice(0, p), extra, ...list.slice(p)], WON, config);
        expect(r.initiator).toBe(attribute(list, WON, config).initiator);
        expect(r.classified.find((c) => c.initiative === extra)!.status).toBe(outside.before ? 'outside_window' : 'after_sale');
      }),
      { numRuns: 1000 },
    );
  });
});

describe('creditShares', () => {
  const shares = (over: Partial<ShareInput>) =>
    creditShares({ initiatorId: null, sellerId: 'seller', ownerRepId: null, incentivePct: 20, initiatorSharePct: 50, ...over });

  it('with the default rules: owner 20 %, initiator 40 %, seller 40 %', () => {
    expect(shares({ initiatorId: 'init', ownerRepId: 'owner' })).toEqual([
      { userId: 'owner', role: 'owner_incentive', shareBp: 2000 },
      { userId: 'init', role: 'initiator', shareBp: 4000 },
      { userId: 'seller', role: 'seller', shareBp: 4000 },
    ]);
  });

  it('gives the seller everything left when they initiated the sale themselves', () => {
    expect(shares({ initiatorId: 'seller', ownerRepId: 'owner' })).toEqual([
      { userId: 'owner', role: 'owner_incentive', shareBp: 2000 },
      { userId: 'seller', role: 'seller', shareBp: 8000 },
    ]);
    expect(shares({ initiatorId: 'seller' })).toEqual([{ userId: 'seller', role: 'seller', shareBp: 10_000 }]);
  });

  it('gives everything to the seller when nobody else initiated and no other rep owns the account', () => {
    expect(shares({})).toEqual([{ userId: 'seller', role: 'seller', shareBp: 10_000 }]);
  });

  it('gives no incentive when the owner rep is the seller, or there is no owner rep', () => {
    for (const ownerRepId of ['seller', null]) {
      expect(shares({ initiatorId: 'init', ownerRepId })).toEqual([
        { userId: 'init', role: 'initiator', shareBp: 5000 },
        { userId: 'seller', role: 'seller', shareBp: 5000 },
      ]);
    }
    expect(shares({ initiatorId: 'seller', ownerRepId: 'seller' })).toEqual([{ userId: 'seller', role: 'seller', shareBp: 10_000 }]);
  });

  it('gives no incentive line when the family’s incentive is 0 %', () => {
    expect(shares({ initiatorId: 'init', ownerRepId: 'owner', incentivePct: 0 })).toEqual([
      { userId: 'init', role: 'initiator', shareBp: 5000 },
      { userId: 'seller', role: 'seller', shareBp: 5000 },
    ]);
  });

  it('gives everything to the owner rep with a 100 % incentive', () => {
    for (const initiatorId of [null, 'init', 'seller', 'owner']) {
      expect(shares({ initiatorId, ownerRepId: 'owner', incentivePct: 100 })).toEqual([{ userId: 'owner', role: 'owner_incentive', shareBp: 10_000 }]);
    }
  });

  it('writes no zero line at the ends of the initiator split', () => {
    expect(shares({ initiatorId: 'init', ownerRepId: 'owner', initiatorSharePct: 100 })).toEqual([
      { userId: 'owner', role: 'owner_incentive', shareBp: 2000 },
      { userId: 'init', role: 'initiator', shareBp: 8000 },
    ]);
    expect(shares({ initiatorId: 'init', ownerRepId: 'owner', initiatorSharePct: 0 })).toEqual([
      { userId: 'owner', role: 'owner_incentive', shareBp: 2000 },
      { userId: 'seller', role: 'seller', shareBp: 8000 },
    ]);
  });

  it('splits odd percentages in whole basis points', () => {
    expect(shares({ initiatorId: 'init', ownerRepId: 'owner', incentivePct: 33, initiatorSharePct: 33 })).toEqual([
      { userId: 'owner', role: 'owner_incentive', shareBp: 3300 },
      { userId: 'init', role: 'initiator', shareBp: 2211 },
      { userId: 'seller', role: 'seller', shareBp: 4489 },
    ]);
  });

  it('credits the owner rep twice, as rep and as initiator, when they relayed the lead another channel sold', () => {
    expect(shares({ initiatorId: 'owner', ownerRepId: 'owner' })).toEqual([
      { userId: 'owner', role: 'owner_incentive', shareBp: 2000 },
      { userId: 'owner', role: 'initiator', shareBp: 4000 },
      { userId: 'seller', role: 'seller', shareBp: 4000 },
    ]);
  });

  it('property: shares always add up to 10,000 bp, none zero or negative, each by the rule', () => {
    const input = fc
      .record({
        ids: fc.uniqueArray(fc.uuid(), { minLength: 3, maxLength: 3 }),
        initiatorIs: fc.constantFrom('none', 'seller', 'other'),
        ownerIs: fc.constantFrom('none', 'seller', 'initiator', 'other'),
        incentivePct: fc.integer({ min: 0, max: 100 }),
        initiatorSharePct: fc.integer({ min: 0, max: 100 }),
      })
      .map(({ ids: [seller, initiator, other], initiatorIs, ownerIs, incentivePct, initiatorSharePct }) => {
        const initiatorId = initiatorIs === 'none' ? null : initiatorIs === 'seller' ? seller! : initiator!;
        const ownerRepId = ownerIs === 'none' ? null : ownerIs === 'seller' ? seller! : ownerIs === 'initiator' ? initiator! : other!;
        return { initiatorId, sellerId: seller!, ownerRepId, incentivePct, initiatorSharePct };
      });
    fc.assert(
      fc.property(input, (s) => {
        const result = creditShares(s);
        expect(result.reduce((sum, x) => sum + x.shareBp, 0)).toBe(FULL_SHARE_BP);
        for (const x of result) {
          expect(Number.isInteger(x.shareBp)).toBe(true);
          expect(x.shareBp).toBeGreaterThan(0);
        }
        expect(new Set(result.map((x) => x.role)).size).toBe(result.length);
        const owner = result.find((x) => x.role === 'owner_incentive');
        const initiator = result.find((x) => x.role === 'initiator');
        const seller = result.find((x) => x.role === 'seller');
        const incentiveApplies = s.ownerRepId !== null && s.ownerRepId !== s.sellerId && s.incentivePct > 0;
        expect(owner).toEqual(incentiveApplies ? { userId: s.ownerRepId, role: 'owner_incentive', shareBp: s.incentivePct * 100 } : undefined);
        const rest = FULL_SHARE_BP - (owner?.shareBp ?? 0);
        if (s.initiatorId === null || s.initiatorId === s.sellerId) {
          expect(initiator).toBeUndefined();
          expect(seller?.shareBp ?? 0).toBe(rest);
        } else {
          expect(initiator?.shareBp ?? 0).toBe((rest * s.initiatorSharePct) / 100);
          expect(initiator?.userId ?? s.initiatorId).toBe(s.initiatorId);
        }
        if (seller) expect(seller.userId).toBe(s.sellerId);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('splitAmount', () => {
  it('splits exactly, with the leftover cents by largest remainder, the first share on ties', () => {
    const cases: Array<[number, number[], number[]]> = [
      [0, [3333, 3333, 3334], [0, 0, 0]],
      [1, [3333, 3333, 3334], [0, 0, 1]],
      [2, [3333, 3333, 3334], [1, 0, 1]],
      [100, [3333, 3333, 3334], [33, 33, 34]],
      [1, [5000, 5000], [1, 0]],
      [101, [5000, 5000], [51, 50]],
      [3, [5000, 5000], [2, 1]],
      [12_345, [2000, 4000, 4000], [2469, 4938, 4938]],
      [99_999, [2000, 4000, 4000], [20_000, 40_000, 39_999]],
      [1, [2000, 4000, 4000], [0, 1, 0]],
      [12_345, [10_000], [12_345]],
      [7, [1, 9999], [0, 7]],
      [10_001, [1, 9999], [1, 10_000]],
    ];
    for (const [amount, shares, expected] of cases) expect(splitAmount(amount, shares), `${amount} ${shares.join('/')}`).toEqual(expected);
  });

  it('gives nothing for no share', () => {
    expect(splitAmount(500, [])).toEqual([]);
  });

  it('property: the parts add up exactly to the amount, each within a cent of its exact value', () => {
    const sharesArb = fc.oneof(
      fc.constant([3333, 3333, 3334]),
      fc.constant([2000, 4000, 4000]),
      // Cut 10,000 at up to five distinct points: positive shares adding up to 100 %.
      fc.uniqueArray(fc.integer({ min: 1, max: 9999 }), { maxLength: 5 }).map((cuts) => {
        const points = [0, ...cuts.sort((a, b) => a - b), FULL_SHARE_BP];
        return points.slice(1).map((p, i) => p - points[i]!);
      }),
    );
    const amountArb = fc.oneof(fc.constantFrom(0, 1, 2, 3, 7, 99, 101, 12_345, 99_999), fc.integer({ min: 0, max: 1_000_000_000 }));
    fc.assert(
      fc.property(amountArb, sharesArb, (amount, shares) => {
        const parts = splitAmount(amount, shares);
        expect(parts).toHaveLength(shares.length);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(amount);
        parts.forEach((part, i) => {
          const exact = (amount * shares[i]!) / FULL_SHARE_BP;
          expect(Number.isInteger(part)).toBe(true);
          expect(part).toBeGreaterThanOrEqual(0);
          expect(Math.abs(part - exact)).toBeLessThan(1);
        });
        expect(splitAmount(amount, shares)).toEqual(parts);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('movedAmount', () => {
  it('is the line amount times the share moved, rounded to the cent', () => {
    expect(movedAmount(10_000, 2500)).toBe(2500);
    expect(movedAmount(12_345, 1000)).toBe(1235); // 1234.5
    expect(movedAmount(1001, 5000)).toBe(501); // 500.5
    expect(movedAmount(999, 3333)).toBe(333); // 332.97
    expect(movedAmount(0, 5000)).toBe(0);
    expect(movedAmount(5000, 0)).toBe(0);
    expect(movedAmount(5000, 10_000)).toBe(5000);
  });

  it('moves back exactly what it moved: the same cents with the sign turned, halves included', () => {
    expect(movedAmount(1004, 1250)).toBe(126); // 125.5
    expect(movedAmount(1004, -1250)).toBe(-126);
    expect(movedAmount(1001, -5000)).toBe(-501);
    expect(Object.is(movedAmount(1, -1), 0)).toBe(true);
  });

  it('property: the line still sums after a dispute and after its reversal, each side moved by the same figure', () => {
    const input = fc.record({
      amount: fc.oneof(fc.constantFrom(0, 1, 3, 1001, 1004), fc.integer({ min: 0, max: 100_000_000 })),
      shares: fc.integer({ min: 1, max: 9999 }).map((cut) => [cut, FULL_SHARE_BP - cut]),
      moved: fc.integer({ min: 0, max: FULL_SHARE_BP }),
    });
    fc.assert(
      fc.property(input, ({ amount, shares, moved }) => {
        const bp = Math.min(moved, shares[1]!);
        const [winner, loser] = splitAmount(amount, shares) as [number, number];
        const m = movedAmount(amount, bp);
        expect(Math.abs(m - (amount * bp) / FULL_SHARE_BP)).toBeLessThanOrEqual(0.5);
        expect(movedAmount(amount, -bp)).toBe(0 - m);
        // The winner gains what the loser gives up: the line still sums.
        expect(winner + m + (loser - m)).toBe(amount);
        // Moving the same share back restores both sides to the cent.
        expect(winner + m + movedAmount(amount, -bp)).toBe(winner);
        expect(loser - m - movedAmount(amount, -bp)).toBe(loser);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('durationInWords', () => {
  it('says the largest whole unit, in words up to ten, in both languages', () => {
    const cases: Array<[number, string, string]> = [
      [0, 'one minute', 'une minute'],
      [59_999, 'one minute', 'une minute'],
      [MINUTE, 'one minute', 'une minute'],
      [2 * MINUTE, 'two minutes', 'deux minutes'],
      [10 * MINUTE, 'ten minutes', 'dix minutes'],
      [11 * MINUTE, '11 minutes', '11 minutes'],
      [59 * MINUTE + 59_999, '59 minutes', '59 minutes'],
      [HOUR, 'one hour', 'une heure'],
      [HOUR + 59 * MINUTE, 'one hour', 'une heure'],
      [2 * HOUR, 'two hours', 'deux heures'],
      [5 * HOUR, 'five hours', 'cinq heures'],
      [23 * HOUR + 59 * MINUTE, '23 hours', '23 heures'],
      [DAY, 'one day', 'un jour'],
      [2 * DAY - 1, 'one day', 'un jour'],
      [2 * DAY, 'two days', 'deux jours'],
      [3 * DAY + 23 * HOUR, 'three days', 'trois jours'],
      [10 * DAY, 'ten days', 'dix jours'],
      [11 * DAY, '11 days', '11 jours'],
      [90 * DAY, '90 days', '90 jours'],
    ];
    for (const [ms, en, fr] of cases) {
      expect(durationInWords(ms, 'en'), `${ms}`).toBe(en);
      expect(durationInWords(ms, 'fr'), `${ms}`).toBe(fr);
    }
  });
});


describe('percentInWords', () => {
  it('writes whole and decimal percentages, with the French decimal comma', () => {
    const cases: Array<[number, string, string]> = [
      [0, '0 %', '0 %'],
      [1, '0.01 %', '0,01 %'],
      [10, '0.1 %', '0,1 %'],
      [50, '0.5 %', '0,5 %'],
      [1250, '12.5 %', '12,5 %'],
      [2000, '20 %', '20 %'],
      [3333, '33.33 %', '33,33 %'],
      [3334, '33.34 %', '33,34 %'],
      [4000, '40 %', '40 %'],
      [1005, '10.05 %', '10,05 %'],
      [10_000, '100 %', '100 %'],
      [-1250, '12.5 %', '12,5 %'],
    ];
    for (const [bp, en, fr] of cases) {
      expect(percentInWords(bp, 'en'), `${bp}`).toBe(en);
      expect(percentInWords(bp, 'fr'), `${bp}`).toBe(fr);
    }
  });

  it('property: reads back as the same basis points, with no trailing zero and the language’s separator', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000, max: 10_000 }), (bp) => {
        const en = percentInWords(bp, 'en');
        const fr = percentInWords(bp, 'fr');
        expect(en).toMatch(/^\d+(\.\d?[1-9])? %$/);
        expect(fr).toMatch(/^\d+(,\d?[1-9])? %$/);
        expect(fr).toBe(en.replace('.', ','));
        expect(Math.round(Number(en.slice(0, -2)) * 100)).toBe(Math.abs(bp));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('explainCredit', () => {
  const alice = { id: 'u-alice', name: 'Alice Martin' };
  const bruno = { id: 'u-bruno', name: 'Bruno Petit' };
  const chloe = { id: 'u-chloe', name: 'Chloé Roux' };
  const facts = (over: Partial<CreditFacts> = {}): CreditFacts => ({
    family: 'Assurance',
    wonAt: '2026-06-10T12:00:00Z',
    windowDays: 90,
    seller: bruno,
    dealOpenedAt: '2026-05-05T09:30:00Z',
    dealOpenedBy: bruno,
    initiator: { ...alice, kind: 'lead', recordedAt: '2026-05-03T08:14:00Z' },
    ownerRep: chloe,
    incentivePct: 20,
    initiatorSharePct: 50,
    ...over,
  });

  it('explains the initiator’s credit as in the issue, in French and in English', () => {
    expect(explainCredit('initiator', 4000, facts())).toEqual({
      fr: 'Crédité à Alice Martin comme initiateur (40 %) : Alice Martin a relayé la piste le 3 mai à 10 h 14, deux jours avant que Bruno Petit ouvre l\'affaire.',
      en: 'Credited to Alice Martin as initiator (40 %): Alice Martin relayed the lead on 3 May at 10:14, two days before Bruno Petit opened the deal.',
    });
  });

  it('says the initiative in winter time, with its year when the sale was won in another year', () => {
    const f = facts({
      wonAt: '2026-02-10T10:00:00Z',
      initiator: { ...alice, kind: 'deal', recordedAt: '2025-12-20T09:14:00Z' },
      dealOpenedAt: '2026-01-05T10:00:00Z',
    });
    expect(explainCredit('initiator', 3333, f)).toEqual({
      fr: 'Crédité à Alice Martin comme initiateur (33,33 %) : Alice Martin a ouvert une affaire le 20 décembre 2025 à 10 h 14, 16 jours avant que Bruno Petit ouvre l\'affaire.',
      en: 'Credited to Alice Martin as initiator (33.33 %): Alice Martin opened a deal on 20 December 2025 at 10:14, 16 days before Bruno Petit opened the deal.',
    });
  });

  it('says the gap in hours or minutes, singular and plural', () => {
    const opened = (iso: string) => explainCredit('initiator', 4000, facts({ dealOpenedAt: iso }));
    expect(opened('2026-05-03T09:14:00Z').fr).toContain(', une heure avant que Bruno Petit ouvre l\'affaire.');
    expect(opened('2026-05-03T09:14:00Z').en).toContain(', one hour before Bruno Petit opened the deal.');
    expect(opened('2026-05-03T13:20:00Z').fr).toContain(', cinq heures avant que');
    expect(opened('2026-05-03T08:17:00Z').en).toContain(', three minutes before');
    expect(opened('2026-05-04T08:14:00Z').fr).toContain(', un jour avant que');
    expect(opened('2026-05-04T08:14:00Z').en).toContain(', one day before');
  });

  it('names the seller as opener when nobody is recorded as having opened the deal', () => {
    const f = explainCredit('initiator', 4000, facts({ dealOpenedBy: null, seller: chloe }));
    expect(f.fr).toContain('deux jours avant que Chloé Roux ouvre l\'affaire.');
    expect(f.en).toContain('two days before Chloé Roux opened the deal.');
  });

  it('says a lead relayed at the very instant the deal was opened comes first on the tie', () => {
    expect(explainCredit('initiator', 4000, facts({ dealOpenedAt: '2026-05-03T08:14:00Z' }))).toEqual({
      fr: 'Crédité à Alice Martin comme initiateur (40 %) : Alice Martin a relayé la piste le 3 mai à 10 h 14, au même instant où Bruno Petit ouvrait l\'affaire (à égalité, la piste passe en premier).',
      en: 'Credited to Alice Martin as initiator (40 %): Alice Martin relayed the lead on 3 May at 10:14, at the same instant Bruno Petit opened the deal (on a tie, the lead comes first).',
    });
  });

  it('falls back to the first initiative in the window when the deal was not opened after it', () => {
    const sameDeal = facts({ initiator: { ...alice, kind: 'deal', recordedAt: '2026-05-05T09:30:00Z' } });
    expect(explainCredit('initiator', 5000, sameDeal)).toEqual({
      fr: 'Crédité à Alice Martin comme initiateur (50 %) : Alice Martin a ouvert une affaire le 5 mai à 11 h 30, la première initiative pour Assurance sur ce compte dans les 90 jours.',
      en: 'Credited to Alice Martin as initiator (50 %): Alice Martin opened a deal on 5 May at 11:30, the first initiative for Assurance on this account within 90 days.',
    });
    const openedBefore = explainCredit('initiator', 5000, facts({ dealOpenedAt: '2026-04-01T08:00:00Z' }));
    expect(openedBefore.fr).toContain(', la première initiative pour Assurance sur ce compte dans les 90 jours.');
    expect(openedBefore.en).toContain(', the first initiative for Assurance on this account within 90 days.');
  });

  it('explains the seller’s credit when someone else initiated the sale', () => {
    expect(explainCredit('seller', 4000, facts())).toEqual({
      fr: 'Crédité à Bruno Petit comme vendeur (40 %) : Bruno Petit a remporté l\'affaire le 10 juin à 14 h 00 ; la vente a été initiée par Alice Martin.',
      en: 'Credited to Bruno Petit as seller (40 %): Bruno Petit won the deal on 10 June at 14:00; the sale was initiated by Alice Martin.',
    });
  });

  it('explains the credit of a seller who initiated the sale', () => {
    const f = facts({ initiator: { ...bruno, kind: 'deal', recordedAt: '2026-05-05T09:30:00Z' } });
    expect(explainCredit('seller', 8000, f)).toEqual({
      fr: 'Crédité à Bruno Petit comme initiateur et vendeur (80 %) : Bruno Petit a ouvert une affaire le 5 mai à 11 h 30, la première initiative pour Assurance sur ce compte dans les 90 jours, et l\'a remportée le 10 juin à 14 h 00.',
      en: 'Credited to Bruno Petit as initiator and seller (80 %): Bruno Petit opened a deal on 5 May at 11:30, the first initiative for Assurance on this account within 90 days, and won it on 10 June at 14:00.',
    });
  });

  it('explains the seller’s credit when nobody initiated within the window', () => {
    expect(explainCredit('seller', 10_000, facts({ initiator: null, ownerRep: null, windowDays: 30 }))).toEqual({
      fr: 'Crédité à Bruno Petit comme vendeur (100 %) : Bruno Petit a remporté l\'affaire le 10 juin à 14 h 00 ; aucune initiative d\'un collègue pour Assurance sur ce compte dans les 30 jours.',
      en: 'Credited to Bruno Petit as seller (100 %): Bruno Petit won the deal on 10 June at 14:00; no initiative by a colleague for Assurance on this account within 30 days.',
    });
  });

  it('explains the owner rep’s incentive', () => {
    expect(explainCredit('owner_incentive', 2000, facts())).toEqual({
      fr: 'Crédité à Chloé Roux comme commercial du compte (20 %) : Bruno Petit, un autre canal, a vendu un produit de la famille Assurance sur le compte de Chloé Roux ; la règle d\'intéressement Assurance donne 20 % au commercial.',
      en: 'Credited to Chloé Roux as the account\'s rep (20 %): Bruno Petit, another channel, sold a product of the Assurance family on Chloé Roux\'s account; the Assurance incentive rule gives the rep 20 %.',
    });
  });

  it('never shows the won year for a sale won this year, in any role', () => {
    for (const role of ['initiator', 'seller', 'owner_incentive'] as const) {
      const { en, fr } = explainCredit(role, 2000, facts());
      expect(en).not.toContain('2026');
      expect(fr).not.toContain('2026');
    }
  });
});

describe('explainAdjustment', () => {
  const a: AdjustmentFacts = {
    reference: 'CT-2026-0042',
    round: 1,
    arbiter: { id: 'm', name: 'Maud Leroy' },
    from: { id: 'b', name: 'Bruno Petit' },
    to: { id: 'a', name: 'Alice Martin' },
    justification: 'La piste date du 3 mai.',
  };

  it('names the dispute, the arbiter, both parties, the share and the justification', () => {
    expect(explainAdjustment(1250, a)).toEqual({
      en: 'Adjusted by dispute CT-2026-0042: Maud Leroy, the arbiter, moved 12.5 % of this line from Bruno Petit to Alice Martin — “La piste date du 3 mai.”',
      fr: 'Ajusté par la contestation CT-2026-0042 : Maud Leroy, arbitre, a transféré 12,5 % de cette ligne de Bruno Petit à Alice Martin — « La piste date du 3 mai. »',
    });
  });

  it('says when the adjustment was made on appeal, and when it moves a share back', () => {
    expect(explainAdjustment(-1250, { ...a, round: 2 })).toEqual({
      en: 'Adjusted on appeal by dispute CT-2026-0042: Maud Leroy, the arbiter, moved 12.5 % of this line back from Alice Martin to Bruno Petit — “La piste date du 3 mai.”',
      fr: 'Ajusté en appel par la contestation CT-2026-0042 : Maud Leroy, arbitre, a transféré 12,5 % de cette ligne de Alice Martin à Bruno Petit en retour — « La piste date du 3 mai. »',
    });
    expect(explainAdjustment(3333, { ...a, round: 2 }).fr).toMatch(/^Ajusté en appel .* 33,33 % de cette ligne de Bruno Petit à Alice Martin — /);
  });
});

describe('attributionText', () => {
  it('states the window and the initiator share in both languages', () => {
    const { en, fr } = attributionText({ windowDays: 45, initiatorSharePct: 30 });
    expect(en).toContain('within the 45 days before the win');
    expect(en).toContain('the initiator receives 30 % of the credit left');
    expect(en).toContain('On a tie, the lead comes first');
    expect(fr).toContain('dans les 45 jours avant la signature');
    expect(fr).toContain("l'initiateur reçoit 30 % du crédit restant");
    expect(fr).toContain('À égalité, la piste passe en premier');
    expect(attributionText(DEFAULT_ATTRIBUTION).fr).toContain('dans les 90 jours');
    expect(attributionText(DEFAULT_ATTRIBUTION).en).toContain('receives 50 %');
  });
});

describe('arbiters', () => {
  // Agencies a1 and a2 in region r1, b1 in region r2.
  const place = (userId: string, agencyId: string | null, regionId: string | null): Place => ({ userId, agencyId, regionId });
  const repA1 = place('rep-a1', 'a1', 'r1');
  const rep2A1 = place('rep2-a1', 'a1', 'r1');
  const repA2 = place('rep-a2', 'a2', 'r1');
  const repB1 = place('rep-b1', 'b1', 'r2');
  const manager = (userId: string, level: ArbiterLevel, unitId: string | null, available = true): ManagerCandidate => ({ userId, level, unitId, available });
  const managers = [
    manager('m-a1', 'agency', 'a1'),
    manager('m-a2', 'agency', 'a2'),
    manager('m-b1', 'agency', 'b1'),
    manager('m-r1', 'region', 'r1'),
    manager('m-r2', 'region', 'r2'),
    manager('m-nation', 'nation', null),
  ];

  it('commonLevel: their agency, else their region, else the nation; unknown units are never common', () => {
    expect(commonLevel(repA1, rep2A1)).toBe('agency');
    expect(commonLevel(repA1, repA2)).toBe('region');
    expect(commonLevel(repA1, repB1)).toBe('nation');
    expect(commonLevel(place('x', null, null), place('y', null, null))).toBe('nation');
    expect(commonLevel(place('x', null, 'r1'), place('y', null, 'r1'))).toBe('region');
    expect(commonLevel(place('x', null, 'r1'), repA1)).toBe('region');
  });

  it('levelAbove: agency → region → nation → none', () => {
    expect(levelAbove('agency')).toBe('region');
    expect(levelAbove('region')).toBe('nation');
    expect(levelAbove('nation')).toBeNull();
  });

  it('picks an agency manager for two people of one agency', () => {
    expect(pickArbiter(repA1, rep2A1, managers)).toEqual({ userId: 'm-a1', level: 'agency' });
  });

  it('picks a region manager for two agencies of one region', () => {
    expect(pickArbiter(repA1, repA2, managers)).toEqual({ userId: 'm-r1', level: 'region' });
    expect(pickArbiter(repA2, repA1, managers)).toEqual({ userId: 'm-r1', level: 'region' });
  });

  it('goes to the nation for two regions', () => {
    expect(pickArbiter(repA1, repB1, managers)).toEqual({ userId: 'm-nation', level: 'nation' });
    expect(pickArbiter(repB1, repA1, managers)).toEqual({ userId: 'm-nation', level: 'nation' });
  });

  it('goes to the nation for parties without an agency or a region', () => {
    const hq = place('hq', null, null);
    expect(pickArbiter(hq, repA1, managers)).toEqual({ userId: 'm-nation', level: 'nation' });
    expect(pickArbiter(hq, place('hq2', null, null), managers)).toEqual({ userId: 'm-nation', level: 'nation' });
    // Without an agency but in the same region: the region.
    expect(pickArbiter(place('x', null, 'r1'), repA1, managers)).toEqual({ userId: 'm-r1', level: 'region' });
  });

  it('never picks a party: a manager in the dispute sends it up a level', () => {
    const agencyManager = place('m-a1', 'a1', 'r1');
    expect(pickArbiter(agencyManager, repA1, managers)).toEqual({ userId: 'm-r1', level: 'region' });
    expect(pickArbiter(repA1, agencyManager, managers)).toEqual({ userId: 'm-r1', level: 'region' });
    const regionManager = place('m-r1', 'a2', 'r1');
    expect(pickArbiter(regionManager, repA1, managers)).toEqual({ userId: 'm-nation', level: 'nation' });
    // Both the agency and the region manager are parties.
    expect(pickArbiter(place('m-a1', 'a1', 'r1'), place('m-r1', 'a1', 'r1'), managers)).toEqual({ userId: 'm-nation', level: 'nation' });
    // The national manager as a party with nobody above: nobody.
    expect(pickArbiter(place('m-nation', null, null), repA1, managers)).toBeNull();
  });

  it('skips unavailable managers, going to another of the unit first, then up', () => {
    const absentA1 = [manager('m-a1', 'agency', 'a1', false), ...managers.slice(1)];
    expect(pickArbiter(repA1, rep2A1, absentA1)).toEqual({ userId: 'm-r1', level: 'region' });
    expect(pickArbiter(repA1, rep2A1, [manager('m-a1-z', 'agency', 'a1'), ...absentA1])).toEqual({ userId: 'm-a1-z', level: 'agency' });
    expect(pickArbiter(repA1, rep2A1, managers.map((m) => ({ ...m, available: m.level === 'nation' })))).toEqual({ userId: 'm-nation', level: 'nation' });
  });

  it('picks the smallest id among several managers of the unit, whatever their order', () => {
    const several = [manager('m-a1-c', 'agency', 'a1'), manager('m-a1-a', 'agency', 'a1'), manager('m-a1-b', 'agency', 'a1')];
    expect(pickArbiter(repA1, rep2A1, several)).toEqual({ userId: 'm-a1-a', level: 'agency' });
    expect(pickArbiter(repA1, rep2A1, [...several].reverse())).toEqual({ userId: 'm-a1-a', level: 'agency' });
    // The smallest is a party: the next one.
    expect(pickArbiter(place('m-a1-a', 'a1', 'r1'), rep2A1, several)).toEqual({ userId: 'm-a1-b', level: 'agency' });
  });

  it('ignores managers of other units', () => {
    const elsewhere = [manager('m-a2', 'agency', 'a2'), manager('m-r2', 'region', 'r2')];
    expect(pickArbiter(repA1, rep2A1, elsewhere)).toBeNull();
    expect(pickArbiter(repA1, rep2A1, [...elsewhere, manager('m-r1', 'region', 'r1')])).toEqual({ userId: 'm-r1', level: 'region' });
  });

  it('starts at least at the level asked (an appeal goes up), never below the common level', () => {
    expect(pickArbiter(repA1, rep2A1, managers, 'region')).toEqual({ userId: 'm-r1', level: 'region' });
    expect(pickArbiter(repA1, rep2A1, managers, 'nation')).toEqual({ userId: 'm-nation', level: 'nation' });
    expect(pickArbiter(repA1, rep2A1, managers, levelAbove('agency')!)).toEqual({ userId: 'm-r1', level: 'region' });
    expect(pickArbiter(repA1, repA2, managers, 'agency')).toEqual({ userId: 'm-r1', level: 'region' });
    expect(pickArbiter(repA1, repB1, managers, 'region')).toEqual({ userId: 'm-nation', level: 'nation' });
  });

  it('finds nobody when no manager is available anywhere', () => {
    expect(pickArbiter(repA1, rep2A1, [])).toBeNull();
    expect(pickArbiter(repA1, rep2A1, managers.map((m) => ({ ...m, available: false })))).toBeNull();
    expect(pickArbiter(repA1, rep2A1, managers.filter((m) => m.level !== 'nation'), 'nation')).toBeNull();
  });

  it('property: the arbiter is an available non-party manager of the lowest unit that has one, the smallest id there', () => {
    const LEVELS: ArbiterLevel[] = ['agency', 'region', 'nation'];
    const regionOf: Record<string, string> = { a1: 'r1', a2: 'r1', b1: 'r2' };
    const users = ['u1', 'u2', 'u3', 'u4', 'u5'];
    const placeArb = (userId: string) =>
      fc.oneof(
        fc.constantFrom('a1', 'a2', 'b1').map((agencyId) => place(userId, agencyId, regionOf[agencyId]!)),
        fc.option(fc.constantFrom('r1', 'r2'), { nil: null }).map((regionId) => place(userId, null, regionId)),
      );
    const managerArb = fc.oneof(
      fc.record({ userId: fc.constantFrom(...users), level: fc.constant('agency' as const), unitId: fc.constantFrom('a1', 'a2', 'b1'), available: fc.boolean() }),
      fc.record({ userId: fc.constantFrom(...users), level: fc.constant('region' as const), unitId: fc.constantFrom('r1', 'r2'), available: fc.boolean() }),
      fc.record({ userId: fc.constantFrom(...users), level: fc.constant('nation' as const), unitId: fc.constant(null), available: fc.boolean() }),
    );
    const input = fc.record({
      a: fc.constantFrom(...users).chain(placeArb),
      b: fc.constantFrom(...users).chain(placeArb),
      managers: fc.array(managerArb, { maxLength: 10 }),
      atLeast: fc.constantFrom(...LEVELS),
    });
    fc.assert(
      fc.property(input, ({ a, b, managers: ms, atLeast }) => {
        const unitAt = (level: ArbiterLevel) => (level === 'agency' ? a.agencyId : level === 'region' ? a.regionId : null);
        const eligibleAt = (level: ArbiterLevel) =>
          ms
            .filter((m) => m.level === level && m.available && m.userId !== a.userId && m.userId !== b.userId)
            .filter((m) => (level === 'nation' ? m.unitId === null : unitAt(level) !== null && m.unitId === unitAt(level)))
            .map((m) => m.userId)
            .sort();
        const from = Math.max(LEVELS.indexOf(commonLevel(a, b)), LEVELS.indexOf(atLeast));
        const expected = LEVELS.slice(from)
          .map((level) => ({ level, userId: eligibleAt(level)[0] }))
          .find((x) => x.userId !== undefined);
        const r = pickArbiter(a, b, ms, atLeast);
        expect(r).toEqual(expected ?? null);
        if (r) {
          expect(r.userId).not.toBe(a.userId);
          expect(r.userId).not.toBe(b.userId);
          expect(LEVELS.indexOf(r.level)).toBeGreaterThanOrEqual(LEVELS.indexOf(atLeast));
          expect(LEVELS.indexOf(r.level)).toBeGreaterThanOrEqual(LEVELS.indexOf(commonLevel(a, b)));
        }
        // The same arbiter whichever party filed.
        expect(pickArbiter(b, a, ms, atLeast)).toEqual(r);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('creditLine', () => {
  const tele = { id: 't', name: 'Yann Le Gall' };
  const rep = { id: 'r', name: 'Julien Moreau' };
  const owner = { id: 'o', name: 'Chloé Roux' };
  const wonAt = new Date('2026-05-05T14:00:00Z');
  const base = {
    family: 'Réseaux',
    amountCents: 100_001,
    wonAt,
    seller: rep,
    opened: { at: new Date('2026-05-04T08:00:00Z'), by: rep },
    initiator: { ...tele, kind: 'lead' as const, recordedAt: new Date('2026-05-03T08:14:00Z') },
    ownerRep: owner,
    incentivePct: 20,
    attribution: DEFAULT_ATTRIBUTION,
  };

  it('splits the line between the owner rep, the initiator and the seller, to the cent, with the facts of its explanation', () => {
    const { facts, shares } = creditLine(base);
    expect(shares.map(({ userId, role, shareBp }) => [userId, role, shareBp])).toEqual([
      ['o', 'owner_incentive', 2000],
      ['t', 'initiator', 4000],
      ['r', 'seller', 4000],
    ]);
    expect(shares.reduce((sum, s) => sum + s.amountCents, 0)).toBe(100_001);
    expect(facts).toEqual({
      family: 'Réseaux',
      wonAt: wonAt.toISOString(),
      windowDays: 90,
      seller: rep,
      dealOpenedAt: '2026-05-04T08:00:00.000Z',
      dealOpenedBy: rep,
      initiator: { id: 't', name: 'Yann Le Gall', kind: 'lead', recordedAt: '2026-05-03T08:14:00.000Z' },
      ownerRep: owner,
      incentivePct: 20,
      initiatorSharePct: 50,
    });
  });

  it('gives the seller everything when they are the owner rep and nobody else initiated', () => {
    const { facts, shares } = creditLine({ ...base, ownerRep: rep, initiator: null });
    expect(shares).toEqual([{ userId: 'r', role: 'seller', shareBp: 10_000, amountCents: 100_001 }]);
    expect(facts.initiator).toBeNull();
  });
});
