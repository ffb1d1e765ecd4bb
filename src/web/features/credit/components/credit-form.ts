// The credit forms' refusals, in the credit words (see lib/form-refusals.ts).
import type { TFunction } from 'i18next';
import { showRefusal } from '../../../lib/form-refusals.ts';
import { creditErrorText } from './credit-format.ts';

export { validateWith } from '../../../lib/form-refusals.ts';

export const showCreditRefusal = (form: Parameters<typeof showRefusal>[0], t: TFunction, error: unknown, fields: string[]) => showRefusal(form, t, error, fields, creditErrorText);
