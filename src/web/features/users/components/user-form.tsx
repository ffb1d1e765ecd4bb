import {
  ActionIcon, Alert, Button, Checkbox, Divider, Fieldset, Grid, Group, MultiSelect, NumberInput, PasswordInput, Select, Stack, Switch, Text, TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconRefresh, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { roleSchema } from '../../../../contract/auth.ts';
import { createUserBody, updateUserBody, type Organisation, type OrgUser } from '../../../../contract/org.ts';
import { ApiError } from '../../../lib/api-client.ts';
import { translateError } from '../../../lib/errors.ts';
import { queryKeys } from '../../../lib/query-keys.ts';
import { useSchemaForm } from '../../../lib/use-schema-form.ts';
import { useDirectory } from '../api/get-directory.ts';
import { useCreateUser } from '../api/use-create-user.ts';
import { useUpdateUser } from '../api/use-update-user.ts';

const FIELDS = ['email', 'name', 'password', 'roles', 'homeAgencyId', 'active', 'absentFrom', 'absentUntil', 'backupUserId', 'memberships', 'assignments', 'managedUnits', 'version'];

interface Assignment {
  agencyId: string | null;
  sharePct: number | string;
}

function initialValues(user: OrgUser | null) {
  return {
    email: user?.email ?? '',
    name: user?.name ?? '',
    password: '',
    roles: user?.roles ?? (['agent'] as string[]),
    homeAgencyId: user?.homeAgencyId ?? (null as string | null),
    active: user?.active ?? true,
    absent: !!user?.absentFrom,
    absentFrom: user?.absentFrom?.slice(0, 10) ?? '',
    absentUntil: user?.absentUntil?.slice(0, 10) ?? '',
    backupUserId: user?.backupUserId ?? (null as string | null),
    poolIds: user?.memberships.filter((m) => !m.endsOn).map((m) => m.poolId) ?? ([] as string[]),
    assignments: (user?.assignments.filter((a) => !a.endsOn).map((a) => ({ agencyId: a.agencyId, sharePct: a.sharePct })) ?? []) as Assignment[],
    managedUnits: user?.managedUnits.map((u) => `${u.type}:${u.id ?? ''}`) ?? ([] as string[]),
  };
}

export function UserForm({ user, org, onDone, onCancel }: { user: OrgUser | null; org: Organisation; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useSchemaForm(initialValues(user));
  const create = useCreateUser();
  const update = useUpdateUser();
  const directory = useDirectory();
  const [conflict, setConflict] = useState<string | null>(null);
  const v = form.values;

  const agencyOptions = org.agencies.map((a) => ({ value: a.id, label: `${a.name} (${a.city})` }));
  const poolOptions = org.pools.map((p) => ({ value: p.id, label: `${p.name} · ${t(`enums.pool.${p.kind}`)}` }));
  const unitOptions = [
    { group: t('org.nation'), items: [{ value: 'nation:', label: t('enums.scope.nation') }] },
    { group: t('org.regions'), items: org.regions.map((r) => ({ value: `region:${r.id}`, label: r.name })) },
    { group: t('org.agencies'), items: org.agencies.map((a) => ({ value: `agency:${a.id}`, label: a.name })) },
    { group: t('org.pools'), items: org.pools.map((p) => ({ value: `pool:${p.id}`, label: p.name })) },
  ];
  const backupOptions = (directory.data?.items ?? []).filter((d) => d.id !== user?.id && d.active).map((d) => ({ value: d.id, label: d.name }));
  const shareTotal = v.assignments.reduce((s, a) => s + (Number(a.sharePct) || 0), 0);

  function payload() {
    const existing = new Map((user?.memberships ?? []).map((m) => [m.poolId, m]));
    return {
      name: v.name,
      roles: v.roles,
      homeAgencyId: v.homeAgencyId,
      memberships: v.poolIds.map((poolId) => {
        const m = existing.get(poolId);
        return m ? { poolId, startsOn: m.startsOn.slice(0, 10) } : { poolId };
      }),
      assignments: v.assignments.map((a) => ({ agencyId: a.agencyId ?? '', sharePct: Number(a.sharePct) })),
      managedUnits: v.managedUnits.map((u) => {
        const [type, id] = u.split(':');
        return { type, id: id ? id : null };
      }),
    };
  }

  function onError(error: unknown) {
    if (error instanceof ApiError && error.code === 'user.version_conflict') {
      setConflict(translateError(t, error.code, error.message));
      return;
    }
    form.applyError(error, FIELDS);
  }
  const onSuccess = () => {
    notifications.show({ color: 'teal', message: user ? t('users.saved') : t('users.created') });
    onDone();
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    setConflict(null);
    if (user) {
      const body = form.validate(updateUserBody, {
        version: user.version,
        ...payload(),
        active: v.active,
        absentFrom: v.absent && v.absentFrom ? v.absentFrom : null,
        absentUntil: v.absent && v.absentUntil ? v.absentUntil : null,
        backupUserId: v.absent ? v.backupUserId : user.backupUserId,
        password: v.password ? v.password : undefined,
      });
      if (body) update.mutate({ id: user.id, body }, { onSuccess, onError });
    } else {
      const body = form.validate(createUserBody, { ...payload(), email: v.email, password: v.password });
      if (body) create.mutate(body, { onSuccess, onError });
    }
  }

  const setAssignment = (i: number, patch: Partial<Assignment>) =>
    form.setField('assignments', v.assignments.map((a, j) => (j === i ? { ...a, ...patch } : a)));

  return (
    <form onSubmit={submit} noValidate aria-label={user ? t('users.edit') : t('users.new')}>
      <Stack gap="md">
        {conflict && (
          <Alert color="orange" variant="light" title={t('account.conflictTitle')} data-testid="version-conflict">
            <Stack gap="xs" align="flex-start">
              <span>{conflict}</span>
              <Button size="xs" variant="white" color="orange" leftSection={<IconRefresh size={14} />}
                onClick={async () => { await queryClient.invalidateQueries({ queryKey: queryKeys.users.all }); onCancel(); }}>
                {t('account.reload')}
              </Button>
            </Stack>
          </Alert>
        )}
        {form.formError && <Alert color="red" variant="light" data-testid="form-error">{form.formError}</Alert>}
        <Grid gap="md">
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput label={t('users.name')} required data-autofocus data-testid="user-name" value={v.name} onChange={(e) => form.setField('name', e.currentTarget.value)} error={form.errors.name} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput label={t('users.email')} type="email" required disabled={!!user} data-testid="user-email" value={v.email} onChange={(e) => form.setField('email', e.currentTarget.value)} error={form.errors.email} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <PasswordInput
              label={user ? t('users.newPassword') : t('users.password')}
              description={t('users.passwordHelp')}
              required={!user}
              autoComplete="new-password"
              data-testid="user-password"
              value={v.password}
              onChange={(e) => form.setField('password', e.currentTarget.value)}
              error={form.errors.password}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <Select label={t('users.homeAgency')} searchable clearable data-testid="user-home-agency" data={agencyOptions} value={v.homeAgencyId} onChange={(x) => form.setField('homeAgencyId', x)} error={form.errors.homeAgencyId} />
          </Grid.Col>
          <Grid.Col span={12}>
            <Checkbox.Group label={t('users.roles')} value={v.roles} onChange={(x) => form.setField('roles', x)} error={form.errors.roles}>
              <Group mt={6} gap="lg">
                {roleSchema.options.map((r) => (
                  <Checkbox key={r} value={r} label={t(`enums.role.${r}`)} data-testid={`user-role-${r}`} />
                ))}
              </Group>
            </Checkbox.Group>
          </Grid.Col>
        </Grid>

        <Fieldset legend={t('users.poolsAndAgencies')} variant="filled" radius="md">
          <Stack gap="md">
            <MultiSelect label={t('users.memberships')} searchable clearable data-testid="user-pools" data={poolOptions} value={v.poolIds} onChange={(x) => form.setField('poolIds', x)} error={form.errors.memberships} />
            <Stack gap={6}>
              <Group justify="space-between">
                <Text size="sm" fw={500}>{t('users.assignments')}</Text>
                <Text size="xs" c={shareTotal > 100 ? 'red' : 'dimmed'} data-testid="share-total">{t('users.shareTotal', { pct: shareTotal })}</Text>
              </Group>
              {v.assignments.map((a, i) => (
                <Group key={i} gap="xs" wrap="nowrap" data-testid="assignment-row">
                  <Select style={{ flex: 1 }} placeholder={t('org.agency')} aria-label={t('org.agency')} searchable data={agencyOptions} value={a.agencyId} onChange={(x) => setAssignment(i, { agencyId: x })} />
                  <NumberInput w={110} aria-label={t('users.share')} suffix=" %" min={1} max={100} value={a.sharePct} onChange={(x) => setAssignment(i, { sharePct: x })} />
                  <ActionIcon variant="subtle" color="red" aria-label={t('common.remove')} onClick={() => form.setField('assignments', v.assignments.filter((_, j) => j !== i))}>
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              ))}
              {form.errors.assignments && <Text size="xs" c="red">{form.errors.assignments}</Text>}
              <Group>
                <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} data-testid="assignment-add"
                  onClick={() => form.setField('assignments', [...v.assignments, { agencyId: null, sharePct: Math.max(1, 100 - shareTotal) }])}>
                  {t('users.addAssignment')}
                </Button>
              </Group>
            </Stack>
            <MultiSelect label={t('users.managedUnits')} description={t('users.managedUnitsHelp')} searchable clearable data={unitOptions} value={v.managedUnits} onChange={(x) => form.setField('managedUnits', x)} error={form.errors.managedUnits} />
          </Stack>
        </Fieldset>

        {user && (
          <Fieldset legend={t('users.availability')} variant="filled" radius="md">
            <Stack gap="sm">
              <Switch label={t('users.active')} checked={v.active} onChange={(e) => form.setField('active', e.currentTarget.checked)} data-testid="user-active" />
              <Divider />
              <Switch label={t('users.markAbsent')} checked={v.absent} onChange={(e) => form.setField('absent', e.currentTarget.checked)} data-testid="user-absent" />
              {v.absent && (
                <Grid gap="sm">
                  <Grid.Col span={{ base: 12, sm: 4 }}>
                    <TextInput type="date" label={t('users.absentFrom')} data-testid="user-absent-from" value={v.absentFrom} onChange={(e) => form.setField('absentFrom', e.currentTarget.value)} error={form.errors.absentFrom} />
                  </Grid.Col>
                  <Grid.Col span={{ base: 12, sm: 4 }}>
                    <TextInput type="date" label={t('users.absentUntil')} data-testid="user-absent-until" value={v.absentUntil} onChange={(e) => form.setField('absentUntil', e.currentTarget.value)} error={form.errors.absentUntil} />
                  </Grid.Col>
                  <Grid.Col span={{ base: 12, sm: 4 }}>
                    <Select label={t('users.backup')} searchable clearable data-testid="user-backup" data={backupOptions} value={v.backupUserId} onChange={(x) => form.setField('backupUserId', x)} error={form.errors.backupUserId} />
                  </Grid.Col>
                </Grid>
              )}
            </Stack>
          </Fieldset>
        )}

        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>{t('common.cancel')}</Button>
          <Button type="submit" loading={create.isPending || update.isPending} data-testid="user-submit">{user ? t('common.save') : t('users.create')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
