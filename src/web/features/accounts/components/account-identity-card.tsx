import { Anchor, Card, Group, SimpleGrid, Stack, Text, Tooltip } from '@mantine/core';
import { IconMail, IconPhone } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Account } from '../../../../contract/accounts.ts';
import { SegmentBadge, StatusBadge } from '../../../components/account-badges.tsx';
import { formatDateTime, formatMoney, formatSiren, formatSiret, phone } from '../../../lib/format.ts';
import { paths } from '../../../lib/paths.ts';

function Field({ label, children, provenance, testId }: { label: string; children: ReactNode; provenance?: string; testId?: string }) {
  const value = (
    <Text size="sm" fw={500} component="div" data-testid={testId}>
      {children}
    </Text>
  );
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>{label}</Text>
      {provenance ? <Tooltip label={provenance} withArrow openDelay={300}><div>{value}</div></Tooltip> : value}
    </Stack>
  );
}

const dash = <Text span c="dimmed">—</Text>;

export function AccountIdentityCard({ account }: { account: Account }) {
  const { t, i18n } = useTranslation();
  const prov = (field: string) => {
    const p = account.provenance[field];
    return p ? t('account.provenance', { by: p.by, channel: t(`enums.channel.${p.channel}`, { defaultValue: p.channel }), at: formatDateTime(p.at, i18n.language) }) : undefined;
  };
  const address = [account.addressLine, [account.postalCode, account.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');

  return (
    <Card withBorder padding="lg" data-testid="account-identity">
      <Text fw={600} mb="md">{t('account.identity')}</Text>
      <SimpleGrid cols={2} spacing="md" verticalSpacing="md">
        <Field label={t('account.fields.siren')} provenance={prov('siren')} testId="account-siren">
          <Text span ff="monospace" size="sm">{account.siren ? formatSiren(account.siren) : dash}</Text>
        </Field>
        <Field label={t('account.fields.siret')} provenance={prov('siret')}>
          <Text span ff="monospace" size="sm">{account.siret ? formatSiret(account.siret) : dash}</Text>
        </Field>
        <Field label={t('account.fields.segment')}><SegmentBadge segment={account.segment} /></Field>
        <Field label={t('account.fields.status')}><StatusBadge status={account.status} /></Field>
        <Field label={t('account.fields.ownerId')} provenance={prov('ownerId')}>{account.ownerName ?? dash}</Field>
        <Field label={t('account.fields.agencyId')}>{account.agencyName}</Field>
        <Field label={t('account.fields.sector')} provenance={prov('sector')}>{account.sector ?? dash}</Field>
        <Field label={t('account.fields.sizeBand')} provenance={prov('sizeBand')}>
          {account.sizeBand ? t('account.employees', { band: account.sizeBand }) : dash}
        </Field>
        <Field label={t('account.fields.revenueCents')} provenance={prov('revenueCents')}>
          {account.revenueCents !== null ? formatMoney(account.revenueCents, i18n.language) : dash}
        </Field>
        <Field label={t('account.fields.parentId')}>
          {account.parentId ? <Anchor component={Link} to={paths.account(account.parentId)} size="sm">{account.parentName ?? account.parentId}</Anchor> : dash}
        </Field>
      </SimpleGrid>
      <Stack gap="md" mt="md">
        <Field label={t('account.fields.address')} provenance={prov('addressLine')}>{address || dash}</Field>
        <Field label={t('account.fields.phones')} provenance={prov('phones')}>
          {account.phones.length ? (
            <Stack gap={2}>
              {account.phones.map((p) => (
                <Group gap={6} key={p}>
                  <IconPhone size={14} />
                  <Anchor href={`tel:${p}`} size="sm" data-testid="account-phone">{phone(p)}</Anchor>
                </Group>
              ))}
            </Stack>
          ) : dash}
        </Field>
        <Field label={t('account.fields.emails')} provenance={prov('emails')}>
          {account.emails.length ? (
            <Stack gap={2}>
              {account.emails.map((e) => (
                <Group gap={6} key={e}>
                  <IconMail size={14} />
                  <Anchor href={`mailto:${e}`} size="sm">{e}</Anchor>
                </Group>
              ))}
            </Stack>
          ) : dash}
        </Field>
      </Stack>
      <Text size="xs" c="dimmed" mt="lg">
        {t('account.updatedAt', { at: formatDateTime(account.updatedAt, i18n.language), version: account.version })}
      </Text>
    </Card>
  );
}
