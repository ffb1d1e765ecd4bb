import { Alert, Button, Group, Modal, NumberInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lead } from '../../../../contract/leads.ts';
import { useConvertLead } from '../api/use-convert-lead.ts';
import { errorText } from '../../../lib/errors.ts';

/** Turns a lead into a deal (stage qualification); the amount is optional and starts from the estimate. */
export function ConvertLeadModal({ lead, onClose, onDone }: { lead: Lead | null; onClose: () => void; onDone?: (lead: Lead) => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={lead !== null} onClose={onClose} title={t('triage.convertTitle')} data-testid="convert-modal">
      {lead && <ConvertForm lead={lead} onClose={onClose} onDone={onDone} />}
    </Modal>
  );
}

function ConvertForm({ lead, onClose, onDone }: { lead: Lead; onClose: () => void; onDone?: (lead: Lead) => void }) {
  const { t } = useTranslation();
  const [amount, setAmount] = useState<number | string>(lead.estimatedValueCents !== null ? lead.estimatedValueCents / 100 : '');
  const [error, setError] = useState<string | null>(null);
  const convert = useConvertLead();

  function submit(event: FormEvent) {
    event.preventDefault();
    convert.mutate(
      { id: lead.id, body: { version: lead.version, amountCents: typeof amount === 'number' ? Math.round(amount * 100) : null } },
      {
        onSuccess: (updated) => {
          notifications.show({ color: 'teal', message: t('triage.converted') });
          onDone?.(updated);
          onClose();
        },
        onError: (err) => setError(errorText(t, err)),
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">{t('triage.convertHelp', { product: lead.productName, account: lead.accountName })}</Text>
        {error && <Alert color="red" variant="light" data-testid="form-error">{error}</Alert>}
        <NumberInput label={t('triage.amount')} min={0} decimalScale={0} suffix=" €" thousandSeparator=" " data-autofocus data-testid="convert-amount" value={amount} onChange={setAmount} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" color="grape" loading={convert.isPending} data-testid="convert-submit">{t('triage.convert')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
