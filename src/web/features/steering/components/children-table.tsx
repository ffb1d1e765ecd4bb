import { Anchor, Badge, Button, Card, Center, Checkbox, Group, Popover, ScrollArea, Stack, Table, Text, Title, Tooltip, UnstyledButton } from '@mantine/core';
import { IconArrowsSort, IconColumns, IconSortAscending, IconSortDescending, IconTable } from '@tabler/icons-react';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { indicatorIdSchema, type Dashboard, type DashboardRow, type Figures, type IndicatorDefinition, type IndicatorId } from '../../../../contract/steering.ts';
import { formatHeadcount, formatValue, inLanguage } from '../format-figure.ts';
import { steeringHref, type PeriodParams } from '../steering-params.ts';
import { childrenKind } from './children-chart.tsx';
import { CsvLink } from './csv-link.tsx';
import { GROUPS } from './indicator-groups.tsx';

/** The columns a table starts with: one or two per group. */
export const DEFAULT_COLUMNS: IndicatorId[] = ['leads_received', 'lead_conversion', 'leads_on_time', 'interactions_per_rep_week', 'won_revenue', 'win_rate', 'pipeline', 'case_sla_adherence', 'data_completeness'];
const STORAGE_KEY = 'relais.steering.columns';

function savedColumns(): IndicatorId[] {
  try {
    const raw = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as unknown;
    if (Array.isArray(raw)) {
      const ids = raw.filter((x): x is IndicatorId => indicatorIdSchema.safeParse(x).success);
      if (ids.length) return ids;
    }
  } catch {
    // storage unavailable or garbled: the defaults
  }
  return DEFAULT_COLUMNS;
}

type SortKey = 'name' | 'headcount' | IndicatorId;
/** null: the server's order (sub-units first, then people, by name). */
type Sort = { key: SortKey; dir: 'asc' | 'desc' } | null;

const valueOf = (row: DashboardRow, key: SortKey): number | string | null =>
  key === 'name' ? row.name : key === 'headcount' ? row.headcount : (row.figures[key]?.value ?? null);

