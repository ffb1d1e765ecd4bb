import { Alert, Grid, Modal, MultiSelect, NumberInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { poolKindSchema } from '../../../../contract/auth.ts';
import { setSalesRuleBody, type SalesRule } from '../../../../contract/credit.ts';
import { ApiError } from '../../../lib/api-client.ts';
import { parisLocalToIso } from '../../../lib/format.ts';
import { useSchemaForm } from '../../../lib/use-schema-form.ts';
import { useSetSalesRule } from '../api/use-set-sales-rule.ts';
import { salesRuleErrorText } from './sales-rule-text.ts';
import { PublishFooter } from './rule-parts.tsx';

const num = (v: unknown, fallback: number) => (typeof v === 'number' ? v : fallback);

/** Admins publish a new version of one sales rule; it takes effect now or at the date given. */
export function SalesRuleModal({ rule, onClose }: { rule: SalesRule | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={rule !== null}
      onClose={onClose}
      size="lg"
      title={rule ? t('salesRules.editTitle', { kind: t(`salesRules.kinds.${rule.kind}`), subject: subjectName(t, rule) }) : ''}
      data-testid="rule-modal"
    >
      {rule && <SalesRuleForm rule={rule} onClose={onClose} />}
    </Modal>
  );
}

export function subjectName(t: (k: string) => string, rule: Pick<SalesRule, 'subject' | 'subjectLabel'>): string {
  return rule.subject === 'national' ? t('salesRules.national') : rule.subjectLabel;
}

function SalesRuleForm({ rule, onClose }: { rule: SalesRule; onClose: () => void }) {
  const { t } = useTranslation();
  const publish = useSetSalesRule();
  const c = rule.config;
  const form = useSchemaForm({
    poolKinds: Array.isArray(c.poolKinds) ? (c.poolKinds as string[]) : [],
    ownerSharePct: num(c.ownerSharePct, 0) as number | string,
    windowDays: num(c.windowDays, 90) as number | string,
    initiatorSharePct: num(c.initiatorSharePct, 50) as number | string,
    qualification: num(c.qualification, 10) as number | string,
    proposal: num(c.proposal, 40) as number | string,
    negotiation: num(c.negotiation, 70) as number | string,
    effectiveFrom: '',
  });
  const v = form.values;
  const n = (x: number | string) => (typeof x === 'number' ? x : x === '' ? Number.NaN : Number(x));

  function config() {
    switch (rule.kind) {
      case 'eligibility':
        return { poolKinds: v.poolKinds };
      case 'incentive':
        return { ownerSharePct: n(v.ownerSharePct) };
      case 'attribution':
        return { windowDays: n(v.windowDays), initiatorSharePct: n(v.initiatorSharePct) };
      case 'stage_probability':
        return { qualification: n(v.qualification), proposal: n(v.proposal), negotiation: n(v.negotiation) };
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const body = form.validate(setSalesRuleBody, {
      kind: rule.kind,
      subject: rule.subject,
      config: config(),
      effectiveFrom: v.effectiveFrom ? parisLocalToIso(v.effectiveFrom) : undefined,
    });
    if (!body) {
      // zod names the config as a whole: say what is wrong in words of the rule.
      form.setErrors((e) => (e.config ? { ...e, config: rule.kind === 'eligibility' ? t('salesRules.poolKindsRequired') : t('salesRules.configInvalid') } : e));
      return;
    }
    publish.mutate(body, {
      onSuccess: (saved) => {
        notifications.show({ color: 'teal', message: t('salesRules.published', { version: saved.version, subject: subjectName(t, saved) }) });
        onClose();
      },
      onError: (error) => {
        if (error instanceof ApiError && error.status !== 400) form.setFormError(salesRuleErrorText(t, error));
        else form.applyError(error, ['config', 'effectiveFrom', 'subject']);
      },
    });
  }

  const pct = (key: 'ownerSharePct' | 'initiatorSharePct' | 'qualification' | 'proposal' | 'negotiation', label: string, description?: string) => (
    <NumberInput
      label={label}
      description={description}
      min={0}
      max={100}
      clampBehavior="strict"
      allowDecimal={false}
      suffix=" %"
      data-testid={`rule-${key}`}
      value={v[key]}
      onChange={(x) => form.setField(key, x)}
    />
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">{t('salesRules.editHelp', { version: rule.version })}</Text>
        {(form.formError || (form.errors.config && rule.kind !== 'eligibility') || form.errors.subject) && (
          <Alert color="red" variant="light" data-testid="form-error">{form.formError ?? form.errors.subject ?? form.errors.config}</Alert>
        )}
        {rule.kind === 'eligibility' && (
          <MultiSelect
            label={t('salesRules.poolKinds')}
            description={t('salesRules.poolKindsHelp')}
            required
            data-testid="rule-pool-kinds"
            data={poolKindSchema.options.map((k) => ({ value: k, label: t(`enums.pool.${k}`) }))}
            value={v.poolKinds}
            onChange={(kinds) => {
              form.setField('poolKinds', kinds);
              form.setErrors((e) => ({ ...e, config: '' }));
            }}
            error={form.errors.config || undefined}
          />
        )}
        {rule.kind === 'incentive' && pct('ownerSharePct', t('salesRules.ownerShare'), t('salesRules.ownerShareHelp', { family: rule.subjectLabel }))}
        {rule.kind === 'attribution' && (
          <Grid gap="sm">
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <NumberInput
                label={t('salesRules.windowDays')}
                description={t('salesRules.windowDaysHelp')}
                min={1}
                max={730}
                clampBehavior="strict"
                allowDecimal={false}
                suffix={` ${t('salesRules.daysSuffix')}`}
                data-testid="rule-windowDays"
                value={v.windowDays}
                onChange={(x) => form.setField('windowDays', x)}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>{pct('initiatorSharePct', t('salesRules.initiatorShare'), t('salesRules.initiatorShareHelp'))}</Grid.Col>
          </Grid>
        )}
        {rule.kind === 'stage_probability' && (
          <Grid gap="sm">
            <Grid.Col span={4}>{pct('qualification', t('salesRules.stages.qualification'))}</Grid.Col>
            <Grid.Col span={4}>{pct('proposal', t('salesRules.stages.proposal'))}</Grid.Col>
            <Grid.Col span={4}>{pct('negotiation', t('salesRules.stages.negotiation'))}</Grid.Col>
          </Grid>
        )}
        <PublishFooter
          effectiveFrom={v.effectiveFrom}
          onEffectiveFrom={(x) => form.setField('effectiveFrom', x)}
          error={form.errors.effectiveFrom}
          publishing={publish.isPending}
          onClose={onClose}
          testIds={{ effective: 'rule-effective-from', submit: 'rule-save' }}
        />
      </Stack>
    </form>
  );
}
