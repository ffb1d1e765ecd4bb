import { Badge, Card, Group, List, RingProgress, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconAlertCircle, IconCircleCheck, IconCircleDashed } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../../contract/accounts.ts';

const colorFor = (pct: number) => (pct >= 85 ? 'teal' : pct >= 60 ? 'yellow' : 'red');

export function CompletenessCard({ account }: { account: Account }) {
  const { t } = useTranslation();
  const pct = Math.round(account.completeness);
  return (
    <Card withBorder padding="lg" data-testid="account-completeness">
      <Group wrap="nowrap" align="center" gap="lg">
        <RingProgress
          size={96}
          thickness={9}
          roundCaps
          sections={[{ value: pct, color: colorFor(pct) }]}
          label={<Text ta="center" fw={700} size="lg" data-testid="completeness-value">{pct}%</Text>}
          aria-label={t('account.completeness')}
        />
        <Stack gap={4}>
          <Text fw={600}>{t('account.completeness')}</Text>
          <Text size="sm" c="dimmed">{account.missing.length ? t('account.completenessHelp', { segment: t(`enums.segment.${account.segment}`) }) : t('account.complete')}</Text>
        </Stack>
      </Group>
      {account.missing.length > 0 ? (
        <List mt="md" spacing={6} size="sm" center data-testid="missing-fields">
          {account.missing.map((m) => (
            <List.Item
              key={m.field}
              icon={
                <ThemeIcon size={20} radius="xl" variant="light" color={m.reason === 'missing' ? 'red' : 'yellow'}>
                  {m.reason === 'missing' ? <IconCircleDashed size={13} /> : <IconAlertCircle size={13} />}
                </ThemeIcon>
              }
            >
              <Group gap={6}>
                <span>{t(`account.fields.${m.field}`, { defaultValue: m.field })}</span>
                <Badge size="xs" variant="light" color={m.reason === 'missing' ? 'red' : 'yellow'}>{t(`account.missingReason.${m.reason}`)}</Badge>
              </Group>
            </List.Item>
          ))}
        </List>
      ) : (
        <Group mt="md" gap={6} c="teal"><IconCircleCheck size={16} /><Text size="sm">{t('account.complete')}</Text></Group>
      )}
    </Card>
  );
}
