// Turns API and validation errors into messages in the user's language, keyed by the form field they name.
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { ApiError } from './api-client.ts';

/** A known code gets its translation; anything else falls back to the server's own message. */
export function translateError(t: TFunction, code: string | undefined, fallback: string): string {
  if (!code) return fallback;
  const key = `errors.${code}`;
  const translated = t(key, { defaultValue: '' });
  return translated && translated !== key ? translated : fallback;
}

export function errorText(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) return translateError(t, error.code, error.message);
  if (error instanceof Error) return error.message;
  return t('errors.unknown');
}

export type FieldErrors = Record<string, string>;

/** "phones.1" → field "phones", index 1. */
function splitPath(path: string): { field: string; index: number | undefined } {
  const [field = '', second] = path.split('.');
  const index = second !== undefined && /^\d+$/.test(second) ? Number(second) : undefined;
  return { field, index };
}

function withValue(message: string, values: Record<string, unknown> | undefined, field: string, index: number | undefined): string {
  if (index === undefined || !values) return message;
  const list = values[field];
  if (Array.isArray(list) && typeof list[index] === 'string') return `${message} (${list[index]})`;
  return message;
}

export function zodFieldErrors(t: TFunction, error: z.ZodError, values?: Record<string, unknown>): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const { field, index } = splitPath(issue.path.map(String).join('.'));
    if (out[field]) continue;
    const code = (issue as { params?: { code?: string } }).params?.code ?? `validation.${issue.code}`;
    out[field || '_form'] = withValue(translateError(t, code, issue.message), values, field, index);
  }
  return out;
}

export function apiFieldErrors(t: TFunction, error: ApiError, values?: Record<string, unknown>): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const { field, index } = splitPath(issue.field);
    if (out[field]) continue;
    const msg = issue.code ? translateError(t, issue.code, issue.message) : issue.message;
    out[field] = withValue(msg, values, field, index);
  }
  return out;
}
