import { Anchor, Card, Group, Progress, Select, Skeleton, Stack, Table, Text } from '@mantine/core';
import { IconBuildingSkyscraper } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { accountStatusSchema, segmentSchema } from '../../../../contract/accounts.ts';
import { SegmentBadge, StatusBadge } from '../../../components/account-badges.tsx';
import { EmptyBlock } from '../../../components/empty-block.tsx';
import { ErrorBlock } from '../../../components/error-block.tsx';
import { LoadMoreButton } from '../../../components/load-more-button.tsx';
import { formatSiren, phone } from '../../../lib/format.ts';
import { paths } from '../../../lib/paths.ts';
import { useAccounts, type AccountFilters } from '../api/get-accounts.ts';
import type { Option } from './account-fields.tsx';

export function AccountFiltersBar({ filters, onChange, agencies }: { filters: AccountFilters; onChange: (f: AccountFilters) => void; agencies: Option[] }) {
  const { t } = useTranslation();
  return (
    <Group gap="sm" mb="md" wrap="wrap">
      <Select
        placeholder={t('account.fields.segment')}
        aria-label={t('account.fields.segment')}
        data-testid="filter-segment"
        clearable
        w={200}
        data={segmentSchema.options.map((s) => ({ value: s, label: t(`enums.segment.${s}`) }))}
        value={filters.segment ?? null}
        onChange={(v) => onChange({ ...filters, segment: v })}
      />
      <Select
        placeholder={t('account.fields.status')}
        aria-label={t('account.fields.status')}
        data-testid="filter-status"
        clearable
        w={180}
        data={accountStatusSchema.options.map((s) => ({ value: s, label: t(`enums.status.${s}`) }))}
        value={filters.status ?? null}
        onChange={(v) => onChange({ ...filters, status: v })}
      />
      <Select
        placeholder={t('account.fields.agencyId')}
        aria-label={t('account.fields.agencyId')}
        data-testid="filter-agency"
        clearable
        searchable
        w={240}
        data={agencies}
        value={filters.agencyId ?? null}
        onChange={(v) => onChange({ ...filters, agencyId: v })}
      />
    </Group>
  );
}

export function AccountsTable({ filters }: { filters: AccountFilters }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const accounts = useAccounts(filters);

  if (accounts.isPending) {
    return (
      <Card withBorder><Stack gap="sm">{Array.from({ length: 8 }, (_, i) => <Skeleton key={i} h={28} />)}</Stack></Card>
    );
  }
  if (accounts.isError) return <ErrorBlock error={accounts.error} onRetry={() => accounts.refetch()} />;
  const rows = accounts.data.pages.flatMap((p) => p.items);
  if (rows.length === 0) {
    return (
      <Card withBorder>
        <EmptyBlock icon={<IconBuildingSkyscraper />} title={t('accounts.emptyTitle')} description={t('accounts.emptyHelp')} />
      </Card>
    );
  }
  return (
    <Card withBorder padding={0}>
      <Table.ScrollContainer minWidth={1150}>
        <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover data-testid="accounts-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('account.fields.name')}</Table.Th>
              <Table.Th>{t('account.fields.siren')}</Table.Th>
              <Table.Th>{t('account.fields.city')}</Table.Th>
              <Table.Th>{t('account.fields.phones')}</Table.Th>
              <Table.Th>{t('account.fields.segment')}</Table.Th>
              <Table.Th>{t('account.fields.status')}</Table.Th>
              <Table.Th>{t('account.fields.ownerId')}</Table.Th>
              <Table.Th>{t('account.fields.agencyId')}</Table.Th>
              <Table.Th w={120}>{t('account.completeness')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((a) => (
              <Table.Tr key={a.id} style={{ cursor: 'pointer' }} onClick={() => navigate(paths.account(a.id))} data-testid="account-row">
                <Table.Td>
                  <Anchor component={Link} to={paths.account(a.id)} fw={600} size="sm" onClick={(e) => e.stopPropagation()}>{a.name}</Anchor>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}><Text size="sm" ff="monospace">{formatSiren(a.siren)}</Text></Table.Td>
                <Table.Td><Text size="sm">{a.city ?? '—'}</Text></Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}><Text size="sm">{a.phones[0] ? phone(a.phones[0]) : '—'}</Text></Table.Td>
                <Table.Td><SegmentBadge segment={a.segment} /></Table.Td>
                <Table.Td><StatusBadge status={a.status} /></Table.Td>
                <Table.Td><Text size="sm">{a.ownerName ?? '—'}</Text></Table.Td>
                <Table.Td><Text size="sm">{a.agencyName}</Text></Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Progress value={a.completeness} w={60} size="sm" color={a.completeness >= 85 ? 'teal' : a.completeness >= 60 ? 'yellow' : 'red'} />
                    <Text size="xs" c="dimmed">{Math.round(a.completeness)}%</Text>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <LoadMoreButton hasMore={accounts.hasNextPage} loading={accounts.isFetchingNextPage} onClick={() => accounts.fetchNextPage()} />
    </Card>
  );
}
