// The deal form's drafts (what the inputs hold) and how they become the contract's lines, and errors their fields.
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import type { DealLine, DealLineInput } from '../../../contract/deals.ts';
import type { Product } from '../../../contract/catalog.ts';
import { ApiError } from '../../lib/api-client.ts';
import { translateError } from '../../lib/errors.ts';
import { dealCodeText, dealErrorText } from './deal-errors.ts';

export interface LineDraft {
  key: string;
  productId: string | null;
  quantity: number | string;
  /** Euros, as typed; empty means the product's list price. */
  unitPrice: number | string;
  discountPct: number | string;
}

export type LineField = 'productId' | 'quantity' | 'unitPriceCents' | 'discountPct';
export type LineErrors = Record<number, Partial<Record<LineField, string>>>;
export interface DealFormErrors {
  fields: Record<string, string>;
  lines: LineErrors;
  form: string | null;
}
export const noErrors: DealFormErrors = { fields: {}, lines: {}, form: null };

let seq = 0;
export const nextLineKey = () => `line-${++seq}`;
export const emptyLine = (): LineDraft => ({ key: nextLineKey(), productId: null, quantity: 1, unitPrice: '', discountPct: 0 });

export const lineDraftOf = (l: DealLine): LineDraft => ({ key: nextLineKey(), productId: l.productId, quantity: l.quantity, unitPrice: l.unitPriceCents / 100, discountPct: l.discountPct });

const num = (v: number | string): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** The price the line will be sold at, in cents: what was typed, else the list price. */
export function unitPriceCents(line: LineDraft, product: Product | undefined): number | null {
  const typed = num(line.unitPrice);
  if (typed !== undefined) return Math.round(typed * 100);
  return product ? product.listPriceCents : null;
}

/** quantity × unit price, less the discount, to the cent (the server's rule). */
export function lineCents(line: LineDraft, product: Product | undefined): number | null {
  const quantity = num(line.quantity);
  const price = unitPriceCents(line, product);
  if (quantity === undefined || price === null) return null;
  const bp = Math.round((num(line.discountPct) ?? 0) * 100);
  return Math.round((quantity * price * (10_000 - bp)) / 10_000);
}

/** What the contract expects; left loose so the schema says what is wrong. */
export function lineInput(line: LineDraft): Partial<DealLineInput> {
  const price = num(line.unitPrice);
  return {
    productId: line.productId ?? '',
    quantity: num(line.quantity),
    unitPriceCents: price === undefined ? null : Math.round(price * 100),
    discountPct: num(line.discountPct) ?? 0,
  };
}

const LINE_FIELDS: LineField[] = ['productId', 'quantity', 'unitPriceCents', 'discountPct'];

function place(out: DealFormErrors, path: string, message: string, known: string[]) {
  const [field = '', index, sub] = path.split('.');
  if (field === 'lines' && index !== undefined && /^\d+$/.test(index)) {
    const i = Number(index);
    const f = (LINE_FIELDS as string[]).includes(sub ?? '') ? (sub as LineField) : 'productId';
    out.lines[i] = { ...out.lines[i], [f]: out.lines[i]?.[f] ?? message };
  } else if (known.includes(field)) {
    out.fields[field] ??= message;
  } else {
    out.form ??= message;
  }
}

/** The schema's complaints, worded for people, on the inputs they concern. */
export function zodDealErrors(t: TFunction, error: z.ZodError, known: string[]): DealFormErrors {
  const out: DealFormErrors = { fields: {}, lines: {}, form: null };
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.');
    let message = translateError(t, `validation.${issue.code}`, issue.message);
    if (path === 'lines') message = issue.code === 'too_big' ? t('deals.form.tooManyLines') : t('deals.form.linesRequired');
    if (path === 'accountId') message = t('deals.form.pickAccount');
    if (/^lines\.\d+\.productId$/.test(path)) message = t('deals.form.pickProduct');
    place(out, path, message, known);
  }
  return out;
}

/** The server's refusal on the fields it names (e.g. lines.0.productId), otherwise above the form. */
export function apiDealErrors(t: TFunction, error: unknown, known: string[]): DealFormErrors {
  const out: DealFormErrors = { fields: {}, lines: {}, form: null };
  if (error instanceof ApiError && error.issues.length) {
    for (const issue of error.issues) {
      const message = issue.field === 'lines' && issue.code?.startsWith('validation') ? t('deals.form.linesRequired') : dealCodeText(t, issue.code, issue.message);
      place(out, issue.field, message, known);
    }
    if (Object.keys(out.fields).length || Object.keys(out.lines).length || out.form) return out;
  }
  out.form = dealErrorText(t, error);
  return out;
}
