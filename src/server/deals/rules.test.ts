import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkMove, DEFAULT_STAGE_PROBABILITY, isClosed, lineAmount, pctToBp, stageProbability, stageProbabilityText } from './rules.ts';
import type { DealStage } from '../db/schema.ts';

const STAGES: DealStage[] = ['qualification', 'proposal', 'negotiation', 'won', 'lost'];

describe('stageProbability', () => {
  it('takes 10, 30 and 60 % on the open stages by default, 100 won, 0 lost', () => {
    expect(DEFAULT_STAGE_PROBABILITY).toEqual({ qualification: 10, proposal: 30, negotiation: 60 });
    expect(STAGES.map((s) => stageProbability(s, DEFAULT_STAGE_PROBABILITY))).toEqual([10, 30, 60, 100, 0]);
  });

  it('follows the rule on open stages and ignores it on closed ones', () => {
    const rule = { qualification: 5, proposal: 45, negotiation: 90 };
    expect(STAGES.map((s) => stageProbability(s, rule))).toEqual([5, 45, 90, 100, 0]);
    const extreme = { qualification: 100, proposal: 0, negotiation: 100 };
    expect(STAGES.map((s) => stageProbability(s, extreme))).toEqual([100, 0, 100, 100, 0]);
  });

  it('closes won and lost only', () => {
    expect(STAGES.filter(isClosed)).toEqual(['won', 'lost']);
  });
});

describe('checkMove', () => {
  it('moves open deals anywhere, reopens lost ones at an open stage, never moves a won one, never to the same stage (exhaustive 5 × 5)', () => {
    // Rows: from; columns: to, in STAGES order. 'same' and 'won' are the refusals.
    const table: Record<DealStage, Array<'ok' | 'same' | 'won' | 'reopen'>> = {
      qualification: ['same', 'ok', 'ok', 'ok', 'ok'],
      proposal: ['ok', 'same', 'ok', 'ok', 'ok'],
      negotiation: ['ok', 'ok', 'same', 'ok', 'ok'],
      won: ['won', 'won', 'won', 'same', 'won'],
      lost: ['ok', 'ok', 'ok', 'reopen', 'same'],
    };
    for (const from of STAGES) {
      STAGES.forEach((to, i) => {
        const expected = table[from][i];
        const check = checkMove(from, to);
        if (expected === 'ok') expect(check, `${from} → ${to}`).toEqual({ allowed: true });
        else if (expected === 'same') expect(check, `${from} → ${to}`).toEqual({ allowed: false, code: 'deal.same_stage', message: `The deal is already at ${to}` });
        else if (expected === 'reopen') expect(check, `${from} → ${to}`).toEqual({ allowed: false, code: 'deal.reopen_first', message: 'Reopen a lost deal at an open stage before winning it' });
        else expect(check, `${from} → ${to}`).toEqual({ allowed: false, code: 'deal.already_won', message: 'A won deal is final: its credit is on the ledger' });
      });
    }
  });
});

describe('lineAmount', () => {
  it('multiplies and takes the discount off, rounded to the cent (halves up)', () => {
    const cases: Array<[number, number, number, number]> = [
      [3, 1999, 0, 5997],
      [1, 1000, 1250, 875],
      [1, 999, 1250, 874], // 874.125
      [1, 1001, 5000, 501], // 500.5
      [1, 1, 5000, 1], // 0.5
      [1, 1, 4999, 1], // 0.5001
      [1, 1, 5001, 0], // 0.4999
      [3, 333, 3333, 666], // 666.0333
      [7, 1234, 1500, 7342], // 7342.3
      [2, 4999, 333, 9665], // 9665.0666
      [1, 100_000, 10_000, 0],
      [5, 0, 0, 0],
      [1_000_000, 1, 1, 999_900],
    ];
    for (const [quantity, unit, discountBp, expected] of cases) {
      expect(lineAmount(quantity, unit, discountBp), `${quantity} × ${unit} − ${discountBp} bp`).toBe(expected);
    }
  });

  it('property: a whole number of cents within half a cent of the exact figure, never more than the list total', () => {
    const input = fc.record({
      quantity: fc.integer({ min: 1, max: 1000 }),
      unit: fc.integer({ min: 0, max: 10_000_000 }),
      discountBp: fc.integer({ min: 0, max: 10_000 }),
    });
    fc.assert(
      fc.property(input, ({ quantity, unit, discountBp }) => {
        const amount = lineAmount(quantity, unit, discountBp);
        const gross = quantity * unit;
        expect(Number.isInteger(amount)).toBe(true);
        expect(amount).toBeGreaterThanOrEqual(0);
        expect(amount).toBeLessThanOrEqual(gross);
        expect(Math.abs(amount - (gross * (10_000 - discountBp)) / 10_000)).toBeLessThanOrEqual(0.5);
        if (discountBp === 0) expect(amount).toBe(gross);
        if (discountBp === 10_000) expect(amount).toBe(0);
        // A bigger discount never costs more.
        if (discountBp < 10_000) expect(lineAmount(quantity, unit, discountBp + 1)).toBeLessThanOrEqual(amount);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('pctToBp', () => {
  it('turns a percentage with two decimals into basis points, despite binary floats', () => {
    expect(pctToBp(0)).toBe(0);
    expect(pctToBp(0.01)).toBe(1);
    expect(pctToBp(0.29)).toBe(29); // 0.29 × 100 = 28.999…
    expect(pctToBp(12.5)).toBe(1250);
    expect(pctToBp(19.99)).toBe(1999); // 1998.999…
    expect(pctToBp(33.33)).toBe(3333);
    expect(pctToBp(100)).toBe(10_000);
  });

  it('property: every two-decimal percentage from 0 to 100 comes back as its basis points', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (bp) => {
        expect(pctToBp(bp / 100)).toBe(bp);
        expect(pctToBp(Number((bp / 100).toFixed(2)))).toBe(bp);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('stageProbabilityText', () => {
  it('states each stage’s probability in both languages', () => {
    expect(stageProbabilityText(DEFAULT_STAGE_PROBABILITY)).toEqual({
      en: "A deal's probability follows its stage unless its owner sets it: qualification 10 %, proposal 30 %, negotiation 60 %, won 100 %, lost 0 %. The weighted forecast is the amount times this probability.",
      fr: "La probabilité d'une affaire suit son étape sauf si son responsable la fixe : qualification 10 %, proposition 30 %, négociation 60 %, gagnée 100 %, perdue 0 %. La prévision pondérée est le montant multiplié par cette probabilité.",
    });
    const t = stageProbabilityText({ qualification: 5, proposal: 45, negotiation: 90 });
    expect(t.en).toContain('qualification 5 %, proposal 45 %, negotiation 90 %, won 100 %, lost 0 %');
    expect(t.fr).toContain('qualification 5 %, proposition 45 %, négociation 90 %, gagnée 100 %, perdue 0 %');
  });
});
