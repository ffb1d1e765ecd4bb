import { Button, Card, Group, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconArrowRight, IconPhoneCall, IconSend, IconUser } from '@tabler/icons-react';
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
import { RelayLeadModal } from '../../features/leads/components/relay-lead-modal.tsx';
import { phone } from '../../lib/format.ts';
import { paths } from '../../lib/paths.ts';

/**
 * The advisor's call screen: the caller's number brings up the customer in a second (screen pop),
 * from where the advisor opens the record, logs the call or relays a lead.
 */
export function ConsolePage() {
  const { t } = useTranslation();
  const [number, setNumber] = useState('');
  const lookup = usePhoneLookup(number);
  const [relayFor, setRelayFor] = useState<{ id: string; name: string } | null>(null);
  const complete = normalizePhone(number) !== null;
  const accounts = lookup.data?.accounts ?? [];
  const contacts = lookup.data?.contacts ?? [];

  const accountCard = (a: Pick<AccountSummary, 'id' | 'name'> & Partial<AccountSummary>, via?: string) => (
    <Card key={`${a.id}-${via ?? ''}`} withBorder padding="md" data-testid="console-hit">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={4}>
          <Group gap="xs">
            <Text fw={700} size="lg">{a.name}</Text>
            {a.segment && <SegmentBadge segment={a.segment} />}
            {a.status && <StatusBadge status={a.status} />}
          </Group>
          {via && (
            <Group gap={4} c="dimmed">
              <IconUser size={14} />
              <Text size="sm">{t('console.viaContact', { name: via })}</Text>
            </Group>
          )}
          {a.ownerName !== undefined && (
            <Text size="sm" c="dimmed">{[a.city, a.agencyName, a.ownerName && t('console.owner', { name: a.ownerName })].filter(Boolean).join(' · ')}</Text>
          )}
        </Stack>
        <Group gap="xs" wrap="nowrap">
          <Button variant="light" leftSection={<IconSend size={16} />} onClick={() => setRelayFor({ id: a.id, name: a.name })} data-testid="console-relay">
            {t('relay.open')}
          </Button>
          <Button component={Link} to={`${paths.account(a.id)}?log=phone_in`} rightSection={<IconArrowRight size={16} />} data-testid="console-open">
            {t('console.openAndLog')}
          </Button>
        </Group>
      </Group>
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
            {contacts.map((c) => accountCard({ id: c.accountId, name: c.accountName }, `${c.firstName} ${c.lastName}`.trim()))}
          </Stack>
        )}
      </Stack>
      {relayFor && <RelayLeadModal accountId={relayFor.id} accountName={relayFor.name} opened onClose={() => setRelayFor(null)} />}
    </>
  );
}
