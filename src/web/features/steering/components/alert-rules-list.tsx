import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconBellRinging, IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { AlertRule } from '../../../../contract/steering.ts';
import { indicatorDefinition } from '../../../../contract/steering.ts';
import { formatValue, inLanguage } from '../format-figure.ts';

/** One rule: its name, whether it runs, what it watches in plain words, whom it tells, and (for its unit's leaders) a way to change it. */
function RuleCard({ rule, onEdit }: { rule: AlertRule; onEdit: (rule: AlertRule) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const def = indicatorDefinition(rule.indicator);
  return (
    <Card withBorder padding="md" data-testid="alert-rule" data-rule-id={rule.id} data-active={rule.active} data-can-edit={rule.canEdit || undefined}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
        <Stack gap={6} style={{ minWidth: 0 }}>
          <Group gap="xs" wrap="wrap">
            <Title order={3} size="h5" data-testid="alert-rule-title">{rule.name}</Title>
            <Badge color={rule.active ? 'teal' : 'gray'} variant={rule.active ? 'light' : 'outline'} size="sm" data-testid="alert-rule-active-badge">
              {rule.active ? t('steering.rules.active') : t('steering.rules.inactive')}
            </Badge>
          </Group>
          <Text size="sm" data-testid="alert-rule-text">{inLanguage(rule.text, lang)}</Text>
          <Group gap="xs" wrap="wrap">
            <Badge variant="outline" color="gray" size="sm">{t(`steering.unitType.${rule.unit.type}`)} · {rule.unit.name}</Badge>
            <Badge variant="light" color="gray" size="sm">
              {t(`steering.rules.comparison.${rule.comparison}`)} {formatValue(def.format, rule.threshold, lang)}
            </Badge>
            <Badge variant="light" color="gray" size="sm">
              {rule.periodKind === 'business_days' ? t('steering.rules.periodDaysShort', { count: rule.periodDays ?? 0 }) : t(`steering.rules.periodKind.${rule.periodKind}`)}
            </Badge>
            <Badge variant="light" color="gray" size="sm" leftSection={<IconBellRinging size={12} />}>
              {t(`steering.rules.notify.${rule.notify}`)}
            </Badge>
          </Group>
        </Stack>
        {rule.canEdit && (
          <Button variant="default" size="xs" leftSection={<IconPencil size={14} />} onClick={() => onEdit(rule)} aria-label={t('common.editNamed', { name: rule.name })} data-testid="alert-rule-edit">
            {t('common.edit')}
          </Button>
        )}
      </Group>
    </Card>
  );
}

/** Every alert rule (they are seen by all: rules people can read are fair), the active ones first. */
export function AlertRulesList({ rules, onEdit }: { rules: AlertRule[]; onEdit: (rule: AlertRule) => void }) {
  const sorted = [...rules].sort((a, b) => Number(b.active) - Number(a.active));
  return (
    <Stack gap="sm" data-testid="alert-rules-list">
      {sorted.map((rule) => (
        <RuleCard key={rule.id} rule={rule} onEdit={onEdit} />
      ))}
    </Stack>
  );
}
