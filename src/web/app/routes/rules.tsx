import { Button, Card, Grid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconCalculator } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorBlock } from '../../components/error-block.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useCurrentUser } from '../../features/auth/api/get-session.ts';
import { useRoutingRules } from '../../features/rules/api/get-routing-rules.ts';
import { useSalesRules } from '../../features/rules/api/get-sales-rules.ts';
import { CaseRulesSection } from '../../features/rules/components/case-rules.tsx';
import { PublishRuleCard } from '../../features/rules/components/publish-rule-card.tsx';
import { CurrentRules, RulesHistory } from '../../features/rules/components/rules-list.tsx';
import { SalesRulesHistory, SalesRulesSections } from '../../features/rules/components/sales-rules.tsx';
import { SimulateCard } from '../../features/rules/components/simulate-card.tsx';
import { paths } from '../../lib/paths.ts';

/**
 * Rules everyone can read: lead routing (in force, history, simulator), then the routing and SLA deadlines of
 * after-sales cases (in force, simulator, history), then the sales rules — eligibility, incentive, attribution,
 * stage probabilities — with their change feed; admins publish new versions.
 */
export function RulesPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const rules = useRoutingRules();
  const sales = useSalesRules();
  const items = rules.data?.items ?? [];
  const isAdmin = user.roles.includes('admin');
  return (
    <>
      <PageHeader
        title={t('rules.title')}
        subtitle={t('rules.subtitle')}
        actions={
          <Button component={Link} to={paths.simulateCredit} variant="light" leftSection={<IconCalculator size={16} />} data-testid="open-credit-simulator">
            {t('salesRules.simulatorLink')}
          </Button>
        }
      />
      {rules.isError && <ErrorBlock error={rules.error} onRetry={() => rules.refetch()} />}
      <Title order={2} fz="h3" mb="md">{t('salesRules.routingHeading')}</Title>
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

      <CaseRulesSection canEdit={isAdmin} />

      <Stack gap={4} mt={48} mb="md">
        <Title order={2} fz="h3">{t('salesRules.heading')}</Title>
        <Text size="sm" c="dimmed">{t('salesRules.headingHelp')}</Text>
      </Stack>
      {sales.isError ? (
        <ErrorBlock error={sales.error} onRetry={() => sales.refetch()} />
      ) : sales.isPending ? (
        <Stack gap="lg"><Skeleton h={180} /><Skeleton h={240} /></Stack>
      ) : (
        <>
          <SalesRulesSections data={sales.data} canEdit={isAdmin} />
          <Card withBorder padding="lg" mt="lg">
            <Title order={4} mb={4}>{t('salesRules.historyTitle')}</Title>
            <Text size="sm" c="dimmed" mb="md">{t('salesRules.historyHelp')}</Text>
            <SalesRulesHistory history={sales.data.history} />
          </Card>
        </>
      )}
    </>
  );
}
