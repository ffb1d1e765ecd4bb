import { Alert, Anchor, Breadcrumbs, Card, Divider, Grid, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck, IconFileDescription, IconHistory, IconMessagePlus, IconRoute } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorBlock } from '../../components/error-block.tsx';
import { useCurrentUser } from '../../features/auth/api/get-session.ts';
import { useCase } from '../../features/cases/api/get-case.ts';
import { caseErrorText } from '../../features/cases/case-errors.ts';
import { CaseActions } from '../../features/cases/components/case-actions.tsx';
import { CasePriorityBadge, CaseStatusBadge, CaseTypeBadge, PingPongBadge } from '../../features/cases/components/case-badges.tsx';
import { CaseRouting } from '../../features/cases/components/case-routing.tsx';
import { CaseTimeline } from '../../features/cases/components/case-timeline.tsx';
import { CopyValue } from '../../features/cases/components/copy-value.tsx';
import { CustomerSummaryCard } from '../../features/cases/components/customer-summary-card.tsx';
import { LogCaseInteractionForm } from '../../features/cases/components/log-case-interaction-form.tsx';
import { ResponsibilityCard } from '../../features/cases/components/responsibility-card.tsx';
import { SlaCard } from '../../features/cases/components/sla-card.tsx';
import { useNow } from '../../features/leads/components/due-countdown.tsx';
import { ApiError } from '../../lib/api-client.ts';
import { formatDateTime } from '../../lib/format.ts';
import { paths } from '../../lib/paths.ts';
import { isManagerial, worksCases } from '../layout/nav-abilities.ts';
import { NotFoundPage } from './not-found.tsx';
import { Field } from '../../components/field.tsx';


/** One case as whoever handles it (or reads it out to the customer) sees it: where it stands, its clocks, what to do next, its story. */
export function CasePage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const user = useCurrentUser();
  const now = useNow();
  const query = useCase(id);

  if (query.isPending) {
    return (
      <Stack>
        <Skeleton h={40} w={420} />
        <Skeleton h={160} />
        <Grid><Grid.Col span={{ base: 12, lg: 8 }}><Skeleton h={320} /></Grid.Col><Grid.Col span={{ base: 12, lg: 4 }}><Skeleton h={320} /></Grid.Col></Grid>
      </Stack>
    );
  }
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404) return <NotFoundPage />;
    return <ErrorBlock error={new Error(caseErrorText(t, query.error))} onRetry={() => query.refetch()} />;
  }
  const c = query.data;
  const manages = isManagerial(user) || user.roles.includes('admin');

  return (
    <Stack gap="lg" data-testid="case-page" data-case-id={c.id} data-status={c.status} data-version={c.version}>
      <Breadcrumbs separator="›">
        {worksCases(user) && <Anchor component={Link} to={paths.cases} size="sm">{t('cases.title')}</Anchor>}
        <Anchor component={Link} to={paths.account(c.account.id)} size="sm">{c.account.name}</Anchor>
        <Text size="sm" c="dimmed" ff="monospace">{c.reference}</Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
        <Stack gap={6}>
          <Group gap={6} wrap="wrap">
            <Text ff="monospace" fw={700} size="lg" data-testid="case-reference">{c.reference}</Text>
            <CopyValue value={c.reference} testId="case-reference-copy" />
            <CaseStatusBadge status={c.status} size="lg" />
            <CasePriorityBadge priority={c.priority} size="lg" />
            <CaseTypeBadge type={c.type} size="lg" />
          </Group>
          <Title order={2} fw={650} data-testid="page-title"><span data-testid="case-subject">{c.subject}</span></Title>
          <Group gap={6} wrap="wrap">
            <Anchor component={Link} to={paths.account(c.account.id)} size="sm" fw={600} data-testid="case-account-link">{c.account.name}</Anchor>
            <Text size="sm" c="dimmed">· {c.pool.name}</Text>
          </Group>
        </Stack>
      </Group>

      <Card withBorder padding="lg">
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="lg" mb="lg">
          <Field label={t('cases.page.contact')} testId="case-info-contact">{c.contact?.name ?? '—'}</Field>
          <Field label={t('cases.page.product')} testId="case-info-product">{c.product?.name ?? '—'}</Field>
          <Field label={t('cases.page.channel')} testId="case-info-channel">{t(`cases.channel.${c.channel}`)}</Field>
          <Field label={t('cases.page.pool')} testId="case-pool">
            <Text size="sm">{c.pool.name}</Text>
            {c.transfers.count > 0 && (
              <Group gap={6} mt={2}>
                <Text size="xs" c="dimmed" data-testid="case-transfers">{t('cases.page.transfers', { count: c.transfers.count })}</Text>
                {manages && c.transfers.pingPong && <PingPongBadge size="xs" />}
              </Group>
            )}
          </Field>
          <Field label={t('cases.page.assignee')} testId="case-assignee">
            {c.assignee ? <Text size="sm" fw={500}>{c.assignee.name}</Text> : <Text size="sm" c="orange.7" fw={500}>{t('cases.unassigned')}</Text>}
          </Field>
          <Field label={t('cases.page.opened')} testId="case-opened">
            <Text size="sm">{formatDateTime(c.openedAt, lang)}</Text>
            {c.openedBy && <Text size="xs" c="dimmed">{t('cases.page.openedBy', { name: c.openedBy.name })}</Text>}
          </Field>
        </SimpleGrid>
        <CaseActions c={c} meId={user.id} />
        {c.abilities.transitions.length === 0 && !c.abilities.transfer && !c.abilities.take && !c.abilities.assign && (
          <Text size="sm" c="dimmed" data-testid="case-read-only">{t('cases.page.readOnly')}</Text>
        )}
      </Card>

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="lg">
            <SlaCard c={c} now={now} />
            {c.resolutionSummary && (
              <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />} title={t('cases.page.resolution', { at: formatDateTime(c.resolvedAt, lang) })} data-testid="case-resolution-summary">
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{c.resolutionSummary}</Text>
              </Alert>
            )}
            <Card withBorder padding="lg" data-testid="case-description">
              <Group gap="xs" mb="sm"><IconFileDescription size={18} /><Title order={4}>{t('cases.page.description')}</Title></Group>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{c.description}</Text>
            </Card>
            <Card withBorder padding="lg">
              <Group gap="xs" mb="md"><IconHistory size={18} /><Title order={4}>{t('cases.page.history')}</Title></Group>
              <CaseTimeline caseId={c.id} />
              {c.abilities.logInteraction && (
                <>
                  <Divider my="lg" label={<Group gap={6}><IconMessagePlus size={14} />{t('cases.log.title')}</Group>} labelPosition="left" />
                  <LogCaseInteractionForm c={c} />
                </>
              )}
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="lg">
            <CustomerSummaryCard c={c} />
            <Card withBorder padding="lg" data-testid="case-why-pool">
              <Group gap="xs" mb="sm"><IconRoute size={18} /><Title order={4}>{t('cases.page.whyPool')}</Title></Group>
              <Text size="sm" fw={600} mb={4}>{c.pool.name}</Text>
              <CaseRouting routing={c.routing} />
            </Card>
            <ResponsibilityCard c={c} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
