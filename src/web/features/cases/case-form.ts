// The case forms' refusals, in the cases' words (see lib/form-refusals.ts).
import type { TFunction } from 'i18next';
import { showRefusal } from '../../lib/form-refusals.ts';
import { caseErrorText } from './case-errors.ts';

export { validateWith } from '../../lib/form-refusals.ts';

export const showCaseRefusal = (form: Parameters<typeof showRefusal>[0], t: TFunction, error: unknown, fields: string[]) => showRefusal(form, t, error, fields, caseErrorText);
