import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { luhnValid } from '../../contract/values.ts';
import type { Segment } from '../db/schema.ts';
import {
  classifySearch,
  completeness,
  duplicateReasons,
  nationalDigits,
  normalizeCompanyName,
  REQUIRED_FIELDS,
  SIMILAR_NAME_THRESHOLD,
  type CompletenessField,
  type CompletenessInput,
  type DuplicateCandidateFacts,
  type DuplicateProbe,
  type DuplicateReason,
} from './rules.ts';

function withCheckDigit(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return body + d;
  throw new Error(`no Luhn digit for ${body}`);
}

const SIREN = withCheckDigit('73282932'); // 732829320
const SIRET = withCheckDigit(SIREN + '0007'); // 73282932000074
const OTHER_SIREN = withCheckDigit('55203253'); // a different valid SIREN
const OTHER_SIRET = withCheckDigit(OTHER_SIREN + '0001');

/** Everything any segment could ask for, all present and precise. */
function complete(segment: Segment): CompletenessInput {
  return {
    segment,
    name: 'Boulangerie Martin',
    siren: SIREN,
    siret: SIRET,
    sector: 'Boulangerie',
    sizeBand: '10-49',
    revenueCents: 120_000_000,
    addressLine: '12 rue de la République',
    postalCode: '69003',
    city: 'Lyon',
    phones: ['+33478000000'],
    emails: ['jeanne.martin@boulangerie-martin.fr'],
    ownerId: '0190a0b0-0000-7000-8000-0000000000aa',
    contactCount: 2,
    hasDecisionMaker: true,
  };
}

/** The same facts with one field absent. */
const without: Record<CompletenessField, Partial<CompletenessInput>> = {
  siren: { siren: null },
  siret: { siret: null },
  addressLine: { addressLine: null },
  postalCode: { postalCode: null },
  city: { city: null },
  phones: { phones: [] },
  sector: { sector: null },
  sizeBand: { sizeBand: null },
  emails: { emails: [] },
  ownerId: { ownerId: null },
  contacts: { contactCount: 0 },
  revenueCents: { revenueCents: null },
  decisionMaker: { hasDecisionMaker: false },
};

const ALL_FIELDS = Object.keys(without) as CompletenessField[];
const SEGMENTS: Segment[] = ['mass', 'intermediate', 'key'];

/** The score with `full` fields right and `half` imprecise, out of `n` required. */
const score = (n: number, full: number, half = 0) => Math.round((100 * (2 * full + half)) / (2 * n));

