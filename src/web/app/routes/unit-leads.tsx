import { Card, Group, Skeleton, Text } from '@mantine/core';
import { IconChecklist } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyBlock } from '../../components/empty-block.tsx';
import { ErrorBlock } from '../../components/error-block.tsx';
import { LoadMoreButton } from '../../components/load-more-button.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useLeads } from '../../features/leads/api/get-leads.ts';
import { isLate, useNow } from '../../features/leads/components/due-countdown.tsx';
import { LeadsTable } from '../../features/leads/components/leads-table.tsx';

/** Managers and directors: their units' open leads, late ones first. */
export function UnitLeadsPage() {
  const { t } = useTranslation();
  const now = useNow();
  const leads = useLeads({ view: 'unit' });
  const items = useMemo(
    () => (leads.data?.pages.flatMap((p) => p.items) ?? []).sort((a, b) => Number(isLate(b, now)) - Number(isLate(a, now)) || a.dueAt.localeCompare(b.dueAt)),
    [leads.data, now],
  );
  const late = items.filter((l) => isLate(l, now)).length;
  return (
    <>
      <PageHeader
        title={t('unitLeads.title')}
        subtitle={t('unitLeads.subtitle')}
        actions={
          <Group gap="lg">
            <Text size="sm" fw={600} data-testid="unit-open-count">{t('unitLeads.open', { count: items.length })}</Text>
            <Text size="sm" fw={600} c={late ? 'red.7' : 'dimmed'} data-testid="unit-late-count">{t('myDay.lateCount', { count: late })}</Text>
          </Group>
        }
      />
      <Card withBorder padding={0}>
        {leads.isPending ? (
          <Skeleton h={200} />
        ) : leads.isError ? (
          <ErrorBlock error={leads.error} onRetry={() => leads.refetch()} />
        ) : items.length === 0 ? (
          <EmptyBlock icon={<IconChecklist />} title={t('unitLeads.empty')} />
        ) : (
          <div data-testid="unit-leads">
            <LeadsTable leads={items} now={now} testId="unit-lead-row" columns={['account', 'product', 'assignee', 'initiator', 'status', 'due', 'created']} />
            <LoadMoreButton hasMore={leads.hasNextPage} loading={leads.isFetchingNextPage} onClick={() => leads.fetchNextPage()} />
          </div>
        )}
      </Card>
    </>
  );
}
