import { Alert, Badge, Button, Card, Checkbox, Code, CopyButton, Group, Skeleton, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconCheck, IconCopy, IconKey, IconTrash } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createApiTokenBody } from '../../../../contract/auth.ts';
import { EmptyBlock } from '../../../components/empty-block.tsx';
import { ErrorBlock } from '../../../components/error-block.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useSchemaForm } from '../../../lib/use-schema-form.ts';
import { useTokens } from '../api/get-tokens.ts';
import { useCreateToken, type CreatedApiToken } from '../api/use-create-token.ts';
import { useRevokeToken } from '../api/use-revoke-token.ts';

export function TokensPanel() {
  const { t, i18n } = useTranslation();
  const tokens = useTokens();
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const form = useSchemaForm({ name: '', write: false });
  const [created, setCreated] = useState<CreatedApiToken | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const body = form.validate(createApiTokenBody, {
      name: form.values.name,
      scopes: form.values.write ? ['read', 'write'] : ['read'],
    });
    if (!body) return;
    create.mutate(body, {
      onSuccess: (token) => {
        setCreated(token);
        form.reset({ name: '', write: false });
      },
      onError: (error) => form.applyError(error, ['name', 'scopes']),
    });
  }

  return (
    <Stack gap="lg">
      <Card withBorder padding="lg">
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <Text fw={600}>{t('tokens.new')}</Text>
            <Group align="flex-end">
              <TextInput
                label={t('tokens.name')}
                placeholder={t('tokens.namePlaceholder')}
                data-testid="token-name"
                style={{ flex: 1 }}
                value={form.values.name}
                onChange={(e) => form.setField('name', e.currentTarget.value)}
                error={form.errors.name}
              />
              <Checkbox
                label={t('tokens.allowWrite')}
                checked={form.values.write}
                onChange={(e) => form.setField('write', e.currentTarget.checked)}
                mb={8}
              />
              <Button type="submit" leftSection={<IconKey size={16} />} loading={create.isPending} data-testid="token-create">
                {t('tokens.create')}
              </Button>
            </Group>
            {form.formError && <Text c="red" size="sm">{form.formError}</Text>}
          </Stack>
        </form>
        {created && (
          <Alert mt="md" color="green" title={t('tokens.createdTitle')} data-testid="token-created">
            <Stack gap="xs">
              <Text size="sm">{t('tokens.createdHelp')}</Text>
              <Group gap="xs" wrap="nowrap">
                <Code style={{ wordBreak: 'break-all' }} data-testid="token-value">{created.token}</Code>
                <CopyButton value={created.token}>
                  {({ copied, copy }) => (
                    <Button size="xs" variant="light" onClick={copy} leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}>
                      {copied ? t('common.copied') : t('common.copy')}
                    </Button>
                  )}
                </CopyButton>
              </Group>
            </Stack>
          </Alert>
        )}
      </Card>

      <Card withBorder padding={0}>
        {tokens.isPending ? (
          <Stack p="md"><Skeleton h={24} /><Skeleton h={24} /></Stack>
        ) : tokens.isError ? (
          <ErrorBlock error={tokens.error} onRetry={() => tokens.refetch()} />
        ) : tokens.data.items.length === 0 ? (
          <EmptyBlock icon={<IconKey />} title={t('tokens.emptyTitle')} description={t('tokens.emptyHelp')} />
        ) : (
          <Table verticalSpacing="sm" horizontalSpacing="md" striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('tokens.name')}</Table.Th>
                <Table.Th>{t('tokens.scopes')}</Table.Th>
                <Table.Th>{t('tokens.createdAt')}</Table.Th>
                <Table.Th>{t('tokens.lastUsedAt')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tokens.data.items.map((token) => (
                <Table.Tr key={token.id}>
                  <Table.Td fw={500}>{token.name}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>{token.scopes.map((s) => <Badge key={s} variant="light" size="sm">{s}</Badge>)}</Group>
                  </Table.Td>
                  <Table.Td>{formatDateTime(token.createdAt, i18n.language)}</Table.Td>
                  <Table.Td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt, i18n.language) : t('tokens.neverUsed')}</Table.Td>
                  <Table.Td ta="right">
                    {token.revokedAt ? (
                      <Badge color="gray" variant="light">{t('tokens.revoked')}</Badge>
                    ) : (
                      <Button
                        size="xs"
                        color="red"
                        variant="subtle"
                        leftSection={<IconTrash size={14} />}
                        loading={revoke.isPending && revoke.variables === token.id}
                        onClick={() => revoke.mutate(token.id)}
                        aria-label={t('tokens.revokeNamed', { name: token.name })}
                      >
                        {t('tokens.revoke')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
    </Stack>
  );
}
