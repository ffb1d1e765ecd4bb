import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { gatherNotices } from './rules.ts';
import type { NotificationInput } from './commands.ts';

const notice = (userId: string, kind: NotificationInput['kind'], leadId: string): NotificationInput => ({ userId, kind, leadId, text: `${kind} ${leadId}`, params: { lead: leadId } });
const summary = (first: NotificationInput, count: number): NotificationInput => ({ ...first, leadId: null, text: `${count} × ${first.text}`, params: { ...first.params, variant: 'many', leads: String(count) } });

describe('gathering a sweep’s notices', () => {
  it('keeps a lone notice as it is, and makes one summary of several for one person and kind, counting them and naming the first', () => {
    const out = gatherNotices(
      [notice('ana', 'lead.offered', 'l1'), notice('ben', 'lead.offered', 'l1'), notice('ana', 'lead.offered', 'l2'), notice('ana', 'lead.reminder', 'l3'), notice('ana', 'lead.offered', 'l4')],
      (n) => n.leadId,
      summary,
    );
    expect(out).toEqual([
      { userId: 'ana', kind: 'lead.offered', leadId: null, text: '3 × lead.offered l1', params: { lead: 'l1', variant: 'many', leads: '3' } },
      notice('ben', 'lead.offered', 'l1'),
      notice('ana', 'lead.reminder', 'l3'),
    ]);
  });

  it('keeps every notice about a single subject (a case whose two clocks are breached at once), and counts subjects, not notices', () => {
    const twoClocks = [notice('ana', 'case.sla_breached', 'c1'), { ...notice('ana', 'case.sla_breached', 'c1'), text: 'resolution' }];
    expect(gatherNotices(twoClocks, (n) => n.leadId, summary)).toEqual(twoClocks);
    const out = gatherNotices([...twoClocks, notice('ana', 'case.sla_breached', 'c2')], (n) => n.leadId, summary);
    expect(out).toEqual([{ userId: 'ana', kind: 'case.sla_breached', leadId: null, text: '2 × case.sla_breached c1', params: { lead: 'c1', variant: 'many', leads: '2' } }]);
  });

  it('property: one notice per person and kind, each person told of each kind they were told of, counts adding up to the notices gathered', () => {
    const people = fc.constantFrom('ana', 'ben', 'chloé');
    const kinds = fc.constantFrom<NotificationInput['kind']>('lead.offered', 'lead.reminder', 'lead.late');
    fc.assert(
      fc.property(fc.array(fc.tuple(people, kinds), { maxLength: 40 }), (pairs) => {
        const notices = pairs.map(([who, kind], i) => notice(who, kind, `l${i}`));
        const out = gatherNotices(notices, (n) => n.leadId, summary);
        const keys = out.map((n) => `${n.userId} ${n.kind}`);
        expect(new Set(keys).size).toBe(keys.length);
        expect(new Set(keys)).toEqual(new Set(notices.map((n) => `${n.userId} ${n.kind}`)));
        expect(out.reduce((sum, n) => sum + Number(n.params.leads ?? 1), 0)).toBe(notices.length);
      }),
    );
  });
});
