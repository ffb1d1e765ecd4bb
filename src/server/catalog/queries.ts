import type { Db } from '../context.ts';
import type { Product } from '../../contract/catalog.ts';

export async function listProducts(db: Db, includeInactive: boolean): Promise<Product[]> {
  const rows = await db
    .selectFrom('products')
    .selectAll()
    .$if(!includeInactive, (q) => q.where('active', '=', true))
    .orderBy('family')
    .orderBy('name')
    .execute();
  return rows.map((p) => ({
    id: p.id,
    code: p.code,
    name: p.name,
    family: p.family,
    complexity: p.complexity,
    listPriceCents: Number(p.list_price_cents),
    currency: p.currency,
    active: p.active,
  }));
}
