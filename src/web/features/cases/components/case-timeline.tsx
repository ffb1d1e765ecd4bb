import { Badge, Group, Skeleton, Stack, Text, ThemeIcon, Timeline } from '@mantine/core';
import {
  IconAlarm, IconAlertTriangle, IconArrowBackUp, IconArrowsExchange, IconCircleCheck, IconFlag, IconFolderPlus, IconGavel, IconHistory, IconHourglass,
  IconLock, IconMessageReport, IconPlayerPlay, IconScale, IconUserCheck, type Icon,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseTimelineItem } from '../../../../contract/cases.ts';
import { ErrorBlock } from '../../../components/error-block.tsx';
import { differ, formatDateTime } from '../../../lib/format.ts';
import { ChannelIcon } from '../../interactions/components/channel-icon.tsx';
import { useCaseTimeline } from '../api/get-case-timeline.ts';
import { inLanguage } from '../case-words.ts';

type EventItem = Extract<CaseTimelineItem, { kind: 'event' }>;
type InteractionItem = Extract<CaseTimelineItem, { kind: 'interaction' }>;
type Payload = Record<string, unknown>;
type T = (key: string, options?: Record<string, unknown>) => string;

const str = (p: Payload, key: string): string | null => (typeof p[key] === 'string' && (p[key] as string).trim() ? (p[key] as string) : null);
const obj = (p: Payload, key: string): Payload | null => (p[key] && typeof p[key] === 'object' && !Array.isArray(p[key]) ? (p[key] as Payload) : null);
const nameOf = (p: Payload, key: string): string | null => {
  const o = obj(p, key);
  return o ? str(o, 'name') : str(p, `${key}Name`);
};

const LOOK: Record<string, { icon: Icon; color: string }> = {
  'case.opened': { icon: IconFolderPlus, color: 'blue' },
  'case.start': { icon: IconPlayerPlay, color: 'indigo' },
  'case.wait_customer': { icon: IconHourglass, color: 'yellow' },
  'case.resume': { icon: IconPlayerPlay, color: 'indigo' },
  'case.resolve': { icon: IconCircleCheck, color: 'teal' },
  'case.close': { icon: IconLock, color: 'gray' },
  'case.reopen': { icon: IconArrowBackUp, color: 'orange' },
  'case.transferred': { icon: IconArrowsExchange, color: 'grape' },
  'case.assigned': { icon: IconUserCheck, color: 'cyan' },
  'case.priority_changed': { icon: IconFlag, color: 'orange' },
  'case.responsibility_set': { icon: IconScale, color: 'violet' },
  'case.responsibility_contested': { icon: IconMessageReport, color: 'orange' },
  'case.responsibility_decided': { icon: IconGavel, color: 'violet' },
  'case.sla_warning': { icon: IconAlertTriangle, color: 'orange' },
  'case.sla_breached': { icon: IconAlarm, color: 'red' },
};

/** "first_response", "firstResponse" → the clock's name in a sentence. */
function clockWord(t: T, clock: string | null): string {
  const key = clock === 'first_response' || clock === 'firstResponse' ? 'firstResponse' : 'resolution';
  return t(`cases.timeline.clock.${key}`);
}

const quoted = (text: string | null, testId: string) =>
  text ? <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid={testId}>« {text} »</Text> : null;

