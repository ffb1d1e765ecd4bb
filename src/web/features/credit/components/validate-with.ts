import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { ApiError } from '../../../lib/api-client.ts';
import type { useSchemaForm } from '../../../lib/use-schema-form.ts';
import { creditErrorText } from './credit-format.ts';

type Form = Pick<ReturnType<typeof useSchemaForm>, 'validate' | 'setErrors'>;

/**
 * The contract's schema validates; where a field fails, our own sentence for it replaces the generic one
 * ("Expliquez votre demande…" rather than "Trop court").
 */
export function validateWith<S extends z.ZodType>(form: Form, schema: S, input: unknown, words: Record<string, string>): z.output<S> | null {
  const body = form.validate(schema, input);
  if (body) return body;
  const result = schema.safeParse(input);
  if (!result.success) {
    const fields = new Set(result.error.issues.map((i) => String(i.path[0] ?? '')));
    form.setErrors((errors) => {
      const next = { ...errors };
      for (const f of fields) if (words[f]) next[f] = words[f];
      return next;
    });
  }
  return null;
}

/**
 * A refusal from the server: on the field it names when the form has that field (in our words when we know the
 * code), else above the form — a version conflict, a rule the form cannot fix.
 */
export function showRefusal(form: Pick<ReturnType<typeof useSchemaForm>, 'setErrors' | 'setFormError' | 'applyError'>, t: TFunction, error: unknown, fields: string[]): void {
  if (error instanceof ApiError && error.status !== 400) {
    const field = error.field?.split('.')[0];
    if (field && fields.includes(field) && error.status !== 409) {
      form.setFormError(null);
      form.setErrors({ [field]: creditErrorText(t, error) });
    } else form.setFormError(creditErrorText(t, error));
    return;
  }
  form.applyError(error, fields);
}
