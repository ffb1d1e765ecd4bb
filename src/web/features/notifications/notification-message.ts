import type { TFunction } from 'i18next';
import type { Notification } from '../../../contract/leads.ts';

/** A notification in the reader's language, from its kind, variant and facts; the server's English text if unknown. */
export function notificationMessage(t: TFunction, n: Notification): string {
  const base = n.kind.replace('.', '_');
  const key = n.params.variant ? `${base}_${n.params.variant}` : base;
  return t(`notifications.messages.${key}`, { ...n.params, defaultValue: n.text });
}
