import { z } from 'zod';
import { createProductBody, productSchema, updateProductBody } from '../../contract/catalog.ts';
import { route, write, type AnyRoute } from '../http/route.ts';
import { can } from '../auth/policy.ts';
import { forbidden, notFound } from '../errors.ts';
import { createProduct, updateProduct } from './commands.ts';
import { listProducts } from './queries.ts';

const list = z.object({ items: z.array(productSchema), nextCursor: z.null() });

async function one(db: Parameters<typeof listProducts>[0], id: string) {
  const found = (await listProducts(db, true)).find((p) => p.id === id);
  if (!found) throw notFound('product', id);
  return found;
}

export const catalogRoutes: AnyRoute[] = [
  route({
    method: 'GET',
    url: '/api/products',
    summary: 'The catalog (active products; includeInactive=true for all)',
    tag: 'catalog',
    auth: 'user',
    query: z.object({ includeInactive: z.stringbool().default(false) }),
    response: list,
    async handler({ deps, query }) {
      return { items: await listProducts(deps.db, query.includeInactive), nextCursor: null };
    },
  }),
  route({
    method: 'POST',
    url: '/api/products',
    summary: 'Add a product (admin)',
    tag: 'catalog',
    auth: 'user',
    body: createProductBody,
    response: productSchema,
    status: 201,
    async handler({ principal, deps, body }) {
      if (!can(principal, 'catalog.manage')) throw forbidden('change the catalog');
      const id = await write(deps, principal, (ctx) => createProduct(ctx, body));
      return one(deps.db, id);
    },
  }),
  route({
    method: 'PATCH',
    url: '/api/products/:id',
    summary: 'Change a product (admin)',
    tag: 'catalog',
    auth: 'user',
    params: z.object({ id: z.uuid() }),
    body: updateProductBody,
    response: productSchema,
    async handler({ principal, deps, body, params }) {
      if (!can(principal, 'catalog.manage')) throw forbidden('change the catalog');
      await write(deps, principal, (ctx) => updateProduct(ctx, params.id, body));
      return one(deps.db, params.id);
    },
  }),
];
