import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { z } from 'zod';
import {
  compactDigits,
  emailSchema,
  formatPhone,
  isValidSiren,
  isValidSiret,
  luhnValid,
  normalizePhone,
  phoneSchema,
  phoneSearchDigits,
  sirenSchema,
  siretSchema,
} from './values.ts';

/** The check digit that makes `body` Luhn-valid, found by trying all ten. */
function withCheckDigit(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return body + d;
  throw new Error(`no Luhn digit for ${body}`);
}

const digitString = (length: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((ds) => ds.join(''));

/** The codes a zod schema reports, in order. */
function issueCodes(result: z.ZodSafeParseResult<unknown>): unknown[] {
  expect(result.success).toBe(false);
  return result.error!.issues.map((i) => (i as { params?: Record<string, unknown> }).params?.code);
}

describe('luhnValid', () => {
  it('accepts known Luhn-valid numbers and rejects their neighbours', () => {
    expect(luhnValid('79927398713')).toBe(true); // the textbook example
    expect(luhnValid('79927398710')).toBe(false);
    expect(luhnValid('732829320')).toBe(true);
    expect(luhnValid('732829321')).toBe(false);
    expect(luhnValid('0')).toBe(true);
    expect(luhnValid('')).toBe(true); // the empty sum is 0: callers check the length first
  });

  it('doubles every second digit from the right, subtracting 9 above 9', () => {
    expect(luhnValid('59')).toBe(true); // 9 + (10-9 = 1) = 10
    expect(luhnValid('95')).toBe(false); // 5 + 18-9 = 14
    expect(luhnValid('18')).toBe(true); // 8 + 2 = 10
    expect(luhnValid('81')).toBe(false); // 1 + 16-9 = 8
  });
});

describe('compactDigits', () => {
  it('strips spaces, dots, dashes and slashes, and nothing else', () => {
    expect(compactDigits('732 829 320')).toBe('732829320');
    expect(compactDigits('01.23.45.67.89')).toBe('0123456789');
    expect(compactDigits('01-23/45\t67\u00a089')).toBe('0123456789');
    expect(compactDigits('+33 (0)1')).toBe('+33(0)1');
    expect(compactDigits('abc 1')).toBe('abc1');
  });
});

describe('isValidSiren', () => {
  it('accepts a Luhn-valid 9-digit number, typed with spaces or dots', () => {
    expect(isValidSiren('732829320')).toBe(true);
    expect(isValidSiren('732 829 320')).toBe(true);
    expect(isValidSiren('732.829.320')).toBe(true);
    expect(isValidSiren('356000000')).toBe(true); // La Poste's SIREN is itself Luhn-valid
  });

  it('rejects a wrong check digit, a wrong length and letters', () => {
    expect(isValidSiren('732829321')).toBe(false);
    expect(isValidSiren('73282932')).toBe(false);
    expect(isValidSiren('0732829320')).toBe(false); // 10 digits, Luhn-valid
    expect(luhnValid('0732829320')).toBe(true);
    expect(isValidSiren('73282932O')).toBe(false);
    expect(isValidSiren('')).toBe(false);
  });

  it('any 8 digits plus their computed check digit is a valid SIREN', () => {
    fc.assert(
      fc.property(digitString(8), (body) => {
        expect(isValidSiren(withCheckDigit(body))).toBe(true);
      }),
    );
  });

  it('changing any single digit of a valid SIREN makes it invalid', () => {
    fc.assert(
      fc.property(digitString(8), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 9 }), (body, position, delta) => {
        const siren = withCheckDigit(body);
        const changed = (Number(siren[position]) + delta) % 10;
        const altered = siren.slice(0, position) + changed + siren.slice(position + 1);
        expect(altered).not.toBe(siren);
        expect(isValidSiren(altered)).toBe(false);
      }),
    );
  });
});

describe('isValidSiret', () => {
  const siren = '732829320';

  it('accepts a Luhn-valid SIRET whose first 9 digits are a valid SIREN', () => {
    const siret = withCheckDigit(siren + '0007');
    expect(siret).toBe('73282932000074');
    expect(isValidSiret(siret)).toBe(true);
    expect(isValidSiret('732 829 320 00074')).toBe(true);
  });

  it('rejects a wrong check digit and a wrong length', () => {
    expect(isValidSiret('73282932000075')).toBe(false);
    expect(isValidSiret('7328293200007')).toBe(false);
    expect(isValidSiret('732829320000740')).toBe(false);
  });

  it('rejects a Luhn-valid 14-digit number whose SIREN part is not a valid SIREN', () => {
    const badSiren = '732829321';
    expect(isValidSiren(badSiren)).toBe(false);
    const siret = withCheckDigit(badSiren + '0007');
    expect(luhnValid(siret)).toBe(true);
    expect(isValidSiret(siret)).toBe(false);
  });

  it('property: a Luhn-valid SIRET is valid exactly when its SIREN part is', () => {
    fc.assert(
      fc.property(digitString(13), (body) => {
        fc.pre(!body.startsWith('356000000'));
        const siret = withCheckDigit(body);
        expect(isValidSiret(siret)).toBe(isValidSiren(siret.slice(0, 9)));
      }),
    );
  });

  it('La Poste (SIREN 356000000): a digit sum multiple of 5, or Luhn (as the head office 35600000000048)', () => {
    expect(isValidSiret('35600000000048')).toBe(true); // the head office: Luhn-valid, digit sum 26
    expect(isValidSiret('35600000049837')).toBe(true); // sum 45, not Luhn-valid
    expect(luhnValid('35600000049837')).toBe(false);
    expect(isValidSiret('35600000000001')).toBe(true); // sum 15
    expect(isValidSiret('35600000000002')).toBe(false); // sum 16
    expect(isValidSiret('35600000049838')).toBe(false); // sum 46
    fc.assert(
      fc.property(digitString(5), (nic) => {
        const siret = '356000000' + nic;
        const sum = [...siret].reduce((acc, c) => acc + Number(c), 0);
        expect(isValidSiret(siret)).toBe(sum % 5 === 0 || luhnValid(siret));
      }),
    );
  });
});

