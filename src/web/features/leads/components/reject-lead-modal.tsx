import { Alert, Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { REJECT_REASONS, rejectLeadBody, type Lead } from '../../../../contract/leads.ts';
import { useSchemaForm } from '../../../lib/use-schema-form.ts';
import { useRejectLead } from '../api/use-reject-lead.ts';

/** Rejecting needs a reason from the list and a note the person who relayed the lead will read. */
export function RejectLeadModal({ lead, onClose, onDone }: { lead: Lead | null; onClose: () => void; onDone?: (lead: Lead) => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={lead !== null} onClose={onClose} title={t('triage.rejectTitle')} data-testid="reject-modal">
      {lead && <RejectForm lead={lead} onClose={onClose} onDone={onDone} />}
    </Modal>
  );
}

function RejectForm({ lead, onClose, onDone }: { lead: Lead; onClose: () => void; onDone?: (lead: Lead) => void }) {
  const { t } = useTranslation();
  const form = useSchemaForm({ reason: null as string | null, note: '' });
  const reject = useRejectLead();
  const reasonRef = useRef<HTMLInputElement>(null);
  useEffect(() => reasonRef.current?.focus(), []);

  function submit(event?: FormEvent) {
    event?.preventDefault();
    const body = form.validate(rejectLeadBody, { version: lead.version, reason: form.values.reason ?? undefined, note: form.values.note });
    if (!body) return;
    reject.mutate(
      { id: lead.id, body },
      {
        onSuccess: (updated) => {
          notifications.show({ color: 'teal', message: t('triage.rejected', { name: updated.initiatorName ?? '—' }) });
          onDone?.(updated);
          onClose();
        },
        onError: (error) => form.applyError(error, ['reason', 'note']),
      },
    );
  }

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  }

  return (
    <form onSubmit={submit} onKeyDown={onKeyDown} noValidate>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">{t('triage.rejectHelp', { product: lead.productName, account: lead.accountName, name: lead.initiatorName ?? '—' })}</Text>
        {form.formError && <Alert color="red" variant="light" data-testid="form-error">{form.formError}</Alert>}
        <Select
          ref={reasonRef}
          label={t('triage.reason')}
          required
          data-testid="reject-reason"
          data={REJECT_REASONS.map((r) => ({ value: r, label: t(`enums.rejectReason.${r}`) }))}
          value={form.values.reason}
          onChange={(r) => form.setField('reason', r)}
          error={form.errors.reason}
        />
        <Textarea label={t('triage.note')} description={t('triage.noteHelp')} required autosize minRows={3} data-testid="reject-note" value={form.values.note} onChange={(e) => form.setField('note', e.currentTarget.value)} error={form.errors.note} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" color="red" loading={reject.isPending} data-testid="reject-submit">{t('triage.reject')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
