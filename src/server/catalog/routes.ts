import { z } from 'zod';
import { createProductBody, productSchema, updateProductBody } from '../../contract/catalog.ts';
import { route, write, type AnyRoute } from '../http/route.ts';
import { can } from '../auth/policy.ts';
import { forbidden, notFound } from '../errors.ts';
import { salesRuleSchema, salesRulesSchema, setSalesRuleBody } from '../../contract/credit.ts';
import { transactionTime } from '../trace/commands.ts';
import { createProduct, setSalesRule, updateProduct } from './commands.ts';
import { listProducts, listSalesRules } from './queries.ts';

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
  route({
    method: 'GET',
    url: '/api/sales-rules',
    summary: 'Sales rules in force (eligibility, incentive, attribution, stage probabilities) and their change history; readable by every employee',
    tag: 'rules',
    auth: 'user',
    response: salesRulesSchema,
    async handler({ deps }) {
      return listSalesRules(deps.db, await transactionTime(deps.db));
    },
  }),
  route({
    method: 'POST',
    url: '/api/sales-rules',
    summary: 'Publish a new version of a sales rule (admin)',
    tag: 'rules',
    auth: 'user',
    body: setSalesRuleBody,
    response: salesRuleSchema,
    status: 201,
    async handler({ principal, deps, body }) {
      if (!can(principal, 'rules.manage')) throw forbidden('change the sales rules');
      const id = await write(deps, principal, (ctx) => setSalesRule(ctx, body));
      const { history } = await listSalesRules(deps.db, new Date());
      return history.find((r) => r.id === id)!;
    },
  }),
];
