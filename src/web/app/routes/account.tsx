import { Alert, Anchor, Breadcrumbs, Button, Card, Grid, Group, Skeleton, Stack, Tabs, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconArchive, IconHistory, IconPencil, IconSend, IconShieldCheck, IconTargetArrow } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { CHANNELS, type Channel } from '../../../contract/interactions.ts';
import { SegmentBadge, StatusBadge } from '../../components/account-badges.tsx';
import { ErrorBlock } from '../../components/error-block.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useAccount360 } from '../../features/accounts/api/get-account-360.ts';
import { AccountIdentityCard } from '../../features/accounts/components/account-identity-card.tsx';
import { ArchiveAccountButton } from '../../features/accounts/components/archive-account-button.tsx';
import { CompletenessCard } from '../../features/accounts/components/completeness-card.tsx';
import { EditAccountModal } from '../../features/accounts/components/edit-account-modal.tsx';
import { useCurrentUser } from '../../features/auth/api/get-session.ts';
import { AccountCasesPanel } from '../../features/cases/components/account-cases-panel.tsx';
import { useContacts } from '../../features/contacts/api/get-contacts.ts';
import { ContactsCard } from '../../features/contacts/components/contacts-card.tsx';
import { AccountDealsPanel } from '../../features/deals/components/account-deals-panel.tsx';
import { TimelinePanel } from '../../features/interactions/components/timeline-panel.tsx';
import { AccountLeadsPanel } from '../../features/leads/components/account-leads-panel.tsx';
import { RelayLeadModal } from '../../features/leads/components/relay-lead-modal.tsx';
import { useOrganisation } from '../../features/org/api/get-organisation.ts';
import { StreamTracePanel } from '../../features/trace/components/stream-trace-panel.tsx';
import { useDirectory } from '../../features/users/api/get-directory.ts';
import { ApiError } from '../../lib/api-client.ts';
import { formatSiren } from '../../lib/format.ts';
import { paths } from '../../lib/paths.ts';
import { isManagerial, sells } from '../layout/nav-abilities.ts';
import { NotFoundPage } from './not-found.tsx';
import { useAgencyOptions, useOwnerOptions } from './options.ts';

function defaultChannelFor(poolKinds: string[]): Channel {
  if (poolKinds.includes('inbound')) return 'phone_in';
  if (poolKinds.includes('telemarketing') || poolKinds.includes('associate_seller')) return 'phone_out';
  if (poolKinds.includes('sales')) return 'visit';
  return 'phone_in';
}

