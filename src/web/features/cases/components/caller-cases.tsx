import { Anchor, Group, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { IconFolders } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../../lib/format.ts';
import { paths } from '../../../lib/paths.ts';
import { useNow } from '../../leads/components/due-countdown.tsx';
import { useCases } from '../api/get-cases.ts';
import { CaseStatusBadge, CaseTypeBadge } from './case-badges.tsx';
import { CustomerSummaryText } from './customer-summary-card.tsx';
import { SlaCountdown } from './sla-countdown.tsx';

/**
 * On the call console, under the caller's account: their cases still in progress (and those just resolved), each
 * with the words the advisor reads out — "your case R-2026-000012 is being handled, we will call you back by…".
 */
export function CallerCases({ accountId }: { accountId: string }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const cases = useCases({ view: 'account', accountId, includeDone: true, status: ['open', 'in_progress', 'waiting_customer', 'resolved'] });
  if (cases.isPending) return <Skeleton h={40} />;
  if (cases.isError) return null;
  const items = cases.data.items;
  if (items.length === 0) return <Text size="sm" c="dimmed" data-testid="console-cases-none">{t('cases.console.none')}</Text>;
  return (
    <Stack gap="xs" data-testid="console-cases">
      <Group gap={6} c="dimmed">
        <IconFolders size={16} />
        <Text size="sm" fw={600} c="inherit">{t('cases.console.title', { count: items.length })}</Text>
      </Group>
      {items.map((c) => (
        <Paper key={c.id} withBorder p="sm" radius="md" data-testid="console-case" data-reference={c.reference} data-status={c.status}>
          <Stack gap={6}>
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Group gap={8} wrap="wrap">
                <Anchor component={Link} to={paths.case(c.id)} size="sm" fw={650} ff="monospace" data-testid="console-case-link">{c.reference}</Anchor>
                <CaseStatusBadge status={c.status} testId="console-case-status" />
                <CaseTypeBadge type={c.type} size="xs" />
                <Text size="sm" fw={500} lineClamp={1}>{c.subject}</Text>
              </Group>
              <Stack gap={0} align="flex-end" style={{ flexShrink: 0 }}>
                {c.status === 'resolved' ? <Text size="xs" c="dimmed">{t('cases.console.resolvedOn', { date: formatDate(c.resolvedAt, i18n.language) })}</Text> : <SlaCountdown c={c} now={now} showClock={false} />}
              </Stack>
            </Group>
            <CustomerSummaryText c={c} testId="console-case-summary" />
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
