import { Anchor, Badge, Button, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconArrowBackUp, IconClock, IconPencilCheck, IconUser } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Interaction, TimelineItem } from '../../../../contract/interactions.ts';
import { differ, formatDateTime, formatMoney } from '../../../lib/format.ts';
import { paths } from '../../../lib/paths.ts';

type ChangeItem = Extract<TimelineItem, { kind: 'change' }>;

interface FieldChange {
  field: string;
  from?: unknown;
  to?: unknown;
}

/** The fields a change touched: `{ changes: { field: { from, to } } }` for updates; nothing listed for creations. */
function changedFields(payload: Record<string, unknown>): FieldChange[] {
  const changes = payload.changes;
  if (changes && typeof changes === 'object' && !Array.isArray(changes)) {
    return Object.entries(changes as Record<string, unknown>).map(([field, c]) =>
      c && typeof c === 'object' && 'to' in c ? { field, from: (c as { from?: unknown }).from, to: (c as { to: unknown }).to } : { field },
    );
  }
  if (Array.isArray(changes)) return changes.map((f) => ({ field: String(f) }));
  return [];
}

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '∅';
  if (Array.isArray(v)) return v.length ? v.map(show).join(', ') : '∅';
  if (typeof v === 'object') return JSON.stringify(v);
  const s = String(v);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

