import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCircleCheck } from '@tabler/icons-react';
import { type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { transitionCaseBody, type CaseListItem } from '../../../../contract/cases.ts';
import { useSchemaForm } from '../../../lib/use-schema-form.ts';
import { useTransitionCase } from '../api/use-transition-case.ts';
import { showCaseRefusal, validateWith } from '../case-form.ts';

// Resolving needs the summary (the server says so with 400 case.summary_required); asked here before it goes.
const resolveBody = transitionCaseBody.extend({ summary: z.string().trim().min(1).max(5000) });

/** Resolving a case: the resolution summary is required — what was done, what the customer was told. */
export function ResolveCaseModal({ c, opened, onClose }: { c: CaseListItem; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('cases.resolve.title', { reference: c.reference })} size="lg">
      {opened && <ResolveForm c={c} onClose={onClose} />}
    </Modal>
  );
}

function ResolveForm({ c, onClose }: { c: CaseListItem; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useSchemaForm({ summary: '' });
  const transition = useTransitionCase();

  function submit(event?: FormEvent) {
    event?.preventDefault();
    const body = validateWith(form, resolveBody, { version: c.version, transition: 'resolve', summary: form.values.summary }, { summary: t('cases.resolve.summaryRequired') });
    if (!body) return;
    transition.mutate(
      { id: c.id, body },
      {
        onSuccess: (u) => {
          notifications.show({ color: 'teal', message: t('cases.resolve.done', { reference: u.reference }) });
          onClose();
        },
        onError: (error) => showCaseRefusal(form, t, error, ['summary']),
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
    <form onSubmit={submit} onKeyDown={onKeyDown} noValidate data-testid="case-resolve-form">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">{t('cases.resolve.help')}</Text>
        {form.formError && <Alert color="red" variant="light" data-testid="form-error">{form.formError}</Alert>}
        <Textarea
          label={t('cases.resolve.summary')}
          placeholder={t('cases.resolve.summaryPlaceholder')}
          required
          autosize
          minRows={4}
          maxRows={12}
          maxLength={5000}
          data-autofocus
          data-testid="case-resolve-summary"
          value={form.values.summary}
          onChange={(e) => form.setField('summary', e.currentTarget.value)}
          error={form.errors.summary}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" color="teal" leftSection={<IconCircleCheck size={16} />} loading={transition.isPending} data-testid="case-resolve-submit">{t('cases.transition.resolve')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
