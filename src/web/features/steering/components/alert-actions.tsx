import { Alert as Notice, Button, Card, Group, Modal, Stack, Text, Textarea, Title, type TextareaProps } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconCircleCheck, IconEye, IconMessagePlus, IconRefresh } from '@tabler/icons-react';
import { useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { acknowledgeAlertBody, commentAlertBody, resolveAlertBody, type Alert } from '../../../../contract/steering.ts';
import { ApiError } from '../../../lib/api-client.ts';
import { orNull, useSchemaForm } from '../../../lib/use-schema-form.ts';
import { useAcknowledgeAlert } from '../api/use-acknowledge-alert.ts';
import { useCommentAlert } from '../api/use-comment-alert.ts';
import { useResolveAlert } from '../api/use-resolve-alert.ts';
import { showSteeringRefusal, steeringErrorText, validateWith } from '../steering-errors.ts';

/** A refusal that says our copy is stale (409 changed meanwhile, 422 no longer open): the alert is reloaded. */
const isStale = (error: unknown) => error instanceof ApiError && (error.status === 409 || error.status === 422);

/** Ctrl+Enter sends, as in every form of the app. */
const submitOnCtrlEnter = (submit: () => void) => (event: KeyboardEvent<HTMLFormElement>) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    submit();
  }
};

/**
 * The shape the three alert forms share: a refusal line, one comment box, the buttons; Ctrl+Enter sends.
 * `form` is the caller's useSchemaForm with a single `comment` field.
 */
function CommentBoxForm({
  form,
  submit,
  testId,
  intro,
  box,
  children,
}: {
  form: { values: { comment: string }; errors: Partial<Record<'comment', string>>; formError: string | null; setField: (name: 'comment', value: string) => void };
  submit: (event?: FormEvent) => void;
  testId: string;
  intro?: ReactNode;
  box: Omit<TextareaProps, 'value' | 'onChange' | 'error'> & { 'data-testid': string; 'data-autofocus'?: boolean };
  children: ReactNode;
}) {
  return (
    <form onSubmit={submit} onKeyDown={submitOnCtrlEnter(submit)} noValidate data-testid={testId}>
      <Stack gap="xs">
        {intro}
        {form.formError && <Notice color="red" variant="light" data-testid="form-error">{form.formError}</Notice>}
        <Textarea
          autosize
          maxLength={2000}
          {...box}
          value={form.values.comment}
          onChange={(e) => form.setField('comment', e.currentTarget.value)}
          error={form.errors.comment}
        />
        <Group justify="flex-end">{children}</Group>
      </Stack>
    </form>
  );
}

/** Acknowledge: "I have seen it and I am on it", with the version read, and a comment if there is something to say. */
function AcknowledgeForm({ alert, onStale }: { alert: Alert; onStale: (text: string) => void }) {
  const { t } = useTranslation();
  const form = useSchemaForm({ comment: '' });
  const acknowledge = useAcknowledgeAlert();

  function submit(event?: FormEvent) {
    event?.preventDefault();
    const body = validateWith(form, acknowledgeAlertBody, { version: alert.version, comment: orNull(form.values.comment) }, { comment: t('steering.alert.commentTooLong') });
    if (!body) return;
    acknowledge.mutate(
      { id: alert.id, body },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('steering.alert.acknowledged') });
          form.reset({ comment: '' });
        },
        onError: (error) => (isStale(error) ? onStale(steeringErrorText(t, error)) : showSteeringRefusal(form, t, error, ['comment'], t('steering.alert.forbidden'))),
      },
    );
  }

  return (
    <CommentBoxForm
      form={form}
      submit={submit}
      testId="alert-acknowledge-form"
      box={{
        label: t('steering.alert.acknowledgeComment'),
        description: t('steering.alert.acknowledgeHelp'),
        placeholder: t('steering.alert.acknowledgePlaceholder'),
        minRows: 2,
        maxRows: 8,
        'data-testid': 'alert-acknowledge-comment',
      }}
    >
      <Button type="submit" color="orange" leftSection={<IconEye size={16} />} loading={acknowledge.isPending} data-testid="alert-acknowledge">
        {t('steering.alert.acknowledge')}
      </Button>
    </CommentBoxForm>
  );
}

