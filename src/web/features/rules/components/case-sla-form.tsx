import { Alert, Badge, Grid, Modal, NumberInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { setCaseRuleBody, type CasePriority } from '../../../../contract/cases.ts';
import { parisLocalToIso } from '../../../lib/format.ts';
import { useSchemaForm } from '../../../lib/use-schema-form.ts';
import type { CaseRules } from '../api/get-case-rules.ts';
import { useSetCaseRule } from '../api/use-set-case-rule.ts';
import { PublishFooter } from './rule-parts.tsx';
import {
  businessDuration,
  clearedAt,
  errorAt,
  hoursToMinutes,
  minutesToHours,
  PRIORITIES_URGENT_FIRST,
  priorityColor,
  showCaseRuleRefusal,
  zodPathErrors,
} from './case-rule-format.ts';

type Budget = 'firstResponse' | 'resolution';
type Hours = Record<CasePriority, Record<Budget, number | string>>;

/** Admins publish a new SLA rule: it applies to the cases opened from its effective date (running ones keep theirs). */
export function CaseSlaModal({ opened, rules, dayMinutes, onClose }: { opened: boolean; rules: CaseRules; dayMinutes: number; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} size="lg" title={t('caseRules.edit.sla')} data-testid="case-sla-modal">
      {opened && <CaseSlaForm rules={rules} dayMinutes={dayMinutes} onClose={onClose} />}
    </Modal>
  );
}

function CaseSlaForm({ rules, dayMinutes, onClose }: { rules: CaseRules; dayMinutes: number; onClose: () => void }) {
  const { t } = useTranslation();
  const publish = useSetCaseRule();
  const c = rules.sla.config;
  const form = useSchemaForm({
    hours: Object.fromEntries(
      PRIORITIES_URGENT_FIRST.map((p) => [p, { firstResponse: minutesToHours(c.byPriority[p].firstResponseMinutes), resolution: minutesToHours(c.byPriority[p].resolutionMinutes) }]),
    ) as Hours,
    warnPercent: Math.round(c.warnRatio * 100) as number | string,
    reopenDays: c.reopenDays as number | string,
    effectiveFrom: '',
  });
  const v = form.values;
  const clear = (path: string) => form.setErrors((e) => clearedAt(e, path));
  const placed = (path: string) => /^(byPriority\.(low|normal|high|critical)\.(firstResponseMinutes|resolutionMinutes)|warnRatio|reopenDays|effectiveFrom)$/.test(path);

  /** Our words for what the contract refuses in this form. */
  const words = (path: string) =>
    path.startsWith('byPriority.') ? t('caseRules.form.budgetInvalid') : path === 'warnRatio' ? t('caseRules.form.warnInvalid') : path === 'reopenDays' ? t('caseRules.form.reopenInvalid') : undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    const n = (x: number | string) => (x === '' ? Number.NaN : Number(x));
    const input = {
      kind: 'sla',
      config: {
        byPriority: Object.fromEntries(PRIORITIES_URGENT_FIRST.map((p) => [p, { firstResponseMinutes: hoursToMinutes(v.hours[p].firstResponse), resolutionMinutes: hoursToMinutes(v.hours[p].resolution) }])),
        warnRatio: n(v.warnPercent) / 100,
        reopenDays: n(v.reopenDays),
      },
      effectiveFrom: v.effectiveFrom ? parisLocalToIso(v.effectiveFrom) : undefined,
    };
    const parsed = setCaseRuleBody.safeParse(input);
    if (!parsed.success) {
      const errors = zodPathErrors(t, parsed.error, words);
      form.setErrors(errors);
      form.setFormError(Object.keys(errors).some(placed) ? null : (Object.values(errors)[0] ?? null));
      return;
    }
    form.setErrors({});
    form.setFormError(null);
    publish.mutate(parsed.data, {
      onSuccess: (saved) => {
        notifications.show({ color: 'teal', message: t('caseRules.published.sla', { version: saved.sla.version }) });
        onClose();
      },
      onError: (error) => showCaseRuleRefusal(form, t, error, placed),
    });
  }

  const budget = (p: CasePriority, b: Budget) => {
    const path = `byPriority.${p}.${b}Minutes`;
    const value = v.hours[p][b];
    const minutes = hoursToMinutes(value);
    return (
      <NumberInput
        label={t(`caseRules.${b}`)}
        description={Number.isFinite(minutes) && minutes > 0 ? `= ${businessDuration(t, minutes, dayMinutes)}` : ' '}
        min={0}
        max={24 * 365}
        step={0.5}
        decimalScale={2}
        suffix=" h"
        data-testid={`case-sla-${p}-${b === 'firstResponse' ? 'first-response' : 'resolution'}`}
        value={value}
        onChange={(x) => {
          form.setField('hours', { ...v.hours, [p]: { ...v.hours[p], [b]: x } });
          clear(path);
        }}
        error={errorAt(form.errors, path)}
      />
    );
  };

  const fieldErrors = Object.keys(form.errors).some(placed);
  return (
    <form onSubmit={submit} noValidate data-testid="case-sla-form">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">{t('caseRules.form.slaHelp', { version: rules.sla.version, day: minutesToHours(dayMinutes) })}</Text>
        {(form.formError || fieldErrors) && (
          <Alert color="red" variant="light" data-testid="case-sla-form-error">{form.formError ?? t('caseRules.form.fixFields')}</Alert>
        )}
        <Text size="sm" fw={500}>{t('caseRules.form.budgetsHours')}</Text>
        {PRIORITIES_URGENT_FIRST.map((p) => (
          <Grid key={p} gap="sm" align="flex-start" data-testid={`case-sla-priority-${p}`}>
            <Grid.Col span={{ base: 12, sm: 2 }} pt={{ sm: 34 }}>
              <Badge variant="light" color={priorityColor[p]} style={{ minWidth: 'max-content' }}>{t(`caseRules.priorities.${p}`)}</Badge>
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 5 }}>{budget(p, 'firstResponse')}</Grid.Col>
            <Grid.Col span={{ base: 6, sm: 5 }}>{budget(p, 'resolution')}</Grid.Col>
          </Grid>
        ))}
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <NumberInput
              label={t('caseRules.warn')}
              description={t('caseRules.form.warnHelp')}
              min={1}
              max={99}
              allowDecimal={false}
              suffix=" %"
              data-testid="case-sla-warn"
              value={v.warnPercent}
              onChange={(x) => { form.setField('warnPercent', x); clear('warnRatio'); }}
              error={form.errors.warnRatio}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <NumberInput
              label={t('caseRules.reopen')}
              description={t('caseRules.form.reopenHelp')}
              min={0}
              max={365}
              allowDecimal={false}
              suffix={` ${t('caseRules.form.daysSuffix')}`}
              data-testid="case-sla-reopen"
              value={v.reopenDays}
              onChange={(x) => { form.setField('reopenDays', x); clear('reopenDays'); }}
              error={form.errors.reopenDays}
            />
          </Grid.Col>
        </Grid>
        <PublishFooter
          effectiveFrom={v.effectiveFrom}
          onEffectiveFrom={(x) => { form.setField('effectiveFrom', x); clear('effectiveFrom'); }}
          error={form.errors.effectiveFrom}
          publishing={publish.isPending}
          onClose={onClose}
          testIds={{ effective: 'case-sla-effective', submit: 'case-sla-submit' }}
        />
      </Stack>
    </form>
  );
}
