import { Combobox, Group, Loader, Text, TextInput, useCombobox } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFindAccounts } from '../../accounts/api/find-accounts.ts';

/** Type a name, SIREN or phone fragment; pick the account (the same lookup as the search box). */
export function AccountPicker({ value, onChange, error, testId }: { value: { id: string; name: string } | null; onChange: (v: { id: string; name: string } | null) => void; error?: string; testId: string }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState(value?.name ?? '');
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const found = useFindAccounts(search === value?.name ? '' : search);
  const items = found.data?.items ?? [];
  return (
    <Combobox
      store={combobox}
      onOptionSubmit={(id) => {
        const hit = items.find((h) => h.id === id);
        if (hit) {
          onChange({ id: hit.id, name: hit.name });
          setSearch(hit.name);
        }
        combobox.closeDropdown();
      }}
    >
      <Combobox.Target>
        <TextInput
          label={t('rules.account')}
          placeholder={t('rules.accountPlaceholder')}
          required
          leftSection={<IconSearch size={16} />}
          rightSection={found.isFetching ? <Loader size="xs" /> : null}
          data-testid={testId}
          value={search}
          error={error}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            if (value) onChange(null);
            combobox.openDropdown();
          }}
          onFocus={() => combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={items.length === 0}>
        <Combobox.Options>
          {items.map((h) => (
            <Combobox.Option value={h.id} key={h.id} data-testid="account-option">
              <Group gap={6} wrap="nowrap">
                <Text size="sm" fw={500}>{h.name}</Text>
                {h.city && <Text size="xs" c="dimmed">{h.city}</Text>}
              </Group>
            </Combobox.Option>
          ))}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
