import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import en from '../../i18n/en.json';
import fr from '../../i18n/fr.json';
import type { Notification } from '../../../contract/leads.ts';
import { notificationMessage } from './notification-message.ts';
import { notificationTarget } from './notification-target.ts';
import { paths } from '../../lib/paths.ts';

const words = i18next.createInstance();
await words.init({ resources: { fr: { translation: fr }, en: { translation: en } }, lng: 'fr', interpolation: { escapeValue: false } });

const notification = (kind: Notification['kind'], leadId: string | null, params: Notification['params']): Notification => ({
  id: 'n1',
  kind,
  leadId,
  dealId: null,
  disputeId: null,
  caseId: null,
  text: 'the server’s English text',
  params,
  createdAt: '2026-11-30T08:00:00.000Z',
  readAt: null,
});

describe('a sweep’s summary of several leads or cases', () => {
  const many = { product: 'Fibre Pro', account: 'Kerbrat SAS', leads: '12', variant: 'many' };

  it('reads in both languages, counting the leads and naming the first', () => {
    for (const [kind, fr, en] of [
      ['lead.offered', '12 pistes proposées à votre pôle, dont Fibre Pro pour Kerbrat SAS', '12 leads offered to your pool, among them Fibre Pro for Kerbrat SAS'],
      ['lead.reminder', 'Rappel : qualifiez 12 de vos pistes avant l’échéance, dont Fibre Pro pour Kerbrat SAS', 'Reminder: qualify 12 of your leads before their deadline, among them Fibre Pro for Kerbrat SAS'],
      ['lead.late', 'En retard : 12 pistes de votre agence ont dépassé l’échéance, dont Fibre Pro pour Kerbrat SAS', 'Late: 12 leads of your agency passed their deadline, among them Fibre Pro for Kerbrat SAS'],
      // Not a sweep's: a leaving rep's book passed to one colleague.
      ['lead.reassigned', '12 pistes vous sont confiées, dont Fibre Pro pour Kerbrat SAS', '12 leads were passed to you, among them Fibre Pro for Kerbrat SAS'],
    ] as const) {
      expect(notificationMessage(words.getFixedT('fr'), notification(kind, null, many))).toBe(fr);
      expect(notificationMessage(words.getFixedT('en'), notification(kind, null, many))).toBe(en);
    }
  });

  it('counts the cases of an SLA summary in both languages', () => {
    const cases = notification('case.sla_breached', null, { reference: 'R-2026-000042', account: 'Kerbrat SAS', subject: 'Panne', pool: 'SAV Nord', cases: '5', variant: 'many' });
    expect(notificationMessage(words.getFixedT('fr'), cases)).toBe('Échéance dépassée sur 5 dossiers, dont R-2026-000042 (Kerbrat SAS)');
    expect(notificationMessage(words.getFixedT('en'), { ...cases, kind: 'case.sla_warning' })).toBe('Deadline near on 5 cases, among them R-2026-000042 (Kerbrat SAS)');
  });

  it('opens where the leads are listed: "Ma journée" for those offered or due soon, the unit’s leads for the late ones', () => {
    expect(notificationTarget(notification('lead.offered', null, many))).toBe(paths.myDay);
    expect(notificationTarget(notification('lead.reminder', null, many))).toBe(paths.myDay);
    expect(notificationTarget(notification('lead.late', null, many))).toBe(paths.unitLeads);
    expect(notificationTarget({ ...notification('case.sla_breached', null, { reference: 'R-2026-000042', account: 'Kerbrat SAS', cases: '5', variant: 'many' }) })).toBe(paths.cases);
    // A notice about one lead opens that lead.
    expect(notificationTarget(notification('lead.offered', 'l1', { product: 'Fibre Pro', account: 'Kerbrat SAS' }))).toBe(paths.lead('l1'));
  });
});
