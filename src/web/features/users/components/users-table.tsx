import { ActionIcon, Badge, Button, Card, Group, Modal, Skeleton, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconPencil, IconSearch, IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Organisation, OrgUser } from '../../../../contract/org.ts';
import { EmptyBlock } from '../../../components/empty-block.tsx';
import { ErrorBlock } from '../../../components/error-block.tsx';
import { LoadMoreButton } from '../../../components/load-more-button.tsx';
import { PageLoader } from '../../../components/page-loader.tsx';
import { formatDate } from '../../../lib/format.ts';
import { useUser } from '../api/get-user.ts';
import { useUsers } from '../api/get-users.ts';
import { UserForm } from './user-form.tsx';

function EditUser({ id, org, onClose }: { id: string; org: Organisation; onClose: () => void }) {
  const user = useUser(id);
  if (user.isPending) return <PageLoader />;
  if (user.isError) return <ErrorBlock error={user.error} />;
  return <UserForm key={user.data.version} user={user.data} org={org} onDone={onClose} onCancel={onClose} />;
}

export function UsersTable({ org }: { org: Organisation | undefined }) {
  const { t, i18n } = useTranslation();
  const users = useUsers();
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<string | null | undefined>(undefined);
  const agencyName = (id: string | null) => (id ? (org?.agencies.find((a) => a.id === id)?.name ?? '—') : '—');
  const poolName = (id: string) => org?.pools.find((p) => p.id === id)?.name ?? '';
  const all = users.data?.pages.flatMap((p) => p.items) ?? [];
  const f = filter.trim().toLowerCase();
  const rows = f ? all.filter((u) => u.name.toLowerCase().includes(f) || u.email.toLowerCase().includes(f)) : all;

  const absence = (u: OrgUser) =>
    u.absentFrom ? (
      <Badge color="orange" variant="light" size="sm">{t('users.absentRange', { from: formatDate(u.absentFrom, i18n.language), until: formatDate(u.absentUntil, i18n.language) })}</Badge>
    ) : null;

  return (
    <Card withBorder padding={0} data-testid="users">
      <Group justify="space-between" p="md" style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
        <TextInput leftSection={<IconSearch size={16} />} placeholder={t('users.filter')} aria-label={t('users.filter')} value={filter} onChange={(e) => setFilter(e.currentTarget.value)} w={300} />
        <Button leftSection={<IconUserPlus size={16} />} onClick={() => setEditing(null)} disabled={!org} data-testid="user-add">{t('users.new')}</Button>
      </Group>
      {users.isPending ? (
        <Stack p="md" gap="xs">{[0, 1, 2, 3, 4].map((i) => <Skeleton key={i} h={28} />)}</Stack>
      ) : users.isError ? (
        <ErrorBlock error={users.error} onRetry={() => users.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyBlock icon={<IconUsers />} title={t('users.empty')} />
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover data-testid="users-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('users.name')}</Table.Th>
                <Table.Th>{t('users.roles')}</Table.Th>
                <Table.Th>{t('users.homeAgency')}</Table.Th>
                <Table.Th>{t('users.memberships')}</Table.Th>
                <Table.Th>{t('users.status')}</Table.Th>
                <Table.Th w={60} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((u) => (
                <Table.Tr key={u.id} data-testid="user-row">
                  <Table.Td>
                    <Text size="sm" fw={600}>{u.name}</Text>
                    <Text size="xs" c="dimmed">{u.email}</Text>
                  </Table.Td>
                  <Table.Td><Group gap={4}>{u.roles.map((r) => <Badge key={r} size="sm" variant="light" color={r === 'admin' ? 'red' : r === 'agent' ? 'gray' : 'indigo'}>{t(`enums.role.${r}`)}</Badge>)}</Group></Table.Td>
                  <Table.Td><Text size="sm">{agencyName(u.homeAgencyId)}</Text></Table.Td>
                  <Table.Td><Text size="xs" c="dimmed" lineClamp={2}>{u.memberships.filter((m) => !m.endsOn).map((m) => poolName(m.poolId)).filter(Boolean).join(', ') || '—'}</Text></Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {u.active ? <Badge size="sm" color="teal" variant="dot">{t('users.activeShort')}</Badge> : <Badge size="sm" color="gray" variant="dot">{t('users.inactive')}</Badge>}
                      {absence(u)}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <ActionIcon variant="subtle" color="gray" onClick={() => setEditing(u.id)} aria-label={t('common.editNamed', { name: u.name })} data-testid="user-edit">
                      <IconPencil size={16} />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {users.data && <LoadMoreButton hasMore={users.hasNextPage} loading={users.isFetchingNextPage} onClick={() => users.fetchNextPage()} />}
      <Modal opened={editing !== undefined} onClose={() => setEditing(undefined)} title={editing ? t('users.edit') : t('users.new')} size="xl" data-testid="user-modal">
        {editing === null && org && <UserForm user={null} org={org} onDone={() => setEditing(undefined)} onCancel={() => setEditing(undefined)} />}
        {editing && org && <EditUser id={editing} org={org} onClose={() => setEditing(undefined)} />}
      </Modal>
    </Card>
  );
}
