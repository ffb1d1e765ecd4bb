import { ActionIcon, Badge, Box, Button, Grid, Group, NumberInput, Paper, Select, Stack, Text, Tooltip } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Product } from '../../../../contract/catalog.ts';
import { formatMoneyPrecise } from '../../../lib/format.ts';
import { emptyLine, lineCents, type LineDraft, type LineErrors } from '../deal-form.ts';

interface Props {
  lines: LineDraft[];
  onChange: (lines: LineDraft[]) => void;
  products: Product[];
  productsLoading: boolean;
  /** Products already on the deal that the catalog no longer offers: still shown by name. */
  extraProducts?: Array<{ id: string; name: string }>;
  errors: LineErrors;
  listError?: string;
  /** The first product picked on an untitled deal suggests its title. */
  onFirstProduct?: (product: Product) => void;
}

/** Product lines: pick a product, its list price fills in, change quantity, price or discount; each line's amount and the total follow. */
export function DealLinesEditor({ lines, onChange, products, productsLoading, extraProducts = [], errors, listError, onFirstProduct }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const byId = useMemo(() => new Map(products.map((p) => [p.id, p])), [products]);

  const options = useMemo(() => {
    const groups = new Map<string, Array<{ value: string; label: string }>>();
    for (const p of products) {
      const list = groups.get(p.family) ?? [];
      list.push({ value: p.id, label: `${p.name} · ${formatMoneyPrecise(p.listPriceCents, lang, p.currency)}` });
      groups.set(p.family, list);
    }
    const out = [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([group, items]) => ({ group, items }));
    const missing = extraProducts.filter((x) => !byId.has(x.id));
    if (missing.length) out.push({ group: '—', items: missing.map((x) => ({ value: x.id, label: t('deals.form.inactiveProduct', { name: x.name }) })) });
    return out;
  }, [products, extraProducts, byId, lang, t]);

  const update = (index: number, patch: Partial<LineDraft>) => onChange(lines.map((l, i) => (i === index ? { ...l, ...patch } : l)));

  function pickProduct(index: number, productId: string | null) {
    const line = lines[index]!;
    const before = line.productId ? byId.get(line.productId) : undefined;
    const next = productId ? byId.get(productId) : undefined;
    // The price follows the product until the rep types their own.
    const untouched = line.unitPrice === '' || (before !== undefined && line.unitPrice === before.listPriceCents / 100);
    update(index, { productId, ...(untouched && { unitPrice: next ? next.listPriceCents / 100 : '' }) });
    if (next && index === 0) onFirstProduct?.(next);
  }

  const total = lines.reduce((s, l) => s + (lineCents(l, l.productId ? byId.get(l.productId) : undefined) ?? 0), 0);

  return (
    <Stack gap="xs" data-testid="deal-lines">
      <Text size="sm" fw={500}>{t('deals.form.lines')} <Text span c="red">*</Text></Text>
      {lines.map((line, i) => {
        const product = line.productId ? byId.get(line.productId) : undefined;
        const amount = lineCents(line, product);
        const e = errors[i] ?? {};
        const label = (text: string) => (i === 0 ? { label: text } : { 'aria-label': text });
        return (
          <Paper key={line.key} withBorder p="xs" radius="md" bg="gray.0" data-testid={`deal-line-${i}`}>
            <Grid columns={24} gap="xs" align="flex-start">
              <Grid.Col span={{ base: 24, sm: 10 }}>
                <Select
                  {...label(t('deals.form.product'))}
                  placeholder={t('deals.form.productPlaceholder')}
                  searchable
                  data={options}
                  value={line.productId}
                  onChange={(v) => pickProduct(i, v)}
                  error={e.productId}
                  nothingFoundMessage={productsLoading ? t('common.loading') : t('common.nothingFound')}
                  data-testid={`deal-line-product-${i}`}
                  comboboxProps={{ withinPortal: true }}
                />
                {product && (
                  <Group gap={6} mt={4}>
                    <Badge size="xs" variant="light" color={product.complexity === 'complex' ? 'grape' : 'teal'}>{t(`enums.complexity.${product.complexity}`)}</Badge>
                    <Text size="xs" c="dimmed">{product.family}</Text>
                  </Group>
                )}
              </Grid.Col>
              <Grid.Col span={{ base: 8, sm: 4 }}>
                <NumberInput
                  {...label(t('deals.form.quantity'))}
                  min={1}
                  max={1_000_000}
                  allowDecimal={false}
                  allowNegative={false}
                  thousandSeparator=" "
                  value={line.quantity}
                  onChange={(v) => update(i, { quantity: v })}
                  error={e.quantity}
                  data-testid={`deal-line-quantity-${i}`}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 16, sm: 4 }}>
                <NumberInput
                  {...label(t('deals.form.unitPrice'))}
                  min={0}
                  decimalScale={2}
                  allowNegative={false}
                  thousandSeparator=" "
                  decimalSeparator=","
                  suffix=" €"
                  placeholder={product ? formatMoneyPrecise(product.listPriceCents, lang, product.currency) : undefined}
                  value={line.unitPrice}
                  onChange={(v) => update(i, { unitPrice: v })}
                  error={e.unitPriceCents}
                  data-testid={`deal-line-price-${i}`}
                />
                {product && typeof line.unitPrice === 'number' && Math.round(line.unitPrice * 100) !== product.listPriceCents && (
                  <Text size="xs" c="dimmed" mt={2}>{t('deals.form.unitPriceHelp', { price: formatMoneyPrecise(product.listPriceCents, lang, product.currency) })}</Text>
                )}
              </Grid.Col>
              <Grid.Col span={{ base: 8, sm: 3 }}>
                <NumberInput
                  {...label(t('deals.form.discount'))}
                  min={0}
                  max={100}
                  decimalScale={2}
                  allowNegative={false}
                  decimalSeparator=","
                  suffix=" %"
                  clampBehavior="strict"
                  value={line.discountPct}
                  onChange={(v) => update(i, { discountPct: v })}
                  error={e.discountPct}
                  data-testid={`deal-line-discount-${i}`}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 16, sm: 3 }}>
                {i === 0 && <Text size="sm" fw={500} ta="right" pr={32} mb={5} lh={1.45}>{t('deals.form.lineAmount')}</Text>}
                <Group gap={4} justify="flex-end" wrap="nowrap" h={36}>
                  <Box style={{ flex: 1, textAlign: 'right' }}>
                    <Text size="sm" fw={600} data-testid={`deal-line-amount-${i}`}>{amount === null ? '—' : formatMoneyPrecise(amount, lang)}</Text>
                  </Box>
                  <Tooltip label={t('deals.form.removeLine', { n: i + 1 })} withArrow>
                    <ActionIcon variant="subtle" color="red" aria-label={t('deals.form.removeLine', { n: i + 1 })} disabled={lines.length === 1} onClick={() => onChange(lines.filter((_, j) => j !== i))} data-testid={`deal-line-remove-${i}`}>
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Tooltip>
                </Group>
              </Grid.Col>
            </Grid>
          </Paper>
        );
      })}
      {listError && <Text size="xs" c="red" data-testid="deal-lines-error">{listError}</Text>}
      <Group justify="space-between" align="center">
        <Button variant="subtle" size="xs" leftSection={<IconPlus size={14} />} onClick={() => onChange([...lines, emptyLine()])} disabled={lines.length >= 50} data-testid="deal-line-add">
          {t('deals.form.addLine')}
        </Button>
        <Group gap="xs">
          <Text size="sm" c="dimmed">{t('deals.form.total')}</Text>
          <Text size="lg" fw={700} data-testid="deal-total">{formatMoneyPrecise(total, lang)}</Text>
        </Group>
      </Group>
    </Stack>
  );
}