/** Resolving says what was done: required (at least a few words), read by everyone who follows the alert. */
function ResolveForm({ alert, onClose, onStale }: { alert: Alert; onClose: () => void; onStale: (text: string) => void }) {
  const { t } = useTranslation();
  const form = useSchemaForm({ comment: '' });
  const resolve = useResolveAlert();

  function submit(event?: FormEvent) {
    event?.preventDefault();
    const body = validateWith(form, resolveAlertBody, { version: alert.version, comment: form.values.comment }, { comment: t('steering.alert.resolveCommentRequired') });
    if (!body) return;
    resolve.mutate(
      { id: alert.id, body },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('steering.alert.resolved') });
          onClose();
        },
        onError: (error) => {
          if (isStale(error)) {
            onStale(steeringErrorText(t, error));
            onClose();
          } else showSteeringRefusal(form, t, error, ['comment'], t('steering.alert.forbidden'));
        },
      },
    );
  }

  return (
    <CommentBoxForm
      form={form}
      submit={submit}
      testId="alert-resolve-form"
      intro={<Text size="sm" c="dimmed">{t('steering.alert.resolveHelp')}</Text>}
      box={{
        label: t('steering.alert.resolveComment'),
        placeholder: t('steering.alert.resolvePlaceholder'),
        required: true,
        minRows: 3,
        maxRows: 10,
        'data-autofocus': true,
        'data-testid': 'alert-resolve-comment',
      }}
    >
      <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
      <Button type="submit" color="teal" leftSection={<IconCircleCheck size={16} />} loading={resolve.isPending} data-testid="alert-resolve-submit">
        {t('steering.alert.resolve')}
      </Button>
    </CommentBoxForm>
  );
}

/**
 * What the reader may do with the alert now, from the abilities the server sent: acknowledge it (with an optional
 * comment), resolve it (with what was done). When someone else acted first, the alert is reloaded and the notice
 * says so; the next try carries the new version.
 */
export function AlertActions({ alert }: { alert: Alert }) {
  const { t } = useTranslation();
  const [resolving, resolveModal] = useDisclosure(false);
  const [stale, setStale] = useState<string | null>(null);
  const a = alert.abilities;
  if (!a.acknowledge && !a.resolve && !stale) return null;

  return (
    <Card withBorder padding="lg" data-testid="alert-actions">
      <Title order={4} mb="sm">{t('steering.alert.actions')}</Title>
      <Stack gap="md">
        {stale && (
          <Notice color="orange" variant="light" icon={<IconRefresh size={18} />} withCloseButton onClose={() => setStale(null)} data-testid="alert-stale">
            {stale}
          </Notice>
        )}
        {a.acknowledge && <AcknowledgeForm alert={alert} onStale={setStale} />}
        {a.resolve && (
          <Group justify={a.acknowledge ? 'space-between' : 'flex-start'} gap="sm">
            {a.acknowledge && <Text size="sm" c="dimmed">{t('steering.alert.orResolve')}</Text>}
            <Button variant="light" color="teal" leftSection={<IconCircleCheck size={16} />} onClick={resolveModal.open} data-testid="alert-resolve">
              {t('steering.alert.resolve')}
            </Button>
          </Group>
        )}
      </Stack>
      <Modal opened={resolving} onClose={resolveModal.close} title={t('steering.alert.resolveTitle')} size="lg">
        {resolving && <ResolveForm alert={alert} onClose={resolveModal.close} onStale={setStale} />}
      </Modal>
    </Card>
  );
}

/** A comment adds to the history without changing the alert (nobody's acknowledgement goes stale for it). */
export function AlertCommentForm({ alert }: { alert: Alert }) {
  const { t } = useTranslation();
  const form = useSchemaForm({ comment: '' });
  const comment = useCommentAlert();

  function submit(event?: FormEvent) {
    event?.preventDefault();
    const body = validateWith(form, commentAlertBody, { comment: form.values.comment }, { comment: t('steering.alert.commentRequired') });
    if (!body) return;
    comment.mutate(
      { id: alert.id, body },
      {
        onSuccess: () => form.reset({ comment: '' }),
        onError: (error) => showSteeringRefusal(form, t, error, ['comment'], t('steering.alert.forbidden')),
      },
    );
  }

  return (
    <CommentBoxForm
      form={form}
      submit={submit}
      testId="alert-comment-form"
      box={{ 'aria-label': t('steering.alert.comment'), placeholder: t('steering.alert.commentPlaceholder'), minRows: 2, maxRows: 8, 'data-testid': 'alert-comment-text' }}
    >
      <Button type="submit" variant="light" leftSection={<IconMessagePlus size={16} />} loading={comment.isPending} data-testid="alert-comment-submit">
        {t('steering.alert.commentSubmit')}
      </Button>
    </CommentBoxForm>
  );
}
