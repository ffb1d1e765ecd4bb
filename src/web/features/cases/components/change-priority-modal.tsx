import { Alert, Button, Group, Modal, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFlag } from '@tabler/icons-react';
import { type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { casePrioritySchema, changeCasePriorityBody, type CaseListItem, type CasePriority } from '../../../../contract/cases.ts';
import { useSchemaForm } from '../../../lib/use-schema-form.ts';
import { useChangeCasePriority } from '../api/use-change-case-priority.ts';
import { showCaseRefusal, validateWith } from '../case-form.ts';

/** A new priority and why: the deadlines are recomputed from the SLA rule, the time already spent kept. */
export function ChangePriorityModal({ c, opened, onClose }: { c: CaseListItem; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('cases.priorityChange.title', { reference: c.reference })}>
      {opened && <PriorityForm c={c} onClose={onClose} />}
    </Modal>
  );
}

function PriorityForm({ c, onClose }: { c: CaseListItem; onClose: () => void }) {
  const { t } = useTranslation();
  const change = useChangeCasePriority();
  const form = useSchemaForm({ priority: c.priority as CasePriority, reason: '' });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (form.values.priority === c.priority) {
      form.setErrors({ priority: t('cases.errors.case.priority_unchanged') });
      return;
    }
    const body = validateWith(form, changeCasePriorityBody, { version: c.version, priority: form.values.priority, reason: form.values.reason }, { reason: t('cases.priorityChange.reasonRequired') });
    if (!body) return;
    change.mutate(
      { id: c.id, body },
      {
        onSuccess: (u) => {
          notifications.show({ color: 'teal', message: t('cases.priorityChange.done', { reference: u.reference, priority: t(`cases.priority.${u.priority}`).toLocaleLowerCase() }) });
          onClose();
        },
        onError: (error) => showCaseRefusal(form, t, error, ['priority', 'reason']),
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate data-testid="case-priority-form">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">{t('cases.priorityChange.help')}</Text>
        {form.formError && <Alert color="red" variant="light" data-testid="form-error">{form.formError}</Alert>}
        <Stack gap={4}>
          <Text size="sm" fw={500}>{t('cases.priorityChange.priority')}</Text>
          <SegmentedControl
            fullWidth
            aria-label={t('cases.priorityChange.priority')}
            value={form.values.priority}
            onChange={(v) => form.setField('priority', v as CasePriority)}
            data={casePrioritySchema.options.map((p) => ({ value: p, label: t(`cases.priority.${p}`) }))}
            data-testid="case-priority-select"
          />
          {form.errors.priority && <Text size="xs" c="red">{form.errors.priority}</Text>}
        </Stack>
        <Textarea
          label={t('cases.priorityChange.reason')}
          placeholder={t('cases.priorityChange.reasonPlaceholder')}
          required
          autosize
          minRows={2}
          maxLength={2000}
          value={form.values.reason}
          onChange={(e) => form.setField('reason', e.currentTarget.value)}
          error={form.errors.reason}
          data-testid="case-priority-reason"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" leftSection={<IconFlag size={16} />} loading={change.isPending} data-testid="case-priority-submit">{t('cases.priorityChange.submit')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
