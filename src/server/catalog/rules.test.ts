import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkEligibility, defaultEligibility, defaultIncentive, eligibilityText, incentiveText, poolKindsInWords, type Complexity } from './rules.ts';
import type { PoolKind } from '../db/schema.ts';

const ALL_KINDS: PoolKind[] = ['sales', 'sales_assistant', 'inbound', 'telemarketing', 'associate_seller', 'back_office', 'marketing'];
const COMPLEXITIES: Complexity[] = ['basic', 'complex'];

describe('defaults', () => {
  it('lets every customer-facing channel sell basic products, and field reps alone complex ones', () => {
    expect(defaultEligibility('basic')).toEqual({ poolKinds: ['inbound', 'telemarketing', 'associate_seller', 'sales'] });
    expect(defaultEligibility('complex')).toEqual({ poolKinds: ['sales'] });
  });

  it('gives the owner rep 20 % on complex families and nothing on basic ones', () => {
    expect(defaultIncentive(true)).toEqual({ ownerSharePct: 20 });
    expect(defaultIncentive(false)).toEqual({ ownerSharePct: 0 });
  });

  it('returns a fresh rule each time: changing one does not change the default', () => {
    defaultEligibility('complex').poolKinds.push('marketing');
    expect(defaultEligibility('complex')).toEqual({ poolKinds: ['sales'] });
  });
});

