import { Alert, Autocomplete, Badge, Button, Group, Modal, NumberInput, SegmentedControl, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPackage } from '@tabler/icons-react';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createProductBody, updateProductBody, type Product } from '../../../../contract/catalog.ts';
import { EmptyBlock } from '../../../components/empty-block.tsx';
import { ErrorBlock } from '../../../components/error-block.tsx';
import { formatMoney } from '../../../lib/format.ts';
import { useSchemaForm } from '../../../lib/use-schema-form.ts';
import { OrgTableCard } from '../../org/components/org-table-card.tsx';
import { useProducts } from '../api/get-products.ts';
import { useCreateProduct } from '../api/use-create-product.ts';
import { useUpdateProduct } from '../api/use-update-product.ts';

const FIELDS = ['code', 'name', 'family', 'complexity', 'listPriceCents', 'active'];

export function ComplexityBadge({ complexity }: { complexity: string }) {
  const { t } = useTranslation();
  return (
    <Badge size="xs" variant="light" color={complexity === 'complex' ? 'grape' : 'teal'} data-testid="complexity-badge">
      {t(`enums.complexity.${complexity}`, { defaultValue: complexity })}
    </Badge>
  );
}

function ProductForm({ product, families, onClose }: { product: Product | null; families: string[]; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useSchemaForm({
    code: product?.code ?? '',
    name: product?.name ?? '',
    family: product?.family ?? '',
    complexity: product?.complexity ?? 'basic',
    priceEuros: product ? product.listPriceCents / 100 : ('' as number | string),
    active: product?.active ?? true,
  });
  const create = useCreateProduct();
  const update = useUpdateProduct();
  const v = form.values;

  function submit(e: FormEvent) {
    e.preventDefault();
    const common = {
      name: v.name,
      family: v.family,
      complexity: v.complexity,
      listPriceCents: typeof v.priceEuros === 'number' ? Math.round(v.priceEuros * 100) : undefined,
      active: v.active,
    };
    const done = { onSuccess: () => { notifications.show({ color: 'teal', message: t('common.savedOk') }); onClose(); }, onError: (err: unknown) => form.applyError(err, FIELDS) };
    if (product) {
      const body = form.validate(updateProductBody, common);
      if (body) update.mutate({ id: product.id, body }, done);
    } else {
      const body = form.validate(createProductBody, { ...common, code: v.code.trim().toUpperCase() });
      if (body) create.mutate(body, done);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {form.formError && <Alert color="red" variant="light" data-testid="form-error">{form.formError}</Alert>}
        <TextInput label={t('catalog.code')} description={t('catalog.codeHelp')} required disabled={!!product} data-testid="product-code" value={v.code} onChange={(e) => form.setField('code', e.currentTarget.value.toUpperCase())} error={form.errors.code} />
        <TextInput label={t('catalog.name')} required data-testid="product-name" value={v.name} onChange={(e) => form.setField('name', e.currentTarget.value)} error={form.errors.name} />
        <Autocomplete
          label={t('catalog.family')}
          description={t('catalog.familyHelp')}
          required
          data-testid="product-family"
          data={families}
          value={v.family}
          onChange={(f) => form.setField('family', f)}
          error={form.errors.family}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>{t('catalog.complexity')}</Text>
          <SegmentedControl data-testid="product-complexity" value={v.complexity} onChange={(c) => form.setField('complexity', c as Product['complexity'])} data={[{ value: 'basic', label: t('enums.complexity.basic') }, { value: 'complex', label: t('enums.complexity.complex') }]} />
          <Text size="xs" c="dimmed">{t('catalog.complexityHelp')}</Text>
        </Stack>
        <NumberInput label={t('catalog.price')} required min={0} decimalScale={2} suffix=" €" thousandSeparator=" " decimalSeparator="," data-testid="product-price" value={v.priceEuros} onChange={(n) => form.setField('priceEuros', n)} error={form.errors.listPriceCents} />
        <Switch label={t('catalog.active')} checked={v.active} onChange={(e) => form.setField('active', e.currentTarget.checked)} data-testid="product-active" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" loading={create.isPending || update.isPending} data-testid="product-submit">{t('common.save')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Admin → Catalogue: every product, active or not, with create and edit. */
export function ProductsPanel() {
  const { t, i18n } = useTranslation();
  const products = useProducts(true);
  const [editing, setEditing] = useState<Product | 'new' | null>(null);
  const items = useMemo(() => [...(products.data?.items ?? [])].sort((a, b) => a.family.localeCompare(b.family) || a.name.localeCompare(b.name)), [products.data]);
  const families = useMemo(() => [...new Set(items.map((p) => p.family))].sort(), [items]);
  if (products.isError) return <ErrorBlock error={products.error} onRetry={() => products.refetch()} />;
  return (
    <OrgTableCard title={t('catalog.title')} description={t('catalog.help')} addLabel={t('catalog.new')} onAdd={() => setEditing('new')} loading={products.isPending} testId="products">
      {items.length === 0 ? (
        <EmptyBlock icon={<IconPackage />} title={t('catalog.empty')} />
      ) : (
        <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('catalog.code')}</Table.Th><Table.Th>{t('catalog.name')}</Table.Th><Table.Th>{t('catalog.family')}</Table.Th>
              <Table.Th>{t('catalog.complexity')}</Table.Th><Table.Th ta="right">{t('catalog.price')}</Table.Th><Table.Th>{t('catalog.status')}</Table.Th><Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((p) => (
              <Table.Tr key={p.id} data-testid="product-row" style={p.active ? undefined : { opacity: 0.6 }}>
                <Table.Td ff="monospace" fz="sm">{p.code}</Table.Td>
                <Table.Td fw={500}>{p.name}</Table.Td>
                <Table.Td>{p.family}</Table.Td>
                <Table.Td><ComplexityBadge complexity={p.complexity} /></Table.Td>
                <Table.Td ta="right">{formatMoney(p.listPriceCents, i18n.language, p.currency)}</Table.Td>
                <Table.Td>{p.active ? <Badge size="xs" variant="dot" color="teal">{t('catalog.activeShort')}</Badge> : <Badge size="xs" variant="dot" color="gray">{t('catalog.inactive')}</Badge>}</Table.Td>
                <Table.Td ta="right"><Button size="compact-xs" variant="subtle" onClick={() => setEditing(p)} data-testid="product-edit">{t('common.edit')}</Button></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? t('catalog.new') : t('common.editNamed', { name: editing?.name ?? '' })}>
        {editing !== null && <ProductForm product={editing === 'new' ? null : editing} families={families} onClose={() => setEditing(null)} />}
      </Modal>
    </OrgTableCard>
  );
}
