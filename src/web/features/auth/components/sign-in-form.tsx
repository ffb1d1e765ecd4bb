import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { signInBody } from '../../../../contract/auth.ts';
import { useSchemaForm } from '../../../lib/use-schema-form.ts';
import { useSignIn } from '../api/use-sign-in.ts';

export function SignInForm({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useTranslation();
  const form = useSchemaForm({ email: '', password: '' });
  const signIn = useSignIn();

  function submit(event: FormEvent) {
    event.preventDefault();
    const body = form.validate(signInBody, form.values);
    if (!body) return;
    signIn.mutate(body, {
      onSuccess: onSignedIn,
      onError: (error) => form.applyError(error, []),
    });
  }

  return (
    <form onSubmit={submit} noValidate aria-label={t('auth.signIn')}>
      <Stack gap="md">
        {form.formError && (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} data-testid="sign-in-error">
            {form.formError}
          </Alert>
        )}
        <TextInput
          label={t('auth.email')}
          type="email"
          autoComplete="username"
          autoFocus
          required
          data-testid="sign-in-email"
          value={form.values.email}
          onChange={(e) => form.setField('email', e.currentTarget.value)}
          error={form.errors.email}
        />
        <PasswordInput
          label={t('auth.password')}
          autoComplete="current-password"
          required
          data-testid="sign-in-password"
          value={form.values.password}
          onChange={(e) => form.setField('password', e.currentTarget.value)}
          error={form.errors.password}
        />
        <Button type="submit" fullWidth size="md" loading={signIn.isPending} data-testid="sign-in-submit">
          {t('auth.signIn')}
        </Button>
      </Stack>
    </form>
  );
}
