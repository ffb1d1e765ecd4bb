import { Card, Group, Text, Title } from '@mantine/core';
import { IconHeadset } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Case } from '../../../../contract/cases.ts';
import { inLanguage } from '../case-words.ts';
import { CopyValue } from './copy-value.tsx';

/** What an advisor reads out to the customer on the phone: where the case stands and what comes next, no internal detail. */
export function CustomerSummaryCard({ c }: { c: Pick<Case, 'customerSummary' | 'reference'> }) {
  const { t, i18n } = useTranslation();
  const text = inLanguage(c.customerSummary, i18n.language);
  return (
    <Card withBorder padding="lg" data-testid="case-customer-summary" style={{ borderColor: 'var(--mantine-color-relais-3)' }}>
      <Group justify="space-between" mb={6} wrap="nowrap">
        <Group gap="xs">
          <IconHeadset size={18} />
          <Title order={4}>{t('cases.customerSummary.title')}</Title>
        </Group>
        <CopyValue value={text} label={t('common.copy')} testId="case-customer-summary-copy" />
      </Group>
      <Text size="xs" c="dimmed" mb="sm">{t('cases.customerSummary.help')}</Text>
      <Text size="md" style={{ whiteSpace: 'pre-wrap' }} data-testid="case-customer-summary-text">{text}</Text>
    </Card>
  );
}

/** The same words inline, for a list row or the call console. */
export function CustomerSummaryText({ c, testId = 'case-summary-inline' }: { c: Pick<Case, 'customerSummary'>; testId?: string }) {
  const { i18n } = useTranslation();
  const text = inLanguage(c.customerSummary, i18n.language);
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <IconHeadset size={16} style={{ flexShrink: 0, marginTop: 2 }} color="var(--mantine-color-relais-6)" />
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', flex: 1 }} data-testid={testId}>{text}</Text>
      <CopyValue value={text} testId={`${testId}-copy`} />
    </Group>
  );
}
