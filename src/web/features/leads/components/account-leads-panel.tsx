import { Button, Group, Skeleton, Stack, Text } from '@mantine/core';
import { IconSend, IconTargetArrow } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { EmptyBlock } from '../../../components/empty-block.tsx';
import { ErrorBlock } from '../../../components/error-block.tsx';
import { LoadMoreButton } from '../../../components/load-more-button.tsx';
import { useLeads } from '../api/get-leads.ts';
import { useNow } from './due-countdown.tsx';
import { LeadsTable } from './leads-table.tsx';

/** The account page's "Pistes" tab: every lead on this account, newest first. */
export function AccountLeadsPanel({ accountId, onRelay }: { accountId: string; onRelay?: () => void }) {
  const { t } = useTranslation();
  const now = useNow();
  const leads = useLeads({ view: 'account', accountId });
  const items = leads.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack gap="sm" data-testid="account-leads">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">{t('accountLeads.help')}</Text>
        {onRelay && <Button size="xs" variant="light" leftSection={<IconSend size={14} />} onClick={onRelay} data-testid="relay-lead-tab">{t('relay.open')}</Button>}
      </Group>
      {leads.isPending ? (
        <Skeleton h={120} />
      ) : leads.isError ? (
        <ErrorBlock error={leads.error} onRetry={() => leads.refetch()} />
      ) : items.length === 0 ? (
        <EmptyBlock icon={<IconTargetArrow />} title={t('accountLeads.empty')} />
      ) : (
        <>
          <LeadsTable leads={items} now={now} columns={['product', 'status', 'assignee', 'initiator', 'outcome']} />
          {leads.hasNextPage && <LoadMoreButton hasMore loading={leads.isFetchingNextPage} onClick={() => leads.fetchNextPage()} />}
        </>
      )}
    </Stack>
  );
}
