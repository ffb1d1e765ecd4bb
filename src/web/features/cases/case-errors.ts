// Case error codes in the user's language (the words live in this feature's i18n), then the app's, then the server's message.
import type { TFunction } from 'i18next';
import { ApiError } from '../../lib/api-client.ts';
import { errorText, translateError } from '../../lib/errors.ts';

export function caseCodeText(t: TFunction, code: string | undefined, fallback: string): string {
  if (code) {
    const key = `cases.errors.${code}`;
    const mine = t(key, { defaultValue: '' });
    if (mine && mine !== key && typeof mine === 'string') return mine;
  }
  return translateError(t, code, fallback);
}

export function caseErrorText(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) return caseCodeText(t, error.code, error.message);
  return errorText(t, error);
}

/** A 409: someone changed the case first; the page reloads it and the person applies their change again. */
export const isVersionConflict = (error: unknown) => error instanceof ApiError && error.status === 409;
