import { Alert, Anchor, Breadcrumbs, Card, Grid, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconEye, IconShieldCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorBlock } from '../../components/error-block.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useCurrentUser } from '../../features/auth/api/get-session.ts';
import { useDispute } from '../../features/credit/api/get-dispute.ts';
import { DisputeStatusBadge } from '../../features/credit/components/credit-badges.tsx';
import { creditErrorText, formatPct } from '../../features/credit/components/credit-format.ts';
import { DisputeClaim, DisputeRulings, DisputeTimeline } from '../../features/credit/components/dispute-details.tsx';
import { AppealForm, DecideForm } from '../../features/credit/components/dispute-forms.tsx';
import { EvidencePacketView } from '../../features/credit/components/evidence-packet.tsx';
import { ApiError } from '../../lib/api-client.ts';
import { formatDateTime } from '../../lib/format.ts';
import { paths } from '../../lib/paths.ts';
import { NotFoundPage } from './not-found.tsx';

/** One dispute as both parties and the arbiter see it: the claim, the frozen evidence, the decisions, what comes next. */
export function DisputePage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const user = useCurrentUser();
  const query = useDispute(id);

  if (query.isPending) return <Stack><Skeleton h={40} w={360} /><Skeleton h={180} /><Skeleton h={320} /></Stack>;
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404) return <NotFoundPage />;
    return <ErrorBlock error={new Error(creditErrorText(t, query.error))} onRetry={() => query.refetch()} />;
  }
  const d = query.data;
  const party = d.claimant.id === user.id || d.counterparty.id === user.id;

  return (
    <Stack gap="lg" data-testid="dispute-page" data-status={d.status}>
      <Breadcrumbs>
        <Anchor component={Link} to={paths.disputes} size="sm">{t('disputes.title')}</Anchor>
        <Text size="sm" ff="monospace">{d.reference}</Text>
      </Breadcrumbs>
      <PageHeader
        title={t('disputes.pageTitle', { reference: d.reference })}
        badge={<DisputeStatusBadge status={d.status} size="lg" />}
        subtitle={
          <>
            {t('disputes.pageSubtitle', { share: formatPct(d.requestedPct, lang), product: d.productName, family: d.family, at: formatDateTime(d.filedAt, lang) })}{' '}
            <Anchor component={Link} to={paths.deal(d.dealId)} size="sm" data-testid="dispute-deal-link">{d.dealTitle}</Anchor>
            {' · '}
            <Anchor component={Link} to={paths.account(d.accountId)} size="sm">{d.accountName}</Anchor>
          </>
        }
      />

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="lg">
            <DisputeClaim dispute={d} meId={user.id} />
            {d.abilities.decide && <DecideForm dispute={d} />}
            {d.abilities.appeal && <AppealForm dispute={d} />}
            <DisputeRulings dispute={d} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="lg">
            <DisputeTimeline dispute={d} />
            <Alert variant="light" color="gray" icon={<IconEye size={18} />}>
              <Text size="sm">{party ? t('disputes.visibilityParty') : t('disputes.visibility')}</Text>
            </Alert>
          </Stack>
        </Grid.Col>
      </Grid>

      <Card withBorder padding="lg">
        <Group gap="xs" mb={4}>
          <IconShieldCheck size={20} />
          <Title order={4}>{t('disputes.evidenceTitle')}</Title>
        </Group>
        <Text size="sm" c="dimmed" mb="md">{t('disputes.evidenceHelp', { family: d.family })}</Text>
        <EvidencePacketView packet={d.evidence} />
      </Card>
    </Stack>
  );
}
