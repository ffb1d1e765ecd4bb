import { Alert, Button, Card, Group, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconDeviceFloppy } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { createAccountBody, type DuplicateCandidate } from '../../../../contract/accounts.ts';
import { ApiError } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';
import { useSchemaForm } from '../../../lib/use-schema-form.ts';
import { useDuplicateCheck } from '../api/check-duplicates.ts';
import { useCreateAccount, type CreateAccountInput } from '../api/use-create-account.ts';
import { AccountFields, type Option } from './account-fields.tsx';
import { ACCOUNT_FORM_FIELDS, emptyAccountValues, valuesToBody } from './account-form-values.ts';
import { DuplicateWarning } from './duplicate-warning.tsx';

export function CreateAccountForm({ agencies, owners, defaultAgencyId }: { agencies: Option[]; owners: Option[]; defaultAgencyId?: string | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const form = useSchemaForm(emptyAccountValues({ agencyId: defaultAgencyId ?? null }));
  const create = useCreateAccount();
  const [blocking, setBlocking] = useState<{ duplicates: DuplicateCandidate[]; body: CreateAccountInput } | null>(null);
  const v = form.values;
  const live = useDuplicateCheck({ name: v.name, siren: v.siren || null, siret: v.siret || null, city: v.city || null, phones: v.phones, emails: v.emails }, !blocking);

  function send(body: CreateAccountInput) {
    create.mutate(body, {
      onSuccess: (account) => {
        notifications.show({ color: 'teal', title: t('account.created'), message: account.name });
        navigate(paths.account(account.id));
      },
      onError: (error) => {
        if (error instanceof ApiError && error.code === 'account.possible_duplicate') {
          const duplicates = (error.details?.duplicates ?? []) as DuplicateCandidate[];
          setBlocking({ duplicates, body });
          return;
        }
        form.applyError(error, ACCOUNT_FORM_FIELDS);
      },
    });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setBlocking(null);
    const body = form.validate(createAccountBody, { ...valuesToBody(form.values), acknowledgeDuplicates: false });
    if (body) send(body);
  }

  return (
    <form onSubmit={submit} noValidate aria-label={t('account.new')}>
      <Stack gap="lg">
        {form.formError && (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} data-testid="form-error">{form.formError}</Alert>
        )}
        {blocking ? (
          <DuplicateWarning
            duplicates={blocking.duplicates}
            blocking
            loading={create.isPending}
            onCreateAnyway={() => send({ ...blocking.body, acknowledgeDuplicates: true })}
          />
        ) : (
          <DuplicateWarning duplicates={live.data?.items ?? []} blocking={false} />
        )}
        <AccountFields values={form.values} errors={form.errors} setField={form.setField} agencies={agencies} owners={owners} />
        <Card withBorder padding="md">
          <Group justify="flex-end">
            <Button variant="default" onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
            <Button type="submit" loading={create.isPending} leftSection={<IconDeviceFloppy size={16} />} data-testid="account-submit">
              {t('account.create')}
            </Button>
          </Group>
        </Card>
      </Stack>
    </form>
  );
}
