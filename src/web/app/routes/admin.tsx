import { Stack, Tabs } from '@mantine/core';
import { IconPackage, IconSitemap, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ErrorBlock } from '../../components/error-block.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ProductsPanel } from '../../features/catalog/components/products-panel.tsx';
import { useOrganisation } from '../../features/org/api/get-organisation.ts';
import { AgenciesPanel } from '../../features/org/components/agencies-panel.tsx';
import { PoolsPanel } from '../../features/org/components/pools-panel.tsx';
import { RegionsPanel } from '../../features/org/components/regions-panel.tsx';
import { UsersTable } from '../../features/users/components/users-table.tsx';

export function AdminPage() {
  const { t } = useTranslation();
  const { tab = 'organisation' } = useParams();
  const navigate = useNavigate();
  const org = useOrganisation();
  return (
    <>
      <PageHeader title={t('admin.title')} subtitle={t('admin.subtitle')} />
      <Tabs value={tab} onChange={(v) => navigate(`/admin/${v ?? 'organisation'}`)} keepMounted={false}>
        <Tabs.List mb="lg">
          <Tabs.Tab value="organisation" leftSection={<IconSitemap size={16} />} data-testid="tab-organisation">{t('admin.organisation')}</Tabs.Tab>
          <Tabs.Tab value="users" leftSection={<IconUsers size={16} />} data-testid="tab-users">{t('admin.users')}</Tabs.Tab>
          <Tabs.Tab value="catalog" leftSection={<IconPackage size={16} />} data-testid="tab-catalog">{t('admin.catalog')}</Tabs.Tab>
        </Tabs.List>
        {org.isError && <ErrorBlock error={org.error} onRetry={() => org.refetch()} />}
        <Tabs.Panel value="organisation">
          <Stack gap="lg">
            <RegionsPanel org={org.data} loading={org.isPending} />
            <AgenciesPanel org={org.data} loading={org.isPending} />
            <PoolsPanel org={org.data} loading={org.isPending} />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="users">
          <UsersTable org={org.data} />
        </Tabs.Panel>
        <Tabs.Panel value="catalog">
          <ProductsPanel />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
