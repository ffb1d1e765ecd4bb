import { Anchor, Group, Stack, Table, Text } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DisputeSummary } from '../../../../contract/credit.ts';
import { formatDate } from '../../../lib/format.ts';
import { paths } from '../../../lib/paths.ts';
import { DisputeStatusBadge } from './credit-badges.tsx';
import { formatPct } from './credit-format.ts';

/** Reference, deal, parties, requested share, status, arbiter, filed date — one row per dispute. */
export function DisputesTable({ items, meId }: { items: DisputeSummary[]; meId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const name = (p: { id: string; name: string }) => (p.id === meId ? t('credit.meNamed', { name: p.name }) : p.name);
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover data-testid="disputes-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('disputes.reference')}</Table.Th>
            <Table.Th>{t('disputes.deal')}</Table.Th>
            <Table.Th>{t('disputes.parties')}</Table.Th>
            <Table.Th ta="right">{t('disputes.requestedShort')}</Table.Th>
            <Table.Th>{t('disputes.statusLabel')}</Table.Th>
            <Table.Th>{t('disputes.arbiter')}</Table.Th>
            <Table.Th>{t('disputes.filedAt')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((d) => (
            <Table.Tr key={d.id} data-testid={`dispute-row-${d.id}`} data-status={d.status}>
              <Table.Td>
                <Anchor component={Link} to={paths.dispute(d.id)} ff="monospace" fw={700} size="sm" data-testid="dispute-link" style={{ whiteSpace: 'nowrap' }}>{d.reference}</Anchor>
              </Table.Td>
              <Table.Td>
                <Stack gap={0}>
                  <Anchor component={Link} to={paths.deal(d.dealId)} size="sm" fw={600}>{d.dealTitle}</Anchor>
                  <Text size="xs" c="dimmed">{d.productName} · {d.accountName}</Text>
                </Stack>
              </Table.Td>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Text size="sm" fw={d.claimant.id === meId ? 700 : 500}>{name(d.claimant)}</Text>
                  <IconArrowRight size={14} color="var(--mantine-color-dimmed)" aria-label={t('disputes.against')} />
                  <Text size="sm" fw={d.counterparty.id === meId ? 700 : 500}>{name(d.counterparty)}</Text>
                </Group>
              </Table.Td>
              <Table.Td ta="right"><Text size="sm" ff="monospace">{formatPct(d.requestedPct, lang)}</Text></Table.Td>
              <Table.Td><DisputeStatusBadge status={d.status} /></Table.Td>
              <Table.Td>
                <Text size="sm" fw={d.arbiter.id === meId ? 700 : 500}>{name(d.arbiter)}</Text>
                <Text size="xs" c="dimmed">{t(`disputes.level.${d.arbiterLevel}`)}</Text>
              </Table.Td>
              <Table.Td><Text size="sm" style={{ whiteSpace: 'nowrap' }}>{formatDate(d.filedAt, lang)}</Text></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