describe('completeness', () => {
  it('asks more of bigger accounts: each segment requires what the smaller one does, and more', () => {
    expect(REQUIRED_FIELDS.mass).toEqual(['siren', 'addressLine', 'postalCode', 'city', 'phones']);
    for (const f of REQUIRED_FIELDS.mass) expect(REQUIRED_FIELDS.intermediate).toContain(f);
    for (const f of REQUIRED_FIELDS.intermediate) expect(REQUIRED_FIELDS.key).toContain(f);
    expect(REQUIRED_FIELDS.intermediate).toEqual(expect.arrayContaining(['sector', 'sizeBand', 'emails', 'ownerId', 'contacts']));
    expect([...REQUIRED_FIELDS.key].sort()).toEqual([...ALL_FIELDS].sort());
  });

  it.each(SEGMENTS)('%s: everything present scores 100 with nothing to fix', (segment) => {
    expect(completeness(complete(segment))).toEqual({ score: 100, missing: [] });
  });

  describe.each(SEGMENTS)('%s', (segment) => {
    const required = REQUIRED_FIELDS[segment];
    it.each(required)('lists %s when it is missing, and the score drops by its share', (field) => {
      const result = completeness({ ...complete(segment), ...without[field] });
      expect(result.missing).toEqual([{ field, reason: 'missing' }]);
      expect(result.score).toBe(score(required.length, required.length - 1));
      expect(result.score).toBeLessThan(100);
    });

    const notRequired = ALL_FIELDS.filter((f) => !required.includes(f));
    if (notRequired.length) {
      it('ignores fields the segment does not require', () => {
        const sparse = notRequired.reduce((acc, f) => ({ ...acc, ...without[f] }), complete(segment));
        expect(completeness(sparse)).toEqual({ score: 100, missing: [] });
      });
    }

    it('with nothing at all scores 0 and lists every required field, in order', () => {
      const empty = ALL_FIELDS.reduce((acc, f) => ({ ...acc, ...without[f] }), complete(segment));
      const result = completeness(empty);
      expect(result.score).toBe(0);
      expect(result.missing).toEqual(required.map((field) => ({ field, reason: 'missing' })));
    });
  });

  it('scores each required field equally: 2 missing of 5 in mass is 60', () => {
    const result = completeness({ ...complete('mass'), siren: null, phones: [] });
    expect(result.score).toBe(60);
    expect(result.missing.map((m) => m.field)).toEqual(['siren', 'phones']);
  });

  it('a generic mailbox (contact@, info@…) counts half and is listed as imprecise', () => {
    for (const mailbox of ['contact@boulangerie-martin.fr', 'info@boulangerie-martin.fr', 'accueil@x.fr', 'noreply@x.fr']) {
      const result = completeness({ ...complete('intermediate'), emails: [mailbox] });
      expect(result.missing).toEqual([{ field: 'emails', reason: 'imprecise' }]);
      expect(result.score).toBe(score(10, 9, 1)); // 95
    }
  });

  it('a generic mailbox beside a personal one is precise; a personal address merely containing "contact" is precise', () => {
    expect(completeness({ ...complete('intermediate'), emails: ['contact@x.fr', 'jeanne@x.fr'] }).missing).toEqual([]);
    expect(completeness({ ...complete('intermediate'), emails: ['jean.contact@x.fr'] }).missing).toEqual([]);
    expect(completeness({ ...complete('intermediate'), emails: ['contacts@x.fr'] }).missing).toEqual([]);
  });

  it('an invalid SIREN is present but imprecise', () => {
    const result = completeness({ ...complete('mass'), siren: '732829321' });
    expect(result.missing).toEqual([{ field: 'siren', reason: 'imprecise' }]);
    expect(result.score).toBe(score(5, 4, 1)); // 90
  });

  it('a SIREN typed with spaces is precise', () => {
    expect(completeness({ ...complete('mass'), siren: '732 829 320' }).missing).toEqual([]);
  });

  it('a SIRET that does not start with the SIREN is imprecise, even when valid on its own', () => {
    const result = completeness({ ...complete('key'), siret: OTHER_SIRET });
    expect(result.missing).toEqual([{ field: 'siret', reason: 'imprecise' }]);
    expect(result.score).toBe(score(13, 12, 1)); // 96
  });

  it('an invalid SIRET is imprecise; a valid SIRET with no SIREN is precise (and the SIREN is what is missing)', () => {
    expect(completeness({ ...complete('key'), siret: SIRET.slice(0, 13) + ((Number(SIRET[13]) + 1) % 10) }).missing).toEqual([
      { field: 'siret', reason: 'imprecise' },
    ]);
    expect(completeness({ ...complete('key'), siren: null }).missing).toEqual([{ field: 'siren', reason: 'missing' }]);
  });

  it('a postal code that is not 5 digits is imprecise', () => {
    for (const postalCode of ['6900', '69 003', 'F-69003']) {
      expect(completeness({ ...complete('mass'), postalCode }).missing).toEqual([{ field: 'postalCode', reason: 'imprecise' }]);
    }
  });

  it('blank text counts as missing; zero revenue counts as known', () => {
    expect(completeness({ ...complete('mass'), addressLine: '   ', city: ' ' }).missing).toEqual([
      { field: 'addressLine', reason: 'missing' },
      { field: 'city', reason: 'missing' },
    ]);
    expect(completeness({ ...complete('intermediate'), sector: '  ' }).missing).toEqual([{ field: 'sector', reason: 'missing' }]);
    expect(completeness({ ...complete('key'), revenueCents: 0 }).missing).toEqual([]);
  });

  it('property: the score is within 0–100, 100 exactly when nothing is listed, and never rises when a field is removed', () => {
    const input = fc.record({
      segment: fc.constantFrom<Segment>(...SEGMENTS),
      removed: fc.subarray(ALL_FIELDS),
      genericMail: fc.boolean(),
      extra: fc.constantFrom<CompletenessField>(...ALL_FIELDS),
    });
    fc.assert(
      fc.property(input, ({ segment, removed, genericMail, extra }) => {
        let facts = removed.reduce((acc, f) => ({ ...acc, ...without[f] }), complete(segment));
        if (genericMail && facts.emails.length) facts = { ...facts, emails: ['info@x.fr'] };
        const result = completeness(facts);
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(100);
        expect(result.score === 100).toBe(result.missing.length === 0);
        expect(result.missing.every((m) => REQUIRED_FIELDS[segment].includes(m.field))).toBe(true);
        expect(completeness({ ...facts, ...without[extra] }).score).toBeLessThanOrEqual(result.score);
      }),
    );
  });
});

