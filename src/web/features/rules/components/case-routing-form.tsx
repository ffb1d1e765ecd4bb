import { Alert, Badge, Button, Grid, Group, Modal, MultiSelect, Paper, Select, Skeleton, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMemo, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { caseTypeSchema, setCaseRuleBody, type CaseRoutingConfig } from '../../../../contract/cases.ts';
import type { Organisation } from '../../../../contract/org.ts';
import { parisLocalToIso } from '../../../lib/format.ts';
import { useSchemaForm } from '../../../lib/use-schema-form.ts';
import { useProducts } from '../../catalog/api/get-products.ts';
import { useOrganisation } from '../../org/api/get-organisation.ts';
import type { CaseRules } from '../api/get-case-rules.ts';
import { useSetCaseRule } from '../api/use-set-case-rule.ts';
import { clearedAt, errorAt, showCaseRuleRefusal, zodPathErrors, type PathErrors } from './case-rule-format.ts';
import { PublishFooter, RuleIconButton } from './rule-parts.tsx';

interface EntryDraft {
  /** Stable across moves, for React. */
  key: number;
  types: string[];
  families: string[];
  regionIds: string[];
  poolId: string | null;
}

type Option = { value: string; label: string };
type OptionGroup = { group: string; items: Option[] };

const MAX_ENTRIES = 200;

/** Admins publish a new case routing rule: ordered lines (what the case is → which back-office pool), then the fallbacks. */
export function CaseRoutingModal({ opened, rules, onClose }: { opened: boolean; rules: CaseRules; onClose: () => void }) {
  const { t } = useTranslation();
  const org = useOrganisation();
  return (
    <Modal opened={opened} onClose={onClose} size="xl" title={t('caseRules.edit.routing')} data-testid="case-routing-modal">
      {opened && (org.data ? <CaseRoutingForm rules={rules} org={org.data} onClose={onClose} /> : <Skeleton h={320} />)}
    </Modal>
  );
}

function draftsOf(config: CaseRoutingConfig | null): EntryDraft[] {
  return (config?.entries ?? []).map((e, i) => ({
    key: i + 1,
    types: [...(e.match.types ?? [])],
    families: [...(e.match.families ?? [])],
    regionIds: [...(e.match.regionIds ?? [])],
    poolId: e.poolId,
  }));
}

/** The back-office pools by scope (national, regional, agency), then any other pool the rule still names. */
function poolOptions(t: (k: string) => string, org: Organisation, named: CaseRules['pools']): OptionGroup[] {
  const agency = new Map(org.agencies.map((a) => [a.id, a.name]));
  const region = new Map(org.regions.map((r) => [r.id, r.name]));
  const backOffice = org.pools.filter((p) => p.kind === 'back_office');
  const groups: OptionGroup[] = (['nation', 'region', 'agency'] as const)
    .map((scope) => ({
      group: t(`enums.scope.${scope}`),
      items: backOffice
        .filter((p) => p.scope === scope)
        .map((p) => {
          const unit = scope === 'agency' ? agency.get(p.agencyId ?? '') : scope === 'region' ? region.get(p.regionId ?? '') : undefined;
          return { value: p.id, label: unit && !p.name.includes(unit) ? `${p.name} · ${unit}` : p.name };
        })
        .sort((a, b) => a.label.localeCompare(b.label)),
    }))
    .filter((g) => g.items.length > 0);
  const known = new Set(backOffice.map((p) => p.id));
  const others = named.filter((p) => !known.has(p.id)).map((p) => ({ value: p.id, label: p.name }));
  if (others.length) groups.push({ group: t('caseRules.form.otherPools'), items: others });
  return groups;
}

/** With no rule saved yet, the one national back-office pool (if there is exactly one) is the obvious national fallback. */
function soleNationalPool(org: Organisation): string | null {
  const national = org.pools.filter((p) => p.kind === 'back_office' && p.scope === 'nation');
  return national.length === 1 ? national[0]!.id : null;
}

function CaseRoutingForm({ rules, org, onClose }: { rules: CaseRules; org: Organisation; onClose: () => void }) {
  const { t } = useTranslation();
  const publish = useSetCaseRule();
  const products = useProducts();
  const config = rules.routing.config;
  const form = useSchemaForm({
    entries: draftsOf(config),
    byRegion: { ...(config?.fallback.byRegion ?? {}) } as Record<string, string | null>,
    national: (config?.fallback.national ?? soleNationalPool(org)) as string | null,
    effectiveFrom: '',
  });
  const v = form.values;

  const pools = useMemo(() => poolOptions(t, org, rules.pools), [t, org, rules.pools]);
  const regions = useMemo(() => {
    const list = new Map(org.regions.map((r) => [r.id, r.name]));
    for (const r of rules.regions) if (!list.has(r.id)) list.set(r.id, r.name);
    return [...list].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label));
  }, [org.regions, rules.regions]);
  const families = useMemo(() => {
    const all = new Set((products.data?.items ?? []).map((p) => p.family));
    for (const e of config?.entries ?? []) for (const f of e.match.families ?? []) all.add(f);
    return [...all].sort((a, b) => a.localeCompare(b));
  }, [products.data, config]);
  const types = caseTypeSchema.options.map((x) => ({ value: x, label: t(`caseRules.types.${x}`) }));

  const clear = (path: string) => form.setErrors((e) => clearedAt(e, path));
  const setEntries = (entries: EntryDraft[], structural = false) => {
    form.setField('entries', entries);
    // Lines moved or removed: their errors no longer sit on the right line.
    if (structural) form.setErrors((e) => clearedAt(e, 'entries'));
  };
  const patch = (index: number, change: Partial<EntryDraft>, path: string) => {
    setEntries(v.entries.map((e, i) => (i === index ? { ...e, ...change } : e)));
    clear(`entries.${index}.${path}`);
  };
  const move = (index: number, by: -1 | 1) => {
    const next = [...v.entries];
    const [moved] = next.splice(index, 1);
    next.splice(index + by, 0, moved!);
    setEntries(next, true);
  };
  const add = () => setEntries([...v.entries, { key: Math.max(0, ...v.entries.map((e) => e.key)) + 1, types: [], families: [], regionIds: [], poolId: null }]);

  const regionIds = new Set(regions.map((r) => r.value));
  const placed = (path: string) => {
    const entry = /^entries\.(\d+)(\.|$)/.exec(path);
    if (entry) return Number(entry[1]) < v.entries.length;
    const region = /^fallback\.byRegion\.(.+)$/.exec(path);
    if (region) return regionIds.has(region[1]!);
    return path === 'fallback.national' || path === 'effectiveFrom';
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    const some = (xs: string[]) => (xs.length ? xs : undefined);
    const input = {
      kind: 'routing',
      config: {
        entries: v.entries.map((e) => ({ match: { types: some(e.types), families: some(e.families), regionIds: some(e.regionIds) }, poolId: e.poolId ?? '' })),
        fallback: {
          byRegion: Object.fromEntries(Object.entries(v.byRegion).filter((kv): kv is [string, string] => !!kv[1])),
          national: v.national ?? '',
        },
      },
      effectiveFrom: v.effectiveFrom ? parisLocalToIso(v.effectiveFrom) : undefined,
    };
    const parsed = setCaseRuleBody.safeParse(input);
    if (!parsed.success) {
      const errors: PathErrors = zodPathErrors(t, parsed.error, (path) =>
        /^entries\.\d+\.poolId$/.test(path) || path === 'fallback.national' ? t('caseRules.form.pickPool') : path === 'entries' ? t('caseRules.form.tooManyEntries', { max: MAX_ENTRIES }) : undefined,
      );
      form.setErrors(errors);
      form.setFormError(Object.keys(errors).some(placed) ? null : (Object.values(errors)[0] ?? null));
      return;
    }
    form.setErrors({});
    form.setFormError(null);
    publish.mutate(parsed.data, {
      onSuccess: (saved) => {
        notifications.show({ color: 'teal', message: t('caseRules.published.routing', { version: saved.routing.version }) });
        onClose();
      },
      onError: (error) => showCaseRuleRefusal(form, t, error, placed),
    });
  }

  const fieldErrors = Object.keys(form.errors).some(placed);
  return (
    <form onSubmit={submit} noValidate data-testid="case-routing-form">
      <Stack gap="md">
        <Text size="sm" c="dimmed">{t('caseRules.form.routingHelp', { version: rules.routing.version })}</Text>
        {(form.formError || fieldErrors) && (
          <Alert color="red" variant="light" data-testid="case-routing-form-error">{form.formError ?? t('caseRules.form.fixFields')}</Alert>
        )}

        <Stack gap={4}>
          <Title order={5}>{t('caseRules.form.entriesTitle')}</Title>
          <Text size="xs" c="dimmed">{t('caseRules.form.entriesHelp')}</Text>
        </Stack>
        {v.entries.length === 0 && <Text size="sm" c="dimmed" data-testid="case-routing-no-entries">{t('caseRules.form.noEntries')}</Text>}
        {v.entries.map((e, i) => (
          <Paper key={e.key} withBorder p="sm" radius="md" data-testid="case-routing-entry" data-index={i}>
            <Group justify="space-between" mb="xs">
              <Badge variant="light" size="sm">{t('caseRules.form.line', { n: i + 1 })}</Badge>
              <Group gap={4}>
                <RuleIconButton variant="subtle" label={t('caseRules.form.up')} testId="case-routing-entry-up" disabled={i === 0} onClick={() => move(i, -1)} icon={<IconArrowUp size={16} />} />
                <RuleIconButton variant="subtle" label={t('caseRules.form.down')} testId="case-routing-entry-down" disabled={i === v.entries.length - 1} onClick={() => move(i, 1)} icon={<IconArrowDown size={16} />} />
                <RuleIconButton variant="subtle" color="red" label={t('caseRules.form.remove')} testId="case-routing-entry-remove" onClick={() => setEntries(v.entries.filter((_, j) => j !== i), true)} icon={<IconTrash size={16} />} />
              </Group>
            </Group>
            <Grid gap="sm">
              <Grid.Col span={{ base: 12, md: 6 }}>
                <MultiSelect label={t('caseRules.form.types')} placeholder={t('caseRules.form.any')} clearable data-testid="case-routing-entry-types" data={types} value={e.types} onChange={(x) => patch(i, { types: x }, 'match.types')} error={errorAt(form.errors, `entries.${i}.match.types`)} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 6 }}>
                <MultiSelect label={t('caseRules.form.families')} placeholder={t('caseRules.form.any')} clearable searchable data-testid="case-routing-entry-families" data={families} value={e.families} onChange={(x) => patch(i, { families: x }, 'match.families')} error={errorAt(form.errors, `entries.${i}.match.families`)} nothingFoundMessage={t('common.nothingFound')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 6 }}>
                <MultiSelect label={t('caseRules.form.regions')} placeholder={t('caseRules.form.any')} clearable searchable data-testid="case-routing-entry-regions" data={regions} value={e.regionIds} onChange={(x) => patch(i, { regionIds: x }, 'match.regionIds')} error={errorAt(form.errors, `entries.${i}.match.regionIds`)} nothingFoundMessage={t('common.nothingFound')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 6 }}>
                <Select label={t('caseRules.form.pool')} placeholder={t('caseRules.form.pickPool')} required searchable data-testid="case-routing-entry-pool" data={pools} value={e.poolId} onChange={(x) => patch(i, { poolId: x }, 'poolId')} error={errorAt(form.errors, `entries.${i}.poolId`)} nothingFoundMessage={t('common.nothingFound')} />
              </Grid.Col>
            </Grid>
            {form.errors[`entries.${i}`] && <Text size="xs" c="red" mt={4}>{form.errors[`entries.${i}`]}</Text>}
          </Paper>
        ))}
        {form.errors.entries && <Text size="xs" c="red">{form.errors.entries}</Text>}
        <Button variant="light" leftSection={<IconPlus size={16} />} onClick={add} disabled={v.entries.length >= MAX_ENTRIES} data-testid="case-routing-add" style={{ alignSelf: 'flex-start' }}>
          {t('caseRules.form.addLine')}
        </Button>

        <Stack gap={4} mt="sm">
          <Title order={5}>{t('caseRules.form.fallbackTitle')}</Title>
          <Text size="xs" c="dimmed">{t('caseRules.form.fallbackHelp')}</Text>
        </Stack>
        <Grid gap="sm">
          {regions.map((r) => (
            <Grid.Col key={r.value} span={{ base: 12, md: 6 }}>
              <Select
                label={t('caseRules.form.regionFallback', { region: r.label })}
                placeholder={t('caseRules.form.useNational')}
                clearable
                searchable
                data-testid={`case-routing-fallback-${r.value}`}
                data={pools}
                value={v.byRegion[r.value] ?? null}
                onChange={(x) => { form.setField('byRegion', { ...v.byRegion, [r.value]: x }); clear(`fallback.byRegion.${r.value}`); }}
                error={form.errors[`fallback.byRegion.${r.value}`]}
                nothingFoundMessage={t('common.nothingFound')}
              />
            </Grid.Col>
          ))}
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Select
              label={t('caseRules.form.national')}
              description={t('caseRules.form.nationalHelp')}
              placeholder={t('caseRules.form.pickPool')}
              required
              searchable
              data-testid="case-routing-fallback-national"
              data={pools}
              value={v.national}
              onChange={(x) => { form.setField('national', x); clear('fallback.national'); }}
              error={form.errors['fallback.national']}
              nothingFoundMessage={t('common.nothingFound')}
            />
          </Grid.Col>
        </Grid>

        <PublishFooter
          effectiveFrom={v.effectiveFrom}
          onEffectiveFrom={(x) => { form.setField('effectiveFrom', x); clear('effectiveFrom'); }}
          error={form.errors.effectiveFrom}
          publishing={publish.isPending}
          onClose={onClose}
          testIds={{ effective: 'case-routing-effective', submit: 'case-routing-submit' }}
        />
      </Stack>
    </form>
  );
}

