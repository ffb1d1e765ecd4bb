import { Alert, Button, Text, Group, Modal, Select, Stack, Table, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUsersGroup } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { poolKindSchema } from '../../../../contract/auth.ts';
import { createPoolBody, poolScopeSchema, type Organisation } from '../../../../contract/org.ts';
import { EmptyBlock } from '../../../components/empty-block.tsx';
import { useSchemaForm } from '../../../lib/use-schema-form.ts';
import { useCreatePool } from '../api/use-create-pool.ts';
import { OrgTableCard } from './org-table-card.tsx';

function PoolForm({ org, onClose }: { org: Organisation; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useSchemaForm({ kind: 'sales' as string, name: '', scope: 'agency' as string, unitId: null as string | null });
  const create = useCreatePool();
  const units = form.values.scope === 'agency' ? org.agencies.map((a) => ({ value: a.id, label: a.name })) : org.regions.map((r) => ({ value: r.id, label: r.name }));
  function submit(e: FormEvent) {
    e.preventDefault();
    const body = form.validate(createPoolBody, { ...form.values, unitId: form.values.scope === 'nation' ? undefined : (form.values.unitId ?? '') });
    if (body)
      create.mutate(body, {
        onSuccess: () => { notifications.show({ color: 'teal', message: t('common.savedOk') }); onClose(); },
        onError: (err) => form.applyError(err, ['kind', 'name', 'scope', 'unitId']),
      });
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {form.formError && <Alert color="red" variant="light">{form.formError}</Alert>}
        <Select label={t('org.poolKind')} required allowDeselect={false} data-testid="pool-kind" data={poolKindSchema.options.map((k) => ({ value: k, label: t(`enums.pool.${k}`) }))} value={form.values.kind} onChange={(v) => form.setField('kind', v ?? 'sales')} error={form.errors.kind} />
        <TextInput label={t('org.name')} required data-testid="pool-name" value={form.values.name} onChange={(e) => form.setField('name', e.currentTarget.value)} error={form.errors.name} />
        <Select label={t('org.scope')} required allowDeselect={false} data-testid="pool-scope" data={poolScopeSchema.options.map((s) => ({ value: s, label: t(`enums.scope.${s}`) }))} value={form.values.scope} onChange={(v) => { form.setField('scope', v ?? 'agency'); form.setField('unitId', null); }} error={form.errors.scope} />
        {form.values.scope !== 'nation' && (
          <Select label={form.values.scope === 'agency' ? t('org.agency') : t('org.region')} required searchable data-testid="pool-unit" data={units} value={form.values.unitId} onChange={(v) => form.setField('unitId', v)} error={form.errors.unitId} />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" loading={create.isPending} data-testid="pool-submit">{t('common.save')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

export function PoolsPanel({ org, loading }: { org: Organisation | undefined; loading: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const pools = org?.pools ?? [];
  const unitName = (p: Organisation['pools'][number]) =>
    p.scope === 'nation' ? t('enums.scope.nation') : p.scope === 'agency' ? (org?.agencies.find((a) => a.id === p.agencyId)?.name ?? '—') : (org?.regions.find((r) => r.id === p.regionId)?.name ?? '—');
  return (
    <OrgTableCard title={t('org.pools')} description={t('org.poolsHelp')} addLabel={t('org.newPool')} onAdd={() => setOpen(true)} loading={loading} testId="pools">
      {pools.length === 0 ? (
        <EmptyBlock icon={<IconUsersGroup />} title={t('org.noPools')} />
      ) : (
        <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover>
          <Table.Thead><Table.Tr><Table.Th>{t('org.name')}</Table.Th><Table.Th>{t('org.poolKind')}</Table.Th><Table.Th>{t('org.scope')}</Table.Th><Table.Th>{t('org.unit')}</Table.Th><Table.Th>{t('org.members')}</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {pools.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td fw={500}>{p.name}</Table.Td>
                <Table.Td><Text size="sm" c="relais.7" fw={500}>{t(`enums.pool.${p.kind}`)}</Text></Table.Td>
                <Table.Td>{t(`enums.scope.${p.scope}`)}</Table.Td>
                <Table.Td>{unitName(p)}</Table.Td>
                <Table.Td>{p.memberCount}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal opened={open} onClose={() => setOpen(false)} title={t('org.newPool')}>
        {open && org && <PoolForm org={org} onClose={() => setOpen(false)} />}
      </Modal>
    </OrgTableCard>
  );
}
