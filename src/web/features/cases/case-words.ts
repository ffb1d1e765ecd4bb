// What the case pages agree on: the colours of statuses and priorities, the ranks to sort by, bilingual texts.
import type { CasePriority, CaseStatus, CaseType } from '../../../contract/cases.ts';
import type { Bilingual } from '../../../contract/values.ts';

export const STATUS_COLORS: Record<CaseStatus, string> = {
  open: 'blue',
  in_progress: 'indigo',
  waiting_customer: 'yellow',
  resolved: 'teal',
  closed: 'gray',
};

export const PRIORITY_COLORS: Record<CasePriority, string> = {
  low: 'gray',
  normal: 'blue',
  high: 'orange',
  critical: 'red',
};

export const TYPE_COLORS: Record<CaseType, string> = {
  complaint: 'red',
  billing: 'grape',
  technical: 'cyan',
  delivery: 'orange',
  information: 'gray',
};

/** From the most to the least urgent, for sorting. */
export const PRIORITY_RANK: Record<CasePriority, number> = { critical: 0, high: 1, normal: 2, low: 3 };

export const isDone = (status: CaseStatus) => status === 'resolved' || status === 'closed';

/** The text in the reader's language. */
export const inLanguage = (text: Bilingual, lang: string) => (lang.startsWith('en') ? text.en : text.fr) || text.fr || text.en;