export function AccountPage() {
  const { id = '' } = useParams();
  // ?log=phone_in (from the call console) opens the quick log on that channel.
  const [searchParams] = useSearchParams();
  const asked = CHANNELS.find((c) => c === searchParams.get('log'));
  const { t } = useTranslation();
  const user = useCurrentUser();
  const account = useAccount360(id);
  // The 360 read fills the contacts with the account: asking before it answers would ask twice.
  const contacts = useContacts(id, !account.isPending);
  const [editing, edit] = useDisclosure(false);
  const [relaying, relay] = useDisclosure(false);
  const agencies = useAgencyOptions(useOrganisation().data);
  const owners = useOwnerOptions(useDirectory().data?.items);
  const contactOptions = useMemo(
    () => (contacts.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.firstName} ${c.lastName}`.trim() + (c.jobTitle ? ` — ${c.jobTitle}` : '') })),
    [contacts.data],
  );

  if (account.isPending) {
    return (
      <Stack>
        <Skeleton h={40} w={360} />
        <Grid><Grid.Col span={{ base: 12, lg: 4 }}><Skeleton h={420} /></Grid.Col><Grid.Col span={{ base: 12, lg: 8 }}><Skeleton h={420} /></Grid.Col></Grid>
      </Stack>
    );
  }
  if (account.isError) {
    if (account.error instanceof ApiError && account.error.status === 404) return <NotFoundPage />;
    return <ErrorBlock error={account.error} onRetry={() => account.refetch()} />;
  }
  const a = account.data;
  // The server decides (409/403 otherwise); the button shows to those who serve customers, market or manage.
  const canRelay =
    !a.archivedAt && (a.abilities.logInteraction || user.roles.some((r) => r !== 'agent') || user.poolKinds.includes('marketing'));
  const relayButton = (testId: string, variant: 'filled' | 'light') => (
    <Button leftSection={<IconSend size={16} />} variant={variant} color="orange" onClick={relay.open} data-testid={testId}>{t('relay.open')}</Button>
  );

  return (
    <>
      <Breadcrumbs mb="xs" separator="›">
        <Anchor component={Link} to={paths.accounts} size="sm">{t('nav.accounts')}</Anchor>
        <Text size="sm" c="dimmed">{a.name}</Text>
      </Breadcrumbs>
      <PageHeader
        title={<span data-testid="account-name-title">{a.name}</span>}
        badge={<Group gap={6}><StatusBadge status={a.status} /><SegmentBadge segment={a.segment} /></Group>}
        subtitle={[a.siren ? `SIREN ${formatSiren(a.siren)}` : null, a.city, a.agencyName].filter(Boolean).join(' · ')}
        actions={
          <>
            {canRelay && relayButton('relay-lead', 'filled')}
            {a.abilities.update && !a.archivedAt && (
              <Button leftSection={<IconPencil size={16} />} variant="default" onClick={edit.open} data-testid="account-edit">{t('common.edit')}</Button>
            )}
            {a.abilities.archive && !a.archivedAt && <ArchiveAccountButton account={a} />}
          </>
        }
      />
      {a.archivedAt && (
        <Alert color="gray" icon={<IconArchive size={18} />} mb="md" data-testid="archived-banner">{t('account.isArchived')}</Alert>
      )}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="lg">
            <AccountIdentityCard account={a} />
            <CompletenessCard account={a} />
            <ContactsCard accountId={a.id} canWrite={a.abilities.writeContacts && !a.archivedAt} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="lg">
            <AccountDealsPanel accountId={a.id} accountName={a.name} canCreate={!a.archivedAt && (sells(user) || isManagerial(user))} />
            <AccountCasesPanel accountId={a.id} accountName={a.name} canOpen={!a.archivedAt && a.abilities.openCase} />
            <Card withBorder padding="md">
              <Tabs defaultValue="timeline" keepMounted={false}>
                <Tabs.List mb="md">
                  <Tabs.Tab value="timeline" leftSection={<IconHistory size={16} />} data-testid="tab-timeline">{t('timeline.title')}</Tabs.Tab>
                  <Tabs.Tab value="leads" leftSection={<IconTargetArrow size={16} />} data-testid="tab-leads">{t('accountLeads.tab')}</Tabs.Tab>
                  <Tabs.Tab value="trace" leftSection={<IconShieldCheck size={16} />} data-testid="tab-trace">{t('trace.tab')}</Tabs.Tab>
                </Tabs.List>
                <Tabs.Panel value="timeline">
                  <TimelinePanel accountId={a.id} contacts={contactOptions} canLog={a.abilities.logInteraction && !a.archivedAt} defaultChannel={asked ?? defaultChannelFor(user.poolKinds)} logExtraAction={canRelay ? relayButton('relay-lead-inline', 'light') : undefined} />
                </Tabs.Panel>
                <Tabs.Panel value="leads">
                  <AccountLeadsPanel accountId={a.id} onRelay={canRelay ? relay.open : undefined} />
                </Tabs.Panel>
                <Tabs.Panel value="trace">
                  <Text size="sm" c="dimmed" mb="md">{t('trace.accountHelp')}</Text>
                  <StreamTracePanel stream={`account:${a.id}`} />
                </Tabs.Panel>
              </Tabs>
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>
      <RelayLeadModal accountId={a.id} accountName={a.name} opened={relaying} onClose={relay.close} />
      <EditAccountModal account={a} opened={editing} onClose={edit.close} agencies={agencies} owners={owners} />
    </>
  );
}
