import type { z } from 'zod';
import type { useSchemaForm } from '../../../lib/use-schema-form.ts';

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
