import { Anchor, Code, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconLink, IconScale } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CreditEntry, EvidenceRef } from '../../../../contract/credit.ts';
import { formatDateTime, shortHash } from '../../../lib/format.ts';
import { paths } from '../../../lib/paths.ts';
import { useCurrentUser } from '../../auth/api/get-session.ts';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** "account:0190ab12-…" reads as "account:0190ab12…": enough to recognise, the whole id in the tooltip. */
export const shortStream = (stream: string) => stream.replace(UUID, (id) => `${id.slice(0, 8)}…`);

/** The trace page opens one stream from its URL; only people who may explore the trace get a link. */
export const traceStreamHref = (stream: string) => `${paths.trace}?stream=${encodeURIComponent(stream)}`;

/** A trace action in words ("a relayé une piste"), else the action itself. */
export function useActionWords() {
  const { t } = useTranslation();
  return (action: string) => t(`credit.actions.${action.replace(/\./g, '_')}`, { defaultValue: action });
}

/** One trace event a credit rests on: stream#seq, short hash, what happened and when. */
export function EvidenceRefItem({ evidence }: { evidence: EvidenceRef }) {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const words = useActionWords();
  const label = `${shortStream(evidence.stream)}#${evidence.seq}`;
  return (
    <Group gap={6} wrap="wrap" data-testid="evidence-ref" data-stream={evidence.stream} data-seq={evidence.seq}>
      <Tooltip label={`${evidence.stream} #${evidence.seq}`}>
        {user.abilities.exploreTrace ? (
          <Anchor component={Link} to={traceStreamHref(evidence.stream)} size="xs" ff="monospace" aria-label={t('credit.openTrace', { stream: evidence.stream })}>
            {label}
          </Anchor>
        ) : (
          <Text size="xs" ff="monospace">{label}</Text>
        )}
      </Tooltip>
      <Tooltip label={`${t('credit.hash')} ${evidence.hash}`}>
        <Code fz={11}>{shortHash(evidence.hash)}</Code>
      </Tooltip>
      <Text size="xs" c="dimmed">{words(evidence.action)} · {formatDateTime(evidence.recordedAt, i18n.language)}</Text>
    </Group>
  );
}

/** Every distinct trace event behind a set of entries, oldest first. */
export function distinctEvidence(entries: CreditEntry[]): EvidenceRef[] {
  const seen = new Map<string, EvidenceRef>();
  for (const e of entries) for (const ev of e.evidence) seen.set(`${ev.stream}#${ev.seq}`, ev);
  return [...seen.values()].sort((a, b) => a.recordedAt.localeCompare(b.recordedAt) || a.seq - b.seq);
}

export function EvidenceList({ evidence }: { evidence: EvidenceRef[] }) {
  const { t } = useTranslation();
  if (evidence.length === 0) return <Text size="xs" c="dimmed">{t('credit.noEvidence')}</Text>;
  return (
    <Stack gap={4} data-testid="evidence-refs">
      {evidence.map((ev) => <EvidenceRefItem key={`${ev.stream}#${ev.seq}`} evidence={ev} />)}
    </Stack>
  );
}

/** "Attribution v2 · intéressement v1 · éligibilité v0", linking to the Rules page where each is written out. */
export function RuleVersions({ versions }: { versions: CreditEntry['ruleVersions'] }) {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="wrap" data-testid="rule-versions">
      <IconScale size={14} color="var(--mantine-color-dimmed)" />
      <Text size="xs" c="dimmed">
        {t('credit.ruleVersions', { attribution: versions.attribution, incentive: versions.incentive, eligibility: versions.eligibility })}
      </Text>
      <Anchor component={Link} to={paths.rules} size="xs" data-testid="rule-versions-link" style={{ display: 'inline-flex', alignItems: 'center', gap: 2 }}>
        <IconLink size={12} />
        {t('credit.readRules')}
      </Anchor>
    </Group>
  );
}
