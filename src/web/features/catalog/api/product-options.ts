import type { Product } from '../../../../contract/catalog.ts';

/** The catalog as a Select reads it: one group per product family, families in alphabetical order. */
export function productOptionsByFamily(products: readonly Product[], label: (p: Product) => string): Array<{ group: string; items: Array<{ value: string; label: string }> }> {
  const byFamily = new Map<string, Array<{ value: string; label: string }>>();
  for (const p of products) {
    const list = byFamily.get(p.family) ?? [];
    list.push({ value: p.id, label: label(p) });
    byFamily.set(p.family, list);
  }
  return [...byFamily.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([group, items]) => ({ group, items }));
}
