import { Alert, Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowsExchange } from '@tabler/icons-react';
import { useMemo, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { transferCaseBody, type CaseListItem } from '../../../../contract/cases.ts';
import { useSchemaForm } from '../../../lib/use-schema-form.ts';
import { useCasePools } from '../api/get-case-pools.ts';
import { useTransferCase } from '../api/use-transfer-case.ts';
import { showCaseRefusal, validateWith } from '../case-form.ts';

// The receiving pool reads the reason: it is required (the server says so with 400 case.transfer_reason_required).
const transferBody = transferCaseBody.extend({ reason: z.string().trim().min(1).max(2000) });

/** Sending a case to another back-office pool, with the reason the receiving side will read. */
export function TransferCaseModal({ c, opened, onClose }: { c: CaseListItem; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('cases.transfer.title', { reference: c.reference })} size="lg">
      {opened && <TransferForm c={c} onClose={onClose} />}
    </Modal>
  );
}

function TransferForm({ c, onClose }: { c: CaseListItem; onClose: () => void }) {
  const { t } = useTranslation();
  const pools = useCasePools(c.id);
  const transfer = useTransferCase();
  const form = useSchemaForm({ poolId: null as string | null, reason: '' });
  const options = useMemo(() => {
    const groups = new Map<string, Array<{ value: string; label: string }>>();
    for (const p of pools.data?.items ?? []) {
      if (p.id === c.pool.id) continue;
      const group = t(`cases.transfer.scope.${p.scope}`);
      const where = p.scope === 'agency' ? p.agency : p.scope === 'region' ? p.region : null;
      const list = groups.get(group) ?? [];
      list.push({ value: p.id, label: where && !p.name.includes(where) ? `${p.name} (${where})` : p.name });
      groups.set(group, list);
    }
    return [...groups.entries()].map(([group, items]) => ({ group, items }));
  }, [pools.data, c.pool.id, t]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const body = validateWith(
      form,
      transferBody,
      { version: c.version, poolId: form.values.poolId ?? '', reason: form.values.reason },
      { poolId: t('cases.transfer.poolRequired'), reason: t('cases.transfer.reasonRequired') },
    );
    if (!body) return;
    transfer.mutate(
      { id: c.id, body },
      {
        onSuccess: (u) => {
          notifications.show({ color: 'teal', message: t('cases.transfer.done', { reference: u.reference, pool: u.pool.name }) });
          onClose();
        },
        onError: (error) => showCaseRefusal(form, t, error, ['poolId', 'reason']),
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate data-testid="case-transfer-form">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">{t('cases.transfer.help', { pool: c.pool.name })}</Text>
        {form.formError && <Alert color="red" variant="light" data-testid="form-error">{form.formError}</Alert>}
        <Select
          label={t('cases.transfer.pool')}
          placeholder={pools.isPending ? t('common.loading') : t('cases.transfer.poolPlaceholder')}
          required
          searchable
          data={options}
          value={form.values.poolId}
          onChange={(v) => form.setField('poolId', v)}
          error={form.errors.poolId ?? (pools.isError ? t('cases.transfer.poolsUnavailable') : undefined)}
          nothingFoundMessage={t('common.nothingFound')}
          comboboxProps={{ withinPortal: true }}
          data-testid="case-transfer-pool"
        />
        <Textarea
          label={t('cases.transfer.reason')}
          description={t('cases.transfer.reasonHelp')}
          placeholder={t('cases.transfer.reasonPlaceholder')}
          required
          autosize
          minRows={3}
          maxLength={2000}
          value={form.values.reason}
          onChange={(e) => form.setField('reason', e.currentTarget.value)}
          error={form.errors.reason}
          data-testid="case-transfer-reason"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" leftSection={<IconArrowsExchange size={16} />} loading={transfer.isPending} data-testid="case-transfer-submit">{t('cases.transfer.submit')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
