import { ActionIcon, Alert as Notice, Badge, Button, Card, Group, Modal, NumberInput, SegmentedControl, Select, SimpleGrid, Skeleton, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronLeft, IconChevronRight, IconTarget } from '@tabler/icons-react';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  indicatorDefinition,
  OBJECTIVE_INDICATORS,
  setObjectiveBody,
  type Dashboard,
  type Objective,
  type ObjectiveIndicator,
  type UnitRef,
} from '../../../../contract/steering.ts';
import { ErrorBlock } from '../../../components/error-block.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useSchemaForm } from '../../../lib/use-schema-form.ts';
import { useObjectives, type ObjectiveList, type ObjectiveListQuery } from '../api/get-objectives.ts';
import { useSetObjective } from '../api/use-set-objective.ts';
import { entrySuffix, entryUnitOf, fromEntry, toEntry } from '../alert-words.ts';
import { formatValue, inLanguage, periodLabel } from '../format-figure.ts';
import { shiftedPeriod, todayInParis } from '../steering-params.ts';
import { showSteeringRefusal, validateWith } from '../steering-errors.ts';

type Kind = 'month' | 'quarter' | 'year';
const KINDS: Kind[] = ['month', 'quarter', 'year'];

const sameUnit = (a: { type: string; id: string | null }, b: { type: string; id: string | null }) => a.type === b.type && (a.id ?? null) === (b.id ?? null);
const unitKey = (u: { type: string; id: string | null }) => `${u.type}:${u.id ?? 'nation'}`;

