import { Alert, Anchor, Breadcrumbs, Button, Card, Grid, Group, SimpleGrid, Skeleton, Stack, Text, Timeline, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBriefcase, IconCheck, IconHandGrab, IconHistory, IconTransform, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorBlock } from '../../components/error-block.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useTimeline } from '../../features/interactions/api/get-timeline.ts';
import { ChannelIcon } from '../../features/interactions/components/channel-icon.tsx';
import { ChangeEntry } from '../../features/interactions/components/timeline-entry.tsx';
import { useLead } from '../../features/leads/api/get-lead.ts';
import { useAcceptLead } from '../../features/leads/api/use-accept-lead.ts';
import { useTakeLead } from '../../features/leads/api/use-take-lead.ts';
import { ConvertLeadModal } from '../../features/leads/components/convert-lead-modal.tsx';
import { DueCountdown, isLate, useNow } from '../../features/leads/components/due-countdown.tsx';
import { LateBadge, LeadStatusBadge, OfferedBadge } from '../../features/leads/components/lead-badges.tsx';
import { LeadOutcome } from '../../features/leads/components/leads-table.tsx';
import { RejectLeadModal } from '../../features/leads/components/reject-lead-modal.tsx';
import { RoutingReasonText } from '../../features/leads/components/routing-reason.tsx';
import { ApiError } from '../../lib/api-client.ts';
import { errorText } from '../../lib/errors.ts';
import { formatDateTime, formatMoney } from '../../lib/format.ts';
import { paths } from '../../lib/paths.ts';
import { NotFoundPage } from './not-found.tsx';
import { Field } from '../../components/field.tsx';


/** The lead's own events from its account's history (lead.* and deal.created carry its id). */
function LeadHistory({ accountId, leadId }: { accountId: string; leadId: string }) {
  const { t } = useTranslation();
  const timeline = useTimeline(accountId, ['changes']);
  const items = (timeline.data?.pages.flatMap((p) => p.items) ?? []).filter(
    (i): i is Extract<typeof i, { kind: 'change' }> => i.kind === 'change' && i.change.payload.leadId === leadId,
  );
  if (timeline.isPending) return <Skeleton h={120} />;
  if (timeline.isError) return <ErrorBlock error={timeline.error} onRetry={() => timeline.refetch()} />;
  return (
    <Stack gap="xs" data-testid="lead-history">
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">{t('lead.noHistory')}</Text>
      ) : (
        <Timeline bulletSize={26} lineWidth={2} active={-1}>
          {[...items].reverse().map((item) => (
            <Timeline.Item key={`${item.change.stream}:${item.change.seq}`} bullet={<ChannelIcon channel="changes" size={26} />}>
              <ChangeEntry item={item} hideLeadLink />
            </Timeline.Item>
          ))}
        </Timeline>
      )}
      {timeline.hasNextPage && (
        <Button variant="subtle" size="xs" onClick={() => timeline.fetchNextPage()} loading={timeline.isFetchingNextPage}>{t('lead.olderHistory')}</Button>
      )}
    </Stack>
  );
}

