import { Card, Divider, Group, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck, IconUsersGroup } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header.tsx';
import { useCurrentUser } from '../../features/auth/api/get-session.ts';
import { InboxPanel } from '../../features/leads/components/inbox-panel.tsx';
import { OfferedPanel } from '../../features/leads/components/offered-panel.tsx';
import { AcceptedPanel } from '../../features/leads/components/accepted-panel.tsx';

export function MyDayPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const inSalesPool = user.poolKinds.includes('sales');
  return (
    <>
      <PageHeader title={t('myDay.title')} subtitle={t('myDay.subtitle', { name: user.name.split(' ')[0] })} />
      <Stack gap="xl">
        <InboxPanel />
        <Card withBorder padding="md" data-testid="accepted-section">
          <Group gap="xs" mb={4}>
            <IconCircleCheck size={18} />
            <Title order={4}>{t('myDay.acceptedTitle')}</Title>
          </Group>
          <Text size="sm" c="dimmed" mb="sm">{t('myDay.acceptedHelp')}</Text>
          <Divider mb="sm" />
          <AcceptedPanel />
        </Card>
        {inSalesPool && (
          <Card withBorder padding="md" data-testid="offered-section">
            <Group gap="xs" mb={4}>
              <IconUsersGroup size={18} />
              <Title order={4}>{t('myDay.offeredTitle')}</Title>
            </Group>
            <Text size="sm" c="dimmed" mb="sm">{t('myDay.offeredHelp')}</Text>
            <Divider mb="sm" />
            <OfferedPanel />
          </Card>
        )}
      </Stack>
    </>
  );
}