describe('normalizeCompanyName', () => {
  it.each([
    ['Boulangerie Martin', 'boulangerie martin'],
    ['BOULANGERIE   MARTIN', 'boulangerie martin'],
    ['Boulangerie Martin SARL', 'boulangerie martin'],
    ['SARL Boulangerie Martin', 'boulangerie martin'],
    ['Boulangerie Martin S.A.R.L.', 'boulangerie martin'], // dotted legal forms too
    ['Cœur de Lyon S.A.', 'coeur de lyon'],
    ['Électricité Générale du Sud-Est SAS', 'electricite generale du sud est'],
    ['Ets Dupont & Fils', 'dupont fils'],
    ['Établissements Dupont et Fils', 'dupont et fils'],
    ['Société Lyonnaise de Transport', 'lyonnaise de transport'],
    ['Groupe Crêperie Ker-Ys', 'creperie ker ys'],
    ["L'Atelier d'Hélène, EURL", 'l atelier d helene'],
    ['SCI Les Tilleuls', 'les tilleuls'],
    ['Garage 2000 SA', 'garage 2000'],
    ['Sasha Couture', 'sasha couture'], // legal forms only as whole words
    ['Casa SAS', 'casa'],
    ['  ', ''],
  ])('%j → %j', (name, normalised) => {
    expect(normalizeCompanyName(name)).toBe(normalised);
  });

  it('makes the usual variants of one name equal', () => {
    const variants = ['Boulangerie Martin', 'BOULANGERIE MARTIN SARL', 'boulangerie-martin', 'Boulangerie  Martin, SAS', 'Bôulangerie Martin'];
    expect(new Set(variants.map(normalizeCompanyName))).toEqual(new Set(['boulangerie martin']));
  });

  it('property: idempotent, lower-case ASCII letters, digits and single spaces only', () => {
    fc.assert(
      fc.property(fc.string(), (name) => {
        const n = normalizeCompanyName(name);
        expect(n).toMatch(/^(?:[a-z0-9]+(?: [a-z0-9]+)*)?$/);
        expect(normalizeCompanyName(n)).toBe(n);
      }),
    );
  });
});

