import { Box, Card, Center, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { PageLoader } from '../../components/page-loader.tsx';
import { useSession } from '../../features/auth/api/get-session.ts';
import { SignInForm } from '../../features/auth/components/sign-in-form.tsx';
import { LanguageSwitch } from '../layout/app-layout.tsx';
import { Logo } from '../layout/logo.tsx';

const safeNext = (next: string | null) => (next && next.startsWith('/') && !next.startsWith('//') ? next : '/');

export function SignInPage() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));

  if (session.isPending) return <PageLoader />;
  if (session.data) return <Navigate to={next} replace />;

  return (
    <Box mih="100vh" style={{ background: 'linear-gradient(160deg, var(--mantine-color-relais-0) 0%, var(--mantine-color-gray-0) 55%)' }}>
      <Group justify="flex-end" p="md"><LanguageSwitch /></Group>
      <Center mih="calc(100vh - 80px)" px="md">
        <Stack w={400} gap="lg">
          <Center><Logo size={40} /></Center>
          <Card withBorder shadow="md" padding="xl" radius="lg">
            <Stack gap={4} mb="lg">
              <Title order={3}>{t('auth.welcome')}</Title>
              <Text size="sm" c="dimmed">{t('auth.tagline')}</Text>
            </Stack>
            <SignInForm onSignedIn={() => navigate(next, { replace: true })} />
          </Card>
          <Text size="xs" c="dimmed" ta="center">{t('auth.footer')}</Text>
        </Stack>
      </Center>
    </Box>
  );
}
