// A small form state holder: the contract's zod schema validates on submit, server errors land on their fields.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ApiError } from './api-client.ts';
import { apiFieldErrors, errorText, zodFieldErrors, type FieldErrors } from './errors.ts';

export function useSchemaForm<V extends Record<string, unknown>>(initial: V) {
  const { t } = useTranslation();
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  const setField = useCallback(<K extends keyof V>(key: K, value: V[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => {
      if (!e[key as string]) return e;
      const next = { ...e };
      delete next[key as string];
      return next;
    });
  }, []);

  /** Parses with the schema; on failure shows the field errors and returns null. */
  function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> | null {
    const result = schema.safeParse(input);
    if (result.success) {
      setErrors({});
      setFormError(null);
      return result.data;
    }
    const fe = zodFieldErrors(t, result.error, values);
    setErrors(fe);
    setFormError(fe._form ?? null);
    return null;
  }

  /** Puts a server error next to the field it names, or above the form. Returns true when it was a field error. */
  function applyError(error: unknown, knownFields: string[]): boolean {
    if (error instanceof ApiError) {
      const fe = apiFieldErrors(t, error, values);
      const onFields = Object.keys(fe).filter((f) => knownFields.includes(f));
      if (onFields.length) {
        setErrors(Object.fromEntries(onFields.map((f) => [f, fe[f]!])));
        setFormError(null);
        return true;
      }
    }
    setFormError(errorText(t, error));
    return false;
  }

  const reset = useCallback((next: V) => {
    setValues(next);
    setErrors({});
    setFormError(null);
  }, []);

  return { values, setValues, setField, errors, setErrors, formError, setFormError, validate, applyError, reset };
}

/** '' → null, for optional text fields the contract types as nullable. */
export const orNull = (s: string | null | undefined): string | null => {
  const v = (s ?? '').trim();
  return v === '' ? null : v;
};
