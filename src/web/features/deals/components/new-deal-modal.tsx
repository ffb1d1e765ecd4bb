import { Alert, Button, Grid, Group, Modal, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBriefcase } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createDealBody, type Deal } from '../../../../contract/deals.ts';
import { useProducts } from '../../catalog/api/get-products.ts';
import { AccountPicker } from '../../rules/components/account-picker.tsx';
import { useCreateDeal } from '../api/use-create-deal.ts';
import { apiDealErrors, emptyLine, lineInput, noErrors, zodDealErrors, type DealFormErrors, type LineDraft } from '../deal-form.ts';
import { DealLinesEditor } from './deal-lines-editor.tsx';

type AccountRef = { id: string; name: string };

interface Props {
  opened: boolean;
  onClose: () => void;
  /** Fixed when opened from an account; otherwise the rep picks one. */
  account?: AccountRef | null;
  onCreated?: (deal: Deal) => void;
}

/** Opens a deal in qualification: customer, title, expected close and at least one product line. */
export function NewDealModal({ opened, onClose, account, onCreated }: Props) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={account ? t('deals.form.newTitleOn', { name: account.name }) : t('deals.form.newTitle')}
      size="xl"
      data-testid="new-deal-modal"
    >
      {opened && <NewDealForm fixedAccount={account ?? null} onClose={onClose} onCreated={onCreated} />}
    </Modal>
  );
}

const KNOWN = ['accountId', 'title', 'expectedClose', 'lines'];

function NewDealForm({ fixedAccount, onClose, onCreated }: { fixedAccount: AccountRef | null; onClose: () => void; onCreated?: (deal: Deal) => void }) {
  const { t } = useTranslation();
  const products = useProducts();
  const create = useCreateDeal();
  const [account, setAccount] = useState<AccountRef | null>(fixedAccount);
  const [title, setTitle] = useState('');
  const [titleTouched, setTitleTouched] = useState(false);
  const [expectedClose, setExpectedClose] = useState('');
  const [lines, setLines] = useState<LineDraft[]>(() => [emptyLine()]);
  const [errors, setErrors] = useState<DealFormErrors>(noErrors);

  const clearField = (field: string) => setErrors((e) => (e.fields[field] ? { ...e, fields: { ...e.fields, [field]: '' } } : e));

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = createDealBody.safeParse({
      accountId: account?.id ?? '',
      title,
      expectedClose: expectedClose || null,
      lines: lines.map(lineInput),
    });
    if (!parsed.success) {
      setErrors(zodDealErrors(t, parsed.error, KNOWN));
      return;
    }
    setErrors(noErrors);
    create.mutate(parsed.data, {
      onSuccess: (deal) => {
        notifications.show({ color: 'teal', message: t('deals.form.created', { title: deal.title }) });
        onCreated?.(deal);
        onClose();
      },
      onError: (error) => setErrors(apiDealErrors(t, error, KNOWN)),
    });
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {errors.form && <Alert color="red" variant="light" data-testid="form-error">{errors.form}</Alert>}
        <Grid gap="sm">
          {!fixedAccount && (
            <Grid.Col span={12}>
              <AccountPicker
                value={account}
                onChange={(a) => { setAccount(a); clearField('accountId'); }}
                error={errors.fields.accountId || undefined}
                testId="new-deal-account"
              />
            </Grid.Col>
          )}
          <Grid.Col span={{ base: 12, sm: 8 }}>
            <TextInput
              label={t('deals.form.title')}
              placeholder={t('deals.form.titlePlaceholder')}
              required
              maxLength={200}
              data-autofocus={fixedAccount ? true : undefined}
              value={title}
              onChange={(e) => { setTitle(e.currentTarget.value); setTitleTouched(true); clearField('title'); }}
              error={errors.fields.title || undefined}
              data-testid="new-deal-title"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput
              type="date"
              label={t('deals.form.expectedClose')}
              description={t('deals.form.expectedCloseHelp')}
              value={expectedClose}
              onChange={(e) => { setExpectedClose(e.currentTarget.value); clearField('expectedClose'); }}
              error={errors.fields.expectedClose || undefined}
              data-testid="new-deal-expected-close"
              inputWrapperOrder={['label', 'input', 'description', 'error']}
            />
          </Grid.Col>
        </Grid>
        <DealLinesEditor
          lines={lines}
          onChange={(next) => { setLines(next); setErrors((e) => ({ ...e, lines: {}, fields: { ...e.fields, lines: '' } })); }}
          products={products.data?.items ?? []}
          productsLoading={products.isPending}
          errors={errors.lines}
          listError={errors.fields.lines || undefined}
          onFirstProduct={(p) => { if (!titleTouched) setTitle(p.name); }}
        />
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" leftSection={<IconBriefcase size={16} />} loading={create.isPending} data-testid="new-deal-submit">{t('deals.form.submit')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
