import { Card, SegmentedControl, Skeleton } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { leadStatusSchema, type LeadStatus } from '../../../contract/leads.ts';
import { EmptyBlock } from '../../components/empty-block.tsx';
import { ErrorBlock } from '../../components/error-block.tsx';
import { LoadMoreButton } from '../../components/load-more-button.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useLeads } from '../../features/leads/api/get-leads.ts';
import { useNow } from '../../features/leads/components/due-countdown.tsx';
import { LeadsTable } from '../../features/leads/components/leads-table.tsx';

/** "Mes relais": every lead I passed on and what became of it. */
export function MyRelaysPage() {
  const { t } = useTranslation();
  const now = useNow();
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status = leadStatusSchema.safeParse(raw).success ? (raw as LeadStatus) : null;
  const leads = useLeads({ view: 'relayed', status });
  const items = leads.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader title={t('myRelays.title')} subtitle={t('myRelays.subtitle')} />
      <SegmentedControl
        mb="md"
        data-testid="relays-status-filter"
        value={status ?? 'all'}
        onChange={(v) => setParams(v === 'all' ? {} : { status: v }, { replace: true })}
        data={[{ value: 'all', label: t('myRelays.all') }, ...leadStatusSchema.options.map((s) => ({ value: s, label: t(`enums.leadStatus.${s}`) }))]}
      />
      <Card withBorder padding={0}>
        {leads.isPending ? (
          <Skeleton h={200} />
        ) : leads.isError ? (
          <ErrorBlock error={leads.error} onRetry={() => leads.refetch()} />
        ) : items.length === 0 ? (
          <EmptyBlock icon={<IconSend />} title={t('myRelays.empty')} description={t('myRelays.emptyHelp')} />
        ) : (
          <div data-testid="relays">
            <LeadsTable leads={items} now={now} testId="relay-row" columns={['account', 'product', 'status', 'assignee', 'outcome', 'created', 'answered']} />
            <LoadMoreButton hasMore={leads.hasNextPage} loading={leads.isFetchingNextPage} onClick={() => leads.fetchNextPage()} />
          </div>
        )}
      </Card>
    </>
  );
}
