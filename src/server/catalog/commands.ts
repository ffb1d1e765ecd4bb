// The catalog: products with a family, a complexity and a list price. Admins maintain it.
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { Ctx } from '../context.ts';
import type { createProductBody, updateProductBody } from '../../contract/catalog.ts';
import { DomainError, notFound } from '../errors.ts';
import { appendTrace } from '../trace/commands.ts';
import { streamOf } from '../trace/rules.ts';

export async function createProduct(ctx: Ctx, input: z.output<typeof createProductBody>): Promise<string> {
  const taken = await ctx.db.selectFrom('products').select('id').where('code', '=', input.code).executeTakeFirst();
  if (taken) throw new DomainError('conflict', 'product.code_taken', `The code ${input.code} is already used`, 'code');
  const id = uuidv7();
  await ctx.db
    .insertInto('products')
    .values({
      id,
      code: input.code,
      name: input.name,
      family: input.family,
      complexity: input.complexity,
      list_price_cents: input.listPriceCents,
      active: input.active,
    })
    .execute();
  await appendTrace(ctx, streamOf('product', id), 'product.created', { ...input });
  return id;
}

export async function updateProduct(ctx: Ctx, id: string, input: z.output<typeof updateProductBody>): Promise<void> {
  const r = await ctx.db
    .updateTable('products')
    .set({
      ...(input.name !== undefined && { name: input.name }),
      ...(input.family !== undefined && { family: input.family }),
      ...(input.complexity !== undefined && { complexity: input.complexity }),
      ...(input.listPriceCents !== undefined && { list_price_cents: input.listPriceCents }),
      ...(input.active !== undefined && { active: input.active }),
    })
    .where('id', '=', id)
    .executeTakeFirst();
  if (r.numUpdatedRows === 0n) throw notFound('product', id);
  await appendTrace(ctx, streamOf('product', id), 'product.updated', { ...input });
}
