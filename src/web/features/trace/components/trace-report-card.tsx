import { Alert, Button, Card, Group, SimpleGrid, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconLinkOff, IconPlayerPlay, IconShieldCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBlock } from '../../../components/error-block.tsx';
import { useTraceReport } from '../api/get-trace-report.ts';

function Stat({ label, value }: { label: string; value: number }) {
  const { i18n } = useTranslation();
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{label}</Text>
      <Text size="xl" fw={700}>{value.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'fr-FR')}</Text>
    </Stack>
  );
}

export function TraceReportCard({ onOpenStream }: { onOpenStream: (stream: string) => void }) {
  const { t } = useTranslation();
  const [run, setRun] = useState(false);
  const report = useTraceReport(run);
  return (
    <Card withBorder padding="lg" data-testid="trace-report">
      <Group justify="space-between" mb="md">
        <Stack gap={2}>
          <Text fw={600}>{t('trace.verifyTitle')}</Text>
          <Text size="sm" c="dimmed">{t('trace.verifyHelp')}</Text>
        </Stack>
        <Button
          leftSection={<IconPlayerPlay size={16} />}
          loading={report.isFetching}
          onClick={() => (run ? report.refetch() : setRun(true))}
          data-testid="trace-verify"
        >
          {report.data ? t('trace.verifyAgain') : t('trace.verify')}
        </Button>
      </Group>
      {report.isError && <ErrorBlock error={report.error} />}
      {report.data && (
        <Stack gap="md">
          <Group gap="sm">
            <ThemeIcon size={40} radius="xl" color={report.data.ok ? 'teal' : 'red'} variant="light">
              {report.data.ok ? <IconShieldCheck /> : <IconLinkOff />}
            </ThemeIcon>
            <Text fw={600} c={report.data.ok ? 'teal.8' : 'red.8'} data-testid="trace-report-result">
              {report.data.ok ? t('trace.allVerified') : t('trace.someBroken')}
            </Text>
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Stat label={t('trace.events')} value={report.data.events} />
            <Stat label={t('trace.streams')} value={report.data.streams} />
            <Stat label={t('trace.checkpoints')} value={report.data.checkpoints} />
          </SimpleGrid>
          {report.data.broken && (
            <Alert color="red" variant="light" icon={<IconLinkOff size={18} />} title={t('trace.firstBroken')}>
              <Stack gap={4}>
                <Text size="sm">{t('trace.brokenDetail', { stream: report.data.broken.stream, seq: report.data.broken.seq })}</Text>
                <Text size="sm" c="dimmed">{report.data.broken.reason}</Text>
                <Button size="xs" variant="white" color="red" onClick={() => onOpenStream(report.data!.broken!.stream)}>{t('trace.openStream')}</Button>
              </Stack>
            </Alert>
          )}
        </Stack>
      )}
    </Card>
  );
}
