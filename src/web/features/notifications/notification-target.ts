import type { Notification } from '../../../contract/leads.ts';
import { paths } from '../../lib/paths.ts';

/** Where a notification leads: its dispute, else its deal, else its lead; "Mes relais" for the rest. */
export function notificationTarget(n: Pick<Notification, 'disputeId' | 'dealId' | 'leadId'>): string {
  if (n.disputeId) return paths.dispute(n.disputeId);
  if (n.dealId) return paths.deal(n.dealId);
  if (n.leadId) return paths.lead(n.leadId);
  return paths.myRelays;
}

/** The colour of a kind: late in red, offered or reminded in orange, credit and disputes in their own colours. */
export const notificationColor: Record<string, string> = {
  'lead.late': 'red',
  'lead.offered': 'orange',
  'lead.reminder': 'orange',
  'lead.answered': 'teal',
  'credit.recorded': 'teal',
  'dispute.filed': 'grape',
  'dispute.decided': 'grape',
  'dispute.appealed': 'grape',
};
