import { Alert, Button, Group, Modal, NumberInput, Select, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconGavel } from '@tabler/icons-react';
import { type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fileDisputeBody, type DealCredits } from '../../../../contract/credit.ts';
import { useSchemaForm } from '../../../lib/use-schema-form.ts';
import { useFileDispute } from '../api/use-file-dispute.ts';
import { formatPct } from './credit-format.ts';
import { showCreditRefusal, validateWith } from './credit-form.ts';

type Line = DealCredits['lines'][number];

/** Contest a line's credit: who holds what should be mine, how much of the line, and why. */
export function FileDisputeModal({ dealId, line, meId, onClose }: { dealId: string; line: Line | null; meId: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={line !== null} onClose={onClose} title={t('disputes.fileTitle')} size="lg" data-testid="dispute-modal">
      {line && <FileDisputeForm dealId={dealId} line={line} meId={meId} onClose={onClose} />}
    </Modal>
  );
}

function FileDisputeForm({ dealId, line, meId, onClose }: { dealId: string; line: Line; meId: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const others = line.net.filter((n) => n.userId !== meId && n.sharePct > 0);
  const form = useSchemaForm({ counterpartyId: others.length === 1 ? others[0]!.userId : (null as string | null), requestedPct: '' as number | string, claim: '' });
  const file = useFileDispute();
  const v = form.values;
  const counterparty = others.find((o) => o.userId === v.counterpartyId) ?? null;
  const mine = line.net.find((n) => n.userId === meId);

  function submit(event: FormEvent) {
    event.preventDefault();
    const body = validateWith(
      form,
      fileDisputeBody,
      { counterpartyId: v.counterpartyId ?? undefined, requestedPct: typeof v.requestedPct === 'number' ? v.requestedPct : undefined, claim: v.claim },
      { counterpartyId: t('disputes.pickCounterparty'), requestedPct: t('disputes.requestedInvalid'), claim: t('disputes.claimTooShort') },
    );
    if (!body) return;
    if (counterparty && body.requestedPct > counterparty.sharePct) {
      form.setErrors({ requestedPct: t('disputes.overShare', { name: counterparty.userName, share: formatPct(counterparty.sharePct, lang) }) });
      return;
    }
    file.mutate(
      { dealId, lineId: line.lineId, body },
      {
        onSuccess: (d) => {
          notifications.show({ color: 'teal', title: t('disputes.filed', { reference: d.reference }), message: t('disputes.filedHelp', { arbiter: d.arbiter.name }) });
          onClose();
        },
        onError: (error) => showCreditRefusal(form, t, error, ['counterpartyId', 'requestedPct', 'claim']),
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('disputes.fileHelp', { product: line.productName, share: formatPct(mine?.sharePct ?? 0, lang) })}
        </Text>
        {form.formError && <Alert color="red" variant="light" data-testid="form-error">{form.formError}</Alert>}
        <Select
          label={t('disputes.counterparty')}
          description={t('disputes.counterpartyHelp')}
          required
          allowDeselect={false}
          data-testid="dispute-counterparty"
          data={others.map((o) => ({ value: o.userId, label: `${o.userName} — ${formatPct(o.sharePct, lang)}` }))}
          value={v.counterpartyId}
          onChange={(id) => form.setField('counterpartyId', id)}
          error={form.errors.counterpartyId}
        />
        <NumberInput
          label={t('disputes.requested')}
          description={counterparty ? t('disputes.requestedHelp', { name: counterparty.userName, share: formatPct(counterparty.sharePct, lang) }) : t('disputes.requestedHelpNone')}
          required
          min={0.01}
          max={counterparty?.sharePct ?? 100}
          step={1}
          decimalScale={2}
          decimalSeparator={lang.startsWith('fr') ? ',' : '.'}
          suffix=" %"
          data-testid="dispute-percent"
          value={v.requestedPct}
          onChange={(n) => form.setField('requestedPct', n)}
          error={form.errors.requestedPct}
        />
        <Textarea
          label={t('disputes.claim')}
          description={t('disputes.claimHelp')}
          required
          autosize
          minRows={4}
          maxLength={4000}
          data-testid="dispute-claim"
          value={v.claim}
          onChange={(e) => form.setField('claim', e.currentTarget.value)}
          error={form.errors.claim}
        />
        <Text size="xs" c="dimmed">{t('disputes.fileVisibility')}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" leftSection={<IconGavel size={16} />} loading={file.isPending} data-testid="dispute-submit">{t('disputes.submit')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
