import { Badge, Card, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SalesRule, SalesRuleKind } from '../../../../contract/credit.ts';
import type { SalesRules } from '../api/get-sales-rules.ts';
import { RuleHistoryFeed, type RuleHistoryRow } from './rule-history-feed.tsx';
import { EditRuleButton, RuleCard, RuleProvenance, ScheduledBadge } from './rule-parts.tsx';
import { SalesRuleModal, subjectName } from './sales-rule-form.tsx';
import { isDefault, isScheduled, ruleTextIn } from './sales-rule-text.ts';

const KIND_ORDER: SalesRuleKind[] = ['eligibility', 'incentive', 'attribution', 'stage_probability'];
const kindColor: Record<SalesRuleKind, string> = { eligibility: 'blue', incentive: 'cyan', attribution: 'grape', stage_probability: 'orange' };

/** Version, author and effective date of the rule in force; "règle par défaut" for a built-in one. */
const Provenance = ({ rule }: { rule: SalesRule }) => <RuleProvenance rule={rule} isDefault={isDefault(rule)} />;

function EditButton({ rule, onEdit }: { rule: SalesRule; onEdit: (r: SalesRule) => void }) {
  const { t } = useTranslation();
  return <EditRuleButton label={t('salesRules.edit', { subject: subjectName(t, rule) })} onClick={() => onEdit(rule)} testId={`edit-rule-${rule.kind}-${rule.subject}`} />;
}

function Section({ kind, children, testId }: { kind: SalesRuleKind; children: ReactNode; testId: string }) {
  const { t } = useTranslation();
  return <RuleCard title={t(`salesRules.sections.${kind}`)} help={t(`salesRules.sectionHelp.${kind}`)} testId={testId}>{children}</RuleCard>;
}