describe('normalizePhone', () => {
  it.each([
    ['01 23 45 67 89', '+33123456789'],
    ['0123456789', '+33123456789'],
    ['+33123456789', '+33123456789'],
    ['+33 1 23 45 67 89', '+33123456789'],
    ['0033 1 23 45 67 89', '+33123456789'],
    ['01.23.45.67.89', '+33123456789'],
    ['01-23-45-67-89', '+33123456789'],
    ['  01 23 45 67 89  ', '+33123456789'],
    ['06 12 34 56 78', '+33612345678'],
    ['07 12 34 56 78', '+33712345678'],
    ['+44 20 7946 0958', '+442079460958'],
  ])('%j → %s (France by default)', (input, e164) => {
    expect(normalizePhone(input)).toBe(e164);
  });

  it.each(['12345', '0012', '', 'abcdefghij', '01 23 45 67 8a', '01 23 45 67', '01 23 45 67 89 10'])('%j is not a phone number → null', (input) => {
    expect(normalizePhone(input)).toBeNull();
  });

  it('reads a national number in the country given', () => {
    expect(normalizePhone('020 7946 0958', 'GB')).toBe('+442079460958');
    expect(normalizePhone('020 7946 0958')).toBeNull();
  });

  it('is idempotent: normalising its output gives the same output', () => {
    const french = fc
      .tuple(fc.constantFrom('1', '2', '3', '4', '5', '6', '7', '9'), digitString(8), fc.constantFrom('', ' ', '.', '-'), fc.constantFrom('0', '+33', '0033'))
      .map(([first, rest, sep, prefix]) => prefix + first + rest.replace(/(\d\d)/g, `${sep}$1`));
    fc.assert(
      fc.property(fc.oneof(french, fc.string()), (input) => {
        const once = normalizePhone(input);
        if (once === null) return;
        expect(once).toMatch(/^\+\d{8,15}$/);
        expect(normalizePhone(once)).toBe(once);
      }),
    );
  });
});

describe('formatPhone', () => {
  it('shows French numbers nationally and foreign ones internationally', () => {
    expect(formatPhone('+33123456789')).toBe('01 23 45 67 89');
    expect(formatPhone('+33612345678')).toBe('06 12 34 56 78');
    expect(formatPhone('+442079460958')).toBe('+44 20 7946 0958');
  });

  it('returns what it cannot parse unchanged', () => {
    expect(formatPhone('not a number')).toBe('not a number');
  });

  it('round-trips through normalizePhone', () => {
    for (const e164 of ['+33123456789', '+33612345678', '+442079460958']) expect(normalizePhone(formatPhone(e164))).toBe(e164);
  });
});

describe('phoneSearchDigits', () => {
  it('gives the digits as dialled nationally', () => {
    expect(phoneSearchDigits('+33123456789')).toBe('0123456789');
    expect(phoneSearchDigits('+33712345678')).toBe('0712345678');
    expect(phoneSearchDigits('+442079460958')).toBe('02079460958');
  });

  it('keeps only the digits of what it cannot parse', () => {
    expect(phoneSearchDigits('xx 12-3')).toBe('123');
  });
});

describe('schemas', () => {
  it('sirenSchema compacts a valid SIREN and names what is wrong with a bad one', () => {
    expect(sirenSchema.parse('732 829 320')).toBe('732829320');
    expect(issueCodes(sirenSchema.safeParse('732829321'))).toEqual(['siren.checksum']);
    expect(issueCodes(sirenSchema.safeParse('12345'))[0]).toBe('siren.format');
    expect(issueCodes(sirenSchema.safeParse('73282932A'))[0]).toBe('siren.format');
  });

  it('siretSchema compacts a valid SIRET and reports siret.checksum for a bad one', () => {
    expect(siretSchema.parse('732 829 320 00074')).toBe('73282932000074');
    expect(siretSchema.parse('356 000 000 49837')).toBe('35600000049837');
    expect(issueCodes(siretSchema.safeParse('73282932000075'))).toEqual(['siret.checksum']);
    expect(issueCodes(siretSchema.safeParse('123'))[0]).toBe('siret.format');
  });

  it('phoneSchema turns any common format into E.164 and reports phone.invalid', () => {
    expect(phoneSchema.parse('01.23.45.67.89')).toBe('+33123456789');
    expect(phoneSchema.parse('0033 6 12 34 56 78')).toBe('+33612345678');
    expect(issueCodes(phoneSchema.safeParse('12345'))).toEqual(['phone.invalid']);
    expect(issueCodes(phoneSchema.safeParse('appelez-moi'))).toEqual(['phone.invalid']);
  });

  it('emailSchema trims and lower-cases, and reports email.invalid', () => {
    expect(emailSchema.parse('  Jean.Dupont@Exemple.FR ')).toBe('jean.dupont@exemple.fr');
    expect(issueCodes(emailSchema.safeParse('jean.dupont'))).toEqual(['email.invalid']);
    expect(issueCodes(emailSchema.safeParse('jean@'))).toEqual(['email.invalid']);
    expect(issueCodes(emailSchema.safeParse('jean dupont@exemple.fr'))).toEqual(['email.invalid']);
  });
});
