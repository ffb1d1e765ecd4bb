import { z } from 'zod';
import { poolKindSchema } from './auth.ts';
import { percentSchema as percent } from './values.ts';

export const dealStageSchema = z.enum(['qualification', 'proposal', 'negotiation', 'won', 'lost']);
export type DealStage = z.infer<typeof dealStageSchema>;
export const DEAL_STAGES = dealStageSchema.options;
export const OPEN_STAGES = ['qualification', 'proposal', 'negotiation'] as const;

export const lossReasonSchema = z.enum(['price', 'competitor', 'no_budget', 'no_decision', 'timing', 'product_fit', 'unreachable', 'other']);
export const LOSS_REASONS = lossReasonSchema.options;

export const dealLineInput = z.object({
  productId: z.uuid(),
  quantity: z.number().int().min(1).max(1_000_000),
  /** Defaults to the product's list price. */
  unitPriceCents: z.number().int().min(0).nullable().optional(),
  discountPct: percent.default(0),
});
export type DealLineInput = z.input<typeof dealLineInput>;

const isoDate = z.iso.date();

export const createDealBody = z.object({
  accountId: z.uuid(),
  title: z.string().trim().min(2).max(200),
  lines: z.array(dealLineInput).min(1, { message: 'A deal needs at least one product line' }).max(50),
  expectedClose: isoDate.nullable().optional(),
  /** Another person to own the deal (a manager assigning it); defaults to whoever opens it. */
  ownerId: z.uuid().optional(),
  leadId: z.uuid().nullable().optional(),
});
export type CreateDealBody = z.input<typeof createDealBody>;

export const updateDealBody = z.object({
  version: z.number().int(),
  title: z.string().trim().min(2).max(200).optional(),
  lines: z.array(dealLineInput).min(1, { message: 'A deal needs at least one product line' }).max(50).optional(),
  expectedClose: isoDate.nullable().optional(),
  probability: z.number().int().min(0).max(100).optional(),
  ownerId: z.uuid().optional(),
});

export const moveDealBody = z
  .object({
    version: z.number().int(),
    stage: dealStageSchema,
    lossReason: lossReasonSchema.optional(),
    lossNote: z.string().trim().max(2000).optional(),
  })
  .refine((b) => b.stage !== 'lost' || b.lossReason !== undefined, { message: 'Say why the deal was lost', path: ['lossReason'] });

export const dealLineSchema = z.object({
  id: z.string(),
  productId: z.string(),
  productCode: z.string(),
  productName: z.string(),
  family: z.string(),
  complexity: z.enum(['basic', 'complex']),
  quantity: z.number(),
  unitPriceCents: z.number(),
  discountPct: z.number(),
  amountCents: z.number(),
});
export type DealLine = z.infer<typeof dealLineSchema>;

export const dealSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  accountId: z.string(),
  accountName: z.string(),
  ownerId: z.string(),
  ownerName: z.string(),
  stage: dealStageSchema,
  probability: z.number(),
  amountCents: z.number(),
  currency: z.string(),
  expectedClose: z.string().nullable(),
  stageChangedAt: z.string(),
  createdAt: z.string(),
  version: z.number(),
});
export type DealSummary = z.infer<typeof dealSummarySchema>;

export const dealAbilitiesSchema = z.object({ update: z.boolean(), move: z.boolean(), reassign: z.boolean() });

export const dealSchema = dealSummarySchema.extend({
  agencyId: z.string(),
  agencyName: z.string(),
  leadId: z.string().nullable(),
  createdById: z.string().nullable(),
  createdByName: z.string().nullable(),
  lines: z.array(dealLineSchema),
  lossReason: lossReasonSchema.nullable(),
  lossNote: z.string().nullable(),
  closedAt: z.string().nullable(),
  openedOn: z.string(),
  closedOn: z.string().nullable(),
  abilities: dealAbilitiesSchema,
});
export type Deal = z.infer<typeof dealSchema>;

export const dealListQuery = z.object({
  /** mine: deals I own; unit: my managed units' deals (unitId narrows to one); account: one account's. */
  view: z.enum(['mine', 'unit', 'account']),
  unitId: z.uuid().optional(),
  accountId: z.uuid().optional(),
  stage: dealStageSchema.optional(),
  /** Won and lost deals closed within this many days are shown beside the open ones (default 30). */
  closedWithinDays: z.coerce.number().int().min(0).max(3660).default(30),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

/** The refusal when a channel closes a product it may not sell: names the rule and offers the relay. */
export const eligibilityRefusalDetails = z.object({
  productId: z.string(),
  productName: z.string(),
  ruleVersion: z.number(),
  allowedPoolKinds: z.array(poolKindSchema),
  sellerPoolKinds: z.array(poolKindSchema),
  suggestion: z.literal('relay_lead'),
});

export const dealFiguresQuery = z.object({
  /** region, agency: where the account is; seller_region: the region of the owner's home agency (their team's office). */
  groupBy: z.enum(['region', 'agency', 'seller_region', 'manager', 'owner']),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export const dealFigureSchema = z.object({
  key: z.string(),
  label: z.string(),
  won: z.number(),
  lost: z.number(),
  open: z.number(),
  wonRevenueCents: z.number(),
  /** won ÷ (won + lost), null when nothing closed. */
  winRate: z.number().nullable(),
});
export type DealFigure = z.infer<typeof dealFigureSchema>;
