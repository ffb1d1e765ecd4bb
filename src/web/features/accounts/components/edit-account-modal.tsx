import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { IconAlertCircle, IconRefresh } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { updateAccountBody, type Account } from '../../../../contract/accounts.ts';
import { ApiError } from '../../../lib/api-client.ts';
import { translateError } from '../../../lib/errors.ts';
import { queryKeys } from '../../../lib/query-keys.ts';
import { useSchemaForm } from '../../../lib/use-schema-form.ts';
import { useUpdateAccount } from '../api/use-update-account.ts';
import { AccountFields, type Option } from './account-fields.tsx';
import { ACCOUNT_FORM_FIELDS, accountToValues, changedBody } from './account-form-values.ts';

export function EditAccountModal({ account, opened, onClose, agencies, owners }: { account: Account; opened: boolean; onClose: () => void; agencies: Option[]; owners: Option[] }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('account.editTitle', { name: account.name })} size="xl" data-testid="edit-account-modal">
      {opened && <EditAccountBody account={account} onClose={onClose} agencies={agencies} owners={owners} />}
    </Modal>
  );
}

function EditAccountBody({ account, onClose, agencies, owners }: { account: Account; onClose: () => void; agencies: Option[]; owners: Option[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useSchemaForm(accountToValues(account));
  const update = useUpdateAccount();
  const [conflict, setConflict] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    setConflict(null);
    const changes = changedBody(form.values, account);
    if (Object.keys(changes).length === 0) return onClose();
    const body = form.validate(updateAccountBody, { version: account.version, ...changes });
    if (!body) return;
    update.mutate(
      { id: account.id, body },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('account.saved') });
          onClose();
        },
        onError: (error) => {
          if (error instanceof ApiError && error.code === 'account.version_conflict') {
            setConflict(translateError(t, error.code, error.message));
            return;
          }
          form.applyError(error, ACCOUNT_FORM_FIELDS);
        },
      },
    );
  }

  async function reload() {
    await queryClient.invalidateQueries({ queryKey: queryKeys.accounts.detail(account.id) });
    onClose();
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        {conflict && (
          <Alert color="orange" variant="light" icon={<IconAlertCircle size={18} />} title={t('account.conflictTitle')} data-testid="version-conflict">
            <Stack gap="xs" align="flex-start">
              <span>{conflict}</span>
              <Button size="xs" variant="white" color="orange" leftSection={<IconRefresh size={14} />} onClick={reload} data-testid="reload-account">
                {t('account.reload')}
              </Button>
            </Stack>
          </Alert>
        )}
        {form.formError && <Alert color="red" variant="light" data-testid="form-error">{form.formError}</Alert>}
        <AccountFields values={form.values} errors={form.errors} setField={form.setField} agencies={agencies} owners={owners} excludeId={account.id} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" loading={update.isPending} data-testid="account-save">{t('common.save')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
