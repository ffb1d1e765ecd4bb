import { ActionIcon, Alert, Button, Group, Modal, Stack, Table, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMap, IconPencil } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createRegionBody, updateRegionBody, type Organisation } from '../../../../contract/org.ts';
import { EmptyBlock } from '../../../components/empty-block.tsx';
import { useSchemaForm } from '../../../lib/use-schema-form.ts';
import { useCreateRegion } from '../api/use-create-region.ts';
import { useUpdateRegion } from '../api/use-update-region.ts';
import { OrgTableCard } from './org-table-card.tsx';

type Region = Organisation['regions'][number];

function RegionForm({ region, onClose }: { region: Region | null; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useSchemaForm({ code: region?.code ?? '', name: region?.name ?? '' });
  const create = useCreateRegion();
  const update = useUpdateRegion();
  const done = () => { notifications.show({ color: 'teal', message: t('common.savedOk') }); onClose(); };
  function submit(e: FormEvent) {
    e.preventDefault();
    const onError = (err: unknown) => form.applyError(err, ['code', 'name']);
    if (region) {
      const body = form.validate(updateRegionBody, { name: form.values.name });
      if (body) update.mutate({ id: region.id, body }, { onSuccess: done, onError });
    } else {
      const body = form.validate(createRegionBody, form.values);
      if (body) create.mutate(body, { onSuccess: done, onError });
    }
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {form.formError && <Alert color="red" variant="light">{form.formError}</Alert>}
        <TextInput label={t('org.code')} description={t('org.codeHelp')} required disabled={!!region} data-testid="region-code" value={form.values.code} onChange={(e) => form.setField('code', e.currentTarget.value.toUpperCase())} error={form.errors.code} />
        <TextInput label={t('org.name')} required data-autofocus data-testid="region-name" value={form.values.name} onChange={(e) => form.setField('name', e.currentTarget.value)} error={form.errors.name} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" loading={create.isPending || update.isPending} data-testid="region-submit">{t('common.save')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

export function RegionsPanel({ org, loading }: { org: Organisation | undefined; loading: boolean }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Region | null | undefined>(undefined);
  const regions = org?.regions ?? [];
  return (
    <OrgTableCard title={t('org.regions')} description={t('org.regionsHelp')} addLabel={t('org.newRegion')} onAdd={() => setEditing(null)} loading={loading} testId="regions">
      {regions.length === 0 ? (
        <EmptyBlock icon={<IconMap />} title={t('org.noRegions')} />
      ) : (
        <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover>
          <Table.Thead><Table.Tr><Table.Th w={140}>{t('org.code')}</Table.Th><Table.Th>{t('org.name')}</Table.Th><Table.Th>{t('org.agencies')}</Table.Th><Table.Th w={60} /></Table.Tr></Table.Thead>
          <Table.Tbody>
            {regions.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td ff="monospace">{r.code}</Table.Td>
                <Table.Td fw={500}>{r.name}</Table.Td>
                <Table.Td>{org?.agencies.filter((a) => a.regionId === r.id).length ?? 0}</Table.Td>
                <Table.Td><ActionIcon variant="subtle" color="gray" onClick={() => setEditing(r)} aria-label={t('common.editNamed', { name: r.name })}><IconPencil size={16} /></ActionIcon></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal opened={editing !== undefined} onClose={() => setEditing(undefined)} title={editing ? t('org.editRegion') : t('org.newRegion')}>
        {editing !== undefined && <RegionForm region={editing} onClose={() => setEditing(undefined)} />}
      </Modal>
    </OrgTableCard>
  );
}
