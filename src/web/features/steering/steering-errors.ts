// Steering refusals in the reader's words: this feature's codes (alerts, objectives, alert rules), then the app's,
// then the server's own message; and the forms' refusals through lib/form-refusals.ts.
import type { TFunction } from 'i18next';
import { ApiError } from '../../lib/api-client.ts';
import { errorText, translateError } from '../../lib/errors.ts';
import { showRefusal } from '../../lib/form-refusals.ts';

export { validateWith } from '../../lib/form-refusals.ts';

export function steeringCodeText(t: TFunction, code: string | undefined, fallback: string): string {
  if (code) {
    const key = `steering.errors.${code}`;
    const mine = t(key, { defaultValue: '' });
    if (mine && mine !== key && typeof mine === 'string') return mine;
  }
  return translateError(t, code, fallback);
}

export function steeringErrorText(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) return steeringCodeText(t, error.code, error.message);
  return errorText(t, error);
}

/** A 409: someone changed it first; the page reloads it and the person applies their change again. */
export const isVersionConflict = (error: unknown) => error instanceof ApiError && error.status === 409;

/**
 * A form's refusal: the schema's complaints on their fields, a domain code on the field it names, a version
 * conflict or a rule the form cannot fix above it. `forbidden` words a 403 for what this form does.
 */
export function showSteeringRefusal(form: Parameters<typeof showRefusal>[0], t: TFunction, error: unknown, fields: string[], forbidden?: string): void {
  showRefusal(form, t, error, fields, (tr, e) => (e.status === 403 && forbidden ? forbidden : steeringErrorText(tr, e)));
}
