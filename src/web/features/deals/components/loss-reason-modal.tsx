import { Alert, Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { IconThumbDown } from '@tabler/icons-react';
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LOSS_REASONS, moveDealBody, type Deal } from '../../../../contract/deals.ts';
import { ApiError } from '../../../lib/api-client.ts';
import { useMoveDeal } from '../api/use-move-deal.ts';
import { dealErrorText } from '../deal-errors.ts';
import type { MovableDeal } from '../deal-stage.ts';

/** Losing a deal says why (one reason from the list) and, if the rep wants, what happened. */
export function LossReasonModal({ deal, onClose, onDone }: { deal: MovableDeal | null; onClose: () => void; onDone: (before: MovableDeal, after: Deal) => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={deal !== null} onClose={onClose} title={t('deals.loss.title')} data-testid="loss-modal">
      {deal && <LossForm deal={deal} onClose={onClose} onDone={onDone} />}
    </Modal>
  );
}

function LossForm({ deal, onClose, onDone }: { deal: MovableDeal; onClose: () => void; onDone: (before: MovableDeal, after: Deal) => void }) {
  const { t } = useTranslation();
  const move = useMoveDeal();
  const [reason, setReason] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [noteError, setNoteError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);

  function submit(event?: FormEvent) {
    event?.preventDefault();
    const parsed = moveDealBody.safeParse({ version: deal.version, stage: 'lost', lossReason: reason ?? undefined, lossNote: note.trim() || undefined });
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => String(i.path[0] ?? ''));
      setReasonError(fields.includes('lossReason') ? t('deals.loss.reasonRequired') : null);
      setNoteError(fields.includes('lossNote') ? t('errors.validation.too_big') : null);
      return;
    }
    move.mutate(
      { id: deal.id, body: parsed.data },
      {
        onSuccess: (updated) => {
          onDone(deal, updated);
          onClose();
        },
        onError: (error) => {
          if (error instanceof ApiError && error.field === 'lossReason') setReasonError(t('deals.loss.reasonRequired'));
          else if (error instanceof ApiError && error.field === 'lossNote') setNoteError(dealErrorText(t, error));
          else setFormError(dealErrorText(t, error));
        },
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
        <Text size="sm" c="dimmed">{t('deals.loss.help', { title: deal.title, account: deal.accountName })}</Text>
        {formError && <Alert color="red" variant="light" data-testid="form-error">{formError}</Alert>}
        <Select
          label={t('deals.loss.reason')}
          placeholder={t('deals.loss.reasonPlaceholder')}
          required
          data-autofocus
          data-testid="loss-reason-select"
          data={LOSS_REASONS.map((r) => ({ value: r, label: t(`deals.lossReasons.${r}`) }))}
          value={reason}
          onChange={(r) => { setReason(r); setReasonError(null); }}
          error={reasonError}
          comboboxProps={{ withinPortal: true }}
        />
        <Textarea
          label={t('deals.loss.note')}
          description={t('deals.loss.noteHelp')}
          placeholder={t('deals.loss.notePlaceholder')}
          autosize
          minRows={3}
          maxRows={8}
          maxLength={2000}
          data-testid="loss-note"
          value={note}
          onChange={(e) => { setNote(e.currentTarget.value); setNoteError(null); }}
          error={noteError}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" color="red" leftSection={<IconThumbDown size={16} />} loading={move.isPending} data-testid="loss-submit">{t('deals.loss.submit')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
