import { ActionIcon, Anchor, Badge, Button, Card, Group, Skeleton, Stack, Text, Tooltip } from '@mantine/core';
import { IconMail, IconPencil, IconPhone, IconPhoneOff, IconPlus, IconUserStar, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../../../contract/accounts.ts';
import { EmptyBlock } from '../../../components/empty-block.tsx';
import { ErrorBlock } from '../../../components/error-block.tsx';
import { phone } from '../../../lib/format.ts';
import { useContacts } from '../api/get-contacts.ts';
import { ContactFormModal } from './contact-form-modal.tsx';

export function ContactsCard({ accountId, canWrite }: { accountId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const contacts = useContacts(accountId);
  const [editing, setEditing] = useState<Contact | null>(null);
  const [opened, setOpened] = useState(false);
  const open = (c: Contact | null) => {
    setEditing(c);
    setOpened(true);
  };

  return (
    <Card withBorder padding="lg" data-testid="contacts-card">
      <Group justify="space-between" mb="sm">
        <Text fw={600}>{t('contacts.title')}</Text>
        {canWrite && (
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => open(null)} data-testid="contact-add">
            {t('contacts.add')}
          </Button>
        )}
      </Group>
      {contacts.isPending ? (
        <Stack gap="xs"><Skeleton h={44} /><Skeleton h={44} /></Stack>
      ) : contacts.isError ? (
        <ErrorBlock error={contacts.error} onRetry={() => contacts.refetch()} />
      ) : contacts.data.items.length === 0 ? (
        <EmptyBlock icon={<IconUsers />} title={t('contacts.emptyTitle')} description={canWrite ? t('contacts.emptyHelp') : undefined} />
      ) : (
        <Stack gap={0}>
          {contacts.data.items.map((c) => (
            <Group key={c.id} justify="space-between" wrap="nowrap" py="xs" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }} data-testid="contact-row">
              <Stack gap={2} style={{ minWidth: 0 }}>
                <Group gap={6}>
                  <Text size="sm" fw={600}>{`${c.firstName} ${c.lastName}`.trim()}</Text>
                  {c.decisionMaker && (
                    <Tooltip label={t('contacts.decisionMaker')}><Badge size="xs" variant="light" color="grape" leftSection={<IconUserStar size={10} />}>{t('contacts.dm')}</Badge></Tooltip>
                  )}
                  {!c.consentCall && <Tooltip label={t('contacts.noCall')}><IconPhoneOff size={14} color="var(--mantine-color-red-6)" /></Tooltip>}
                </Group>
                {c.jobTitle && <Text size="xs" c="dimmed">{c.jobTitle}</Text>}
                <Group gap="sm">
                  {c.phones.map((p) => (
                    <Group gap={4} key={p}><IconPhone size={12} /><Anchor size="xs" href={`tel:${p}`}>{phone(p)}</Anchor></Group>
                  ))}
                  {c.emails.map((e) => (
                    <Group gap={4} key={e}><IconMail size={12} /><Anchor size="xs" href={`mailto:${e}`}>{e}</Anchor></Group>
                  ))}
                </Group>
              </Stack>
              {canWrite && (
                <ActionIcon variant="subtle" color="gray" onClick={() => open(c)} aria-label={t('contacts.editNamed', { name: `${c.firstName} ${c.lastName}`.trim() })}>
                  <IconPencil size={16} />
                </ActionIcon>
              )}
            </Group>
          ))}
        </Stack>
      )}
      <ContactFormModal accountId={accountId} contact={editing} opened={opened} onClose={() => setOpened(false)} />
    </Card>
  );
}
