// Case rules in people's words: business durations, refusals on the field
// they name (the forms nest: entries.2.poolId, byPriority.high.resolutionMinutes…).
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import type { CasePriority } from '../../../../contract/cases.ts';
import { ApiError } from '../../../lib/api-client.ts';
import type { useSchemaForm } from '../../../lib/use-schema-form.ts';
import { ruleCodeText, ruleErrorText } from './sales-rule-text.ts';

/** Most urgent first, as the tables read. */
export const PRIORITIES_URGENT_FIRST: CasePriority[] = ['critical', 'high', 'normal', 'low'];
export const priorityColor: Record<CasePriority, string> = { critical: 'red', high: 'orange', normal: 'blue', low: 'gray' };

/** "2 j ouvrés", "4 h ouvrées", "1 h 30 ouvrées", "45 min ouvrées": in days of the rule's length when whole. */
export function businessDuration(t: TFunction, minutes: number, dayMinutes: number): string {
  if (!Number.isFinite(minutes) || minutes <= 0) return '—';
  if (minutes % dayMinutes === 0) return t('caseRules.duration.days', { count: minutes / dayMinutes });
  if (minutes % 60 === 0) return t('caseRules.duration.hours', { count: minutes / 60 });
  if (minutes < 60) return t('caseRules.duration.minutes', { count: minutes });
  return t('caseRules.duration.hoursMinutes', { h: Math.floor(minutes / 60), m: String(minutes % 60).padStart(2, '0') });
}

/** Hours as typed in a form (1.5) → whole business minutes (90); NaN when empty. */
export const hoursToMinutes = (hours: number | string) => (hours === '' ? Number.NaN : Math.round(Number(hours) * 60));
/** Minutes → hours for a form field, to the minute. */
export const minutesToHours = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

// --- Errors on nested fields ---

export type PathErrors = Record<string, string>;

/** The body's `config.` prefix dropped: the forms name their fields from the config down. */
const configPath = (path: string) => path.replace(/^config(\.|$)/, '');

/** The contract's own checks, keyed by the full path of the field (our words when `words` has one for it). */
export function zodPathErrors(t: TFunction, error: z.ZodError, words: (path: string) => string | undefined = () => undefined): PathErrors {
  const out: PathErrors = {};
  for (const issue of error.issues) {
    const path = configPath(issue.path.map(String).join('.'));
    if (out[path]) continue;
    out[path] = words(path) ?? ruleCodeText(t, 'caseRules', `validation.${issue.code}`, issue.message);
  }
  return out;
}

/** The refusal's error at `path`, or at a field under it (entries.2.match → entries.2.match.regionIds.0). */
export function errorAt(errors: PathErrors, path: string): string | undefined {
  if (errors[path]) return errors[path];
  const under = Object.keys(errors).find((k) => k.startsWith(`${path}.`));
  return under ? errors[under] : undefined;
}

/** Every error at `path` or under it cleared (the user changed that field). */
export function clearedAt(errors: PathErrors, path: string): PathErrors {
  const keys = Object.keys(errors).filter((k) => k === path || k.startsWith(`${path}.`));
  if (keys.length === 0) return errors;
  const next = { ...errors };
  for (const k of keys) delete next[k];
  return next;
}

type Form = Pick<ReturnType<typeof useSchemaForm>, 'setErrors' | 'setFormError'>;

/**
 * A refusal from the server: each issue on the field it names when the form shows that field (`placed`), in the
 * words of the case rules when we know the code; the rest — a forbidden, a field the form does not have — above it.
 */
export function showCaseRuleRefusal(form: Form, t: TFunction, error: unknown, placed: (path: string) => boolean): void {
  if (error instanceof ApiError) {
    const onFields: PathErrors = {};
    const elsewhere: string[] = [];
    for (const issue of error.issues) {
      const path = configPath(issue.field);
      const text = ruleCodeText(t, 'caseRules', issue.code, issue.message);
      if (placed(path)) onFields[path] ??= text;
      else elsewhere.push(text);
    }
    if (Object.keys(onFields).length > 0) {
      form.setErrors(onFields);
      form.setFormError(elsewhere[0] ?? null);
      return;
    }
  }
  form.setErrors({});
  form.setFormError(ruleErrorText(t, 'caseRules', error));
}
