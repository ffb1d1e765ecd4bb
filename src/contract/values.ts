// Domain value types shared by the server and the web app: one definition, one validation.
import { z } from 'zod';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/** Luhn checksum over a string of digits (used by SIREN and SIRET). */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Strips the spaces, dots and dashes people type inside identifiers and numbers. */
export function compactDigits(input: string): string {
  return input.replace(/[\s.\-/]/g, '');
}

export function isValidSiren(input: string): boolean {
  const s = compactDigits(input);
  return /^\d{9}$/.test(s) && luhnValid(s);
}

// La Poste's establishments share SIREN 356000000; their SIRETs follow a digit-sum rule (multiple of 5),
// though the head office's also passes Luhn: either is accepted.
const LA_POSTE_SIREN = '356000000';

export function isValidSiret(input: string): boolean {
  const s = compactDigits(input);
  if (!/^\d{14}$/.test(s)) return false;
  if (s.startsWith(LA_POSTE_SIREN)) {
    const sum = [...s].reduce((acc, c) => acc + Number(c), 0);
    return sum % 5 === 0 || luhnValid(s);
  }
  return luhnValid(s) && isValidSiren(s.slice(0, 9));
}

export const DEFAULT_COUNTRY: CountryCode = 'FR';

/** A phone number typed in any common format → E.164, or null when it cannot be a real number. */
export function normalizePhone(input: string, country: CountryCode = DEFAULT_COUNTRY): string | null {
  const parsed = parsePhoneNumberFromString(input.trim(), country);
  if (!parsed || !parsed.isValid()) return null;
  return parsed.number;
}

/** E.164 → the national format people read ("01 23 45 67 89" in France). */
export function formatPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.country === DEFAULT_COUNTRY ? parsed.formatNational() : parsed.formatInternational();
}

/** Digits of a number as dialled nationally ("0123456789"): what a phone fragment is matched against. */
export function phoneSearchDigits(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164.replace(/\D/g, '');
  return parsed.formatNational().replace(/\D/g, '');
}

export const sirenSchema = z
  .string()
  .transform(compactDigits)
  .refine((s) => /^\d{9}$/.test(s), { message: 'A SIREN has 9 digits', params: { code: 'siren.format' }, abort: true })
  .refine(luhnValid, { message: 'This SIREN fails its check digit (Luhn)', params: { code: 'siren.checksum' } });

export const siretSchema = z
  .string()
  .transform(compactDigits)
  .refine((s) => /^\d{14}$/.test(s), { message: 'A SIRET has 14 digits', params: { code: 'siret.format' }, abort: true })
  .refine(isValidSiret, { message: 'This SIRET fails its check digit (Luhn)', params: { code: 'siret.checksum' } });

export const phoneSchema = z.string().transform((value, ctx) => {
  const e164 = normalizePhone(value);
  if (!e164) {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not a valid phone number`, params: { code: 'phone.invalid' } });
    return z.NEVER;
  }
  return e164;
});

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .refine((s) => z.email().safeParse(s).success, { message: 'Not a valid email address', params: { code: 'email.invalid' } });

export const uuidSchema = z.uuid();

/** Money is integer cents and a currency; never floating point. */
export const moneySchema = z.object({
  cents: z.number().int(),
  currency: z.string().length(3).default('EUR'),
});
export type Money = z.infer<typeof moneySchema>;

export const cursorQuery = z.object({
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** A text in both languages of the product: rules and explanations are read by everyone. */
export const bilingualSchema = z.object({ en: z.string(), fr: z.string() });
export type Bilingual = z.infer<typeof bilingualSchema>;

/** A percentage with at most two decimals (stored as basis points). */
export const percentSchema = z
  .number()
  .min(0)
  .max(100)
  .refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, { message: 'At most two decimals' });
