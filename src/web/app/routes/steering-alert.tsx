import { Anchor, Breadcrumbs, Card, Divider, Grid, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconHistory, IconMessagePlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { indicatorDefinition } from '../../../contract/steering.ts';
import { ErrorBlock } from '../../components/error-block.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useAlert } from '../../features/steering/api/get-alert.ts';
import { alertFigures } from '../../features/steering/alert-words.ts';
import { AlertActions, AlertCommentForm } from '../../features/steering/components/alert-actions.tsx';
import { AlertClearedBadge, AlertStatusBadge } from '../../features/steering/components/alert-badges.tsx';
import { AlertHistory } from '../../features/steering/components/alert-history.tsx';
import { alertTargetHref } from '../../features/steering/components/alerts-table.tsx';
import { DefinitionInfo } from '../../features/steering/components/definition-info.tsx';
import { formatDayRange, inLanguage } from '../../features/steering/format-figure.ts';
import { STEERING_PATH } from '../../features/steering/steering-params.ts';
import { steeringErrorText } from '../../features/steering/steering-errors.ts';
import { ApiError } from '../../lib/api-client.ts';
import { formatDateTime } from '../../lib/format.ts';
import { paths } from '../../lib/paths.ts';
import { NotFoundPage } from './not-found.tsx';
import { Field } from '../../components/field.tsx';


/** One alert: what it says, whom it is about (opening that dashboard), the figure against the threshold, what to do, its history. */
export function SteeringAlertPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const query = useAlert(id);

  if (query.isPending) return <Stack><Skeleton h={40} w={420} /><Skeleton h={160} /><Skeleton h={280} /></Stack>;
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404) return <NotFoundPage />;
    return <ErrorBlock error={new Error(steeringErrorText(t, query.error))} onRetry={() => void query.refetch()} />;
  }
  const a = query.data;
  const def = indicatorDefinition(a.indicator);
  const figures = alertFigures(t, lang, a);

  return (
    <Stack gap="lg" data-testid="alert-page" data-alert-id={a.id} data-status={a.status} data-version={a.version}>
      <div>
        <Breadcrumbs mb="xs">
          <Anchor component={Link} to={STEERING_PATH} size="sm">{t('steering.title')}</Anchor>
          <Anchor component={Link} to={paths.steeringAlerts} size="sm">{t('steering.alerts.title')}</Anchor>
          <Text size="sm" c="dimmed" aria-current="page">{a.target.name}</Text>
        </Breadcrumbs>
        <PageHeader
          title={a.rule.name}
          badge={
            <Group gap={6}>
              <AlertStatusBadge status={a.status} size="lg" />
              <AlertClearedBadge clearedAt={a.clearedAt} size="lg" />
            </Group>
          }
          subtitle={<span data-testid="alert-text">{inLanguage(a.text, lang)}</span>}
        />
      </div>

      <Card withBorder padding="lg">
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="lg">
          <Field label={t('steering.alert.target')} testId="alert-target">
            <Anchor component={Link} to={alertTargetHref(a)} size="sm" fw={600} data-testid="alert-target-link">{a.target.name}</Anchor>
            <Text size="xs" c="dimmed">{t(`steering.unitType.${a.target.type}`)}</Text>
          </Field>
          <Field label={t('steering.alert.indicator')}>
            <Group gap={4} wrap="nowrap">
              <Text size="sm">{figures.indicator}</Text>
              <DefinitionInfo indicator={def} size="xs" />
            </Group>
          </Field>
          <Field label={t('steering.alert.value')} testId="alert-value">
            <Text size="sm" fw={700} c={a.clearedAt ? undefined : 'red.7'}>{figures.value}</Text>
            <Text size="xs" c="dimmed">{figures.threshold}</Text>
          </Field>
          <Field label={t('steering.alert.period')} testId="alert-period">{formatDayRange(a.period.from, a.period.to, lang)}</Field>
          <Field label={t('steering.alert.firedAt')} testId="alert-fired-at">{formatDateTime(a.firedAt, lang)}</Field>
          <Field label={t('steering.alert.rule')}>
            <Anchor component={Link} to={paths.steeringAlertRules} size="sm" data-testid="alert-rule-link">{a.rule.name}</Anchor>
            <Text size="xs" c="dimmed">{t('steering.alert.ruleVersion', { version: a.rule.version })}</Text>
          </Field>
        </SimpleGrid>
        {a.clearedAt && (
          <Text size="sm" c="teal.8" mt="md" data-testid="alert-cleared-text">{t('steering.alerts.clearedHelp', { at: formatDateTime(a.clearedAt, lang) })}</Text>
        )}
      </Card>

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Card withBorder padding="lg">
            <Group gap="xs" mb="md"><IconHistory size={18} /><Title order={4}>{t('steering.alert.history')}</Title></Group>
            <AlertHistory alert={a} />
            {a.abilities.comment && (
              <>
                <Divider my="lg" label={<Group gap={6}><IconMessagePlus size={14} />{t('steering.alert.comment')}</Group>} labelPosition="left" />
                <AlertCommentForm alert={a} />
              </>
            )}
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="lg">
            <AlertActions alert={a} />
            {!a.abilities.acknowledge && !a.abilities.resolve && !a.abilities.comment && (
              <Text size="sm" c="dimmed" data-testid="alert-read-only">{t('steering.alert.readOnly')}</Text>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
