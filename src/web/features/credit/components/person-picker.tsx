import { Select, type ComboboxItem } from '@mantine/core';
import { IconUser } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDebounced } from '../../../lib/use-debounced.ts';
import { useDirectory } from '../../users/api/get-directory.ts';

export interface PickedPerson {
  id: string;
  name: string;
}

/**
 * Pick a colleague by name from the directory (active people; the absent are marked). `first` lists
 * some people before the others under their own heading (e.g. one's own agency).
 */
export function PersonPicker({
  value,
  onChange,
  label,
  description,
  placeholder,
  error,
  testId,
  required,
  clearable,
  first,
}: {
  value: PickedPerson | null;
  onChange: (person: PickedPerson | null) => void;
  label?: string;
  description?: string;
  placeholder?: string;
  error?: string;
  testId: string;
  required?: boolean;
  clearable?: boolean;
  first?: { label: string; test: (entry: { homeAgencyId: string | null }) => boolean };
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState(value?.name ?? '');
  // Typing narrows on the server (name or e-mail); the chosen name in the box lists everyone again.
  const q = useDebounced(value && search.startsWith(value.name) ? '' : search.trim(), 200);
  const directory = useDirectory(q);
  const entries = useMemo(() => (directory.data?.items ?? []).filter((e) => e.active), [directory.data]);
  const data = useMemo(() => {
    const option = (e: (typeof entries)[number]): ComboboxItem => ({ value: e.id, label: e.absent ? `${e.name} (${t('credit.absent')})` : e.name });
    if (!first) return entries.map(option);
    const mine = entries.filter(first.test);
    const others = entries.filter((e) => !first.test(e));
    return [
      ...(mine.length ? [{ group: first.label, items: mine.map(option) }] : []),
      ...(others.length ? [{ group: t('credit.otherPeople'), items: others.map(option) }] : []),
    ];
  }, [entries, first, t]);
  // Keep the current person selectable even when the directory has not loaded yet.
  const withValue = value && !entries.some((e) => e.id === value.id) ? [{ value: value.id, label: value.name }, ...data] : data;
  return (
    <Select
      label={label}
      description={description}
      placeholder={placeholder ?? t('credit.pickPerson')}
      leftSection={<IconUser size={16} />}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      clearable={clearable}
      required={required}
      nothingFoundMessage={directory.isPending ? t('common.loading') : t('common.nothingFound')}
      data={withValue}
      value={value?.id ?? null}
      onChange={(id, option) => onChange(id ? { id, name: entries.find((e) => e.id === id)?.name ?? option?.label ?? '' } : null)}
      error={error}
      data-testid={testId}
      limit={100}
    />
  );
}
