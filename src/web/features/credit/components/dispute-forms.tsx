import { Alert, Button, Card, Group, NumberInput, Slider, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { IconArrowBackUp, IconGavel } from '@tabler/icons-react';
import { type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { appealDisputeBody, decideDisputeBody, type Dispute } from '../../../../contract/credit.ts';
import { ApiError } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';
import { useSchemaForm } from '../../../lib/use-schema-form.ts';
import { useAppealDispute } from '../api/use-appeal-dispute.ts';
import { useDecideDispute } from '../api/use-decide-dispute.ts';
import { formatPct } from './credit-format.ts';
import { showCreditRefusal, validateWith } from './credit-form.ts';

/** The arbiter awards 0 … the requested share and writes why, for both parties to read. */
/** On a version conflict the dispute changed under us (decided, appealed): reload it. */
function useReloadOnConflict(id: string) {
  const queryClient = useQueryClient();
  return (error: unknown) => {
    if (error instanceof ApiError && error.status === 409) void queryClient.invalidateQueries({ queryKey: queryKeys.disputes.detail(id) });
  };
}

export function DecideForm({ dispute }: { dispute: Dispute }) {
  const { t, i18n } = useTranslation();
  const reload = useReloadOnConflict(dispute.id);
  const lang = i18n.language;
  const decide = useDecideDispute();
  const form = useSchemaForm({ awardedPct: '' as number | string, justification: '' });
  const v = form.values;
  const appealRound = dispute.rulings.length > 0;
  const awarded = typeof v.awardedPct === 'number' ? v.awardedPct : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    const body = validateWith(
      form,
      decideDisputeBody,
      { version: dispute.version, awardedPct: awarded ?? undefined, justification: v.justification },
      { awardedPct: t('disputes.awardedInvalid', { max: formatPct(dispute.requestedPct, lang) }), justification: t('disputes.justificationTooShort') },
    );
    if (!body) return;
    if (body.awardedPct > dispute.requestedPct) {
      form.setErrors({ awardedPct: t('disputes.awardedInvalid', { max: formatPct(dispute.requestedPct, lang) }) });
      return;
    }
    decide.mutate(
      { id: dispute.id, body },
      {
        onSuccess: (d) => notifications.show({ color: 'teal', message: t('disputes.decided', { reference: d.reference }) }),
        onError: (error) => {
          showCreditRefusal(form, t, error, ['awardedPct', 'justification']);
          reload(error);
        },
      },
    );
  }

  return (
    <Card withBorder padding="lg" data-testid="decide-form" style={{ borderColor: 'var(--mantine-color-relais-4)' }}>
      <Group gap="xs" mb={4}>
        <IconGavel size={20} />
        <Title order={4}>{appealRound ? t('disputes.decideAppealTitle') : t('disputes.decideTitle')}</Title>
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        {t('disputes.decideHelp', { claimant: dispute.claimant.name, counterparty: dispute.counterparty.name, requested: formatPct(dispute.requestedPct, lang) })}
      </Text>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {form.formError && <Alert color="red" variant="light" data-testid="form-error">{form.formError}</Alert>}
          <NumberInput
            label={t('disputes.awarded')}
            description={t('disputes.awardedHelp', { max: formatPct(dispute.requestedPct, lang) })}
            required
            min={0}
            max={dispute.requestedPct}
            clampBehavior="strict"
            decimalScale={2}
            decimalSeparator={lang.startsWith('fr') ? ',' : '.'}
            suffix=" %"
            data-testid="decide-percent"
            value={v.awardedPct}
            onChange={(n) => form.setField('awardedPct', n)}
            error={form.errors.awardedPct}
          />
          <Slider
            aria-label={t('disputes.awarded')}
            min={0}
            max={dispute.requestedPct}
            step={Math.min(1, dispute.requestedPct)}
            value={awarded ?? 0}
            onChange={(n) => form.setField('awardedPct', Math.round(n * 100) / 100)}
            label={(n) => formatPct(n, lang)}
            marks={[{ value: 0, label: formatPct(0, lang) }, { value: dispute.requestedPct, label: formatPct(dispute.requestedPct, lang) }]}
            mb="md"
          />
          {awarded !== null && (
            <Text size="sm" data-testid="decide-preview">
              {awarded === 0
                ? t('disputes.previewNone', { counterparty: dispute.counterparty.name })
                : t('disputes.preview', { share: formatPct(awarded, lang), from: dispute.counterparty.name, to: dispute.claimant.name })}
            </Text>
          )}
          <Textarea
            label={t('disputes.justification')}
            description={t('disputes.justificationHelp')}
            required
            autosize
            minRows={4}
            maxLength={4000}
            data-testid="decide-justification"
            value={v.justification}
            onChange={(e) => form.setField('justification', e.currentTarget.value)}
            error={form.errors.justification}
          />
          <Group justify="flex-end">
            <Button type="submit" leftSection={<IconGavel size={16} />} loading={decide.isPending} data-testid="decide-submit">{t('disputes.decide')}</Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** A party who disagrees with the decision asks the next level to review it — once. */
export function AppealForm({ dispute }: { dispute: Dispute }) {
  const { t } = useTranslation();
  const reload = useReloadOnConflict(dispute.id);
  const appeal = useAppealDispute();
  const form = useSchemaForm({ reason: '' });

  function submit(event: FormEvent) {
    event.preventDefault();
    const body = validateWith(form, appealDisputeBody, { version: dispute.version, reason: form.values.reason }, { reason: t('disputes.appealTooShort') });
    if (!body) return;
    appeal.mutate(
      { id: dispute.id, body },
      {
        onSuccess: (d) => notifications.show({ color: 'teal', message: t('disputes.appealed', { reference: d.reference, arbiter: d.arbiter.name }) }),
        onError: (error) => {
          showCreditRefusal(form, t, error, ['reason']);
          reload(error);
        },
      },
    );
  }

  return (
    <Card withBorder padding="lg" data-testid="appeal-form">
      <Group gap="xs" mb={4}>
        <IconArrowBackUp size={20} />
        <Title order={4}>{t('disputes.appealTitle')}</Title>
      </Group>
      <Text size="sm" c="dimmed" mb="md">{t('disputes.appealHelp', { level: t(`disputes.levelAbove.${dispute.arbiterLevel}`) })}</Text>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {form.formError && <Alert color="red" variant="light" data-testid="form-error">{form.formError}</Alert>}
          <Textarea
            label={t('disputes.appealReason')}
            required
            autosize
            minRows={3}
            maxLength={4000}
            data-testid="appeal-reason"
            value={form.values.reason}
            onChange={(e) => form.setField('reason', e.currentTarget.value)}
            error={form.errors.reason}
          />
          <Group justify="flex-end">
            <Button type="submit" variant="light" leftSection={<IconArrowBackUp size={16} />} loading={appeal.isPending} data-testid="appeal-submit">{t('disputes.appeal')}</Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
