import { Alert, Badge, Code, Collapse, Group, Stack, Table, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconLinkOff, IconShieldCheck } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { Fragment, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvidencePacket as Packet } from '../../../../contract/credit.ts';
import { formatDateTime, formatDateTimeSeconds, formatMoney, shortHash } from '../../../lib/format.ts';
import { formatPct } from './credit-format.ts';
import { shortStream, useActionWords } from './evidence-refs.tsx';

type PacketEvent = Packet['events'][number];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HIDDEN = /(^id$|Id$|Ids$|hash$|Hash$|Digest$|^version$)/;
const STAGE_KEYS = new Set(['stage', 'from', 'to']);

/** The few facts of a payload a reader needs at a glance (ids and hashes left out, amounts as money). */
export function payloadSummary(t: TFunction, lang: string, payload: Record<string, unknown>): string {
  const parts: string[] = [];
  const stage = (v: unknown) => t(`credit.stages.${String(v)}`, { defaultValue: String(v) });
  // A move between stages reads as one fact: "qualification → proposition".
  const moved = typeof payload.from === 'string' && typeof payload.to === 'string' && !UUID.test(payload.from) && !UUID.test(payload.to);
  if (moved) parts.push(`${stage(payload.from)} → ${stage(payload.to)}`);
  for (const [key, value] of Object.entries(payload)) {
    if (moved && (key === 'from' || key === 'to')) continue;
    if (HIDDEN.test(key) || value === null || value === undefined || value === '') continue;
    let shown: string;
    if (typeof value === 'number') shown = /cents$/i.test(key) ? formatMoney(value, lang) : /Bp$/.test(key) ? formatPct(value / 100, lang) : String(value);
    else if (typeof value === 'string') {
      if (UUID.test(value)) continue;
      if (STAGE_KEYS.has(key)) shown = stage(value);
      else shown = /^\d{4}-\d{2}-\d{2}T/.test(value) ? formatDateTime(value, lang) : value.length > 60 ? `${value.slice(0, 57)}…` : value;
    } else if (typeof value === 'boolean') shown = value ? t('credit.yes') : t('credit.no');
    else if (Array.isArray(value)) shown = value.every((v) => typeof v === 'string' && !UUID.test(v)) ? value.join(', ') : t('credit.items', { count: value.length });
    else continue;
    parts.push(t('credit.payloadPair', { key: t(`credit.payloadKeys.${key}`, { defaultValue: key }), value: shown }));
    if (parts.length === 4) break;
  }
  return parts.join(' · ');
}

/** "Chaîne vérifiée" or "Chaîne rompue au maillon #n", as the packet was when it was frozen. */
export function ChainBadge({ verified, brokenAtSeq }: { verified: boolean; brokenAtSeq: number | null }) {
  const { t } = useTranslation();
  return (
    <Badge
      size="lg"
      variant="filled"
      color={verified ? 'teal' : 'red'}
      leftSection={verified ? <IconShieldCheck size={16} /> : <IconLinkOff size={16} />}
      data-testid="evidence-verified"
      data-verified={verified}
    >
      {verified ? t('disputes.chainVerified') : brokenAtSeq !== null ? t('disputes.chainBrokenAt', { seq: brokenAtSeq }) : t('disputes.chainBroken')}
    </Badge>
  );
}

