import { Alert, Button, Checkbox, Grid, Group, Modal, Stack, TagsInput, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createContactBody, updateContactBody, type Contact } from '../../../../contract/accounts.ts';
import { ApiError } from '../../../lib/api-client.ts';
import { translateError } from '../../../lib/errors.ts';
import { useSchemaForm } from '../../../lib/use-schema-form.ts';
import { useCreateContact } from '../api/use-create-contact.ts';
import { useUpdateContact } from '../api/use-update-contact.ts';

const FIELDS = ['firstName', 'lastName', 'jobTitle', 'phones', 'emails', 'decisionMaker', 'consentCall', 'consentMail'];

export function ContactFormModal({ accountId, contact, opened, onClose }: { accountId: string; contact: Contact | null; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={contact ? t('contacts.edit') : t('contacts.add')} size="lg" data-testid="contact-modal">
      {opened && <ContactForm accountId={accountId} contact={contact} onClose={onClose} />}
    </Modal>
  );
}

function ContactForm({ accountId, contact, onClose }: { accountId: string; contact: Contact | null; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useSchemaForm({
    firstName: contact?.firstName ?? '',
    lastName: contact?.lastName ?? '',
    jobTitle: contact?.jobTitle ?? '',
    phones: contact?.phones ?? ([] as string[]),
    emails: contact?.emails ?? ([] as string[]),
    decisionMaker: contact?.decisionMaker ?? false,
    consentCall: contact?.consentCall ?? true,
    consentMail: contact?.consentMail ?? true,
  });
  const create = useCreateContact();
  const update = useUpdateContact();
  const v = form.values;

  function onError(error: unknown) {
    if (error instanceof ApiError && error.code === 'contact.version_conflict') {
      form.setFormError(translateError(t, error.code, error.message));
      return;
    }
    form.applyError(error, FIELDS);
  }
  const onSuccess = () => {
    notifications.show({ color: 'teal', message: contact ? t('contacts.saved') : t('contacts.created') });
    onClose();
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    const fields = { ...v, jobTitle: v.jobTitle.trim() || null };
    if (contact) {
      const body = form.validate(updateContactBody, { version: contact.version, ...fields });
      if (body) update.mutate({ id: contact.id, body }, { onSuccess, onError });
    } else {
      const body = form.validate(createContactBody, { accountId, ...fields });
      if (body) create.mutate(body, { onSuccess, onError });
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {form.formError && <Alert color="red" variant="light" data-testid="form-error">{form.formError}</Alert>}
        <Grid gap="md">
          <Grid.Col span={6}>
            <TextInput label={t('contacts.firstName')} data-autofocus data-testid="contact-first-name" value={v.firstName} onChange={(e) => form.setField('firstName', e.currentTarget.value)} error={form.errors.firstName} />
          </Grid.Col>
          <Grid.Col span={6}>
            <TextInput label={t('contacts.lastName')} required data-testid="contact-last-name" value={v.lastName} onChange={(e) => form.setField('lastName', e.currentTarget.value)} error={form.errors.lastName} />
          </Grid.Col>
          <Grid.Col span={12}>
            <TextInput label={t('contacts.jobTitle')} data-testid="contact-job-title" value={v.jobTitle} onChange={(e) => form.setField('jobTitle', e.currentTarget.value)} error={form.errors.jobTitle} />
          </Grid.Col>
          <Grid.Col span={6}>
            <TagsInput label={t('contacts.phones')} description={t('common.tagsHelp')} data-testid="contact-phones" value={v.phones} onChange={(x) => form.setField('phones', x)} error={form.errors.phones} acceptValueOnBlur splitChars={[',', ';']} />
          </Grid.Col>
          <Grid.Col span={6}>
            <TagsInput label={t('contacts.emails')} description={t('common.tagsHelp')} data-testid="contact-emails" value={v.emails} onChange={(x) => form.setField('emails', x)} error={form.errors.emails} acceptValueOnBlur splitChars={[',', ';', ' ']} />
          </Grid.Col>
        </Grid>
        <Group gap="xl">
          <Checkbox label={t('contacts.decisionMaker')} checked={v.decisionMaker} onChange={(e) => form.setField('decisionMaker', e.currentTarget.checked)} />
          <Checkbox label={t('contacts.consentCall')} checked={v.consentCall} onChange={(e) => form.setField('consentCall', e.currentTarget.checked)} />
          <Checkbox label={t('contacts.consentMail')} checked={v.consentMail} onChange={(e) => form.setField('consentMail', e.currentTarget.checked)} />
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" loading={create.isPending || update.isPending} data-testid="contact-submit">{t('common.save')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
