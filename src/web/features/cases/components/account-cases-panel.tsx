import { ActionIcon, Anchor, Button, Card, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChevronDown, IconChevronRight, IconFolderPlus, IconFolders } from '@tabler/icons-react';
import { Fragment, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseListItem } from '../../../../contract/cases.ts';
import { EmptyBlock } from '../../../components/empty-block.tsx';
import { ErrorBlock } from '../../../components/error-block.tsx';
import { LoadMoreButton } from '../../../components/load-more-button.tsx';
import { formatDate } from '../../../lib/format.ts';
import { paths } from '../../../lib/paths.ts';
import { useNow } from '../../leads/components/due-countdown.tsx';
import { useCases } from '../api/get-cases.ts';
import { isDone } from '../case-words.ts';
import { CasePriorityBadge, CaseStatusBadge, CaseTypeBadge } from './case-badges.tsx';
import { CustomerSummaryText } from './customer-summary-card.tsx';
import { OpenCaseModal } from './open-case-modal.tsx';
import { SlaCountdown } from './sla-countdown.tsx';

/** The account page's cases: what the customer complained about or asked the after-sales service, where each stands. */
export function AccountCasesPanel({ accountId, accountName, canOpen }: { accountId: string; accountName: string; canOpen: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const now = useNow();
  const cases = useCases({ view: 'account', accountId, includeDone: true });
  const [opening, open] = useDisclosure(false);
  const [showDone, setShowDone] = useState(false);
  const [expanded, setExpanded] = useState<string | null>(null);

  const { current, done } = useMemo(() => {
    const items = cases.data?.items ?? [];
    return {
      current: items.filter((c) => !isDone(c.status)),
      done: items.filter((c) => isDone(c.status)).sort((a, b) => (b.resolvedAt ?? b.openedAt).localeCompare(a.resolvedAt ?? a.openedAt)),
    };
  }, [cases.data]);
  const rows: CaseListItem[] = current.length === 0 || showDone ? [...current, ...done] : current;

  return (
    <Card withBorder padding="md" data-testid="account-cases-panel">
      <Group justify="space-between" mb="xs" wrap="wrap" gap="xs">
        <Group gap="xs">
          <IconFolders size={18} />
          <Title order={4}>{t('cases.account.title')}</Title>
          {current.length > 0 && <Text size="sm" c="dimmed" data-testid="account-cases-count">{t('cases.account.openCount', { count: current.length })}</Text>}
        </Group>
        {canOpen && (
          <Button size="xs" variant="light" leftSection={<IconFolderPlus size={14} />} onClick={open.open} data-testid="open-case-button">{t('cases.open.button')}</Button>
        )}
      </Group>
      {cases.isPending ? (
        <Skeleton h={90} />
      ) : cases.isError ? (
        <ErrorBlock error={cases.error} onRetry={() => cases.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyBlock icon={<IconFolders />} title={t('cases.account.empty')} description={canOpen ? t('cases.account.emptyHelp') : undefined} />
      ) : (
        <Stack gap={4}>
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing={6} horizontalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={32} />
                  <Table.Th>{t('cases.columns.reference')}</Table.Th>
                  <Table.Th>{t('cases.columns.subject')}</Table.Th>
                  <Table.Th>{t('cases.columns.status')}</Table.Th>
                  <Table.Th>{t('cases.columns.deadline')}</Table.Th>
                  <Table.Th>{t('cases.columns.handledBy')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((c) => {
                  const isOpen = expanded === c.id;
                  const finished = isDone(c.status);
                  return (
                    <Fragment key={c.id}>
                      <Table.Tr data-testid="account-case-row" data-case-id={c.id} data-reference={c.reference} data-status={c.status}>
                        <Table.Td>
                          <ActionIcon
                            variant="subtle"
                            color="gray"
                            size="sm"
                            onClick={() => setExpanded(isOpen ? null : c.id)}
                            aria-label={t('cases.account.toggleSummary', { reference: c.reference })}
                            aria-expanded={isOpen}
                            data-testid="account-case-expand"
                          >
                            {isOpen ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
                          </ActionIcon>
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          <Anchor component={Link} to={paths.case(c.id)} size="sm" fw={650} ff="monospace" c={finished ? 'dimmed' : undefined} data-testid="account-case-link">{c.reference}</Anchor>
                          <Text size="xs" c="dimmed">{formatDate(c.openedAt, lang)}</Text>
                        </Table.Td>
                        <Table.Td maw={300}>
                          <Group gap={6} mb={2} wrap="nowrap"><CaseTypeBadge type={c.type} size="xs" />{!finished && <CasePriorityBadge priority={c.priority} size="xs" />}</Group>
                          <Text size="sm" lineClamp={1}>{c.subject}</Text>
                        </Table.Td>
                        <Table.Td><CaseStatusBadge status={c.status} testId="account-case-status" /></Table.Td>
                        <Table.Td>{finished ? <Text size="sm" c="dimmed">{formatDate(c.resolvedAt ?? c.closedAt, lang)}</Text> : <SlaCountdown c={c} now={now} />}</Table.Td>
                        <Table.Td>
                          <Text size="sm" lineClamp={1}>{c.assignee?.name ?? <Text span size="sm" c="orange.7">{t('cases.unassigned')}</Text>}</Text>
                          <Text size="xs" c="dimmed" lineClamp={1}>{c.pool.name}</Text>
                        </Table.Td>
                      </Table.Tr>
                      {isOpen && (
                        <Table.Tr>
                          <Table.Td colSpan={6} bg="relais.0">
                            <Stack gap={4} px="xs" py={4} data-testid="account-case-summary">
                              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{t('cases.customerSummary.title')}</Text>
                              <CustomerSummaryText c={c} testId="account-case-summary-text" />
                            </Stack>
                          </Table.Td>
                        </Table.Tr>
                      )}
                    </Fragment>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {current.length > 0 && done.length > 0 && (
            <Button variant="subtle" size="xs" style={{ alignSelf: 'flex-start' }} onClick={() => setShowDone((v) => !v)} data-testid="account-cases-toggle-done">
              {showDone ? t('cases.account.hideDone') : t('cases.account.showDone', { count: done.length })}
            </Button>
          )}
          {cases.hasNextPage && <LoadMoreButton hasMore loading={cases.isFetchingNextPage} onClick={() => void cases.fetchNextPage()} testId="account-cases-more" />}
        </Stack>
      )}
      <OpenCaseModal account={{ id: accountId, name: accountName }} opened={opening} onClose={open.close} />
    </Card>
  );
}
