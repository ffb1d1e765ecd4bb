// How the credit pages say shares, explanations and refusals in the reader's language.
import type { TFunction } from 'i18next';
import type { Bilingual } from '../../../../contract/values.ts';
import { ApiError } from '../../../lib/api-client.ts';
import { errorText } from '../../../lib/errors.ts';

const locales: Record<string, string> = { fr: 'fr-FR', en: 'en-GB' };
const pctFormats = new Map<string, Intl.NumberFormat>();

/** 33.33 → "33,33 %" in French, "33.33 %" in English; `signed` shows "+" on gains (dispute adjustments). */
export function formatPct(value: number, lang: string, signed = false): string {
  const locale = locales[lang.slice(0, 2)] ?? 'fr-FR';
  const key = `${locale}|${signed}`;
  let f = pctFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits: 2, signDisplay: signed ? 'exceptZero' : 'auto' });
    pctFormats.set(key, f);
  }
  return `${f.format(value)}\u00a0%`;
}

/** The explanation the server wrote in both languages, in the one the reader uses. */
export const inLanguage = (text: Bilingual, lang: string): string => (lang.startsWith('en') ? text.en : text.fr);

/** A refusal from the credit or dispute API in the reader's words (known codes), else the shared wording. */
export function creditErrorText(t: TFunction, error: unknown): string {
  if (error instanceof ApiError && error.code) {
    const key = `credit.errors.${error.code}`;
    const translated = t(key, { defaultValue: '' });
    if (translated && translated !== key) return translated;
  }
  return errorText(t, error);
}

/** Short date for a custom period boundary, or the ISO day of a Date in Paris. */
export function parisDay(date: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}
