import { Anchor, Breadcrumbs, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/page-header.tsx';
import { SimulateCreditForm } from '../../features/credit/components/simulate-credit-form.tsx';
import { paths } from '../../lib/paths.ts';

/** "Who would be credited if…", with the live rules: so nobody has to guess. */
export function SimulateCreditPage() {
  const { t } = useTranslation();
  return (
    <Stack gap={0} data-testid="simulate-credit-page">
      <Breadcrumbs mb="sm">
        <Anchor component={Link} to={paths.rules} size="sm">{t('nav.rules')}</Anchor>
        <Text size="sm">{t('salesRules.sim.title')}</Text>
      </Breadcrumbs>
      <PageHeader title={t('salesRules.sim.title')} subtitle={t('salesRules.sim.subtitle')} />
      <SimulateCreditForm />
    </Stack>
  );
}
