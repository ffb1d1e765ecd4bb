import { Badge, SegmentedControl, Spoiler, Stack, Table, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Bilingual } from '../../../../contract/values.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { isScheduled, ruleTextIn } from './sales-rule-text.ts';

/** One published version of a rule, whatever the rule. */
export interface RuleHistoryRow {
  key: string;
  kind: string;
  /** What the version applies to (a product, a family, "national"), for rules that have one. */
  subject?: { value: string; label: string };
  version: number;
  text: Bilingual;
  effectiveFrom: string | null;
  createdAt: string | null;
  authorName: string | null;
}

export interface RuleHistoryKind {
  value: string;
  label: string;
  color: string;
}

/**
 * Every published version, newest first, filterable by kind: the change feed everyone can read. The texts may span
 * several lines (kept), long ones fold.
 */
export function RuleHistoryFeed({ rows, kinds, testId, empty }: { rows: RuleHistoryRow[]; kinds: RuleHistoryKind[]; testId: string; empty: { all: string; kind: string } }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [kind, setKind] = useState('all');
  const [now] = useState(() => Date.now());
  const withSubject = rows.some((r) => r.subject);
  const byKind = useMemo(() => new Map(kinds.map((k) => [k.value, k])), [kinds]);
  const items = useMemo(
    () =>
      rows
        .filter((r) => kind === 'all' || r.kind === kind)
        .sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? '') || b.version - a.version),
    [rows, kind],
  );
  return (
    <Stack gap="sm" data-testid={testId}>
      <SegmentedControl
        value={kind}
        onChange={setKind}
        data={[{ value: 'all', label: t('salesRules.allKinds') }, ...kinds.map((k) => ({ value: k.value, label: k.label }))]}
        data-testid={`${testId}-kind`}
        style={{ alignSelf: 'flex-start' }}
      />
      {items.length === 0 ? (
        <Text size="sm" c="dimmed" py="md">{kind === 'all' ? empty.all : empty.kind}</Text>
      ) : (
        <Table.ScrollContainer minWidth={860}>
          <Table verticalSpacing="sm" horizontalSpacing="md" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('salesRules.publishedAt')}</Table.Th>
                <Table.Th>{t('salesRules.kind')}</Table.Th>
                {withSubject && <Table.Th>{t('salesRules.subject')}</Table.Th>}
                <Table.Th>{t('salesRules.versionShort')}</Table.Th>
                <Table.Th w="42%">{t('salesRules.text')}</Table.Th>
                <Table.Th>{t('salesRules.effectiveFrom')}</Table.Th>
                <Table.Th>{t('salesRules.author')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((r) => (
                <Table.Tr key={r.key} data-testid={`${testId}-item`} data-kind={r.kind} data-subject={r.subject?.value}>
                  <Table.Td><Text size="sm" style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.createdAt, lang)}</Text></Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="light" color={byKind.get(r.kind)?.color ?? 'gray'} style={{ minWidth: 'max-content' }}>{byKind.get(r.kind)?.label ?? r.kind}</Badge>
                  </Table.Td>
                  {withSubject && <Table.Td><Text size="sm" fw={600}>{r.subject?.label}</Text></Table.Td>}
                  <Table.Td><Text size="sm" ff="monospace">v{r.version}</Text></Table.Td>
                  <Table.Td>
                    <Spoiler maxHeight={120} showLabel={t('caseRules.showMore')} hideLabel={t('caseRules.showLess')} fz="sm">
                      <Text size="sm" style={{ whiteSpace: 'pre-line' }}>{ruleTextIn(r.text, lang)}</Text>
                    </Spoiler>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.effectiveFrom, lang)}</Text>
                    {isScheduled(r, now) && <Badge size="xs" variant="outline" color="orange">{t('salesRules.scheduledShort')}</Badge>}
                  </Table.Td>
                  <Table.Td><Text size="sm">{r.authorName ?? t('salesRules.system')}</Text></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