/** The form of one unit or person the reader may set objectives for: which indicator, the target in its own terms. */
function ObjectiveForm({ unit, list, query }: { unit: UnitRef; list: ObjectiveList; query: ObjectiveListQuery }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const existingOf = (indicator: ObjectiveIndicator) => list.items.find((o) => sameUnit(o.unit, unit) && o.indicator === indicator);
  const entryOf = (indicator: ObjectiveIndicator): number | string => {
    const found = existingOf(indicator);
    return found ? toEntry(entryUnitOf(indicatorDefinition(indicator).format), found.target) : '';
  };
  const form = useSchemaForm({ indicator: 'won_revenue' as ObjectiveIndicator, target: entryOf('won_revenue') });
  const save = useSetObjective();
  const indicator = form.values.indicator;
  const entryUnit = entryUnitOf(indicatorDefinition(indicator).format);
  const existing = existingOf(indicator);

  function chooseIndicator(next: ObjectiveIndicator) {
    form.reset({ indicator: next, target: entryOf(next) });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const body = validateWith(
      form,
      setObjectiveBody,
      {
        unitType: unit.type,
        unitId: unit.type === 'nation' ? null : unit.id,
        indicator,
        period: list.period.kind as Kind,
        at: list.period.from,
        target: fromEntry(entryUnit, form.values.target),
        version: existing?.version,
      },
      { target: entryUnit === 'percent' ? t('steering.objectives.targetPercent') : t('steering.objectives.targetEuros') },
    );
    if (!body) return;
    save.mutate(
      { body, list: query },
      {
        onSuccess: () =>
          notifications.show({
            color: 'teal',
            message: t('steering.objectives.saved', { name: unit.name, indicator: inLanguage(indicatorDefinition(indicator).name, lang), period: periodLabel(list.period, lang, t) }),
          }),
        onError: (error) => showSteeringRefusal(form, t, error, ['target', 'indicator'], t('steering.objectives.forbidden')),
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate data-testid="objective-form">
      <Stack gap={6}>
        {form.formError && <Notice color="red" variant="light" p="xs" data-testid="form-error">{form.formError}</Notice>}
        <Group gap="xs" align="flex-start" wrap="wrap">
          <Select
            size="xs"
            w={260}
            label={t('steering.objectives.indicator')}
            data={OBJECTIVE_INDICATORS.map((id) => ({ value: id, label: inLanguage(indicatorDefinition(id).name, lang) }))}
            value={indicator}
            onChange={(v) => v && chooseIndicator(v as ObjectiveIndicator)}
            allowDeselect={false}
            error={form.errors.indicator}
            comboboxProps={{ withinPortal: true }}
            data-testid="objective-indicator"
          />
          <NumberInput
            size="xs"
            w={170}
            label={entryUnit === 'percent' ? t('steering.objectives.targetPercentLabel') : t('steering.objectives.targetEurosLabel')}
            min={0}
            max={entryUnit === 'percent' ? 100 : undefined}
            clampBehavior="none"
            allowNegative={false}
            decimalScale={entryUnit === 'percent' ? 1 : 2}
            suffix={entrySuffix(entryUnit)}
            thousandSeparator=" "
            decimalSeparator={lang.startsWith('en') ? '.' : ','}
            value={form.values.target}
            onChange={(v) => form.setField('target', v)}
            error={form.errors.target}
            data-testid="objective-target"
          />
          <Button type="submit" size="xs" mt={22} leftSection={<IconTarget size={14} />} loading={save.isPending} data-testid="objective-submit">
            {existing ? t('steering.objectives.change') : t('steering.objectives.set')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** One unit or person: its three targets for the period (who set them, when), and the form when the reader may set them. */
function ObjectiveUnit({ unit, list, query, settable, own }: { unit: UnitRef; list: ObjectiveList; query: ObjectiveListQuery; settable: boolean; own: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const targets = new Map<ObjectiveIndicator, Objective>(list.items.filter((o) => sameUnit(o.unit, unit)).map((o) => [o.indicator, o]));
  return (
    <Card withBorder padding="sm" data-testid="objectives-unit" data-unit-type={unit.type} data-unit-id={unit.id ?? ''} data-settable={settable || undefined}>
      <Group justify="space-between" gap="xs" mb={6}>
        <Group gap={6}>
          <Text fw={600} size="sm">{unit.name}</Text>
          <Badge size="xs" variant="light" color="gray">{t(`steering.unitType.${unit.type}`)}</Badge>
        </Group>
        {!settable && (
          <Text size="xs" c="dimmed">{own ? t('steering.objectives.fromAbove') : t('steering.objectives.notSettable')}</Text>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs" mb={settable ? 'xs' : 0}>
        {OBJECTIVE_INDICATORS.map((id) => {
          const def = indicatorDefinition(id);
          const o = targets.get(id);
          return (
            <Stack key={id} gap={0} data-testid={`objective-target-${id}`} data-target={o?.target ?? ''}>
              <Text size="xs" c="dimmed">{inLanguage(def.name, lang)}</Text>
              {o ? (
                <Tooltip label={t('steering.objectives.setBy', { name: o.setBy?.name ?? '—', at: formatDateTime(o.setAt, lang) })} withArrow>
                  <Text size="sm" fw={600} style={{ alignSelf: 'flex-start' }}>{formatValue(def.format, o.target, lang)}</Text>
                </Tooltip>
              ) : (
                <Text size="sm" c="dimmed">{t('steering.objectives.none')}</Text>
              )}
            </Stack>
          );
        })}
      </SimpleGrid>
      {settable && <ObjectiveForm unit={unit} list={list} query={query} />}
    </Card>
  );
}

/** The objectives panel's content: a month, quarter or year, and every unit of the dashboard and the level below. */
function ObjectivesPanel({ dashboard }: { dashboard: Dashboard }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const shown = dashboard.period;
  const [params, setParams] = useState<{ period: Kind; at?: string }>(() => ({
    period: (KINDS as string[]).includes(shown.kind) ? (shown.kind as Kind) : 'month',
    at: shown.kind === 'custom' ? undefined : shown.from,
  }));
  const query: ObjectiveListQuery = { type: dashboard.unit.type, id: dashboard.unit.id ?? undefined, period: params.period, at: params.at };
  const objectives = useObjectives(query);
  const list = objectives.data;

  // The unit itself and the level below, then anyone the server lists that the dashboard did not (a person moved).
  const units = useMemo(() => {
    const out: UnitRef[] = [];
    const seen = new Set<string>();
    const add = (u: UnitRef) => {
      if (!seen.has(unitKey(u))) {
        seen.add(unitKey(u));
        out.push(u);
      }
    };
    add({ type: dashboard.unit.type, id: dashboard.unit.id, name: dashboard.unit.name });
    for (const c of dashboard.children) add({ type: c.type, id: c.id, name: c.name });
    for (const u of list?.settable ?? []) add(u);
    for (const o of list?.items ?? []) add(o.unit);
    return out;
  }, [dashboard, list]);
  const settable = new Set((list?.settable ?? []).map(unitKey));
  const today = todayInParis();

  return (
    <Stack gap="md" data-testid="objectives-panel">
      <Text size="sm" c="dimmed">{t('steering.objectives.help')}</Text>
      <Group gap="md" wrap="wrap" align="center">
        <SegmentedControl
          size="sm"
          value={params.period}
          onChange={(k) => setParams({ period: k as Kind, at: params.at })}
          data={KINDS.map((k) => ({ value: k, label: t(`steering.period.kind.${k}`) }))}
          aria-label={t('steering.period.label')}
          data-testid="objectives-period-kind"
        />
        <Group gap={6} wrap="nowrap">
          <ActionIcon variant="default" aria-label={t('steering.period.previous')} disabled={!list} onClick={() => list && setParams({ period: params.period, at: shiftedPeriod(list.period, -1).at })}>
            <IconChevronLeft size={16} />
          </ActionIcon>
          <Text fw={600} miw={120} ta="center" data-testid="objectives-period-label" data-from={list?.period.from}>
            {list ? periodLabel(list.period, lang, t) : '…'}
          </Text>
          <ActionIcon variant="default" aria-label={t('steering.period.next')} disabled={!list || list.period.to > addYear(today)} onClick={() => list && setParams({ period: params.period, at: shiftedPeriod(list.period, 1).at })}>
            <IconChevronRight size={16} />
          </ActionIcon>
        </Group>
      </Group>
      {objectives.isError ? (
        <ErrorBlock error={objectives.error} onRetry={() => void objectives.refetch()} />
      ) : !list ? (
        <Stack gap="sm">
          <Skeleton h={90} />
          <Skeleton h={90} />
        </Stack>
      ) : (
        <Stack gap="sm">
          {list.settable.length === 0 && (
            <Notice color="gray" variant="light" data-testid="objectives-read-only">
              {t('steering.objectives.readOnly')}
            </Notice>
          )}
          {units.map((u) => (
            <ObjectiveUnit
              key={`${unitKey(u)}|${list.period.from}|${list.period.kind}`}
              unit={u}
              list={list}
              query={query}
              settable={settable.has(unitKey(u))}
              own={sameUnit(u, { type: dashboard.unit.type, id: dashboard.unit.id })}
            />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

/** Objectives are set a year ahead at most: the arrows stop there. */
const addYear = (iso: string) => `${Number(iso.slice(0, 4)) + 1}${iso.slice(4)}`;

/** "Objectifs": the targets of the unit shown and of the level below for a month, quarter or year, set top-down. */
export function ObjectivesModal({ dashboard, opened, onClose }: { dashboard: Dashboard; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('steering.objectives.title', { name: dashboard.unit.name })} size="xl" data-testid="objectives-modal">
      {opened && <ObjectivesPanel dashboard={dashboard} />}
    </Modal>
  );
}
