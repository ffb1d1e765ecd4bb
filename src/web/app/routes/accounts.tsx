import { Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header.tsx';
import type { AccountFilters } from '../../features/accounts/api/get-accounts.ts';
import { AccountFiltersBar, AccountsTable } from '../../features/accounts/components/accounts-table.tsx';
import { useOrganisation } from '../../features/org/api/get-organisation.ts';
import { paths } from '../../lib/paths.ts';

export function AccountsPage() {
  const { t } = useTranslation();
  const org = useOrganisation();
  const [params, setParams] = useSearchParams();
  const filters: AccountFilters = {
    segment: params.get('segment'),
    status: params.get('status'),
    agencyId: params.get('agencyId'),
  };
  const setFilters = (f: AccountFilters) => {
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries(f)) if (v) next.set(k, v);
    setParams(next, { replace: true });
  };
  const agencies = (org.data?.agencies ?? []).map((a) => ({ value: a.id, label: a.name }));
  return (
    <>
      <PageHeader
        title={t('accounts.title')}
        subtitle={t('accounts.subtitle')}
        actions={
          <Button component={Link} to={paths.newAccount} leftSection={<IconPlus size={16} />} data-testid="new-account">
            {t('account.new')}
          </Button>
        }
      />
      <AccountFiltersBar filters={filters} onChange={setFilters} agencies={agencies} />
      <AccountsTable filters={filters} />
    </>
  );
}
