import { Alert as Notice, Button, Group, Modal, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useMemo, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { Organisation } from '../../../../contract/org.ts';
import {
  alertAppliesToSchema,
  alertPeriodKindSchema,
  createAlertRuleBody,
  indicatorDefinition,
  updateAlertRuleBody,
  type AlertRule,
  type IndicatorDefinition,
  type IndicatorId,
} from '../../../../contract/steering.ts';
import { useSchemaForm } from '../../../lib/use-schema-form.ts';
import { useSaveAlertRule } from '../api/use-save-alert-rule.ts';
import { entrySuffix, entryUnitOf, fromEntry, toEntry } from '../alert-words.ts';
import { inLanguage } from '../format-figure.ts';
import { showSteeringRefusal, validateWith } from '../steering-errors.ts';
import { GROUPS } from './indicator-groups.tsx';

type UnitType = 'nation' | 'region' | 'agency' | 'pool';
type AppliesTo = z.infer<typeof alertAppliesToSchema>;
type PeriodKind = z.infer<typeof alertPeriodKindSchema>;

const UNIT_TYPES: UnitType[] = ['nation', 'region', 'agency', 'pool'];

/** What a rule may be evaluated on, by the unit it is written for: the unit itself, or each of what lies below. */
export const APPLIES_TO: Record<UnitType, AppliesTo[]> = {
  nation: ['unit', 'regions', 'agencies', 'pools', 'reps'],
  region: ['unit', 'agencies', 'pools', 'reps'],
  agency: ['unit', 'pools', 'reps'],
  pool: ['unit', 'reps'],
};

interface Values extends Record<string, unknown> {
  name: string;
  indicator: IndicatorId;
  unitType: UnitType;
  unitId: string | null;
  appliesTo: AppliesTo;
  comparison: 'above' | 'below';
  threshold: number | string;
  periodKind: PeriodKind;
  periodDays: number | string;
  notify: 'leaders' | 'leaders_and_person';
  active: boolean;
}

const FIELDS = ['name', 'indicator', 'unitType', 'unitId', 'appliesTo', 'comparison', 'threshold', 'periodKind', 'periodDays', 'notify', 'active'];

function initialValues(rule: AlertRule | null, defaults: { unitType: UnitType; unitId: string | null }): Values {
  if (!rule) {
    return {
      name: '',
      indicator: 'interactions_logged',
      unitType: defaults.unitType,
      unitId: defaults.unitId,
      appliesTo: 'reps',
      comparison: 'below',
      threshold: 1,
      periodKind: 'business_days',
      periodDays: 5,
      notify: 'leaders',
      active: true,
    };
  }
  return {
    name: rule.name,
    indicator: rule.indicator,
    unitType: rule.unit.type as UnitType,
    unitId: rule.unit.id,
    appliesTo: rule.appliesTo,
    comparison: rule.comparison,
    threshold: toEntry(entryUnitOf(indicatorDefinition(rule.indicator).format), rule.threshold),
    periodKind: rule.periodKind,
    periodDays: rule.periodDays ?? 5,
    notify: rule.notify,
    active: rule.active,
  };
}

/** The units of a type as options, grouped where it helps: agencies by region, pools by where they sit. */
function unitOptions(org: Organisation | undefined, type: UnitType, t: (k: string) => string) {
  if (!org || type === 'nation') return [];
  const regionName = new Map(org.regions.map((r) => [r.id, r.name]));
  const agencyName = new Map(org.agencies.map((a) => [a.id, a.name]));
  const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name, 'fr');
  if (type === 'region') return [...org.regions].sort(byName).map((r) => ({ value: r.id, label: r.name }));
  const groups = new Map<string, Array<{ value: string; label: string }>>();
  const put = (group: string, item: { value: string; label: string }) => groups.set(group, [...(groups.get(group) ?? []), item]);
  if (type === 'agency') for (const a of [...org.agencies].sort(byName)) put(regionName.get(a.regionId) ?? '—', { value: a.id, label: a.name });
  else
    for (const p of [...org.pools].sort(byName)) {
      const group = p.scope === 'agency' ? (agencyName.get(p.agencyId ?? '') ?? '—') : p.scope === 'region' ? (regionName.get(p.regionId ?? '') ?? '—') : t('steering.unitType.nation');
      put(group, { value: p.id, label: p.name });
    }
  return [...groups.entries()].map(([group, items]) => ({ group, items }));
}

