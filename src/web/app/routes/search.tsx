import { Container, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../features/auth/api/get-session.ts';
import { SearchBox } from '../../features/search/components/search-box.tsx';

export function SearchPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  return (
    <Container size="md" pt="xl">
      <Stack gap="xs" mb="xl" align="center">
        <Title order={2} data-testid="page-title">{t('search.title')}</Title>
        <Text c="dimmed">{t('search.subtitle', { name: user.name.split(' ')[0] })}</Text>
      </Stack>
      <SearchBox />
    </Container>
  );
}
