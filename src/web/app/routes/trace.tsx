import { Button, Card, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header.tsx';
import { StreamTracePanel } from '../../features/trace/components/stream-trace-panel.tsx';
import { TraceReportCard } from '../../features/trace/components/trace-report-card.tsx';

export function TracePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const stream = params.get('stream');
  const [input, setInput] = useState(stream ?? '');
  const open = (s: string) => {
    setInput(s);
    setParams(s ? { stream: s } : {}, { replace: true });
  };
  function submit(e: FormEvent) {
    e.preventDefault();
    open(input.trim());
  }
  return (
    <>
      <PageHeader title={t('trace.title')} subtitle={t('trace.subtitle')} />
      <Stack gap="lg">
        <TraceReportCard onOpenStream={open} />
        <Card withBorder padding="lg">
          <Text fw={600} mb={4}>{t('trace.lookupTitle')}</Text>
          <Text size="sm" c="dimmed" mb="md">{t('trace.lookupHelp')}</Text>
          <form onSubmit={submit}>
            <Group align="flex-end">
              <TextInput
                style={{ flex: 1 }}
                label={t('trace.stream')}
                placeholder="account:0190…"
                ff="monospace"
                data-testid="trace-stream-input"
                value={input}
                onChange={(e) => setInput(e.currentTarget.value)}
              />
              <Button type="submit" leftSection={<IconSearch size={16} />} data-testid="trace-stream-open">{t('trace.open')}</Button>
            </Group>
          </form>
          {stream && <Stack mt="lg"><StreamTracePanel key={stream} stream={stream} /></Stack>}
        </Card>
      </Stack>
    </>
  );
}
