import { Card, Grid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorBlock } from '../../components/error-block.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useCurrentUser } from '../../features/auth/api/get-session.ts';
import { useRoutingRules } from '../../features/rules/api/get-routing-rules.ts';
import { PublishRuleCard } from '../../features/rules/components/publish-rule-card.tsx';
import { CurrentRules, RulesHistory } from '../../features/rules/components/rules-list.tsx';
import { SimulateCard } from '../../features/rules/components/simulate-card.tsx';

/** Rules everyone can read: the routing rule in force, its history, a simulator; admins publish new versions. */
export function RulesPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const rules = useRoutingRules();
  const items = rules.data?.items ?? [];
  const isAdmin = user.roles.includes('admin');
  return (
    <>
      <PageHeader title={t('rules.title')} subtitle={t('rules.subtitle')} />
      {rules.isError && <ErrorBlock error={rules.error} onRetry={() => rules.refetch()} />}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: isAdmin ? 7 : 12 }}>
          <Stack gap="lg">
            <SimulateCard rules={items} />
            <Title order={3} mt="sm">{t('rules.inForce')}</Title>
            {rules.isPending ? <Skeleton h={140} /> : <CurrentRules rules={items} />}
          </Stack>
        </Grid.Col>
        {isAdmin && rules.data && (
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <PublishRuleCard rules={items} />
          </Grid.Col>
        )}
      </Grid>
      <Card withBorder padding="lg" mt="lg">
        <Title order={4} mb={4}>{t('rules.historyTitle')}</Title>
        <Text size="sm" c="dimmed" mb="md">{t('rules.historyHelp')}</Text>
        {rules.isPending ? <Skeleton h={120} /> : <RulesHistory rules={items} />}
      </Card>
    </>
  );
}