describe('checkEligibility', () => {
  // Every pool kind × complexity under the default rules.
  const table: Record<PoolKind, Record<Complexity, boolean>> = {
    sales: { basic: true, complex: true },
    inbound: { basic: true, complex: false },
    telemarketing: { basic: true, complex: false },
    associate_seller: { basic: true, complex: false },
    sales_assistant: { basic: false, complex: false },
    back_office: { basic: false, complex: false },
    marketing: { basic: false, complex: false },
  };

  it('answers exactly for every pool kind and both complexities under the default rules (exhaustive)', () => {
    expect(Object.keys(table).sort()).toEqual([...ALL_KINDS].sort());
    for (const kind of ALL_KINDS) {
      for (const complexity of COMPLEXITIES) {
        const rule = defaultEligibility(complexity);
        const check = checkEligibility([kind], rule);
        if (table[kind][complexity]) expect(check, `${kind} / ${complexity}`).toEqual({ eligible: true });
        else expect(check, `${kind} / ${complexity}`).toEqual({ eligible: false, allowed: rule.poolKinds });
      }
    }
  });

  it('lists exactly the allowed kinds in a refusal', () => {
    expect(checkEligibility(['inbound'], defaultEligibility('complex'))).toEqual({ eligible: false, allowed: ['sales'] });
    expect(checkEligibility(['marketing'], defaultEligibility('basic'))).toEqual({
      eligible: false,
      allowed: ['inbound', 'telemarketing', 'associate_seller', 'sales'],
    });
    expect(checkEligibility(['back_office'], { poolKinds: ['telemarketing', 'back_office'] })).toEqual({ eligible: true });
    expect(checkEligibility(['sales'], { poolKinds: ['telemarketing', 'inbound'] })).toEqual({ eligible: false, allowed: ['telemarketing', 'inbound'] });
  });

  it('lets a seller with several pools sell when any one of them is allowed', () => {
    expect(checkEligibility(['marketing', 'sales'], defaultEligibility('complex'))).toEqual({ eligible: true });
    expect(checkEligibility(['sales_assistant', 'telemarketing'], defaultEligibility('basic'))).toEqual({ eligible: true });
    expect(checkEligibility(['sales_assistant', 'telemarketing'], defaultEligibility('complex'))).toEqual({ eligible: false, allowed: ['sales'] });
    expect(checkEligibility(['back_office', 'marketing', 'sales_assistant'], defaultEligibility('basic')).eligible).toBe(false);
  });

  it('refuses someone in no pool', () => {
    expect(checkEligibility([], defaultEligibility('basic'))).toEqual({ eligible: false, allowed: ['inbound', 'telemarketing', 'associate_seller', 'sales'] });
  });

  it('hands back a copy of the allowed kinds, not the rule itself', () => {
    const rule = defaultEligibility('complex');
    const check = checkEligibility(['inbound'], rule);
    if (check.eligible) throw new Error('expected a refusal');
    check.allowed.push('inbound');
    expect(rule.poolKinds).toEqual(['sales']);
  });

  it('property: eligible exactly when one of the seller’s kinds is allowed; a refusal lists the rule’s kinds', () => {
    const kinds = fc.subarray(ALL_KINDS);
    fc.assert(
      fc.property(kinds, fc.subarray(ALL_KINDS, { minLength: 1 }), (seller, allowed) => {
        const check = checkEligibility(seller, { poolKinds: allowed });
        const expected = seller.some((k) => allowed.includes(k));
        expect(check.eligible).toBe(expected);
        if (!check.eligible) {
          expect(check.allowed).toEqual(allowed);
          for (const k of seller) expect(check.allowed).not.toContain(k);
        }
        // Adding a pool never takes the right away.
        if (expected) for (const extra of ALL_KINDS) expect(checkEligibility([...seller, extra], { poolKinds: allowed }).eligible).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('poolKindsInWords', () => {
  it('lists the kinds in a fixed order, whatever order they come in', () => {
    expect(poolKindsInWords(['inbound', 'telemarketing', 'associate_seller', 'sales'], 'en')).toBe(
      'field reps, inbound phone advisors, telemarketers and associate sellers',
    );
    expect(poolKindsInWords(['associate_seller', 'sales', 'telemarketing', 'inbound'], 'en')).toBe(
      'field reps, inbound phone advisors, telemarketers and associate sellers',
    );
    expect(poolKindsInWords(['inbound', 'telemarketing', 'associate_seller', 'sales'], 'fr')).toBe('les commerciaux, les télé-conseillers, les télévendeurs et les vendeurs associés');
  });

  it('names every kind in both languages', () => {
    expect(poolKindsInWords(ALL_KINDS, 'en')).toBe(
      'field reps, inbound phone advisors, telemarketers, associate sellers, sales assistants, the back office and marketing',
    );
    expect(poolKindsInWords(ALL_KINDS, 'fr')).toBe(
      'les commerciaux, les télé-conseillers, les télévendeurs, les vendeurs associés, les assistantes commerciales, le back-office et le marketing',
    );
  });

  it('writes one kind alone, two with “and”, none as nothing, duplicates once', () => {
    expect(poolKindsInWords(['sales'], 'en')).toBe('field reps');
    expect(poolKindsInWords(['sales'], 'fr')).toBe('les commerciaux');
    expect(poolKindsInWords(['telemarketing', 'sales'], 'en')).toBe('field reps and telemarketers');
    expect(poolKindsInWords(['telemarketing', 'sales'], 'fr')).toBe('les commerciaux et les télévendeurs');
    expect(poolKindsInWords([], 'en')).toBe('');
    expect(poolKindsInWords(['inbound', 'inbound'], 'fr')).toBe('les télé-conseillers');
  });
});

describe('eligibilityText', () => {
  it('says a complex product is sold by field reps only', () => {
    expect(eligibilityText('Prévoyance Pro', defaultEligibility('complex'))).toEqual({
      en: "Prévoyance Pro can be sold directly by field reps only; any other channel relays a lead to the account's rep.",
      fr: 'Prévoyance Pro peut être vendu directement par les commerciaux seulement ; tout autre canal relaie une piste au commercial du compte.',
    });
  });

  it('lists every channel that may sell a basic product', () => {
    expect(eligibilityText('Box Fibre', defaultEligibility('basic'))).toEqual({
      en: "Box Fibre can be sold directly by field reps, inbound phone advisors, telemarketers and associate sellers; any other channel relays a lead to the account's rep.",
      fr: 'Box Fibre peut être vendu directement par les commerciaux, les télé-conseillers, les télévendeurs et les vendeurs associés ; tout autre canal relaie une piste au commercial du compte.',
    });
  });

  it('says “only” for field reps alone and for no other single kind', () => {
    const t = eligibilityText('X', { poolKinds: ['telemarketing'] });
    expect(t.en).toBe("X can be sold directly by telemarketers; any other channel relays a lead to the account's rep.");
    expect(t.fr).toBe('X peut être vendu directement par les télévendeurs ; tout autre canal relaie une piste au commercial du compte.');
    expect(eligibilityText('X', { poolKinds: ['sales', 'inbound'] }).en).not.toContain('only');
  });
});

describe('incentiveText', () => {
  it('states the owner rep’s share, or that there is none', () => {
    expect(incentiveText('Assurance', defaultIncentive(true))).toEqual({
      en: "Assurance: when another channel sells on a rep's account, the rep receives 20 % of the credit.",
      fr: "Assurance : quand un autre canal vend sur le compte d'un commercial, celui-ci reçoit 20 % du crédit.",
    });
    expect(incentiveText('Téléphonie', defaultIncentive(false))).toEqual({
      en: "Téléphonie: when another channel sells on a rep's account, the rep receives no incentive share.",
      fr: "Téléphonie : quand un autre canal vend sur le compte d'un commercial, celui-ci ne reçoit pas d'intéressement.",
    });
    expect(incentiveText('Énergie', { ownerSharePct: 100 }).fr).toContain('celui-ci reçoit 100 % du crédit.');
  });
});
