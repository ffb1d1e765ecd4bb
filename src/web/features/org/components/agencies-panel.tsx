import { ActionIcon, Alert, Button, Group, Modal, Select, Stack, Table, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBuildingStore, IconPencil } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createAgencyBody, updateAgencyBody, type Organisation } from '../../../../contract/org.ts';
import { EmptyBlock } from '../../../components/empty-block.tsx';
import { useSchemaForm } from '../../../lib/use-schema-form.ts';
import { useCreateAgency } from '../api/use-create-agency.ts';
import { useUpdateAgency } from '../api/use-update-agency.ts';
import { OrgTableCard } from './org-table-card.tsx';

type Agency = Organisation['agencies'][number];

function AgencyForm({ agency, org, onClose }: { agency: Agency | null; org: Organisation; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useSchemaForm({ code: agency?.code ?? '', name: agency?.name ?? '', city: agency?.city ?? '', regionId: agency?.regionId ?? (null as string | null) });
  const create = useCreateAgency();
  const update = useUpdateAgency();
  const done = () => { notifications.show({ color: 'teal', message: t('common.savedOk') }); onClose(); };
  function submit(e: FormEvent) {
    e.preventDefault();
    const onError = (err: unknown) => form.applyError(err, ['code', 'name', 'city', 'regionId']);
    if (agency) {
      const body = form.validate(updateAgencyBody, { name: form.values.name, city: form.values.city });
      if (body) update.mutate({ id: agency.id, body }, { onSuccess: done, onError });
    } else {
      const body = form.validate(createAgencyBody, { ...form.values, regionId: form.values.regionId ?? '' });
      if (body) create.mutate(body, { onSuccess: done, onError });
    }
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {form.formError && <Alert color="red" variant="light" data-testid="form-error">{form.formError}</Alert>}
        <TextInput label={t('org.code')} description={t('org.codeHelp')} required disabled={!!agency} data-testid="agency-code" value={form.values.code} onChange={(e) => form.setField('code', e.currentTarget.value.toUpperCase())} error={form.errors.code} />
        <TextInput label={t('org.name')} required data-autofocus data-testid="agency-name" value={form.values.name} onChange={(e) => form.setField('name', e.currentTarget.value)} error={form.errors.name} />
        <TextInput label={t('org.city')} required data-testid="agency-city" value={form.values.city} onChange={(e) => form.setField('city', e.currentTarget.value)} error={form.errors.city} />
        <Select label={t('org.region')} required disabled={!!agency} data-testid="agency-region" data={org.regions.map((r) => ({ value: r.id, label: r.name }))} value={form.values.regionId} onChange={(v) => form.setField('regionId', v)} error={form.errors.regionId} comboboxProps={{ withinPortal: true }} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" loading={create.isPending || update.isPending} data-testid="agency-submit">{t('common.save')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

export function AgenciesPanel({ org, loading }: { org: Organisation | undefined; loading: boolean }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Agency | null | undefined>(undefined);
  const agencies = org?.agencies ?? [];
  const regionName = (id: string) => org?.regions.find((r) => r.id === id)?.name ?? '—';
  return (
    <OrgTableCard title={t('org.agencies')} description={t('org.agenciesHelp')} addLabel={t('org.newAgency')} onAdd={() => setEditing(null)} loading={loading} testId="agencies">
      {agencies.length === 0 ? (
        <EmptyBlock icon={<IconBuildingStore />} title={t('org.noAgencies')} />
      ) : (
        <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover data-testid="agencies-table">
          <Table.Thead><Table.Tr><Table.Th w={140}>{t('org.code')}</Table.Th><Table.Th>{t('org.name')}</Table.Th><Table.Th>{t('org.city')}</Table.Th><Table.Th>{t('org.region')}</Table.Th><Table.Th w={60} /></Table.Tr></Table.Thead>
          <Table.Tbody>
            {agencies.map((a) => (
              <Table.Tr key={a.id} data-testid="agency-row">
                <Table.Td ff="monospace">{a.code}</Table.Td>
                <Table.Td fw={500}>{a.name}</Table.Td>
                <Table.Td>{a.city}</Table.Td>
                <Table.Td>{regionName(a.regionId)}</Table.Td>
                <Table.Td><ActionIcon variant="subtle" color="gray" onClick={() => setEditing(a)} aria-label={t('common.editNamed', { name: a.name })}><IconPencil size={16} /></ActionIcon></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal opened={editing !== undefined} onClose={() => setEditing(undefined)} title={editing ? t('org.editAgency') : t('org.newAgency')} data-testid="agency-modal">
        {editing !== undefined && org && <AgencyForm agency={editing} org={org} onClose={() => setEditing(undefined)} />}
      </Modal>
    </OrgTableCard>
  );
}
