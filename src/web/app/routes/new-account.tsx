import { Container } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header.tsx';
import { CreateAccountForm } from '../../features/accounts/components/create-account-form.tsx';
import { useCurrentUser } from '../../features/auth/api/get-session.ts';
import { useOrganisation } from '../../features/org/api/get-organisation.ts';
import { useDirectory } from '../../features/users/api/get-directory.ts';
import { useAgencyOptions, useOwnerOptions } from './options.ts';

export function NewAccountPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const agencies = useAgencyOptions(useOrganisation().data);
  const owners = useOwnerOptions(useDirectory().data?.items);
  return (
    <Container size="md" px={0}>
      <PageHeader title={t('account.new')} subtitle={t('account.newHelp')} />
      <CreateAccountForm agencies={agencies} owners={owners} defaultAgencyId={user.homeAgencyId} />
    </Container>
  );
}
