import { Alert, Badge, Code, Group, Paper, ScrollArea, Skeleton, Stack, Text, Tooltip, UnstyledButton, Collapse } from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconLinkOff, IconShieldCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TraceEvent } from '../../../../contract/trace.ts';
import { EmptyBlock } from '../../../components/empty-block.tsx';
import { ErrorBlock } from '../../../components/error-block.tsx';
import { formatDateTimeSeconds, shortHash } from '../../../lib/format.ts';
import { useStreamTrace } from '../api/get-stream-trace.ts';
import { VerifiedBadge } from './verified-badge.tsx';

function EventRow({ event }: { event: TraceEvent }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <Paper withBorder p="xs" radius="md" data-testid="trace-event" style={event.verified ? undefined : { borderColor: 'var(--mantine-color-red-5)' }}>
      <UnstyledButton onClick={() => setOpen((o) => !o)} w="100%" aria-expanded={open}>
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            {open ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
            <Badge variant="default" size="sm" ff="monospace">#{event.seq}</Badge>
            <Text size="sm" fw={600}>{event.action}</Text>
            <Text size="xs" c="dimmed">{event.actorName ?? t('timeline.system')}</Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <Text size="xs" c="dimmed">{formatDateTimeSeconds(event.recordedAt, i18n.language)}</Text>
            <Tooltip label={event.verified ? t('trace.linkOk') : t('trace.linkBroken')}>
              {event.verified ? <IconShieldCheck size={16} color="var(--mantine-color-teal-6)" /> : <IconLinkOff size={16} color="var(--mantine-color-red-6)" />}
            </Tooltip>
          </Group>
        </Group>
      </UnstyledButton>
      <Collapse expanded={open}>
        <Stack gap={4} mt="xs">
          <Text size="xs" c="dimmed">{t('trace.prevHash')} <Code>{shortHash(event.prevHash)}</Code> → {t('trace.hash')} <Code>{shortHash(event.hash)}</Code></Text>
          <Code block style={{ maxHeight: 240, overflow: 'auto', fontSize: 11 }}>{JSON.stringify(event.payload, null, 2)}</Code>
        </Stack>
      </Collapse>
    </Paper>
  );
}

/** Every event of one stream (e.g. account:<id>), newest first, each link verified by the server. */
export function StreamTracePanel({ stream, maxHeight }: { stream: string; maxHeight?: number }) {
  const { t } = useTranslation();
  const trace = useStreamTrace(stream);
  if (trace.isPending) return <Stack gap="xs">{[0, 1, 2].map((i) => <Skeleton key={i} h={40} />)}</Stack>;
  if (trace.isError) return <ErrorBlock error={trace.error} onRetry={() => trace.refetch()} />;
  const { data } = trace;
  const events = [...data.events].sort((a, b) => b.seq - a.seq);
  const list = (
    <Stack gap={6}>
      {events.map((e) => <EventRow key={e.seq} event={e} />)}
    </Stack>
  );
  return (
    <Stack gap="sm" data-testid="stream-trace">
      <Group justify="space-between">
        <Group gap="xs">
          <VerifiedBadge verified={data.verified} brokenSeq={data.brokenAt?.seq ?? null} />
          <Text size="xs" c="dimmed">{t('trace.eventCount', { count: data.events.length })}</Text>
        </Group>
        <Code>{data.stream}</Code>
      </Group>
      {data.brokenAt && (
        <Alert color="red" variant="light" icon={<IconLinkOff size={18} />} title={t('trace.brokenTitle', { seq: data.brokenAt.seq })}>
          {data.brokenAt.reason}
        </Alert>
      )}
      {events.length === 0 ? (
        <EmptyBlock title={t('trace.noEvents')} />
      ) : maxHeight ? (
        <ScrollArea.Autosize mah={maxHeight}>{list}</ScrollArea.Autosize>
      ) : (
        list
      )}
    </Stack>
  );
}
