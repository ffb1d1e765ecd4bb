import { Alert, Button, Center, Grid, Group, Kbd, SegmentedControl, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconSend } from '@tabler/icons-react';
import { useMemo, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { logCaseInteractionBody, type CaseListItem } from '../../../../contract/cases.ts';
import type { Channel } from '../../../../contract/interactions.ts';
import { useSchemaForm } from '../../../lib/use-schema-form.ts';
import { useContacts } from '../../contacts/api/get-contacts.ts';
import { channelIcon } from '../../interactions/components/channel-icon.tsx';
import { useLogCaseInteraction } from '../api/use-log-case-interaction.ts';
import { showCaseRefusal, validateWith } from '../case-form.ts';

const CHANNELS: Channel[] = ['phone_out', 'phone_in', 'email_out', 'email_in', 'visit'];
const FIELDS = ['channel', 'subject', 'notes', 'outcome', 'contactId', 'occurredAt'];

/** "Noter un contact": a call or an e-mail about the case, written into its history and the account's. */
export function LogCaseInteractionForm({ c }: { c: CaseListItem }) {
  const { t } = useTranslation();
  const contacts = useContacts(c.account.id);
  const log = useLogCaseInteraction();
  const blank = { channel: 'phone_out' as string, subject: '', notes: '', outcome: '', contactId: (c.contact?.id ?? null) as string | null };
  const form = useSchemaForm(blank);
  const v = form.values;
  const contactOptions = useMemo(
    () => (contacts.data?.items ?? []).filter((x) => !x.archivedAt).map((x) => ({ value: x.id, label: `${x.firstName} ${x.lastName}`.trim() + (x.jobTitle ? ` — ${x.jobTitle}` : '') })),
    [contacts.data],
  );

  function submit(event?: FormEvent) {
    event?.preventDefault();
    const body = validateWith(
      form,
      logCaseInteractionBody,
      { channel: v.channel, subject: v.subject, notes: v.notes, outcome: v.outcome.trim() || null, contactId: v.contactId },
      { subject: t('cases.log.subjectRequired') },
    );
    if (!body) return;
    log.mutate(
      { id: c.id, body },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('cases.log.done') });
          form.reset({ ...blank, channel: v.channel, contactId: v.contactId });
        },
        onError: (error) => showCaseRefusal(form, t, error, FIELDS),
      },
    );
  }

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  }

  return (
    <form onSubmit={submit} onKeyDown={onKeyDown} noValidate aria-label={t('cases.log.title')} data-testid="case-log-form">
      <Stack gap="sm">
        <SegmentedControl
          fullWidth
          aria-label={t('log.channel')}
          value={v.channel}
          onChange={(x) => form.setField('channel', x)}
          data={CHANNELS.map((ch) => {
            const I = channelIcon(ch);
            return { value: ch, label: <Center style={{ gap: 6 }}><I size={16} /><span>{t(`enums.channelShort.${ch}`)}</span></Center> };
          })}
          data-testid="case-log-channel"
        />
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <TextInput label={t('log.subject')} placeholder={t('cases.log.subjectPlaceholder')} required value={v.subject} onChange={(e) => form.setField('subject', e.currentTarget.value)} error={form.errors.subject} data-testid="case-log-subject" />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Select label={t('log.contact')} placeholder={t('log.contactPlaceholder')} clearable searchable data={contactOptions} value={v.contactId} onChange={(x) => form.setField('contactId', x)} error={form.errors.contactId} nothingFoundMessage={t('common.nothingFound')} data-testid="case-log-contact" />
          </Grid.Col>
          <Grid.Col span={12}>
            <Textarea label={t('log.notes')} autosize minRows={2} maxRows={8} value={v.notes} onChange={(e) => form.setField('notes', e.currentTarget.value)} error={form.errors.notes} data-testid="case-log-notes" />
          </Grid.Col>
          <Grid.Col span={12}>
            <TextInput label={t('log.outcome')} placeholder={t('cases.log.outcomePlaceholder')} value={v.outcome} onChange={(e) => form.setField('outcome', e.currentTarget.value)} error={form.errors.outcome} data-testid="case-log-outcome" />
          </Grid.Col>
        </Grid>
        {form.formError && <Alert color="red" variant="light" data-testid="form-error">{form.formError}</Alert>}
        <Group justify="space-between">
          <Text size="xs" c="dimmed"><Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">{t('common.enterKey')}</Kbd> {t('log.toSubmit')}</Text>
          <Button type="submit" loading={log.isPending} leftSection={<IconSend size={16} />} data-testid="case-log-submit">{t('cases.log.submit')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