export function InteractionEntry({ interaction: i, canAmend, onAmend }: { interaction: Interaction; canAmend: boolean; onAmend: (i: Interaction) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const jump = (id: string) => document.getElementById(`entry-${id}`)?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  return (
    <Paper
      withBorder
      p="sm"
      radius="md"
      id={`entry-${i.id}`}
      data-testid="timeline-interaction"
      style={i.amendedById ? { opacity: 0.72, borderStyle: 'dashed' } : undefined}
    >
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Group gap={6}>
              <Text fw={600} size="sm" data-testid="timeline-subject" td={i.amendedById ? 'line-through' : undefined}>{i.subject}</Text>
              <Badge size="xs" variant="light" color="gray">{t(`enums.channel.${i.channel}`)}</Badge>
              {i.amendedById && (
                <Badge size="xs" color="orange" variant="light" component="button" style={{ cursor: 'pointer' }} onClick={() => jump(i.amendedById!)} data-testid="corrected-by">
                  {t('timeline.correctedBy')}
                </Badge>
              )}
              {i.amendsId && (
                <Badge size="xs" color="blue" variant="light" leftSection={<IconPencilCheck size={10} />}>{t('timeline.correction')}</Badge>
              )}
            </Group>
            <Group gap="sm" c="dimmed">
              <Group gap={4}><IconUser size={12} /><Text size="xs" data-testid="timeline-actor">{i.actorName}</Text></Group>
              {i.contactName && <Text size="xs">· {t('timeline.with', { name: i.contactName })}</Text>}
            </Group>
          </Stack>
          <Stack gap={0} align="flex-end" style={{ flexShrink: 0 }}>
            <Tooltip label={t('timeline.recordedHelp')} withArrow>
              <Text size="xs" c="dimmed" data-testid="timeline-recorded">{formatDateTime(i.recordedAt, lang)}</Text>
            </Tooltip>
            {differ(i.occurredAt, i.recordedAt) && (
              <Group gap={4} c="orange.7">
                <IconClock size={12} />
                <Text size="xs" data-testid="timeline-claimed">{t('timeline.claimed', { at: formatDateTime(i.occurredAt, lang) })}</Text>
              </Group>
            )}
          </Stack>
        </Group>
        {i.notes && <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{i.notes}</Text>}
        <Group justify="space-between">
          {i.outcome ? (
            <Text size="sm"><Text span c="dimmed" size="sm">{t('timeline.outcome')} :</Text> {i.outcome}</Text>
          ) : <span />}
          <Group gap="xs">
            {i.caseId && (
              <Anchor component={Link} to={paths.case(i.caseId)} size="xs" data-testid="timeline-interaction-case-link">{t('timeline.seeCaseShort')}</Anchor>
            )}
            {i.amendsId && (
              <Anchor size="xs" component="button" type="button" onClick={() => jump(i.amendsId!)}>{t('timeline.seeOriginal')}</Anchor>
            )}
            {canAmend && !i.amendedById && (
              <Button size="compact-xs" variant="subtle" color="gray" leftSection={<IconArrowBackUp size={12} />} onClick={() => onAmend(i)} data-testid="amend-entry">
                {t('timeline.amend')}
              </Button>
            )}
          </Group>
        </Group>
      </Stack>
    </Paper>
  );
}

/** Lead and deal events carry their lead's id; a rejection also its reason and note; a relay its need. */
function LeadEventDetails({ payload, hideLeadLink }: { payload: Record<string, unknown>; hideLeadLink?: boolean }) {
  const { t, i18n } = useTranslation();
  const leadId = typeof payload.leadId === 'string' ? payload.leadId : null;
  if (!leadId) return null;
  const text = (k: string) => (typeof payload[k] === 'string' ? (payload[k] as string) : null);
  return (
    <Stack gap={2}>
      {text('need') && <Text size="xs" c="dimmed" lineClamp={2}>{text('need')}</Text>}
      {text('reason') && (
        <Text size="xs" data-testid="timeline-reject-reason">
          <Text span size="xs" fw={600} c="red.8">{t(`enums.rejectReason.${text('reason')}`, { defaultValue: text('reason')! })}</Text>
          {text('note') ? ` — « ${text('note')} »` : ''}
        </Text>
      )}
      {typeof payload.amountCents === 'number' && <Text size="xs" c="dimmed">{t('timeline.dealAmount', { amount: formatMoney(payload.amountCents as number, i18n.language) })}</Text>}
      {!hideLeadLink && (
        <Anchor component={Link} to={paths.lead(leadId)} size="xs" data-testid="timeline-lead-link">{t('timeline.seeLead')}</Anchor>
      )}
    </Stack>
  );
}

export function ChangeEntry({ item, hideLeadLink }: { item: ChangeItem; hideLeadLink?: boolean }) {
  const { t, i18n } = useTranslation();
  const c = item.change;
  const fields = c.payload.leadId ? [] : changedFields(c.payload);
  const isLeadEvent = c.action.startsWith('lead.') || c.action.startsWith('deal.');
  return (
    <Paper p="sm" radius="md" bg={isLeadEvent ? 'relais.0' : 'gray.0'} data-testid="timeline-change" data-action={c.action}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={4}>
          <Text size="sm">
            <Text span fw={600} size="sm">{c.actorName ?? t('timeline.system')}</Text>{' '}
            {t(`timeline.actions.${c.action.replace(/\./g, '_')}`, { defaultValue: c.action })}
          </Text>
          {isLeadEvent && <LeadEventDetails payload={c.payload} hideLeadLink={hideLeadLink} />}
          {c.action.startsWith('case.') && typeof c.payload.caseId === 'string' && (
            <Anchor component={Link} to={paths.case(c.payload.caseId)} size="xs" data-testid="timeline-case-link">
              {t('timeline.seeCase', { reference: typeof c.payload.reference === 'string' ? c.payload.reference : '' })}
            </Anchor>
          )}
          {fields.length > 0 && (
            <Stack gap={2}>
              {fields.slice(0, 10).map((f) => (
                <Group key={f.field} gap={6} wrap="nowrap">
                  <Badge size="xs" variant="outline" color="gray">{t(`account.fields.${f.field}`, { defaultValue: f.field })}</Badge>
                  {'to' in f && (
                    <Text size="xs" c="dimmed" truncate>
                      {show(f.from)} → <Text span size="xs" c="dark">{show(f.to)}</Text>
                    </Text>
                  )}
                </Group>
              ))}
            </Stack>
          )}
        </Stack>
        <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>{formatDateTime(item.at, i18n.language)}</Text>
      </Group>
    </Paper>
  );
}