function EventRow({ event, broken }: { event: PacketEvent; broken: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const words = useActionWords();
  const [open, setOpen] = useState(false);
  return (
    <Fragment>
      <Table.Tr data-testid={`evidence-event-${event.seq}`} data-action={event.action} bg={broken ? 'var(--mantine-color-red-0)' : undefined}>
        <Table.Td>
          <UnstyledButton onClick={() => setOpen((o) => !o)} aria-expanded={open} aria-label={t('disputes.showPayload')}>
            {open ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
          </UnstyledButton>
        </Table.Td>
        <Table.Td><Text size="sm" style={{ whiteSpace: 'nowrap' }}>{formatDateTimeSeconds(event.recordedAt, lang)}</Text></Table.Td>
        <Table.Td>
          <Tooltip label={event.stream}>
            <Text size="xs" ff="monospace" style={{ whiteSpace: 'nowrap' }}>{shortStream(event.stream)}#{event.seq}</Text>
          </Tooltip>
        </Table.Td>
        <Table.Td><Text size="sm">{event.actorName ?? t('disputes.system')}</Text></Table.Td>
        <Table.Td>
          <Text size="sm" fw={500}>{words(event.action)}</Text>
          <Text size="xs" c="dimmed" ff="monospace">{event.action}</Text>
        </Table.Td>
        <Table.Td><Text size="xs" c="dimmed" lineClamp={2}>{payloadSummary(t, lang, event.payload) || '—'}</Text></Table.Td>
        <Table.Td>
          <Tooltip label={`${t('disputes.prevHash')} ${event.prevHash}`} multiline w={360}>
            <Code fz={11} style={{ whiteSpace: 'nowrap' }}>{shortHash(event.hash)}</Code>
          </Tooltip>
        </Table.Td>
      </Table.Tr>
      {open && (
        <Table.Tr>
          <Table.Td colSpan={7} p={0}>
            <Collapse expanded={open}>
              <Stack gap={4} p="sm">
                <Text size="xs" c="dimmed">{t('disputes.prevHash')} <Code>{event.prevHash}</Code></Text>
                <Text size="xs" c="dimmed">{t('disputes.hash')} <Code>{event.hash}</Code></Text>
                <Code block style={{ maxHeight: 240, overflow: 'auto', fontSize: 11 }}>{JSON.stringify(event.payload, null, 2)}</Code>
              </Stack>
            </Collapse>
          </Table.Td>
        </Table.Tr>
      )}
    </Fragment>
  );
}

/** What the system assembled from the trace when the dispute was filed: every event in the window, in order, with hashes. */
export function EvidencePacketView({ packet }: { packet: Packet }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const events = useMemo(() => [...packet.events].sort((a, b) => a.recordedAt.localeCompare(b.recordedAt) || a.seq - b.seq), [packet.events]);
  return (
    <Stack gap="sm" data-testid="evidence-packet">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <ChainBadge verified={packet.chainVerified} brokenAtSeq={packet.brokenAtSeq} />
        <Text size="sm" c="dimmed" data-testid="evidence-window">
          {t('disputes.window', { from: formatDateTime(packet.windowFrom, lang), to: formatDateTime(packet.windowTo, lang) })}
        </Text>
      </Group>
      <Text size="xs" c="dimmed">{t('disputes.assembledAt', { at: formatDateTimeSeconds(packet.assembledAt, lang), count: events.length })}</Text>
      {!packet.chainVerified && (
        <Alert color="red" variant="light" icon={<IconLinkOff size={18} />} data-testid="evidence-broken">
          {packet.brokenAtSeq !== null ? t('disputes.brokenHelpAt', { seq: packet.brokenAtSeq }) : t('disputes.brokenHelp')}
        </Alert>
      )}
      {events.length === 0 ? (
        <Text size="sm" c="dimmed">{t('disputes.noEvents')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={960}>
          <Table verticalSpacing={6} horizontalSpacing="sm" striped data-testid="evidence-events">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={28} />
                <Table.Th>{t('disputes.eventTime')}</Table.Th>
                <Table.Th>{t('disputes.eventRef')}</Table.Th>
                <Table.Th>{t('disputes.eventActor')}</Table.Th>
                <Table.Th>{t('disputes.eventAction')}</Table.Th>
                <Table.Th>{t('disputes.eventDetail')}</Table.Th>
                <Table.Th>{t('disputes.hash')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {events.map((e) => (
                <EventRow key={`${e.stream}#${e.seq}`} event={e} broken={!packet.chainVerified && packet.brokenAtSeq !== null && e.seq >= packet.brokenAtSeq} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
