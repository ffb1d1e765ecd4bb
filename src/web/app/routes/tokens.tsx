import { Container } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header.tsx';
import { TokensPanel } from '../../features/tokens/components/tokens-panel.tsx';

export function TokensPage() {
  const { t } = useTranslation();
  return (
    <Container size="lg" px={0}>
      <PageHeader title={t('tokens.title')} subtitle={t('tokens.subtitle')} />
      <TokensPanel />
    </Container>
  );
}