/** The sales rules in force, by kind, each with its text, version, author and date; admins edit them. */
export function SalesRulesSections({ data, canEdit }: { data: SalesRules; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [editing, setEditing] = useState<SalesRule | null>(null);
  const [now] = useState(() => Date.now());
  const scheduled = useMemo(() => {
    const map = new Map<string, SalesRule>();
    for (const r of data.history) {
      if (!isScheduled(r, now)) continue;
      const key = `${r.kind}:${r.subject}`;
      const prev = map.get(key);
      if (!prev || new Date(r.effectiveFrom!) < new Date(prev.effectiveFrom!)) map.set(key, r);
    }
    return map;
  }, [data.history, now]);
  const next = (r: SalesRule) => scheduled.get(`${r.kind}:${r.subject}`);
  const of = (kind: SalesRuleKind) => data.inForce.filter((r) => r.kind === kind);
  const attribution = of('attribution')[0];
  const stages = of('stage_probability')[0];
  const c = (r: SalesRule, key: string) => (typeof r.config[key] === 'number' ? (r.config[key] as number) : 0);
  const onEdit = canEdit ? setEditing : undefined;

  const nationalCard = (rule: SalesRule | undefined, figures: Array<{ label: string; value: string }>) =>
    rule && (
      <Card withBorder radius="md" padding="md" data-testid={`sales-rule-${rule.kind}-${rule.subject}`}>
        <Group justify="space-between" align="flex-start" mb="sm" wrap="nowrap">
          <Stack gap={4}>
            <Provenance rule={rule} />
            <ScheduledBadge next={next(rule)} />
          </Stack>
          {onEdit && <EditButton rule={rule} onEdit={onEdit} />}
        </Group>
        <SimpleGrid cols={figures.length} spacing="sm" mb="sm">
          {figures.map((f) => (
            <Stack key={f.label} gap={0}>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>{f.label}</Text>
              <Text fz={22} fw={700}>{f.value}</Text>
            </Stack>
          ))}
        </SimpleGrid>
        <Text size="sm" lh={1.6} data-testid="sales-rule-text">{ruleTextIn(rule.text, lang)}</Text>
      </Card>
    );

  return (
    <Stack gap="lg" data-testid="sales-rules">
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Section kind="attribution" testId="sales-rules-attribution">
          {nationalCard(attribution, attribution ? [
            { label: t('salesRules.windowDays'), value: t('salesRules.days', { count: c(attribution, 'windowDays') }) },
            { label: t('salesRules.initiatorShare'), value: `${c(attribution, 'initiatorSharePct')} %` },
          ] : [])}
        </Section>
        <Section kind="stage_probability" testId="sales-rules-stage_probability">
          {nationalCard(stages, stages ? (['qualification', 'proposal', 'negotiation'] as const).map((s) => ({ label: t(`salesRules.stages.${s}`), value: `${c(stages, s)} %` })) : [])}
        </Section>
      </SimpleGrid>

      <Section kind="incentive" testId="sales-rules-incentive">
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="sm" horizontalSpacing="md">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('salesRules.family')}</Table.Th>
                <Table.Th ta="right">{t('salesRules.ownerShare')}</Table.Th>
                <Table.Th w="50%">{t('salesRules.text')}</Table.Th>
                <Table.Th>{t('salesRules.versionShort')}</Table.Th>
                {onEdit && <Table.Th w={48} />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {of('incentive').map((r) => (
                <Table.Tr key={r.subject} data-testid={`sales-rule-incentive-${r.subject}`}>
                  <Table.Td><Text fw={600} size="sm">{r.subjectLabel}</Text></Table.Td>
                  <Table.Td ta="right"><Text size="sm" ff="monospace" fw={600}>{c(r, 'ownerSharePct')} %</Text></Table.Td>
                  <Table.Td><Text size="sm" data-testid="sales-rule-text">{ruleTextIn(r.text, lang)}</Text></Table.Td>
                  <Table.Td><Stack gap={4}><Provenance rule={r} /><ScheduledBadge next={next(r)} /></Stack></Table.Td>
                  {onEdit && <Table.Td><EditButton rule={r} onEdit={onEdit} /></Table.Td>}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Section>

      <Section kind="eligibility" testId="sales-rules-eligibility">
        <Table.ScrollContainer minWidth={820}>
          <Table verticalSpacing="sm" horizontalSpacing="md">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('salesRules.product')}</Table.Th>
                <Table.Th>{t('salesRules.poolKinds')}</Table.Th>
                <Table.Th w="40%">{t('salesRules.text')}</Table.Th>
                <Table.Th>{t('salesRules.versionShort')}</Table.Th>
                {onEdit && <Table.Th w={48} />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {of('eligibility').map((r) => (
                <Table.Tr key={r.subject} data-testid={`sales-rule-eligibility-${r.subject}`}>
                  <Table.Td><Text fw={600} size="sm">{r.subjectLabel}</Text></Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {(Array.isArray(r.config.poolKinds) ? (r.config.poolKinds as string[]) : []).map((k) => (
                        <Badge key={k} size="sm" variant="light" color={k === 'sales' ? 'relais' : 'gray'} style={{ minWidth: 'max-content' }}>{t(`enums.pool.${k}`)}</Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td><Text size="sm" data-testid="sales-rule-text">{ruleTextIn(r.text, lang)}</Text></Table.Td>
                  <Table.Td><Stack gap={4}><Provenance rule={r} /><ScheduledBadge next={next(r)} /></Stack></Table.Td>
                  {onEdit && <Table.Td><EditButton rule={r} onEdit={onEdit} /></Table.Td>}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Section>
      <SalesRuleModal rule={editing} onClose={() => setEditing(null)} />
    </Stack>
  );
}

/** Every published version of every sales rule, newest first, filterable by kind: the change feed everyone can read. */
export function SalesRulesHistory({ history }: { history: SalesRule[] }) {
  const { t } = useTranslation();
  const rows = useMemo<RuleHistoryRow[]>(
    () =>
      history.map((r) => ({
        key: r.id ?? `${r.kind}-${r.subject}-${r.version}`,
        kind: r.kind,
        subject: { value: r.subject, label: subjectName(t, r) },
        version: r.version,
        text: r.text,
        effectiveFrom: r.effectiveFrom,
        createdAt: r.createdAt,
        authorName: r.authorName,
      })),
    [history, t],
  );
  const kinds = useMemo(() => KIND_ORDER.map((k) => ({ value: k, label: t(`salesRules.kinds.${k}`), color: kindColor[k] })), [t]);
  return <RuleHistoryFeed rows={rows} kinds={kinds} testId="rule-history" empty={{ all: t('salesRules.noHistory'), kind: t('salesRules.noHistoryKind') }} />;
}