describe('duplicateReasons', () => {
  const probe: DuplicateProbe = {
    name: 'Boulangerie Martin',
    siren: SIREN,
    siret: SIRET,
    city: 'Lyon',
    phones: ['+33478000000'],
    emails: ['Jeanne@Boulangerie-Martin.fr'],
  };
  /** A candidate that shares nothing with the probe. */
  const stranger: DuplicateCandidateFacts = {
    name: 'Garage du Centre',
    siren: OTHER_SIREN,
    siret: OTHER_SIRET,
    city: 'Grenoble',
    phones: ['+33476000000'],
    emails: ['atelier@garage-centre.fr'],
    nameSimilarity: 0.1,
  };

  it('finds nothing in common with a stranger', () => {
    expect(duplicateReasons(probe, stranger)).toEqual([]);
  });

  it.each([
    ['same_siren', { siren: SIREN }],
    ['same_siret', { siret: SIRET }],
    ['same_phone', { phones: ['+33400000000', '+33478000000'] }],
    ['same_email', { emails: ['jeanne@boulangerie-martin.fr'] }], // the candidate's are stored lower-case
    ['similar_name_same_city', { city: 'Lyon', nameSimilarity: 0.8 }],
  ] satisfies Array<[DuplicateReason, Partial<DuplicateCandidateFacts>]>)('%s alone', (reason, change) => {
    expect(duplicateReasons(probe, { ...stranger, ...change })).toEqual([reason]);
  });

  it('gives every reason at once, in a fixed order', () => {
    const twin: DuplicateCandidateFacts = { ...probe, emails: ['jeanne@boulangerie-martin.fr'], nameSimilarity: 1 };
    expect(duplicateReasons(probe, twin)).toEqual(['same_siren', 'same_siret', 'same_phone', 'same_email', 'similar_name_same_city']);
    expect(duplicateReasons(probe, { ...stranger, siren: SIREN, phones: probe.phones })).toEqual(['same_siren', 'same_phone']);
  });

  it('a similar name in another city is not a reason', () => {
    expect(duplicateReasons(probe, { ...stranger, city: 'Villeurbanne', nameSimilarity: 1 })).toEqual([]);
  });

  it('compares cities as names are compared (case, accents, dashes)', () => {
    const stEtienne = { ...probe, city: 'Saint-Étienne' };
    expect(duplicateReasons(stEtienne, { ...stranger, city: 'SAINT ETIENNE', nameSimilarity: 0.9 })).toEqual(['similar_name_same_city']);
  });

  it('an unknown city on either side is not the same city', () => {
    expect(duplicateReasons({ ...probe, city: null }, { ...stranger, city: null, nameSimilarity: 1 })).toEqual([]);
    expect(duplicateReasons(probe, { ...stranger, city: null, nameSimilarity: 1 })).toEqual([]);
  });

  it('flags a name exactly at SIMILAR_NAME_THRESHOLD, not just below', () => {
    expect(SIMILAR_NAME_THRESHOLD).toBe(0.6);
    const sameCity = { ...stranger, city: 'Lyon' };
    expect(duplicateReasons(probe, { ...sameCity, nameSimilarity: SIMILAR_NAME_THRESHOLD })).toEqual(['similar_name_same_city']);
    expect(duplicateReasons(probe, { ...sameCity, nameSimilarity: SIMILAR_NAME_THRESHOLD - 1e-9 })).toEqual([]);
  });

  it('absent identifiers never match each other', () => {
    const bare: DuplicateProbe = { name: 'X', siren: null, siret: null, city: null, phones: [], emails: [] };
    expect(duplicateReasons(bare, { ...bare, nameSimilarity: 1 })).toEqual([]);
  });
});

describe('nationalDigits', () => {
  it.each([
    ['0033123456789', '0123456789'],
    ['0033147', '0147'],
    ['33123456789', '0123456789'],
    ['3312345678', '3312345678'], // too short to be 33 + a full number: a fragment that happens to start with 33
    ['0123456789', '0123456789'],
    ['477612', '477612'],
  ])('%s → %s', (digits, national) => {
    expect(nationalDigits(digits)).toBe(national);
  });
});

