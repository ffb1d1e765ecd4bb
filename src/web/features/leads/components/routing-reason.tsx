import { Group, Text, Tooltip } from '@mantine/core';
import { IconRoute } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { RoutingReason } from '../../../../contract/leads.ts';

/**
 * Why this person got the lead. The server writes the reason in English; in French we say the same from its code
 * and the assignee's name, and keep the server's wording in the tooltip.
 */
export function routingText(t: (k: string, o?: Record<string, unknown>) => string, lang: string, reason: RoutingReason, assigneeName: string | null): string {
  if (lang.startsWith('en')) return reason.text;
  return t(`leads.routing.${reason.code}`, { name: assigneeName ?? '—', defaultValue: reason.text });
}

export function RoutingReasonText({ reason, assigneeName, size = 'sm' }: { reason: RoutingReason; assigneeName: string | null; size?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <Tooltip label={`${reason.text} (${t('leads.ruleVersion', { version: reason.ruleVersion })})`} withArrow multiline maw={360}>
      <Group gap={4} wrap="nowrap" align="flex-start" c="dimmed" data-testid="lead-routing">
        <IconRoute size={14} style={{ flexShrink: 0, marginTop: 3 }} />
        <Text size={size} c="inherit">{routingText(t, i18n.language, reason, assigneeName)}</Text>
      </Group>
    </Tooltip>
  );
}
