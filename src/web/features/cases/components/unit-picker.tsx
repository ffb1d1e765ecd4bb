import { Group, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { responsibleUnitTypeSchema, type ResponsibleUnitType } from '../../../../contract/cases.ts';
import { useOrganisation } from '../../org/api/get-organisation.ts';

/** The unit held responsible: an agency, a pool or a region, picked from the organisation. */
export function UnitPicker({
  type,
  unitId,
  onType,
  onUnit,
  error,
  testId,
  exclude,
}: {
  type: ResponsibleUnitType;
  unitId: string | null;
  onType: (type: ResponsibleUnitType) => void;
  onUnit: (id: string | null) => void;
  error?: string;
  /** Prefix of the inputs' test ids: `${testId}-unit-type`, `${testId}-unit`. */
  testId: string;
  /** A unit not to offer (the one already held responsible, when moving it). */
  exclude?: string;
}) {
  const { t } = useTranslation();
  const org = useOrganisation();
  const options = useMemo(() => {
    const o = org.data;
    if (!o) return [];
    const regionName = new Map(o.regions.map((r) => [r.id, r.name]));
    const agencyName = new Map(o.agencies.map((a) => [a.id, a.name]));
    const list =
      type === 'agency'
        ? o.agencies.map((a) => ({ value: a.id, label: `${a.name} (${a.city})` }))
        : type === 'region'
          ? o.regions.map((r) => ({ value: r.id, label: r.name }))
          : o.pools.map((p) => {
              const where = p.agencyId ? agencyName.get(p.agencyId) : p.regionId ? regionName.get(p.regionId) : null;
              return { value: p.id, label: `${p.name} — ${t(`enums.pool.${p.kind}`)}${where && !p.name.includes(where) ? ` (${where})` : ''}` };
            });
    return list.filter((x) => x.value !== exclude).sort((a, b) => a.label.localeCompare(b.label));
  }, [org.data, type, exclude, t]);

  return (
    <Stack gap={6}>
      <Group gap="sm" align="center">
        <Text size="sm" fw={500}>{t('cases.responsibility.unitType')}</Text>
        <SegmentedControl
          size="xs"
          aria-label={t('cases.responsibility.unitType')}
          value={type}
          onChange={(v) => {
            onType(v as ResponsibleUnitType);
            onUnit(null);
          }}
          data={responsibleUnitTypeSchema.options.map((u) => ({ value: u, label: t(`cases.unitType.${u}`) }))}
          data-testid={`${testId}-unit-type`}
        />
      </Group>
      <Select
        label={t('cases.responsibility.unit')}
        placeholder={org.isPending ? t('common.loading') : t(`cases.responsibility.pick.${type}`)}
        required
        searchable
        data={options}
        value={unitId}
        onChange={onUnit}
        error={error}
        nothingFoundMessage={t('common.nothingFound')}
        data-testid={`${testId}-unit`}
      />
    </Stack>
  );
}
