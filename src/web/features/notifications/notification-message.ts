import type { TFunction } from 'i18next';
import type { Notification } from '../../../contract/leads.ts';

/**
 * A notification in the reader's language, from its kind, variant and facts: the variant's wording, else the kind's,
 * else the server's English text.
 */
export function notificationMessage(t: TFunction, n: Notification): string {
  const base = n.kind.replace('.', '_');
  const keys = n.params.variant ? [`notifications.messages.${base}_${n.params.variant}`, `notifications.messages.${base}`] : [`notifications.messages.${base}`];
  // Case news always names the case; its facts default to blank rather than showing a placeholder.
  const facts = n.kind.startsWith('case.') ? { reference: null, account: null, subject: null, ...n.params } : n.params;
  return t(keys, { ...facts, defaultValue: n.text });
}
