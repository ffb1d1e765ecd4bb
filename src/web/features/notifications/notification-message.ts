import type { TFunction } from 'i18next';
import type { Notification } from '../../../contract/leads.ts';

/**
 * A notification in the reader's language, from its kind, variant and facts: the variant's wording, else the kind's,
 * else the server's English text.
 */
export function notificationMessage(t: TFunction, n: Notification): string {
  const base = n.kind.replace('.', '_');
  const isCase = n.kind.startsWith('case.');
  // Case news words its variant from its facts: which clock (SLA alerts), which ruling (responsibility decided).
  const variant = n.params.variant ?? (isCase ? (n.params.clock ?? n.params.outcome) : null);
  const keys = variant ? [`notifications.messages.${base}_${variant}`, `notifications.messages.${base}`] : [`notifications.messages.${base}`];
  // A fact the server left out reads as blank rather than as a placeholder; a steering alert without its words in
  // both languages reads as the server's English text.
  const facts = isCase ? { ...CASE_FACTS, ...n.params } : n.kind === 'alert.fired' ? { textFr: n.text, textEn: n.text, ...withoutNulls(n.params) } : n.params;
  return t(keys, { ...facts, defaultValue: n.text });
}

const CASE_FACTS = { reference: null, account: null, subject: null, actor: null, pool: null, from: null, reason: null, unit: null, note: null, contested: null };

const withoutNulls = (params: Record<string, string | null>) => Object.fromEntries(Object.entries(params).filter(([, v]) => v !== null));
