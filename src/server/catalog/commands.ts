// The catalog (products with a family, a complexity and a list price) and the sales rules. Admins maintain both.
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { Ctx } from '../context.ts';
import type { createProductBody, updateProductBody } from '../../contract/catalog.ts';
import type { setSalesRuleBody } from '../../contract/credit.ts';
import { DomainError, notFound } from '../errors.ts';
import { appendTrace, transactionTime } from '../trace/commands.ts';
import { salesRuleText } from './rules.ts';
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

/** A new version of a sales rule; its text is written from the data, in both languages, and kept with it. */
export async function setSalesRule(ctx: Ctx, input: z.output<typeof setSalesRuleBody>): Promise<string> {
  let label: string = input.subject;
  if (input.kind === 'eligibility') {
    const product = await ctx.db.selectFrom('products').select('name').where('id', '=', input.subject).executeTakeFirst();
    if (!product) throw new DomainError('unprocessable', 'product.unknown', `No product ${input.subject}`, 'subject');
    label = product.name;
  }
  if (input.kind === 'incentive') {
    const family = await ctx.db.selectFrom('products').select('family').where('family', '=', input.subject).executeTakeFirst();
    if (!family) throw new DomainError('unprocessable', 'catalog.unknown_family', `No product family ${input.subject} in the catalog`, 'subject');
  }
  const last = await ctx.db
    .selectFrom('sales_rules')
    .select(sql<number>`coalesce(max(version), 0)`.as('v'))
    .where('kind', '=', input.kind)
    .where('subject', '=', input.subject)
    .executeTakeFirstOrThrow();
  const now = await transactionTime(ctx.db);
  const effectiveFrom = input.effectiveFrom ? new Date(input.effectiveFrom) : now;
  const text = salesRuleText(input.kind, label, input.config);
  const id = uuidv7();
  const version = last.v + 1;
  await ctx.db
    .insertInto('sales_rules')
    .values({
      id,
      kind: input.kind,
      subject: input.subject,
      version,
      config: JSON.stringify(input.config),
      text_en: text.en,
      text_fr: text.fr,
      author_id: ctx.actor.userId,
      effective_from: effectiveFrom,
    })
    .execute();
  await appendTrace(ctx, streamOf('rules', `${input.kind}-${input.subject}`), 'rule.changed', {
    ruleId: id,
    kind: input.kind,
    subject: input.subject,
    version,
    config: input.config,
    effectiveFrom: effectiveFrom.toISOString(),
  });
  return id;
}
