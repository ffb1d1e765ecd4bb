import { Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconBuilding, IconWorld } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format.ts';
import type { RoutingRule } from '../api/get-routing-rules.ts';
import { hoursLabel, ruleText } from './rule-text.ts';

/** The rule in force for each scope (national default, then each agency that has its own), at `now`. */
export function currentRules(rules: RoutingRule[], now = Date.now()): RoutingRule[] {
  const byScope = new Map<string, RoutingRule>();
  for (const r of rules) {
    if (new Date(r.effectiveFrom).getTime() > now) continue;
    const key = r.agencyId ?? '';
    const prev = byScope.get(key);
    if (!prev || r.effectiveFrom > prev.effectiveFrom || (r.effectiveFrom === prev.effectiveFrom && r.version > prev.version)) byScope.set(key, r);
  }
  return [...byScope.values()].sort((a, b) => (a.agencyId === null ? -1 : b.agencyId === null ? 1 : (a.agencyName ?? '').localeCompare(b.agencyName ?? '')));
}

export function CurrentRules({ rules }: { rules: RoutingRule[] }) {
  const { t, i18n } = useTranslation();
  const current = useMemo(() => currentRules(rules), [rules]);
  return (
    <Stack gap="md" data-testid="current-rules">
      {current.map((r) => (
        <Card key={r.id} withBorder padding="lg" data-testid="current-rule">
          <Group justify="space-between" mb="xs">
            <Group gap="xs">
              {r.agencyId ? <IconBuilding size={18} /> : <IconWorld size={18} />}
              <Title order={4}>{r.agencyName ?? t('rules.national')}</Title>
              <Badge variant="light" size="sm">{t('rules.version', { version: r.version })}</Badge>
            </Group>
            <Text size="xs" c="dimmed">{t('rules.since', { at: formatDateTime(r.effectiveFrom, i18n.language), name: r.authorName ?? t('timeline.system') })}</Text>
          </Group>
          <Text size="sm" lh={1.6} data-testid="rule-text">{ruleText(t, i18n.language, r)}</Text>
        </Card>
      ))}
    </Stack>
  );
}

export function RulesHistory({ rules }: { rules: RoutingRule[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="xs" horizontalSpacing="md" striped data-testid="rules-history">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('rules.scope')}</Table.Th><Table.Th>{t('rules.versionShort')}</Table.Th><Table.Th>{t('rules.deadlines')}</Table.Th>
            <Table.Th>{t('rules.warn')}</Table.Th><Table.Th>{t('rules.expire')}</Table.Th><Table.Th>{t('rules.effectiveFrom')}</Table.Th><Table.Th>{t('rules.author')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rules.map((r) => (
            <Table.Tr key={r.id} data-testid="rule-version">
              <Table.Td>{r.agencyName ?? t('rules.national')}</Table.Td>
              <Table.Td>{r.version}</Table.Td>
              <Table.Td>
                <Text size="xs">
                  {t('enums.segment.key')} {hoursLabel(t, r.config.deadlineHours.key)} · {t('enums.segment.intermediate')} {hoursLabel(t, r.config.deadlineHours.intermediate)} · {t('enums.segment.mass')} {hoursLabel(t, r.config.deadlineHours.mass)}
                </Text>
              </Table.Td>
              <Table.Td>{Math.round(r.config.warnRatio * 100)} %</Table.Td>
              <Table.Td>{t('rules.days', { count: r.config.expireAfterDays })}</Table.Td>
              <Table.Td><Text size="sm">{formatDateTime(r.effectiveFrom, lang)}</Text><Text size="xs" c="dimmed">{t('rules.publishedAt', { at: formatDateTime(r.createdAt, lang) })}</Text></Table.Td>
              <Table.Td>{r.authorName ?? t('timeline.system')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
