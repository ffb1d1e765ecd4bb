import type { TFunction } from 'i18next';
import type { SalesRule } from '../../../../contract/credit.ts';
import type { Bilingual } from '../../../../contract/values.ts';
import { ApiError } from '../../../lib/api-client.ts';
import { errorText, translateError } from '../../../lib/errors.ts';

/** The rule's text as the server wrote it, in the reader's language. */
export const ruleTextIn = (text: Bilingual, lang: string) => (lang.startsWith('en') ? text.en : text.fr);

/** A rule that exists only as the built-in default (nobody changed it yet). */
export const isDefault = (rule: Pick<SalesRule, 'id' | 'version'>) => rule.id === null || rule.version === 0;

/** A version published with a later effective date: shown as scheduled. */
export const isScheduled = (rule: Pick<SalesRule, 'effectiveFrom'>, now = Date.now()) => !!rule.effectiveFrom && new Date(rule.effectiveFrom).getTime() > now;

/** A refusal code in the words of the rules it concerns (`<prefix>.errors.<code>`), else in the app's usual words, else the server's. */
export function ruleCodeText(t: TFunction, prefix: string, code: string | undefined, fallback: string): string {
  if (code) {
    const key = `${prefix}.errors.${code}`;
    const translated = t(key, { defaultValue: '' });
    if (translated && translated !== key) return translated;
  }
  return translateError(t, code, fallback);
}

/** An API error in the words of the rules it concerns, else in the app's usual words. */
export function ruleErrorText(t: TFunction, prefix: string, error: unknown): string {
  return error instanceof ApiError ? ruleCodeText(t, prefix, error.code, error.message) : errorText(t, error);
}

export const salesRuleErrorText = (t: TFunction, error: unknown): string => ruleErrorText(t, 'salesRules', error);