export function LeadPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const now = useNow();
  const query = useLead(id);
  const accept = useAcceptLead();
  const take = useTakeLead();
  const [rejecting, setRejecting] = useState(false);
  const [converting, setConverting] = useState(false);

  if (query.isPending) return <Stack><Skeleton h={40} w={360} /><Skeleton h={320} /></Stack>;
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404) return <NotFoundPage />;
    return <ErrorBlock error={query.error} onRetry={() => query.refetch()} />;
  }
  const lead = query.data;
  const late = isLate(lead, now);
  const onError = (error: unknown) => notifications.show({ color: 'red', message: errorText(t, error) });

  return (
    <>
      <Breadcrumbs mb="xs" separator="›">
        <Anchor component={Link} to={paths.account(lead.accountId)} size="sm">{lead.accountName}</Anchor>
        <Text size="sm" c="dimmed">{t('lead.crumb')}</Text>
      </Breadcrumbs>
      <PageHeader
        title={<span data-testid="lead-title">{lead.productName}</span>}
        badge={<Group gap={6}><LeadStatusBadge status={lead.status} />{late && <LateBadge />}{!late && lead.offeredAt && lead.status === 'new' && <OfferedBadge />}</Group>}
        subtitle={`${lead.accountName} · ${lead.productFamily} · ${lead.agencyName}`}
        actions={
          <>
            {lead.dealId && (
              <Button component={Link} to={paths.deal(lead.dealId)} variant="light" color="grape" leftSection={<IconBriefcase size={16} />} data-testid="lead-open-deal">{t('deals.openDeal')}</Button>
            )}
            {lead.abilities.take && (
              <Button color="orange" leftSection={<IconHandGrab size={16} />} loading={take.isPending} onClick={() => take.mutate({ id: lead.id, version: lead.version }, { onError })} data-testid="lead-take">{t('myDay.take')}</Button>
            )}
            {lead.abilities.accept && (
              <Button color="teal" leftSection={<IconCheck size={16} />} loading={accept.isPending} onClick={() => accept.mutate({ id: lead.id, version: lead.version }, { onError })} data-testid="lead-accept">{t('triage.accept')}</Button>
            )}
            {lead.abilities.reject && (
              <Button color="red" variant="light" leftSection={<IconX size={16} />} onClick={() => setRejecting(true)} data-testid="lead-reject">{t('triage.reject')}</Button>
            )}
            {lead.abilities.convert && (
              <Button color="grape" variant="light" leftSection={<IconTransform size={16} />} onClick={() => setConverting(true)} data-testid="lead-convert">{t('triage.convert')}</Button>
            )}
          </>
        }
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="lg">
            <Card withBorder padding="lg" data-testid="lead-detail">
              <Stack gap="md">
                <Field label={t('relay.need')} testId="lead-need"><Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{lead.need}</Text></Field>
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
                  <Field label={t('leads.account')}><Anchor component={Link} to={paths.account(lead.accountId)} size="sm" fw={600}>{lead.accountName}</Anchor></Field>
                  <Field label={t('relay.contact')}>{lead.contactName ?? '—'}</Field>
                  <Field label={t('relay.value')}>{formatMoney(lead.estimatedValueCents, lang)}</Field>
                  <Field label={t('relay.source')}>{t(`enums.leadSource.${lead.source}`) + (lead.sourceCampaign ? ` · ${lead.sourceCampaign}` : '')}</Field>
                  <Field label={t('leads.initiator')} testId="lead-initiator">{lead.initiatorName ?? t('leads.webForm')}</Field>
                  <Field label={t('leads.assignee')} testId="lead-assignee">{lead.assigneeName ?? t('leads.unassigned')}</Field>
                </SimpleGrid>
                <Field label={t('lead.why')}><RoutingReasonText reason={lead.routing} assigneeName={lead.assigneeName} /></Field>
                {(lead.status !== 'new') && <Field label={t('leads.outcome')}><LeadOutcome lead={lead} /></Field>}
              </Stack>
            </Card>
            <Card withBorder padding="lg">
              <Group gap="xs" mb="sm"><IconHistory size={18} /><Title order={4}>{t('lead.history')}</Title></Group>
              <LeadHistory accountId={lead.accountId} leadId={lead.id} />
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Card withBorder padding="lg">
            <Title order={4} mb="md">{t('lead.dates')}</Title>
            {lead.status === 'new' && (
              <Alert color={late ? 'red' : 'blue'} variant="light" mb="md" p="sm">
                <DueCountdown lead={lead} now={now} />
              </Alert>
            )}
            <Stack gap="sm">
              <Field label={t('leads.createdAt')}>{formatDateTime(lead.createdAt, lang)}</Field>
              <Field label={t('leads.due')} testId="lead-due">{formatDateTime(lead.dueAt, lang)}</Field>
              <Field label={t('lead.warnAt')}>{formatDateTime(lead.warnAt, lang)}</Field>
              {lead.offeredAt && <Field label={t('lead.offeredAt')}>{formatDateTime(lead.offeredAt, lang)}</Field>}
              {lead.lateAt && <Field label={t('lead.lateAt')}><Text size="sm" c="red.7" fw={600}>{formatDateTime(lead.lateAt, lang)}</Text></Field>}
              <Field label={t('leads.answeredAt')}>{formatDateTime(lead.answeredAt, lang)}</Field>
            </Stack>
          </Card>
        </Grid.Col>
      </Grid>
      <RejectLeadModal lead={rejecting ? lead : null} onClose={() => setRejecting(false)} />
      <ConvertLeadModal lead={converting ? lead : null} onClose={() => setConverting(false)} />
    </>
  );
}
