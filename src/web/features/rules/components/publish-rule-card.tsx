import { Alert, Button, Card, Grid, NumberInput, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUpload } from '@tabler/icons-react';
import { useMemo, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { setRoutingRuleBody } from '../../../../contract/leads.ts';
import { parisLocalToIso } from '../../../lib/format.ts';
import { useSchemaForm } from '../../../lib/use-schema-form.ts';
import { useOrganisation } from '../../org/api/get-organisation.ts';
import type { RoutingRule } from '../api/get-routing-rules.ts';
import { useSetRoutingRule } from '../api/use-set-routing-rule.ts';
import { currentRules } from './rules-list.tsx';
import { hoursLabel } from './rule-text.ts';

const NATIONAL = 'national';

/** Admins publish a new version of the national rule or of one agency's; older versions stay readable. */
export function PublishRuleCard({ rules }: { rules: RoutingRule[] }) {
  const { t } = useTranslation();
  const org = useOrganisation();
  const publish = useSetRoutingRule();
  const current = useMemo(() => currentRules(rules), [rules]);
  const base = (scope: string) => (current.find((r) => (r.agencyId ?? NATIONAL) === scope) ?? current.find((r) => r.agencyId === null))?.config;
  const initial = base(NATIONAL);
  const form = useSchemaForm({
    scope: NATIONAL,
    key: initial?.deadlineHours.key ?? 9,
    intermediate: initial?.deadlineHours.intermediate ?? 18,
    mass: initial?.deadlineHours.mass ?? 27,
    warnPercent: Math.round((initial?.warnRatio ?? 0.75) * 100),
    expireAfterDays: initial?.expireAfterDays ?? 90,
    effectiveFrom: '',
  });
  const v = form.values;
  const scopes = [{ value: NATIONAL, label: t('rules.national') }, ...(org.data?.agencies ?? []).map((a) => ({ value: a.id, label: a.name }))];

  function pickScope(scope: string) {
    const c = base(scope);
    form.setValues((old) => ({
      ...old,
      scope,
      ...(c && { key: c.deadlineHours.key, intermediate: c.deadlineHours.intermediate, mass: c.deadlineHours.mass, warnPercent: Math.round(c.warnRatio * 100), expireAfterDays: c.expireAfterDays }),
    }));
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const body = form.validate(setRoutingRuleBody, {
      agencyId: v.scope === NATIONAL ? null : v.scope,
      config: { deadlineHours: { key: Number(v.key), intermediate: Number(v.intermediate), mass: Number(v.mass) }, warnRatio: Number(v.warnPercent) / 100, expireAfterDays: Number(v.expireAfterDays) },
      effectiveFrom: v.effectiveFrom ? parisLocalToIso(v.effectiveFrom) : undefined,
    });
    if (!body) return;
    publish.mutate(body, {
      onSuccess: (r) => notifications.show({ color: 'teal', message: t('rules.published', { version: r.version }) }),
      onError: (err) => form.applyError(err, ['agencyId', 'config', 'effectiveFrom']),
    });
  }

  const hours = (k: 'key' | 'intermediate' | 'mass') => (
    <NumberInput
      label={t(`enums.segment.${k}`)}
      description={typeof v[k] === 'number' ? hoursLabel(t, v[k] as number) : undefined}
      min={1}
      max={200}
      suffix=" h"
      data-testid={`rule-hours-${k}`}
      value={v[k]}
      onChange={(n) => form.setField(k, typeof n === 'number' ? n : 0)}
    />
  );

  return (
    <Card withBorder padding="lg" data-testid="publish-rule">
      <Title order={4} mb={4}>{t('rules.publishTitle')}</Title>
      <Text size="sm" c="dimmed" mb="md">{t('rules.publishHelp')}</Text>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {(form.formError || form.errors.config) && <Alert color="red" variant="light" data-testid="form-error">{form.formError ?? form.errors.config}</Alert>}
          <Select label={t('rules.scope')} allowDeselect={false} searchable data-testid="rule-scope" data={scopes} value={v.scope} onChange={(s) => pickScope(s ?? NATIONAL)} error={form.errors.agencyId} />
          <Text size="sm" fw={500}>{t('rules.deadlineHours')}</Text>
          <Grid gap="sm">
            <Grid.Col span={4}>{hours('key')}</Grid.Col>
            <Grid.Col span={4}>{hours('intermediate')}</Grid.Col>
            <Grid.Col span={4}>{hours('mass')}</Grid.Col>
            <Grid.Col span={6}>
              <NumberInput label={t('rules.warn')} description={t('rules.warnHelp')} min={10} max={95} suffix=" %" data-testid="rule-warn" value={v.warnPercent} onChange={(n) => form.setField('warnPercent', typeof n === 'number' ? n : 0)} />
            </Grid.Col>
            <Grid.Col span={6}>
              <NumberInput label={t('rules.expire')} description={t('rules.expireHelp')} min={1} max={365} data-testid="rule-expire" value={v.expireAfterDays} onChange={(n) => form.setField('expireAfterDays', typeof n === 'number' ? n : 0)} />
            </Grid.Col>
          </Grid>
          <TextInput type="datetime-local" label={t('rules.effectiveFrom')} description={t('rules.effectiveFromHelp')} data-testid="rule-effective" value={v.effectiveFrom} onChange={(e) => form.setField('effectiveFrom', e.currentTarget.value)} error={form.errors.effectiveFrom} />
          <Button type="submit" leftSection={<IconUpload size={16} />} loading={publish.isPending} data-testid="rule-publish" style={{ alignSelf: 'flex-end' }}>{t('rules.publish')}</Button>
        </Stack>
      </form>
    </Card>
  );
}
