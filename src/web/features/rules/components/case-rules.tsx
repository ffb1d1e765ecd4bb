import { Badge, Card, Grid, Group, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CasePriority } from '../../../../contract/cases.ts';
import { ErrorBlock } from '../../../components/error-block.tsx';
import { useCaseRules, type CaseRules } from '../api/get-case-rules.ts';
import { businessDuration, PRIORITIES_URGENT_FIRST, priorityColor } from './case-rule-format.ts';
import { CaseRoutingModal } from './case-routing-form.tsx';
import { CaseSimulateCard } from './case-simulate-card.tsx';
import { CaseSlaModal } from './case-sla-form.tsx';
import { RuleHistoryFeed, type RuleHistoryRow } from './rule-history-feed.tsx';
import { EditRuleButton, RuleCard, RuleProvenance, ScheduledBadge } from './rule-parts.tsx';
import { isScheduled, ruleTextIn } from './sales-rule-text.ts';

type CaseRuleKind = 'routing' | 'sla';
type Version = CaseRules['history'][number];

const kindColor: Record<CaseRuleKind, string> = { routing: 'indigo', sla: 'teal' };

/** The version as the shared pieces read it. */
const stamp = (v: Pick<Version, 'version' | 'effectiveFrom' | 'author'>) => ({ version: v.version, effectiveFrom: v.effectiveFrom, authorName: v.author?.name ?? null });

/**
 * Complaints and after-sales cases: which back-office pool a case goes to, and its SLA deadlines by priority — the
 * rules in force in plain words, their figures, a simulator and the change feed; admins publish new versions.
 */
