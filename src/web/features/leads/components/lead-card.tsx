import { Anchor, Badge, Checkbox, Group, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Lead } from '../../../../contract/leads.ts';
import { formatMoney } from '../../../lib/format.ts';
import { paths } from '../../../lib/paths.ts';
import { DueCountdown, isLate } from './due-countdown.tsx';
import { LateBadge, OfferedBadge } from './lead-badges.tsx';
import { RoutingReasonText } from './routing-reason.tsx';

interface Props {
  lead: Lead;
  now: number;
  focused?: boolean;
  selected?: boolean;
  onSelect?: (selected: boolean) => void;
  onFocus?: () => void;
  actions?: ReactNode;
  testId: string;
  showRouting?: boolean;
}

/** One lead to qualify: what, for whom, from whom, why me, by when; late ones red. */
export function LeadCard({ lead, now, focused, selected, onSelect, onFocus, actions, testId, showRouting = true }: Props) {
  const { t, i18n } = useTranslation();
  const late = isLate(lead, now);
  return (
    <Paper
      withBorder
      p="sm"
      radius="md"
      data-testid={testId}
      data-lead-id={lead.id}
      data-focused={focused || undefined}
      data-late={late || undefined}
      onMouseDown={onFocus}
      style={{
        borderLeft: `4px solid var(--mantine-color-${late ? 'red-6' : lead.offeredAt ? 'orange-5' : 'relais-5'})`,
        background: late ? 'var(--mantine-color-red-0)' : undefined,
        outline: focused ? '2px solid var(--mantine-color-relais-4)' : undefined,
        outlineOffset: 1,
      }}
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="md">
        <Group wrap="nowrap" align="flex-start" gap="sm" style={{ minWidth: 0, flex: 1 }}>
          {onSelect && (
            <Checkbox mt={3} checked={!!selected} onChange={(e) => onSelect(e.currentTarget.checked)} aria-label={t('triage.select')} data-testid="lead-select" tabIndex={-1} />
          )}
          <Stack gap={4} style={{ minWidth: 0 }}>
            <Group gap={8} wrap="wrap">
              <Anchor component={Link} to={paths.lead(lead.id)} fw={650} size="sm" data-testid="lead-product">{lead.productName}</Anchor>
              <Text size="sm" c="dimmed">·</Text>
              <Anchor component={Link} to={paths.account(lead.accountId)} size="sm" fw={500} data-testid="lead-account">{lead.accountName}</Anchor>
              <Badge size="xs" variant="outline" color="gray">{t(`enums.segment.${lead.accountSegment}`)}</Badge>
              {late && <LateBadge />}
              {!late && lead.offeredAt && <OfferedBadge />}
            </Group>
            <Text size="sm" lineClamp={2} data-testid="lead-need">{lead.need}</Text>
            <Group gap="md" wrap="wrap">
              <Text size="xs" c="dimmed" data-testid="lead-initiator">
                {t('leads.relayedBy', { name: lead.initiatorName ?? t('leads.webForm'), source: t(`enums.leadSource.${lead.source}`) })}
                {lead.sourceCampaign ? ` · ${lead.sourceCampaign}` : ''}
              </Text>
              {lead.contactName && <Text size="xs" c="dimmed">{t('timeline.with', { name: lead.contactName })}</Text>}
              {lead.estimatedValueCents !== null && <Text size="xs" fw={600}>{formatMoney(lead.estimatedValueCents, i18n.language)}</Text>}
            </Group>
            {showRouting && <RoutingReasonText reason={lead.routing} assigneeName={lead.assigneeName} size="xs" />}
          </Stack>
        </Group>
        <Stack gap={8} align="flex-end" style={{ flexShrink: 0 }}>
          <DueCountdown lead={lead} now={now} />
          {actions}
        </Stack>
      </Group>
    </Paper>
  );
}