function RuleForm({ rule, organisation, catalogue, defaults, onClose }: AlertRuleModalProps & { rule: AlertRule | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const form = useSchemaForm<Values>(initialValues(rule, defaults));
  const save = useSaveAlertRule();
  const v = form.values;
  const def = indicatorDefinition(v.indicator);
  const entryUnit = entryUnitOf(def.format);
  const units = useMemo(() => unitOptions(organisation, v.unitType, t), [organisation, v.unitType, t]);

  const indicatorOptions = GROUPS.map((group) => ({
    group: t(`steering.group.${group}`),
    items: catalogue.filter((i) => i.group === group).map((i) => ({ value: i.id, label: inLanguage(i.name, lang) })),
  }));

  function chooseIndicator(id: IndicatorId) {
    const next = indicatorDefinition(id);
    form.setField('indicator', id);
    // A figure of now (backlog, pipeline, completeness) has no window of days.
    if (next.snapshot && v.periodKind === 'business_days') form.setField('periodKind', 'week');
  }

  function chooseUnitType(type: UnitType) {
    form.setValues((current) => ({ ...current, unitType: type, unitId: null, appliesTo: APPLIES_TO[type].includes(current.appliesTo) ? current.appliesTo : 'unit' }));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const fields = {
      name: v.name,
      indicator: v.indicator,
      unitType: v.unitType,
      unitId: v.unitType === 'nation' ? null : (v.unitId ?? undefined),
      appliesTo: v.appliesTo,
      comparison: v.comparison,
      threshold: fromEntry(entryUnit, v.threshold),
      periodKind: v.periodKind,
      periodDays: v.periodKind === 'business_days' ? (v.periodDays === '' ? undefined : Number(v.periodDays)) : null,
      notify: v.notify,
      active: v.active,
    };
    const words = {
      name: t('steering.rules.form.nameRequired'),
      unitId: t('steering.rules.form.unitRequired'),
      threshold: t('steering.rules.form.thresholdRequired'),
      periodDays: t('steering.rules.form.periodDaysRequired'),
      periodKind: t('steering.rules.form.noWindowForSnapshot'),
    };
    const input = rule
      ? (() => {
          const body = validateWith(form, updateAlertRuleBody, { ...fields, version: rule.version }, words);
          return body ? { id: rule.id, body } : null;
        })()
      : (() => {
          const body = validateWith(form, createAlertRuleBody, fields, words);
          return body ? { id: null, body } : null;
        })();
    if (!input) return;
    save.mutate(input, {
      onSuccess: (saved) => {
        notifications.show({ color: 'teal', message: rule ? t('steering.rules.form.changed', { name: saved.name }) : t('steering.rules.form.created', { name: saved.name }) });
        onClose();
      },
      onError: (error) => showSteeringRefusal(form, t, error, FIELDS, t('steering.rules.form.forbidden')),
    });
  }

  return (
    <form onSubmit={submit} noValidate data-testid="alert-rule-form">
      <Stack gap="sm">
        {form.formError && <Notice color="red" variant="light" data-testid="form-error">{form.formError}</Notice>}
        <TextInput
          label={t('steering.rules.form.name')}
          placeholder={t('steering.rules.form.namePlaceholder')}
          required
          maxLength={200}
          data-autofocus
          value={v.name}
          onChange={(e) => form.setField('name', e.currentTarget.value)}
          error={form.errors.name}
          data-testid="alert-rule-name"
        />
        <Select
          label={t('steering.rules.form.indicator')}
          description={inLanguage(def.definition, lang)}
          data={indicatorOptions}
          value={v.indicator}
          onChange={(id) => id && chooseIndicator(id as IndicatorId)}
          allowDeselect={false}
          searchable
          error={form.errors.indicator}
          comboboxProps={{ withinPortal: true }}
          data-testid="alert-rule-indicator"
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>{t('steering.rules.form.unit')}</Text>
          <SegmentedControl
            value={v.unitType}
            onChange={(type) => chooseUnitType(type as UnitType)}
            data={UNIT_TYPES.map((type) => ({ value: type, label: t(`steering.unitType.${type}`) }))}
            data-testid="alert-rule-unit-type"
          />
          {form.errors.unitType && <Text size="xs" c="red.7">{form.errors.unitType}</Text>}
        </Stack>
        {v.unitType !== 'nation' && (
          <Select
            label={t(`steering.rules.form.which.${v.unitType}`)}
            placeholder={organisation ? t('steering.rules.form.unitPlaceholder') : t('common.loading')}
            required
            searchable
            data={units}
            value={v.unitId}
            onChange={(id) => form.setField('unitId', id)}
            error={form.errors.unitId}
            nothingFoundMessage={t('common.nothingFound')}
            comboboxProps={{ withinPortal: true }}
            data-testid="alert-rule-unit"
          />
        )}
        <Select
          label={t('steering.rules.form.appliesTo')}
          data={APPLIES_TO[v.unitType].map((a) => ({ value: a, label: t(`steering.rules.appliesTo.${a}`) }))}
          value={v.appliesTo}
          onChange={(a) => a && form.setField('appliesTo', a as AppliesTo)}
          allowDeselect={false}
          error={form.errors.appliesTo}
          comboboxProps={{ withinPortal: true }}
          data-testid="alert-rule-applies-to"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Stack gap={4}>
            <Text size="sm" fw={500}>{t('steering.rules.form.comparison')}</Text>
            <SegmentedControl
              value={v.comparison}
              onChange={(c) => form.setField('comparison', c as 'above' | 'below')}
              data={[
                { value: 'below', label: t('steering.rules.comparison.below') },
                { value: 'above', label: t('steering.rules.comparison.above') },
              ]}
              data-testid="alert-rule-comparison"
            />
          </Stack>
          <NumberInput
            label={t(`steering.rules.form.threshold.${entryUnit}`)}
            required
            min={0}
            max={entryUnit === 'percent' ? 100 : undefined}
            clampBehavior="none"
            decimalScale={entryUnit === 'euros' ? 2 : 1}
            suffix={entrySuffix(entryUnit)}
            thousandSeparator=" "
            decimalSeparator={lang.startsWith('en') ? '.' : ','}
            value={v.threshold}
            onChange={(n) => form.setField('threshold', n)}
            error={form.errors.threshold}
            data-testid="alert-rule-threshold"
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label={t('steering.rules.form.periodKind')}
            data={alertPeriodKindSchema.options.map((k) => ({ value: k, label: t(`steering.rules.periodKind.${k}`), disabled: k === 'business_days' && def.snapshot }))}
            value={v.periodKind}
            onChange={(k) => k && form.setField('periodKind', k as PeriodKind)}
            allowDeselect={false}
            error={form.errors.periodKind}
            description={def.snapshot ? t('steering.rules.form.snapshotHelp') : undefined}
            comboboxProps={{ withinPortal: true }}
            data-testid="alert-rule-period-kind"
          />
          {v.periodKind === 'business_days' && (
            <NumberInput
              label={t('steering.rules.form.periodDays')}
              required
              min={1}
              max={60}
              clampBehavior="none"
              allowDecimal={false}
              allowNegative={false}
              value={v.periodDays}
              onChange={(n) => form.setField('periodDays', n)}
              error={form.errors.periodDays}
              data-testid="alert-rule-period-days"
            />
          )}
        </SimpleGrid>
        <Select
          label={t('steering.rules.form.notify')}
          data={(['leaders', 'leaders_and_person'] as const).map((n) => ({ value: n, label: t(`steering.rules.notify.${n}`) }))}
          value={v.notify}
          onChange={(n) => n && form.setField('notify', n as Values['notify'])}
          allowDeselect={false}
          error={form.errors.notify}
          description={t('steering.rules.form.notifyHelp')}
          comboboxProps={{ withinPortal: true }}
          data-testid="alert-rule-notify"
        />
        <Switch
          label={t('steering.rules.form.active')}
          description={t('steering.rules.form.activeHelp')}
          checked={v.active}
          onChange={(e) => form.setField('active', e.currentTarget.checked)}
          data-testid="alert-rule-active"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" leftSection={<IconDeviceFloppy size={16} />} loading={save.isPending} data-testid="alert-rule-submit">
            {rule ? t('common.save') : t('steering.rules.form.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

interface AlertRuleModalProps {
  organisation: Organisation | undefined;
  catalogue: readonly IndicatorDefinition[];
  /** Where a new rule starts: the reader's own unit when it is known. */
  defaults: { unitType: UnitType; unitId: string | null };
  onClose: () => void;
}

/** A new rule (`rule` null) or a change to one: the rule is evaluated as soon as it is saved. */
export function AlertRuleModal({ opened, rule, ...props }: AlertRuleModalProps & { opened: boolean; rule: AlertRule | null }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={props.onClose} title={rule ? t('steering.rules.form.editTitle', { name: rule.name }) : t('steering.rules.form.newTitle')} size="lg">
      {opened && <RuleForm key={rule?.id ?? 'new'} rule={rule} {...props} />}
    </Modal>
  );
}
