import { Group, Paper, SimpleGrid, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconChartLine, IconReportMoney, IconTrophy } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DealSummary } from '../../../../contract/deals.ts';
import { formatMoney, TIME_ZONE } from '../../../lib/format.ts';
import { isOpenStage, isOverdue, parisDay, weightedCents } from '../deal-stage.ts';

function Stat({ icon, color, label, value, help, testId }: { icon: ReactNode; color: string; label: string; value: string; help: ReactNode; testId: string }) {
  return (
    <Paper withBorder radius="md" p="md" data-testid={testId}>
      <Group gap="md" wrap="nowrap" align="flex-start">
        <ThemeIcon variant="light" color={color} size={40} radius="md">{icon}</ThemeIcon>
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>{label}</Text>
          <Text fw={700} fz={22} lh={1.3} data-testid={`${testId}-value`}>{value}</Text>
          {help}
        </Stack>
      </Group>
    </Paper>
  );
}

/** Above the board: what is open, what it should bring in, and what was won this calendar month. */
export function PipelineSummary({ deals, today }: { deals: DealSummary[]; today: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const open = deals.filter((d) => isOpenStage(d.stage));
  const month = today.slice(0, 7);
  const wonThisMonth = deals.filter((d) => d.stage === 'won' && parisDay(new Date(d.stageChangedAt)).slice(0, 7) === month);
  const overdue = open.filter((d) => isOverdue(d, today)).length;
  const monthName = new Intl.DateTimeFormat(lang.startsWith('en') ? 'en-GB' : 'fr-FR', { month: 'long', timeZone: TIME_ZONE }).format(new Date(`${today}T12:00:00Z`));
  const sum = (list: DealSummary[], f: (d: DealSummary) => number) => list.reduce((s, d) => s + f(d), 0);

  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md" mb="md" data-testid="deal-summary">
      <Stat
        testId="summary-open"
        color="blue"
        icon={<IconReportMoney size={22} />}
        label={t('deals.summary.open')}
        value={formatMoney(sum(open, (d) => d.amountCents), lang)}
        help={
          <Text size="xs" c="dimmed">
            {t('deals.summary.openCount', { count: open.length })}
            {overdue > 0 && <Text span size="xs" c="red.7" fw={600} data-testid="summary-overdue">{`, ${t('deals.summary.overdue', { count: overdue })}`}</Text>}
          </Text>
        }
      />
      <Stat
        testId="summary-weighted"
        color="grape"
        icon={<IconChartLine size={22} />}
        label={t('deals.summary.weighted')}
        value={formatMoney(sum(open, weightedCents), lang)}
        help={<Text size="xs" c="dimmed">{t('deals.summary.weightedHelp')}</Text>}
      />
      <Stat
        testId="summary-won"
        color="teal"
        icon={<IconTrophy size={22} />}
        label={t('deals.summary.wonMonth', { month: monthName })}
        value={formatMoney(sum(wonThisMonth, (d) => d.amountCents), lang)}
        help={<Text size="xs" c="dimmed">{t('deals.summary.wonCount', { count: wonThisMonth.length })}</Text>}
      />
    </SimpleGrid>
  );
}