function SortHeader({ label, sortKey, sort, onSort, numeric, title }: { label: ReactNode; sortKey: SortKey; sort: Sort; onSort: (k: SortKey) => void; numeric?: boolean; title: string }) {
  const { t } = useTranslation();
  const dir = sort && sort.key === sortKey ? sort.dir : null;
  const Icon = !dir ? IconArrowsSort : dir === 'asc' ? IconSortAscending : IconSortDescending;
  return (
    <Table.Th scope="col" aria-sort={dir ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'} ta={numeric ? 'right' : undefined} style={{ verticalAlign: 'bottom' }}>
      <UnstyledButton onClick={() => onSort(sortKey)} aria-label={t('steering.children.sortBy', { name: title })} data-testid={`steering-sort-${sortKey}`} style={{ width: '100%' }}>
        <Group gap={4} wrap="nowrap" justify={numeric ? 'flex-end' : 'flex-start'} align="flex-end">
          <Text size="xs" fw={700} lh={1.25} ta={numeric ? 'right' : undefined} maw={150}>
            {label}
          </Text>
          <Icon size={14} style={{ flexShrink: 0, opacity: dir ? 1 : 0.4 }} aria-hidden />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}

/**
 * The next level down as a table: each name opens that unit's (or person's) dashboard over the same period;
 * headcount and one column per chosen indicator, sortable; the unit's own figures in the last row.
 */
export function ChildrenTable({
  dashboard,
  catalogue,
  period,
  indicator,
  csvHref,
}: {
  dashboard: Dashboard;
  catalogue: readonly IndicatorDefinition[];
  period: PeriodParams;
  indicator: IndicatorId;
  csvHref: string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [columns, setColumns] = useState<IndicatorId[]>(savedColumns);
  const [sort, setSort] = useState<Sort>(null);
  const kind = childrenKind(dashboard);
  const mixed = kind === 'mixed';

  const shown = useMemo(() => {
    const wanted = columns.includes(indicator) ? columns : [...columns, indicator];
    return catalogue.filter((i) => wanted.includes(i.id));
  }, [catalogue, columns, indicator]);

  const rows = useMemo(() => {
    if (!sort) return dashboard.children;
    const sign = sort.dir === 'asc' ? 1 : -1;
    return [...dashboard.children].sort((a, b) => {
      const x = valueOf(a, sort.key);
      const y = valueOf(b, sort.key);
      // Nothing to measure goes last whichever way.
      if (x === null || y === null) return x === y ? a.name.localeCompare(b.name, lang) : x === null ? 1 : -1;
      const c = typeof x === 'string' || typeof y === 'string' ? String(x).localeCompare(String(y), lang) : x - y;
      return sign * c || a.name.localeCompare(b.name, lang);
    });
  }, [dashboard.children, sort, lang]);

  function onSort(key: SortKey) {
    setSort((s) => {
      if (s?.key === key) return { key, dir: s.dir === 'asc' ? 'desc' : 'asc' };
      if (key === 'name') return { key, dir: 'asc' };
      if (key === 'headcount') return { key, dir: 'desc' };
      // Best first: the highest conversion, the lowest backlog.
      return { key, dir: catalogue.find((i) => i.id === key)?.better === 'lower' ? 'asc' : 'desc' };
    });
  }

  function changeColumns(values: string[]) {
    const ids = values.filter((v): v is IndicatorId => indicatorIdSchema.safeParse(v).success);
    setColumns(ids);
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(ids));
    } catch {
      // ignore
    }
  }

  const columnOptions = GROUPS.map((group) => ({
    group: t(`steering.group.${group}`),
    items: catalogue.filter((i) => i.group === group).map((i) => ({ value: i.id, label: inLanguage(i.name, lang) })),
  }));

  const cells = (figures: Figures) =>
    shown.map((i) => {
      const value = figures[i.id]?.value ?? null;
      return (
        <Table.Td key={i.id} ta="right" style={{ whiteSpace: 'nowrap' }} data-indicator={i.id} c={value === null ? 'dimmed' : undefined} title={value === null ? t('steering.card.nothing') : undefined} bg={i.id === indicator ? 'var(--mantine-color-relais-light)' : undefined}>
          {formatValue(i.format, value, lang)}
        </Table.Td>
      );
    });

  return (
    <Card withBorder padding={0} component="section" aria-labelledby="steering-children-title" data-testid="steering-children">
      <Group justify="space-between" align="center" p="md" pb="sm" gap="sm">
        <Group gap={6} wrap="nowrap">
          <IconTable size={18} aria-hidden />
          <Title order={3} size="h4" id="steering-children-title">
            {t(`steering.children.title.${kind}`)}
          </Title>
          <Badge variant="light" color="gray" size="sm">{dashboard.children.length}</Badge>
        </Group>
        <Group gap="xs">
          <Popover position="bottom-end" shadow="md" withArrow trapFocus>
            <Popover.Target>
              <Button variant="default" size="xs" leftSection={<IconColumns size={14} />} data-testid="steering-columns">
                {t('steering.children.columnsCount', { count: columns.length })}
              </Button>
            </Popover.Target>
            <Popover.Dropdown p="sm" data-testid="steering-columns-menu">
              <Checkbox.Group label={t('steering.children.columns')} value={columns} onChange={changeColumns}>
                <ScrollArea.Autosize mah={360} type="auto" offsetScrollbars mt="xs">
                  <Stack gap="sm" w={300}>
                    {columnOptions.map((g) => (
                      <Stack key={g.group} gap={6}>
                        <Text size="xs" fw={700} c="dimmed" tt="uppercase">{g.group}</Text>
                        {g.items.map((item) => (
                          <Checkbox key={item.value} value={item.value} label={item.label} size="xs" data-testid={`steering-column-${item.value}`} />
                        ))}
                      </Stack>
                    ))}
                  </Stack>
                </ScrollArea.Autosize>
              </Checkbox.Group>
              <Group justify="flex-end" mt="sm">
                <Button variant="subtle" size="compact-xs" onClick={() => changeColumns(DEFAULT_COLUMNS)}>
                  {t('steering.children.defaultColumns')}
                </Button>
              </Group>
            </Popover.Dropdown>
          </Popover>
          <CsvLink href={csvHref} label={t('steering.children.csv')} testId="steering-children-csv" />
        </Group>
      </Group>
      {rows.length === 0 ? (
        <Center p="lg">
          <Text size="sm" c="dimmed">{t('steering.children.empty')}</Text>
        </Center>
      ) : (
        <Table.ScrollContainer minWidth={480 + shown.length * 110}>
          <Table striped highlightOnHover verticalSpacing="xs" fz="sm" data-testid="steering-children-table">
            <Table.Thead>
              <Table.Tr>
                <SortHeader label={t('steering.children.name')} title={t('steering.children.name')} sortKey="name" sort={sort} onSort={onSort} />
                {mixed && <Table.Th scope="col"><Text size="xs" fw={700}>{t('steering.children.type')}</Text></Table.Th>}
                <SortHeader label={t('steering.children.headcount')} title={t('steering.children.headcount')} sortKey="headcount" sort={sort} onSort={onSort} numeric />
                {shown.map((i) => {
                  const name = inLanguage(i.name, lang);
                  return (
                    <SortHeader
                      key={i.id}
                      sortKey={i.id}
                      sort={sort}
                      onSort={onSort}
                      numeric
                      title={name}
                      label={
                        <Tooltip label={inLanguage(i.definition, lang)} multiline w={280} withArrow openDelay={400}>
                          <span>{name}</span>
                        </Tooltip>
                      }
                    />
                  );
                })}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={`${row.type}-${row.id}`} data-testid={`steering-row-${row.id}`} data-type={row.type}>
                  <Table.Th scope="row" fw={500}>
                    <Anchor component={Link} to={steeringHref(row, period, indicator)} size="sm" title={t('steering.children.open', { name: row.name })}>
                      {row.name}
                    </Anchor>
                  </Table.Th>
                  {mixed && (
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text size="xs" c="dimmed">{t(`steering.unitType.${row.type}`)}</Text>
                    </Table.Td>
                  )}
                  <Table.Td ta="right">{formatHeadcount(row.headcount, lang)}</Table.Td>
                  {cells(row.figures)}
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr data-testid="steering-row-total" style={{ borderTop: '2px solid var(--mantine-color-gray-3)' }}>
                <Table.Th scope="row">{t('steering.children.total', { name: dashboard.unit.name })}</Table.Th>
                {mixed && <Table.Td />}
                <Table.Td ta="right" fw={600}>{formatHeadcount(dashboard.unit.headcount, lang)}</Table.Td>
                {cells(dashboard.figures)}
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
