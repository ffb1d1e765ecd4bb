import { Chip, Group, Skeleton, Stack, Text, Timeline } from '@mantine/core';
import { IconTimelineEvent } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNELS, type Channel, type Interaction } from '../../../../contract/interactions.ts';
import { EmptyBlock } from '../../../components/empty-block.tsx';
import { ErrorBlock } from '../../../components/error-block.tsx';
import { LoadMoreButton } from '../../../components/load-more-button.tsx';
import { formatDay } from '../../../lib/format.ts';
import { useTimeline } from '../api/get-timeline.ts';
import { ChannelIcon } from './channel-icon.tsx';
import { LogInteractionForm, type ContactOption } from './log-interaction-form.tsx';
import { ChangeEntry, InteractionEntry } from './timeline-entry.tsx';

const FILTERS = [...CHANNELS, 'changes'] as const;

interface Props {
  accountId: string;
  contacts: ContactOption[];
  canLog: boolean;
  defaultChannel: Channel;
  /** Beside the log form's submit button. */
  logExtraAction?: ReactNode;
}

/** The account's history: quick log form on top, channel filters, newest first, load more. */
export function TimelinePanel({ accountId, contacts, canLog, defaultChannel, logExtraAction }: Props) {
  const { t, i18n } = useTranslation();
  const [channels, setChannels] = useState<string[]>([]);
  const [amending, setAmending] = useState<Interaction | null>(null);
  const timeline = useTimeline(accountId, channels);
  const items = timeline.data?.pages.flatMap((p) => p.items) ?? [];

  let lastDay = '';
  return (
    <Stack gap="md">
      {canLog && (
        <LogInteractionForm accountId={accountId} contacts={contacts} defaultChannel={defaultChannel} amending={amending} onAmendDone={() => setAmending(null)} extraAction={logExtraAction} />
      )}
      <Chip.Group multiple value={channels} onChange={setChannels}>
        <Group gap={6} data-testid="timeline-filters" aria-label={t('timeline.filters')}>
          {FILTERS.map((c) => (
            <Chip key={c} value={c} size="xs" variant="outline" data-testid={`filter-${c}`}>
              {t(c === 'changes' ? 'timeline.changes' : `enums.channel.${c}`)}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      {timeline.isPending ? (
        <Stack gap="sm">{[0, 1, 2, 3].map((i) => <Skeleton key={i} h={72} radius="md" />)}</Stack>
      ) : timeline.isError ? (
        <ErrorBlock error={timeline.error} onRetry={() => timeline.refetch()} />
      ) : items.length === 0 ? (
        <EmptyBlock icon={<IconTimelineEvent />} title={t('timeline.emptyTitle')} description={channels.length ? t('timeline.emptyFiltered') : t('timeline.emptyHelp')} />
      ) : (
        <div data-testid="timeline">
          <Timeline bulletSize={30} lineWidth={2} active={-1}>
            {items.map((item) => {
              const day = formatDay(item.at, i18n.language);
              const header = day !== lastDay ? day : null;
              lastDay = day;
              const key = item.kind === 'interaction' ? item.interaction.id : `${item.change.stream}:${item.change.seq}`;
              return (
                <Timeline.Item
                  key={key}
                  bullet={<ChannelIcon channel={item.kind === 'interaction' ? item.interaction.channel : 'changes'} size={30} />}
                  title={header ? <Text size="xs" c="dimmed" fw={600} mb={4}>{header}</Text> : undefined}
                >
                  {item.kind === 'interaction' ? (
                    <InteractionEntry interaction={item.interaction} canAmend={canLog} onAmend={(i) => { setAmending(i); window.scrollTo({ top: 0, behavior: 'smooth' }); }} />
                  ) : (
                    <ChangeEntry item={item} />
                  )}
                </Timeline.Item>
              );
            })}
          </Timeline>
          <LoadMoreButton hasMore={timeline.hasNextPage} loading={timeline.isFetchingNextPage} onClick={() => timeline.fetchNextPage()} testId="timeline-load-more" />
        </div>
      )}
    </Stack>
  );
}
