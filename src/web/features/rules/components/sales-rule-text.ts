import type { TFunction } from 'i18next';
import type { SalesRule } from '../../../../contract/credit.ts';
import type { Bilingual } from '../../../../contract/values.ts';
import { ApiError } from '../../../lib/api-client.ts';
import { errorText } from '../../../lib/errors.ts';

/** The rule's text as the server wrote it, in the reader's language. */
export const ruleTextIn = (text: Bilingual, lang: string) => (lang.startsWith('en') ? text.en : text.fr);

/** A rule that exists only as the built-in default (nobody changed it yet). */
export const isDefault = (rule: Pick<SalesRule, 'id' | 'version'>) => rule.id === null || rule.version === 0;

/** A version published with a later effective date: shown as scheduled. */
export const isScheduled = (rule: Pick<SalesRule, 'effectiveFrom'>, now = Date.now()) => !!rule.effectiveFrom && new Date(rule.effectiveFrom).getTime() > now;

export function salesRuleErrorText(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    const key = `salesRules.errors.${error.code}`;
    const translated = t(key, { defaultValue: '' });
    if (translated && translated !== key) return translated;
  }
  return errorText(t, error);
}
