import { Alert, Button, Card, Center, CloseButton, Grid, Group, Kbd, SegmentedControl, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPencilCheck, IconSend } from '@tabler/icons-react';
import { useEffect, useRef, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { logInteractionBody, type Channel, type Interaction } from '../../../../contract/interactions.ts';
import { formatDateTime, parisLocalToIso } from '../../../lib/format.ts';
import { useSchemaForm } from '../../../lib/use-schema-form.ts';
import { useLogInteraction } from '../api/use-log-interaction.ts';
import { channelIcon } from './channel-icon.tsx';

const QUICK_CHANNELS: Channel[] = ['phone_in', 'phone_out', 'visit', 'email_out', 'email_in'];
const FIELDS = ['channel', 'subject', 'notes', 'outcome', 'contactId', 'occurredAt'];

export interface ContactOption {
  value: string;
  label: string;
}

interface Props {
  accountId: string;
  contacts: ContactOption[];
  defaultChannel: Channel;
  amending: Interaction | null;
  onAmendDone: () => void;
  /** Shown beside the submit button (e.g. "Relayer une piste" on the account page). */
  extraAction?: ReactNode;
}

export function LogInteractionForm({ accountId, contacts, defaultChannel, amending, onAmendDone, extraAction }: Props) {
  const { t, i18n } = useTranslation();
  const subjectRef = useRef<HTMLInputElement>(null);
  const blank = { channel: defaultChannel as string, subject: '', notes: '', outcome: '', contactId: null as string | null, occurredAt: '' };
  const form = useSchemaForm(blank);
  const log = useLogInteraction();
  const v = form.values;

  useEffect(() => {
    if (amending) {
      form.reset({
        channel: amending.channel,
        subject: amending.subject,
        notes: amending.notes,
        outcome: amending.outcome ?? '',
        contactId: amending.contactId,
        occurredAt: '',
      });
      subjectRef.current?.focus();
    }
    // Filled once per interaction picked for amendment: the form (a new object each render) is not a trigger.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [amending?.id]);

  // Alt+N from anywhere on the page: jump to the subject.
  useHotkeys([['alt+N', () => subjectRef.current?.focus()]], []);

  function submit(event?: FormEvent) {
    event?.preventDefault();
    const body = form.validate(logInteractionBody, {
      accountId,
      channel: v.channel,
      subject: v.subject,
      notes: v.notes,
      outcome: v.outcome.trim() || null,
      contactId: v.contactId,
      occurredAt: v.occurredAt ? parisLocalToIso(v.occurredAt) : undefined,
      amendsId: amending?.id,
    });
    if (!body) return;
    log.mutate(body, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: amending ? t('log.amended') : t('log.logged') });
        form.reset({ ...blank, channel: amending ? defaultChannel : v.channel });
        onAmendDone();
        subjectRef.current?.focus();
      },
      onError: (error) => form.applyError(error, FIELDS),
    });
  }

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  }

  return (
    <Card withBorder padding="md" data-testid="log-interaction">
      <form onSubmit={submit} onKeyDown={onKeyDown} noValidate aria-label={t('log.title')}>
        <Stack gap="sm">
          {amending && (
            <Alert color="orange" variant="light" icon={<IconPencilCheck size={18} />} py="xs" data-testid="amend-banner">
              <Group justify="space-between" wrap="nowrap">
                <Text size="sm">{t('log.amending', { subject: amending.subject, at: formatDateTime(amending.recordedAt, i18n.language) })}</Text>
                <CloseButton aria-label={t('log.cancelAmend')} onClick={() => { form.reset(blank); onAmendDone(); }} />
              </Group>
            </Alert>
          )}
          <SegmentedControl
            fullWidth
            aria-label={t('log.channel')}
            data-testid="log-channel"
            value={v.channel}
            onChange={(c) => form.setField('channel', c)}
            data={QUICK_CHANNELS.map((c) => {
              const I = channelIcon(c);
              return {
                value: c,
                label: (
                  <Center style={{ gap: 6 }}>
                    <I size={16} />
                    <span>{t(`enums.channelShort.${c}`)}</span>
                  </Center>
                ),
              };
            })}
          />
          <Grid gap="sm">
            <Grid.Col span={{ base: 12, md: 8 }}>
              <TextInput
                ref={subjectRef}
                label={t('log.subject')}
                placeholder={t('log.subjectPlaceholder')}
                required
                data-testid="log-subject"
                value={v.subject}
                onChange={(e) => form.setField('subject', e.currentTarget.value)}
                error={form.errors.subject}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>
              <Select
                label={t('log.contact')}
                placeholder={t('log.contactPlaceholder')}
                clearable
                searchable
                data-testid="log-contact"
                data={contacts}
                value={v.contactId}
                onChange={(c) => form.setField('contactId', c)}
                error={form.errors.contactId}
                nothingFoundMessage={t('common.nothingFound')}
              />
            </Grid.Col>
            <Grid.Col span={12}>
              <Textarea
                label={t('log.notes')}
                autosize
                minRows={2}
                maxRows={8}
                data-testid="log-notes"
                value={v.notes}
                onChange={(e) => form.setField('notes', e.currentTarget.value)}
                error={form.errors.notes}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 7 }}>
              <TextInput
                label={t('log.outcome')}
                placeholder={t('log.outcomePlaceholder')}
                data-testid="log-outcome"
                value={v.outcome}
                onChange={(e) => form.setField('outcome', e.currentTarget.value)}
                error={form.errors.outcome}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 5 }}>
              <TextInput
                type="datetime-local"
                label={t('log.occurredAt')}
                description={t('log.occurredAtHelp')}
                data-testid="log-occurred-at"
                value={v.occurredAt}
                onChange={(e) => form.setField('occurredAt', e.currentTarget.value)}
                error={form.errors.occurredAt}
              />
            </Grid.Col>
          </Grid>
          {form.formError && <Text c="red" size="sm" data-testid="form-error">{form.formError}</Text>}
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">{t('common.enterKey')}</Kbd> {t('log.toSubmit')} · <Kbd size="xs">Alt</Kbd> + <Kbd size="xs">N</Kbd> {t('log.toFocus')}
            </Text>
            <Group gap="sm">
              {extraAction}
              <Button type="submit" loading={log.isPending} leftSection={<IconSend size={16} />} data-testid="log-submit">
                {amending ? t('log.submitAmend') : t('log.submit')}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