/** The sentence after the actor's name, and what to show under it. */
function describe(t: T, lang: string, e: EventItem): { text: string; details: ReactNode } {
  const p = e.payload;
  switch (e.action) {
    case 'case.opened': {
      const routing = obj(p, 'routing');
      const routingText = routing && obj(routing, 'text') ? inLanguage(obj(routing, 'text') as { en: string; fr: string }, lang) : null;
      const type = str(p, 'type');
      const priority = str(p, 'priority');
      const channel = str(p, 'channel');
      return {
        text: t('cases.timeline.opened'),
        details: (
          <Stack gap={2}>
            <Group gap={6}>
              {type && <Badge size="xs" variant="outline" color="gray">{t(`cases.type.${type}`, { defaultValue: type })}</Badge>}
              {priority && <Badge size="xs" variant="light" color="gray">{t('cases.timeline.priority', { priority: t(`cases.priority.${priority}`, { defaultValue: priority }) })}</Badge>}
              {channel && <Badge size="xs" variant="light" color="gray">{t(`cases.channel.${channel}`, { defaultValue: channel })}</Badge>}
            </Group>
            {routingText && <Text size="xs" c="dimmed">{routingText}</Text>}
          </Stack>
        ),
      };
    }
    case 'case.start':
    case 'case.wait_customer':
    case 'case.resume':
    case 'case.close':
    case 'case.reopen':
      return { text: t(`cases.timeline.${e.action.slice(5)}`), details: null };
    case 'case.resolve':
      return { text: t('cases.timeline.resolve'), details: quoted(str(p, 'summary'), 'case-timeline-summary') };
    case 'case.transferred': {
      const from = nameOf(p, 'fromPool') ?? '—';
      const to = nameOf(p, 'toPool') ?? '—';
      const assignee = nameOf(p, 'assignee');
      return {
        text: t('cases.timeline.transferred', { from, to }),
        details: (
          <Stack gap={2}>
            {quoted(str(p, 'reason'), 'case-timeline-reason')}
            {'assignee' in p && (
              <Text size="xs" c="dimmed">{assignee ? t('cases.timeline.transferredTo', { name: assignee }) : t('cases.timeline.transferredNobody')}</Text>
            )}
          </Stack>
        ),
      };
    }
    case 'case.assigned': {
      const assignee = obj(p, 'assignee');
      const name = nameOf(p, 'assignee') ?? '—';
      if (!e.actor) return { text: t('cases.timeline.assignedAuto', { name }), details: null };
      if (assignee && str(assignee, 'id') === e.actor.id) return { text: t('cases.timeline.took'), details: null };
      return { text: t('cases.timeline.assigned', { name }), details: null };
    }
    case 'case.priority_changed': {
      const change = obj(p, 'priority');
      const from = change ? str(change, 'from') : str(p, 'from');
      const to = change ? str(change, 'to') : str(p, 'to');
      const word = (x: string | null) => (x ? t(`cases.priority.${x}`, { defaultValue: x }) : '—');
      return {
        text: t('cases.timeline.priorityChanged', { from: word(from), to: word(to) }),
        details: quoted(str(p, 'reason'), 'case-timeline-reason'),
      };
    }
    case 'case.responsibility_set': {
      const unit = nameOf(p, 'unit') ?? '—';
      return {
        text: t('cases.timeline.responsibilitySet', { unit }),
        details: quoted(str(p, 'note'), 'case-timeline-note'),
      };
    }
    case 'case.responsibility_contested':
      return {
        text: nameOf(p, 'unit') ? t('cases.timeline.responsibilityContestedUnit', { unit: nameOf(p, 'unit') }) : t('cases.timeline.responsibilityContested'),
        details: quoted(str(p, 'justification'), 'case-timeline-justification'),
      };
    case 'case.responsibility_decided': {
      const outcome = str(p, 'outcome');
      const unit = nameOf(p, 'unit') ?? '—';
      const contested = nameOf(p, 'contested');
      return {
        text:
          outcome === 'moved'
            ? contested
              ? t('cases.timeline.decidedMovedFrom', { unit, from: contested })
              : t('cases.timeline.decidedMoved', { unit })
            : t('cases.timeline.decidedUpheld', { unit: contested ?? unit }),
        details: quoted(str(p, 'justification'), 'case-timeline-justification'),
      };
    }
    case 'case.sla_warning':
    case 'case.sla_breached': {
      const due = str(p, 'dueAt');
      return {
        text: t(e.action === 'case.sla_warning' ? 'cases.timeline.slaWarning' : 'cases.timeline.slaBreached', { clock: clockWord(t, str(p, 'clock')) }),
        details: due ? <Text size="xs" c="dimmed">{t('cases.sla.dueAt', { at: formatDateTime(due, lang) })}</Text> : null,
      };
    }
    default:
      return { text: t('cases.timeline.other', { action: e.action }), details: null };
  }
}

function EventEntry({ item }: { item: EventItem }) {
  const { t, i18n } = useTranslation();
  const { text, details } = describe(t, i18n.language, item);
  const system = item.actor === null;
  return (
    <Stack gap={4}>
      <Text size="sm">
        {!system && <Text span fw={600} size="sm">{item.actor!.name} </Text>}
        {system && <Text span fw={600} size="sm" c="dimmed">{t('cases.timeline.system')} </Text>}
        {text}
      </Text>
      {details}
      <Text size="xs" c="dimmed">{formatDateTime(item.at, i18n.language)}</Text>
    </Stack>
  );
}

function InteractionEntry({ item }: { item: InteractionItem }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const i = item.interaction;
  return (
    <Stack gap={4}>
      <Text size="sm">
        <Text span fw={600} size="sm">{i.actor.name}</Text> {t('cases.timeline.logged', { channel: t(`enums.channel.${i.channel}`, { defaultValue: i.channel }).toLocaleLowerCase() })}
      </Text>
      <Text size="sm" fw={600} data-testid="case-timeline-subject">{i.subject}</Text>
      {i.notes && <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{i.notes}</Text>}
      {i.outcome && <Text size="sm"><Text span c="dimmed" size="sm">{t('timeline.outcome')} :</Text> {i.outcome}</Text>}
      <Text size="xs" c="dimmed">
        {formatDateTime(item.at, lang)}
        {differ(i.occurredAt, item.at) ? ` · ${t('timeline.claimed', { at: formatDateTime(i.occurredAt, lang) })}` : ''}
      </Text>
    </Stack>
  );
}

/** The case's story, oldest first: every status change, transfer, assignment, priority change, ruling and SLA alert, and the contacts logged on it. */
export function CaseTimeline({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const timeline = useCaseTimeline(caseId);
  if (timeline.isPending) return <Stack gap="sm">{[0, 1, 2].map((i) => <Skeleton key={i} h={48} />)}</Stack>;
  if (timeline.isError) return <ErrorBlock error={timeline.error} onRetry={() => timeline.refetch()} />;
  const items = timeline.data.items;
  if (items.length === 0) return <Text size="sm" c="dimmed">{t('cases.timeline.empty')}</Text>;
  return (
    <Timeline bulletSize={26} lineWidth={2} data-testid="case-timeline">
      {items.map((item, n) => {
        if (item.kind === 'interaction') {
          return (
            <Timeline.Item key={`i-${item.interaction.id}`} bullet={<ChannelIcon channel={item.interaction.channel} size={26} />} data-testid="case-timeline-item" data-kind="interaction" data-channel={item.interaction.channel}>
              <InteractionEntry item={item} />
            </Timeline.Item>
          );
        }
        const look = LOOK[item.action] ?? { icon: IconHistory, color: 'gray' };
        return (
          <Timeline.Item
            key={`e-${item.seq}-${n}`}
            bullet={<ThemeIcon size={26} radius="xl" variant="light" color={look.color}><look.icon size={15} /></ThemeIcon>}
            data-testid="case-timeline-item"
            data-kind="event"
            data-action={item.action}
          >
            <EventEntry item={item} />
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