describe('classifySearch', () => {
  it('an @ makes an email, trimmed and lower-cased', () => {
    expect(classifySearch('  Jeanne.Martin@Boulangerie-Martin.FR ')).toEqual({ kind: 'email', email: 'jeanne.martin@boulangerie-martin.fr' });
    expect(classifySearch('@martin')).toEqual({ kind: 'email', email: '@martin' });
  });

  it('a valid SIREN, in any spacing, is a SIREN (also tried as phone digits)', () => {
    for (const q of [SIREN, '732 829 320', '732.829.320', ' 732-829-320 ']) {
      expect(classifySearch(q)).toEqual({ kind: 'siren', siren: SIREN, phoneDigits: SIREN });
    }
  });

  it('property: any valid SIREN is classified as a SIREN', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999 }), (n) => {
        const siren = withCheckDigit(String(n).padStart(8, '0'));
        expect(classifySearch(siren)).toEqual({ kind: 'siren', siren, phoneDigits: siren });
      }),
    );
  });

  it('an invalid 9-digit number that cannot be a phone number is a phone fragment', () => {
    const q = '012345678'; // Luhn-invalid, and a French number has 10 digits with its 0
    expect(luhnValid(q)).toBe(false);
    expect(classifySearch(q)).toEqual({ kind: 'phone_fragment', phoneDigits: '012345678' });
    expect(classifySearch('000 000 001')).toEqual({ kind: 'phone_fragment', phoneDigits: '000000001' });
  });

  it('an invalid 9-digit number without the leading 0 is read as a French number without its trunk prefix', () => {
    // libphonenumber accepts the 9 national digits alone: "732829321" is 07 32 82 93 21.
    expect(luhnValid('732829321')).toBe(false);
    expect(classifySearch('732829321')).toEqual({ kind: 'phone', e164: '+33732829321', phoneDigits: '0732829321' });
  });

  it('a 9-digit number after a + is never a SIREN', () => {
    expect(classifySearch('+' + SIREN).kind).not.toBe('siren');
  });

  it('a valid SIRET (and La Poste’s) is a SIRET; an invalid 14-digit number is a fragment', () => {
    expect(classifySearch(SIRET)).toEqual({ kind: 'siret', siret: SIRET });
    expect(classifySearch('732 829 320 00074')).toEqual({ kind: 'siret', siret: '73282932000074' });
    expect(classifySearch('356 000 000 49837')).toEqual({ kind: 'siret', siret: '35600000049837' });
    expect(classifySearch('73282932000075')).toEqual({ kind: 'phone_fragment', phoneDigits: '73282932000075' });
  });

  it.each([
    '01 23 45 67 89',
    '0123456789',
    '01.23.45.67.89',
    '01-23-45-67-89',
    '01/23/45/67/89',
    '(01) 23 45 67 89',
    '+33123456789',
    '+33 1 23 45 67 89',
    '+33 (0)1 23 45 67 89',
    '0033123456789',
    '0033 1 23 45 67 89',
    '33 1 23 45 67 89',
    '  01 23 45 67 89  ',
  ])('the full number %j is a phone: E.164 and the digits as dialled in France', (q) => {
    expect(classifySearch(q)).toEqual({ kind: 'phone', e164: '+33123456789', phoneDigits: '0123456789' });
  });

  it('mobiles and foreign numbers are phones too', () => {
    expect(classifySearch('06 12 34 56 78')).toEqual({ kind: 'phone', e164: '+33612345678', phoneDigits: '0612345678' });
    expect(classifySearch('07.12.34.56.78')).toEqual({ kind: 'phone', e164: '+33712345678', phoneDigits: '0712345678' });
    expect(classifySearch('+44 20 7946 0958')).toEqual({ kind: 'phone', e164: '+442079460958', phoneDigits: '02079460958' });
  });

  it.each([
    ['01 23', '0123'],
    ['47 76 12', '477612'],
    ['47.76.12', '477612'],
    ['+33 1 47', '0147'],
    ['0033 1 47', '0147'],
    ['+33147', '0147'],
    ['+33 (0)1 47', '0147'],
    ['+33(0)147 76', '014776'],
    ['0033 (0)1 47', '0147'],
    ['123', '123'],
    ['01 23 45 67 8', '012345678'],
    ['+33 1 23 45 67', '01234567'],
  ])('the fragment %j is a phone fragment matched as %s', (q, phoneDigits) => {
    expect(classifySearch(q)).toEqual({ kind: 'phone_fragment', phoneDigits });
  });

  it.each(['Garage 2000', 'Boulangerie Martin', 'Martin', 'ab', 'a', '', '12', '+33', '01 ab', 'SIREN 732829320'])('%j is a name', (q) => {
    expect(classifySearch(q)).toEqual({ kind: 'name', text: q.trim() });
  });

  it('property: text with a letter and no @ is always a name, trimmed', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('a', 'É', 'z'), fc.string(), (before, letter, after) => {
        const q = before + letter + after;
        fc.pre(!q.includes('@'));
        expect(classifySearch(q)).toEqual({ kind: 'name', text: q.trim() });
      }),
    );
  });

  it('property: any French number in any common format is found as that phone', () => {
    // Landlines 01–05 and mobiles 06: every number in those ranges is a valid French number.
    const parts = fc.tuple(fc.constantFrom('1', '2', '3', '4', '5', '6'), fc.integer({ min: 0, max: 99_999_999 }));
    fc.assert(
      fc.property(parts, fc.constantFrom('', ' ', '.', '-'), fc.constantFrom('0', '+33 ', '0033 ', '+33 (0)'), ([first, rest], sep, prefix) => {
        const nine = first + String(rest).padStart(8, '0');
        const typed = prefix + nine[0] + nine.slice(1).replace(/(\d\d)/g, `${sep}$1`);
        const intent = classifySearch(typed);
        expect(intent).toEqual({ kind: 'phone', e164: '+33' + nine, phoneDigits: '0' + nine });
      }),
    );
  });
});
