import { Anchor, Button, Card, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBriefcase, IconPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DealSummary } from '../../../../contract/deals.ts';
import { EmptyBlock } from '../../../components/empty-block.tsx';
import { ErrorBlock } from '../../../components/error-block.tsx';
import { formatDate, formatMoney } from '../../../lib/format.ts';
import { paths } from '../../../lib/paths.ts';
import { useDeals } from '../api/get-deals.ts';
import { formatPercent, isOpenStage, isOverdue, parisDay, weightedCents } from '../deal-stage.ts';
import { DealStageBadge } from './deal-stage-badge.tsx';
import { NewDealModal } from './new-deal-modal.tsx';

function byCloseDate(a: DealSummary, b: DealSummary) {
  if (a.expectedClose === b.expectedClose) return b.amountCents - a.amountCents;
  if (a.expectedClose === null) return 1;
  if (b.expectedClose === null) return -1;
  return a.expectedClose.localeCompare(b.expectedClose);
}

/** The account page's deals: who is selling what here right now, and what closed this past year. */
export function AccountDealsPanel({ accountId, accountName, canCreate }: { accountId: string; accountName: string; canCreate: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const today = parisDay();
  const deals = useDeals({ view: 'account', accountId, closedWithinDays: 365 });
  const [creating, create] = useDisclosure(false);
  const [showClosed, setShowClosed] = useState(false);

  const { open, closed } = useMemo(() => {
    const items = deals.data?.items ?? [];
    return {
      open: items.filter((d) => isOpenStage(d.stage)).sort(byCloseDate),
      closed: items.filter((d) => !isOpenStage(d.stage)).sort((a, b) => b.stageChangedAt.localeCompare(a.stageChangedAt)),
    };
  }, [deals.data]);
  const rows = open.length === 0 || showClosed ? [...open, ...closed] : open;
  const openTotal = open.reduce((s, d) => s + d.amountCents, 0);
  const openWeighted = open.reduce((s, d) => s + weightedCents(d), 0);

  return (
    <Card withBorder padding="md" data-testid="account-deals-panel">
      <Group justify="space-between" mb="xs" wrap="wrap" gap="xs">
        <Group gap="xs">
          <IconBriefcase size={18} />
          <Title order={4}>{t('deals.account.title')}</Title>
          {open.length > 0 && (
            <Text size="sm" c="dimmed" data-testid="account-deals-total">
              {t('deals.summary.openCount', { count: open.length })} · {formatMoney(openTotal, lang)} ({t('deals.column.weighted').toLocaleLowerCase()} {formatMoney(openWeighted, lang)})
            </Text>
          )}
        </Group>
        {canCreate && (
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={create.open} data-testid="new-deal-button">{t('deals.new')}</Button>
        )}
      </Group>
      {deals.isPending ? (
        <Skeleton h={90} />
      ) : deals.isError ? (
        <ErrorBlock error={deals.error} onRetry={() => deals.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyBlock icon={<IconBriefcase />} title={t('deals.account.empty')} description={canCreate ? t('deals.account.emptyHelp') : undefined} />
      ) : (
        <Stack gap={4}>
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing={6} horizontalSpacing="sm" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('deals.account.deal')}</Table.Th>
                  <Table.Th>{t('deals.account.stage')}</Table.Th>
                  <Table.Th ta="right">{t('deals.account.amount')}</Table.Th>
                  <Table.Th>{t('deals.account.expectedClose')}</Table.Th>
                  <Table.Th>{t('deals.account.owner')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((d) => {
                  const overdue = isOverdue(d, today);
                  const closedDeal = !isOpenStage(d.stage);
                  return (
                    <Table.Tr key={d.id} data-testid="account-deal-row" data-deal-id={d.id} data-stage={d.stage}>
                      <Table.Td>
                        <Anchor component={Link} to={paths.deal(d.id)} size="sm" fw={600} c={closedDeal ? 'dimmed' : undefined}>{d.title}</Anchor>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Group gap={6} wrap="nowrap">
                          <DealStageBadge stage={d.stage} />
                          {!closedDeal && <Text size="xs" c="dimmed">{formatPercent(d.probability, lang)}</Text>}
                        </Group>
                      </Table.Td>
                      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}><Text size="sm" fw={500}>{formatMoney(d.amountCents, lang, d.currency)}</Text></Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Text size="sm" c={overdue ? 'red.7' : closedDeal ? 'dimmed' : undefined} fw={overdue ? 600 : undefined}>
                          {closedDeal ? formatDate(d.stageChangedAt, lang) : formatDate(d.expectedClose, lang)}
                        </Text>
                      </Table.Td>
                      <Table.Td><Text size="sm">{d.ownerName}</Text></Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {open.length > 0 && closed.length > 0 && (
            <Button variant="subtle" size="xs" style={{ alignSelf: 'flex-start' }} onClick={() => setShowClosed((v) => !v)} data-testid="account-deals-toggle-closed">
              {showClosed ? t('deals.account.hideClosed') : t('deals.account.showClosed', { count: closed.length })}
            </Button>
          )}
        </Stack>
      )}
      <NewDealModal opened={creating} onClose={create.close} account={{ id: accountId, name: accountName }} />
    </Card>
  );
}
