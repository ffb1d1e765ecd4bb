import type { Notification } from '../../../contract/leads.ts';
import { paths } from '../../lib/paths.ts';

/** The case a notification is about: its own column, else the fact it carries. */
export const notificationCaseId = (n: Pick<Notification, 'caseId' | 'params'>): string | null => n.caseId ?? n.params.caseId ?? null;

/** The steering alert a notification is about ('alert.fired' carries it in its facts). */
export const notificationAlertId = (n: Pick<Notification, 'params'>): string | null => n.params.alertId ?? null;

/**
 * Where a notification leads: its case, else its alert, else its dispute, else its deal, else its lead. A sweep's
 * summary of several leads or cases leads to where they are listed: "Ma journée" for leads offered or due soon, the
 * unit's leads for the late ones, the case queue for cases. "Mes relais" for the rest.
 */
export function notificationTarget(n: Pick<Notification, 'kind' | 'disputeId' | 'dealId' | 'leadId' | 'caseId' | 'params'>): string {
  const caseId = notificationCaseId(n);
  if (caseId) return paths.case(caseId);
  const alertId = notificationAlertId(n);
  if (alertId) return paths.steeringAlert(alertId);
  if (n.disputeId) return paths.dispute(n.disputeId);
  if (n.dealId) return paths.deal(n.dealId);
  if (n.leadId) return paths.lead(n.leadId);
  if (n.kind === 'lead.offered' || n.kind === 'lead.reminder') return paths.myDay;
  if (n.kind === 'lead.late') return paths.unitLeads;
  if (n.kind.startsWith('case.')) return paths.cases;
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
  'case.assigned': 'relais',
  'case.unassigned': 'orange',
  'case.transferred': 'grape',
  'case.sla_warning': 'orange',
  'case.sla_breached': 'red',
  'case.responsibility_set': 'violet',
  'case.responsibility_contested': 'violet',
  'case.responsibility_decided': 'violet',
  'alert.fired': 'red',
};
