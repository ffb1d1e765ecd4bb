import { Button, Card, Group, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconArrowRight, IconFolderPlus, IconPhoneCall, IconSend, IconUser } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AccountSummary } from '../../../contract/accounts.ts';
import { normalizePhone } from '../../../contract/values.ts';
import { SegmentBadge, StatusBadge } from '../../components/account-badges.tsx';
import { EmptyBlock } from '../../components/empty-block.tsx';
import { ErrorBlock } from '../../components/error-block.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { usePhoneLookup } from '../../features/accounts/api/lookup-phone.ts';
import { useCurrentUser } from '../../features/auth/api/get-session.ts';
import { CallerCases } from '../../features/cases/components/caller-cases.tsx';
import { OpenCaseModal } from '../../features/cases/components/open-case-modal.tsx';
import { RelayLeadModal } from '../../features/leads/components/relay-lead-modal.tsx';
import { phone } from '../../lib/format.ts';
import { paths } from '../../lib/paths.ts';
import { opensCases } from '../layout/nav-abilities.ts';

/**
 * The advisor's call screen: the caller's number brings up the customer in a second (screen pop),
 * from where the advisor opens the record, logs the call, relays a lead or opens a case — and reads out where the
 * caller's cases stand.
 */
export function ConsolePage() {
  const { t } = useTranslation();
  const [number, setNumber] = useState('');
  const lookup = usePhoneLookup(number);
  const [relayFor, setRelayFor] = useState<{ id: string; name: string } | null>(null);
  const [caseFor, setCaseFor] = useState<{ id: string; name: string; contactId: string | null } | null>(null);
  const canOpenCase = opensCases(useCurrentUser());
  const complete = normalizePhone(number) !== null;
  const accounts = lookup.data?.accounts ?? [];
  const contacts = lookup.data?.contacts ?? [];

  const accountCard = (a: Pick<AccountSummary, 'id' | 'name'> & Partial<AccountSummary>, via?: { name: string; contactId: string }) => (
    <Card key={`${a.id}-${via?.contactId ?? ''}`} withBorder padding="md" data-testid="console-hit" data-account-id={a.id}>
      <Group justify="space-between" wrap="wrap" align="flex-start">
        <Stack gap={4} style={{ flex: 1, minWidth: 240 }}>
          <Group gap="xs">
            <Text fw={700} size="lg">{a.name}</Text>
            {a.segment && <SegmentBadge segment={a.segment} />}
            {a.status && <StatusBadge status={a.status} />}
          </Group>
          {via && (
            <Group gap={4} c="dimmed">
              <IconUser size={14} />
              <Text size="sm">{t('console.viaContact', { name: via.name })}</Text>
            </Group>
          )}
          {a.ownerName !== undefined && (
            <Text size="sm" c="dimmed">{[a.city, a.agencyName, a.ownerName && t('console.owner', { name: a.ownerName })].filter(Boolean).join(' · ')}</Text>
          )}
        </Stack>
        <Group gap="xs" wrap="wrap" justify="flex-end">
          {canOpenCase && (
            <Button variant="light" color="grape" leftSection={<IconFolderPlus size={16} />} onClick={() => setCaseFor({ id: a.id, name: a.name, contactId: via?.contactId ?? null })} data-testid="console-open-case">
              {t('cases.open.button')}
            </Button>
          )}
          <Button variant="light" leftSection={<IconSend size={16} />} onClick={() => setRelayFor({ id: a.id, name: a.name })} data-testid="console-relay">
            {t('relay.open')}
          </Button>
          <Button component={Link} to={`${paths.account(a.id)}?log=phone_in`} rightSection={<IconArrowRight size={16} />} data-testid="console-open">
            {t('console.openAndLog')}
          </Button>
        </Group>
      </Group>
      <div style={{ marginTop: 'var(--mantine-spacing-sm)' }}>
        <CallerCases accountId={a.id} />
      </div>
    </Card>
  );

  return (
    <>
      <PageHeader title={t('console.title')} subtitle={t('console.subtitle')} />
      <Stack gap="lg" maw={900}>
        <TextInput
          size="lg"
          autoFocus
          label={t('console.number')}
          placeholder="01 23 45 67 89"
          leftSection={<IconPhoneCall size={20} />}
          rightSection={lookup.isFetching ? <Loader size="sm" /> : null}
          value={number}
          onChange={(e) => setNumber(e.currentTarget.value)}
          description={complete ? t('console.recognised', { number: phone(normalizePhone(number)!) }) : t('console.hint')}
          data-testid="console-number"
        />
        {lookup.isError && <ErrorBlock error={lookup.error} onRetry={() => lookup.refetch()} />}
        {complete && lookup.isSuccess && accounts.length === 0 && contacts.length === 0 && (
          <EmptyBlock title={t('console.unknownTitle')} description={t('console.unknownHelp')}>
            <Button component={Link} to={paths.newAccount} mt="sm" data-testid="console-create-account">{t('console.createAccount')}</Button>
          </EmptyBlock>
        )}
        {accounts.length > 0 && (
          <Stack gap="sm">
            <Title order={4}>{t('console.accounts')}</Title>
            {accounts.map((a) => accountCard(a))}
          </Stack>
        )}
        {contacts.length > 0 && (
          <Stack gap="sm">
            <Title order={4}>{t('console.contacts')}</Title>
            {contacts.map((c) => accountCard({ id: c.accountId, name: c.accountName }, { name: `${c.firstName} ${c.lastName}`.trim(), contactId: c.id }))}
          </Stack>
        )}
      </Stack>
      {caseFor && (
        <OpenCaseModal account={{ id: caseFor.id, name: caseFor.name }} defaults={{ contactId: caseFor.contactId, channel: 'phone' }} opened onClose={() => setCaseFor(null)} />
      )}
      {relayFor && <RelayLeadModal accountId={relayFor.id} accountName={relayFor.name} opened onClose={() => setRelayFor(null)} />}
    </>
  );
}
