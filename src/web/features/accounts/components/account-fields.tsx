import { Combobox, Fieldset, Grid, Loader, NumberInput, Select, TagsInput, TextInput, useCombobox, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { accountStatusSchema, segmentSchema, sizeBandSchema } from '../../../../contract/accounts.ts';
import type { FieldErrors } from '../../../lib/errors.ts';
import { useFindAccounts } from '../api/find-accounts.ts';
import type { AccountFormValues } from './account-form-values.ts';

export interface Option {
  value: string;
  label: string;
}

interface Props {
  values: AccountFormValues;
  errors: FieldErrors;
  setField: <K extends keyof AccountFormValues>(key: K, value: AccountFormValues[K]) => void;
  agencies: Option[];
  owners: Option[];
  excludeId?: string;
}

function ParentPicker({ values, setField, error, excludeId }: { values: AccountFormValues; setField: Props['setField']; error?: string; excludeId?: string }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState(values.parentName ?? '');
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const found = useFindAccounts(search === values.parentName ? '' : search);
  const items = (found.data?.items ?? []).filter((h) => h.id !== excludeId);
  return (
    <Combobox
      store={combobox}
      onOptionSubmit={(id) => {
        const hit = items.find((h) => h.id === id);
        setField('parentId', id);
        setField('parentName', hit?.name ?? null);
        setSearch(hit?.name ?? '');
        combobox.closeDropdown();
      }}
    >
      <Combobox.Target>
        <TextInput
          label={t('account.fields.parentId')}
          placeholder={t('account.parentPlaceholder')}
          data-testid="account-parent"
          value={search}
          error={error}
          rightSection={found.isFetching ? <Loader size="xs" /> : null}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            if (!e.currentTarget.value) {
              setField('parentId', null);
              setField('parentName', null);
            }
            combobox.openDropdown();
          }}
          onFocus={() => combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={items.length === 0}>
        <Combobox.Options>
          {items.map((h) => (
            <Combobox.Option value={h.id} key={h.id}>
              <Text size="sm">{h.name}</Text>
              <Text size="xs" c="dimmed">{[h.city, h.siren].filter(Boolean).join(' · ')}</Text>
            </Combobox.Option>
          ))}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}

export function AccountFields({ values, errors, setField, agencies, owners, excludeId }: Props) {
  const { t } = useTranslation();
  const opt = (prefix: string, list: readonly string[]) => list.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));
  return (
    <>
      <Fieldset legend={t('account.sections.identity')} variant="filled" radius="md">
        <Grid gap="md">
          <Grid.Col span={12}>
            <TextInput
              label={t('account.fields.name')}
              required
              data-autofocus
              data-testid="account-name"
              value={values.name}
              onChange={(e) => setField('name', e.currentTarget.value)}
              error={errors.name}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              label={t('account.fields.siren')}
              description={t('account.sirenHelp')}
              inputMode="numeric"
              data-testid="account-siren-input"
              value={values.siren}
              onChange={(e) => setField('siren', e.currentTarget.value)}
              error={errors.siren}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              label={t('account.fields.siret')}
              description={t('account.siretHelp')}
              inputMode="numeric"
              data-testid="account-siret-input"
              value={values.siret}
              onChange={(e) => setField('siret', e.currentTarget.value)}
              error={errors.siret}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Select
              label={t('account.fields.segment')}
              required
              allowDeselect={false}
              data-testid="account-segment"
              data={opt('enums.segment', segmentSchema.options)}
              value={values.segment}
              onChange={(v) => setField('segment', v ?? 'mass')}
              error={errors.segment}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Select
              label={t('account.fields.status')}
              allowDeselect={false}
              data-testid="account-status"
              data={opt('enums.status', accountStatusSchema.options)}
              value={values.status}
              onChange={(v) => setField('status', v ?? 'prospect')}
              error={errors.status}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Select
              label={t('account.fields.sizeBand')}
              clearable
              data={sizeBandSchema.options.map((b) => ({ value: b, label: t('account.employees', { band: b }) }))}
              value={values.sizeBand}
              onChange={(v) => setField('sizeBand', v)}
              error={errors.sizeBand}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              label={t('account.fields.sector')}
              value={values.sector}
              onChange={(e) => setField('sector', e.currentTarget.value)}
              error={errors.sector}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <NumberInput
              label={t('account.fields.revenueCents')}
              suffix=" €"
              thousandSeparator=" "
              min={0}
              allowNegative={false}
              value={values.revenueEuros}
              onChange={(v) => setField('revenueEuros', v)}
              error={errors.revenueCents}
            />
          </Grid.Col>
        </Grid>
      </Fieldset>

      <Fieldset legend={t('account.sections.contact')} variant="filled" radius="md">
        <Grid gap="md">
          <Grid.Col span={12}>
            <TextInput
              label={t('account.fields.addressLine')}
              value={values.addressLine}
              onChange={(e) => setField('addressLine', e.currentTarget.value)}
              error={errors.addressLine}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput
              label={t('account.fields.postalCode')}
              inputMode="numeric"
              data-testid="account-postal-code"
              value={values.postalCode}
              onChange={(e) => setField('postalCode', e.currentTarget.value)}
              error={errors.postalCode}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 8 }}>
            <TextInput
              label={t('account.fields.city')}
              data-testid="account-city"
              value={values.city}
              onChange={(e) => setField('city', e.currentTarget.value)}
              error={errors.city}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TagsInput
              label={t('account.fields.phones')}
              description={t('common.tagsHelp')}
              data-testid="account-phones"
              value={values.phones}
              onChange={(v) => setField('phones', v)}
              error={errors.phones}
              acceptValueOnBlur
              splitChars={[',', ';']}
              clearable
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TagsInput
              label={t('account.fields.emails')}
              description={t('common.tagsHelp')}
              data-testid="account-emails"
              value={values.emails}
              onChange={(v) => setField('emails', v)}
              error={errors.emails}
              acceptValueOnBlur
              splitChars={[',', ';', ' ']}
              clearable
            />
          </Grid.Col>
        </Grid>
      </Fieldset>

      <Fieldset legend={t('account.sections.portfolio')} variant="filled" radius="md">
        <Grid gap="md">
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <Select
              label={t('account.fields.agencyId')}
              required
              searchable
              data-testid="account-agency"
              data={agencies}
              value={values.agencyId}
              onChange={(v) => setField('agencyId', v)}
              error={errors.agencyId}
              nothingFoundMessage={t('common.nothingFound')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <Select
              label={t('account.fields.ownerId')}
              searchable
              clearable
              data-testid="account-owner"
              data={owners}
              value={values.ownerId}
              onChange={(v) => setField('ownerId', v)}
              error={errors.ownerId}
              nothingFoundMessage={t('common.nothingFound')}
            />
          </Grid.Col>
          <Grid.Col span={12}>
            <ParentPicker values={values} setField={setField} error={errors.parentId} excludeId={excludeId} />
          </Grid.Col>
        </Grid>
      </Fieldset>
    </>
  );
}