export function CaseRulesSection({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const rules = useCaseRules();
  return (
    <section data-testid="case-rules-section">
      <Stack gap={4} mt={48} mb="md">
        <Title order={2} fz="h3">{t('caseRules.heading')}</Title>
        <Text size="sm" c="dimmed">{t('caseRules.headingHelp')}</Text>
      </Stack>
      {rules.isError ? (
        <ErrorBlock error={rules.error} onRetry={() => rules.refetch()} />
      ) : rules.isPending ? (
        <Stack gap="lg"><Skeleton h={220} /><Skeleton h={180} /></Stack>
      ) : (
        <CaseRulesBody data={rules.data} canEdit={canEdit} />
      )}
    </section>
  );
}

function CaseRulesBody({ data, canEdit }: { data: CaseRules; canEdit: boolean }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<CaseRuleKind | null>(null);
  const [now] = useState(() => Date.now());
  const dayMinutes = data.sla.dayMinutes;
  /** The earliest version of each kind waiting for its date. */
  const scheduled = useMemo(() => {
    const next = new Map<CaseRuleKind, Version>();
    for (const v of data.history) {
      if (!isScheduled(v, now)) continue;
      const prev = next.get(v.kind);
      if (!prev || new Date(v.effectiveFrom!) < new Date(prev.effectiveFrom!)) next.set(v.kind, v);
    }
    return next;
  }, [data.history, now]);
  const rows = useMemo<RuleHistoryRow[]>(
    () => data.history.map((v) => ({ key: `${v.kind}-${v.version}`, kind: v.kind, version: v.version, text: v.text, effectiveFrom: v.effectiveFrom, createdAt: v.createdAt, authorName: v.author?.name ?? null })),
    [data.history],
  );
  const kinds = useMemo(() => (['routing', 'sla'] as const).map((k) => ({ value: k, label: t(`caseRules.kinds.${k}`), color: kindColor[k] })), [t]);
  const edit = (kind: CaseRuleKind) =>
    canEdit ? <EditRuleButton label={t(`caseRules.edit.${kind}`)} onClick={() => setEditing(kind)} testId={`edit-case-rule-${kind}`} /> : undefined;

  return (
    <Stack gap="lg">
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <RuleCard title={t('caseRules.routingTitle')} help={t('caseRules.routingHelp')} testId="case-routing-rule" actions={edit('routing')}>
            <InForce version={data.routing} isDefault={data.routing.config === null} next={scheduled.get('routing')} kind="routing" />
          </RuleCard>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <RuleCard title={t('caseRules.slaTitle')} help={t('caseRules.slaHelp')} testId="case-sla-rule" actions={edit('sla')}>
            <Stack gap="md">
              <InForce version={data.sla} isDefault={data.sla.version === 0} next={scheduled.get('sla')} kind="sla" />
              <SlaFigures config={data.sla.config} dayMinutes={dayMinutes} />
            </Stack>
          </RuleCard>
        </Grid.Col>
      </Grid>
      <CaseSimulateCard dayMinutes={dayMinutes} />
      <Card withBorder padding="lg">
        <Title order={4} mb={4}>{t('caseRules.historyTitle')}</Title>
        <Text size="sm" c="dimmed" mb="md">{t('caseRules.historyHelp')}</Text>
        <RuleHistoryFeed rows={rows} kinds={kinds} testId="case-rule-history" empty={{ all: t('caseRules.noHistory'), kind: t('caseRules.noHistoryKind') }} />
      </Card>
      {canEdit && (
        <>
          <CaseRoutingModal opened={editing === 'routing'} rules={data} onClose={() => setEditing(null)} />
          <CaseSlaModal opened={editing === 'sla'} rules={data} dayMinutes={dayMinutes} onClose={() => setEditing(null)} />
        </>
      )}
    </Stack>
  );
}

/** The version in force, then its text: the text is the rule as everyone reads it. */
function InForce({ version, isDefault, next, kind }: { version: Version; isDefault: boolean; next: Version | undefined; kind: CaseRuleKind }) {
  const { i18n } = useTranslation();
  return (
    <Stack gap="sm">
      <Group gap="xs" wrap="wrap">
        <RuleProvenance rule={stamp(version)} isDefault={isDefault} testId={`case-${kind}-version`} />
        <ScheduledBadge next={next && { ...stamp(next), text: next.text }} testId={`case-${kind}-scheduled`} />
      </Group>
      <Text size="sm" lh={1.6} style={{ whiteSpace: 'pre-line' }} data-testid={`case-${kind}-text`}>{ruleTextIn(version.text, i18n.language)}</Text>
    </Stack>
  );
}

/** 540 → "9 h", 510 → "8 h 30". */
const clockLength = (minutes: number) => (minutes % 60 === 0 ? `${minutes / 60} h` : `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')}`);

/** The budgets per priority in business time, the warning point and the reopen window. */
function SlaFigures({ config, dayMinutes }: { config: CaseRules['sla']['config']; dayMinutes: number }) {
  const { t } = useTranslation();
  const figures = [
    { key: 'warn', label: t('caseRules.warn'), value: `${Math.round(config.warnRatio * 100)} %` },
    { key: 'reopen', label: t('caseRules.reopen'), value: config.reopenDays > 0 ? t('caseRules.days', { count: config.reopenDays }) : t('caseRules.noReopen') },
    { key: 'day', label: t('caseRules.businessDay'), value: clockLength(dayMinutes) },
  ];
  return (
    <Stack gap="md">
      <Table verticalSpacing="xs" horizontalSpacing="md" withTableBorder data-testid="case-sla-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('caseRules.priority')}</Table.Th>
            <Table.Th ta="right">{t('caseRules.firstResponse')}</Table.Th>
            <Table.Th ta="right">{t('caseRules.resolution')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {PRIORITIES_URGENT_FIRST.map((p: CasePriority) => {
            const b = config.byPriority[p];
            return (
              <Table.Tr key={p} data-testid={`case-sla-row-${p}`}>
                <Table.Td><Badge size="sm" variant="light" color={priorityColor[p]} style={{ minWidth: 'max-content' }}>{t(`caseRules.priorities.${p}`)}</Badge></Table.Td>
                <Table.Td ta="right"><Text size="sm" fw={600} data-testid="case-sla-first-response">{businessDuration(t, b.firstResponseMinutes, dayMinutes)}</Text></Table.Td>
                <Table.Td ta="right"><Text size="sm" fw={600} data-testid="case-sla-resolution">{businessDuration(t, b.resolutionMinutes, dayMinutes)}</Text></Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <SimpleGrid cols={3} spacing="sm">
        {figures.map((f) => (
          <Stack key={f.key} gap={0} data-testid={`case-sla-${f.key}`}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>{f.label}</Text>
            <Text fz={18} fw={700}>{f.value}</Text>
          </Stack>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
