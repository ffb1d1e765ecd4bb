import { Alert, Button, Grid, Group, Modal, NumberInput, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { IconDeviceFloppy, IconRefresh } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { updateDealBody, type Deal } from '../../../../contract/deals.ts';
import { ApiError } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';
import { useProducts } from '../../catalog/api/get-products.ts';
import { useUpdateDeal } from '../api/use-update-deal.ts';
import { apiDealErrors, lineDraftOf, lineInput, noErrors, zodDealErrors, type DealFormErrors, type LineDraft } from '../deal-form.ts';
import { DealLinesEditor } from './deal-lines-editor.tsx';

/** Title, expected close, probability and lines of a deal; only what changed is sent, with the version read. */
export function EditDealModal({ deal, opened, onClose }: { deal: Deal; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('deals.edit.title')} size="xl" data-testid="edit-deal-modal">
      {opened && <EditDealForm deal={deal} onClose={onClose} />}
    </Modal>
  );
}

const KNOWN = ['title', 'expectedClose', 'probability', 'lines'];

const sameLines = (a: ReturnType<typeof lineInput>[], deal: Deal) =>
  a.length === deal.lines.length &&
  a.every((l, i) => {
    const d = deal.lines[i]!;
    return l.productId === d.productId && l.quantity === d.quantity && (l.unitPriceCents ?? null) === d.unitPriceCents && (l.discountPct ?? 0) === d.discountPct;
  });

function EditDealForm({ deal, onClose }: { deal: Deal; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const products = useProducts();
  const update = useUpdateDeal();
  const [title, setTitle] = useState(deal.title);
  const [expectedClose, setExpectedClose] = useState(deal.expectedClose ?? '');
  const [probability, setProbability] = useState<number | string>(deal.probability);
  const [lines, setLines] = useState<LineDraft[]>(() => deal.lines.map(lineDraftOf));
  const [errors, setErrors] = useState<DealFormErrors>(noErrors);
  const [conflict, setConflict] = useState(false);

  const clearField = (field: string) => setErrors((e) => (e.fields[field] ? { ...e, fields: { ...e.fields, [field]: '' } } : e));

  function submit(event: FormEvent) {
    event.preventDefault();
    const lineInputs = lines.map(lineInput);
    const candidate = {
      version: deal.version,
      ...(title.trim() !== deal.title && { title }),
      ...((expectedClose || null) !== deal.expectedClose && { expectedClose: expectedClose || null }),
      ...(probability !== deal.probability && { probability: typeof probability === 'number' ? probability : undefined }),
      ...(!sameLines(lineInputs, deal) && { lines: lineInputs }),
    };
    // An emptied probability is a mistake to point at, not a change to skip.
    if (probability === '') {
      setErrors({ ...noErrors, fields: { probability: t('errors.validation.invalid_type') } });
      return;
    }
    const parsed = updateDealBody.safeParse(candidate);
    if (!parsed.success) {
      setErrors(zodDealErrors(t, parsed.error, KNOWN));
      return;
    }
    if (Object.keys(parsed.data).length === 1) {
      notifications.show({ color: 'gray', message: t('deals.edit.nothingChanged') });
      onClose();
      return;
    }
    setErrors(noErrors);
    update.mutate(
      { id: deal.id, body: parsed.data },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('deals.edit.saved') });
          onClose();
        },
        onError: (error) => {
          if (error instanceof ApiError && error.code === 'deal.version_conflict') setConflict(true);
          setErrors(apiDealErrors(t, error, KNOWN));
        },
      },
    );
  }

  function reload() {
    void queryClient.invalidateQueries({ queryKey: queryKeys.deals.detail(deal.id) });
    onClose();
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {errors.form && (
          <Alert color={conflict ? 'orange' : 'red'} variant="light" data-testid="form-error">
            <Stack gap="xs" align="flex-start">
              {errors.form}
              {conflict && <Button size="xs" variant="white" color="orange" leftSection={<IconRefresh size={14} />} onClick={reload} data-testid="deal-reload">{t('deals.edit.reload')}</Button>}
            </Stack>
          </Alert>
        )}
        <Grid gap="sm">
          <Grid.Col span={12}>
            <TextInput label={t('deals.form.title')} required maxLength={200} data-autofocus value={title} onChange={(e) => { setTitle(e.currentTarget.value); clearField('title'); }} error={errors.fields.title || undefined} data-testid="edit-deal-title" />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput type="date" label={t('deals.form.expectedClose')} value={expectedClose} onChange={(e) => { setExpectedClose(e.currentTarget.value); clearField('expectedClose'); }} error={errors.fields.expectedClose || undefined} data-testid="edit-deal-expected-close" />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <NumberInput
              label={t('deals.edit.probability')}
              description={t('deals.edit.probabilityHelp')}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              min={0}
              max={100}
              allowDecimal={false}
              allowNegative={false}
              clampBehavior="strict"
              suffix=" %"
              value={probability}
              onChange={(v) => { setProbability(v); clearField('probability'); }}
              error={errors.fields.probability || undefined}
              data-testid="edit-deal-probability"
            />
          </Grid.Col>
        </Grid>
        <DealLinesEditor
          lines={lines}
          onChange={(next) => { setLines(next); setErrors((e) => ({ ...e, lines: {}, fields: { ...e.fields, lines: '' } })); }}
          products={products.data?.items ?? []}
          productsLoading={products.isPending}
          extraProducts={deal.lines.map((l) => ({ id: l.productId, name: l.productName }))}
          errors={errors.lines}
          listError={errors.fields.lines || undefined}
        />
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" leftSection={<IconDeviceFloppy size={16} />} loading={update.isPending} data-testid="edit-deal-submit">{t('common.save')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
