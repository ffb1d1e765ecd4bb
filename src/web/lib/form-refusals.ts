// What every form does with a bad input: the contract's schema validates, our own sentences replace the
// generic ones, and the server's refusals land on the field they name (in the feature's words when it knows
// the code) or above the form.
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { ApiError } from './api-client.ts';
import type { useSchemaForm } from './use-schema-form.ts';

type Form = ReturnType<typeof useSchemaForm>;

/** Parses with the schema; where a field fails, `words[field]` says what is expected ("Dites pourquoi…" rather than "Trop court"). */
export function validateWith<S extends z.ZodType>(form: Pick<Form, 'validate' | 'setErrors'>, schema: S, input: unknown, words: Record<string, string>): z.output<S> | null {
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
 * A refusal from the server: the schema's complaints on their fields; a domain code on the field it names when
 * the form has it, worded by `say`; a version conflict or a rule the form cannot fix above the form.
 */
export function showRefusal(
  form: Pick<Form, 'setErrors' | 'setFormError' | 'applyError'>,
  t: TFunction,
  error: unknown,
  fields: string[],
  say: (t: TFunction, error: ApiError) => string,
): void {
  if (error instanceof ApiError && !error.code.startsWith('validation.')) {
    const field = error.field?.split('.')[0];
    if (field && fields.includes(field) && error.status !== 409) {
      form.setFormError(null);
      form.setErrors({ [field]: say(t, error) });
    } else form.setFormError(say(t, error));
    return;
  }
  form.applyError(error, fields);
}
