import { Anchor, Badge, Group, Stack, Table, Text } from '@mantine/core';
import { IconBriefcase } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Lead } from '../../../../contract/leads.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { paths } from '../../../lib/paths.ts';
import { DueCountdown, isLate } from './due-countdown.tsx';
import { LateBadge, LeadStatusBadge } from './lead-badges.tsx';

export type LeadColumn = 'account' | 'product' | 'status' | 'assignee' | 'initiator' | 'outcome' | 'created' | 'due' | 'answered';

/** What became of a lead: the rejection reason and note, the deal when converted, or when it was accepted. */
export function LeadOutcome({ lead }: { lead: Lead }) {
  const { t, i18n } = useTranslation();
  if (lead.status === 'rejected') {
    return (
      <Stack gap={2} data-testid="lead-outcome">
        <Text size="sm" fw={600} c="red.8" data-testid="lead-reject-reason">{lead.rejectReason ? t(`enums.rejectReason.${lead.rejectReason}`) : '—'}</Text>
        {lead.rejectNote && <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="lead-reject-note">« {lead.rejectNote} »</Text>}
      </Stack>
    );
  }
  if (lead.status === 'converted') {
    return (
      <Group gap={6} data-testid="lead-outcome">
        {lead.dealId ? (
          <Anchor component={Link} to={paths.deal(lead.dealId)} underline="never" data-testid="lead-deal-link">
            <Badge size="sm" variant="light" color="grape" leftSection={<IconBriefcase size={12} />} style={{ cursor: 'pointer' }} data-testid="lead-deal">{t('leads.dealCreated')}</Badge>
          </Anchor>
        ) : (
          <Badge size="sm" variant="light" color="grape" leftSection={<IconBriefcase size={12} />} data-testid="lead-deal">{t('leads.dealCreated')}</Badge>
        )}
        {lead.dealId && <Anchor component={Link} to={paths.deal(lead.dealId)} size="xs">{t('deals.openDeal')}</Anchor>}
      </Group>
    );
  }
  if (lead.status === 'accepted') return <Text size="sm" c="teal.8" data-testid="lead-outcome">{t('leads.acceptedOn', { at: formatDateTime(lead.answeredAt, i18n.language) })}</Text>;
  if (lead.status === 'expired') return <Text size="sm" c="dimmed" data-testid="lead-outcome">{t('leads.expiredHelp')}</Text>;
  return <Text size="sm" c="dimmed" data-testid="lead-outcome">{t('leads.waiting')}</Text>;
}

export function LeadsTable({ leads, columns, now, testId = 'lead-row' }: { leads: Lead[]; columns: LeadColumn[]; now: number; testId?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const has = (c: LeadColumn) => columns.includes(c);
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            {has('account') && <Table.Th>{t('leads.account')}</Table.Th>}
            {has('product') && <Table.Th>{t('leads.product')}</Table.Th>}
            {has('status') && <Table.Th>{t('leads.status')}</Table.Th>}
            {has('assignee') && <Table.Th>{t('leads.assignee')}</Table.Th>}
            {has('initiator') && <Table.Th>{t('leads.initiator')}</Table.Th>}
            {has('outcome') && <Table.Th>{t('leads.outcome')}</Table.Th>}
            {has('created') && <Table.Th>{t('leads.createdAt')}</Table.Th>}
            {has('due') && <Table.Th>{t('leads.due')}</Table.Th>}
            {has('answered') && <Table.Th>{t('leads.answeredAt')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {leads.map((l) => {
            const late = isLate(l, now);
            return (
              <Table.Tr key={l.id} data-testid={testId} data-lead-id={l.id} data-status={l.status} data-late={late || undefined} bg={late ? 'red.0' : undefined}>
                {has('account') && (
                  <Table.Td>
                    <Anchor component={Link} to={paths.account(l.accountId)} size="sm" fw={600}>{l.accountName}</Anchor>
                    <Text size="xs" c="dimmed">{l.agencyName}</Text>
                  </Table.Td>
                )}
                {has('product') && (
                  <Table.Td>
                    <Anchor component={Link} to={paths.lead(l.id)} size="sm" fw={500} data-testid="lead-link">{l.productName}</Anchor>
                    <Text size="xs" c="dimmed" lineClamp={1} maw={260}>{l.need}</Text>
                  </Table.Td>
                )}
                {has('status') && (
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Group gap={4}>
                      <LeadStatusBadge status={l.status} />
                      {late && <LateBadge />}
                    </Group>
                  </Table.Td>
                )}
                {has('assignee') && <Table.Td><Text size="sm" data-testid="lead-assignee">{l.assigneeName ?? <Text span c="orange.7" size="sm">{t('leads.unassigned')}</Text>}</Text></Table.Td>}
                {has('initiator') && (
                  <Table.Td>
                    <Text size="sm">{l.initiatorName ?? t('leads.webForm')}</Text>
                    <Text size="xs" c="dimmed">{t(`enums.leadSource.${l.source}`)}</Text>
                  </Table.Td>
                )}
                {has('outcome') && <Table.Td maw={320}><LeadOutcome lead={l} /></Table.Td>}
                {has('created') && <Table.Td><Text size="sm">{formatDateTime(l.createdAt, lang)}</Text></Table.Td>}
                {has('due') && (
                  <Table.Td>
                    {l.status === 'new' ? <DueCountdown lead={l} now={now} /> : null}
                    <Text size="xs" c="dimmed">{formatDateTime(l.dueAt, lang)}</Text>
                  </Table.Td>
                )}
                {has('answered') && <Table.Td><Text size="sm">{formatDateTime(l.answeredAt, lang)}</Text></Table.Td>}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
