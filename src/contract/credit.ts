import { z } from 'zod';
import { poolKindSchema } from './auth.ts';
import { bilingualSchema, percentSchema as percent } from './values.ts';

// --- Sales rules (eligibility, incentive, attribution, stage probabilities) ---

export const eligibilityConfigSchema = z.object({
  /** Pool kinds whose members may sell the product directly; the others relay a lead. */
  poolKinds: z.array(poolKindSchema).min(1, { message: 'At least one kind of pool must be able to sell it' }),
});
export const incentiveConfigSchema = z.object({
  /** The owner rep's share of a sale made by another channel on their account. */
  ownerSharePct: z.number().int().min(0).max(100),
});
export const attributionConfigSchema = z.object({
  /** How far back an initiative counts before the sale is won. */
  windowDays: z.number().int().min(1).max(730),
  /** The initiator's part of what the owner's incentive leaves, when someone else sold. */
  initiatorSharePct: z.number().int().min(0).max(100),
});
export const stageProbabilityConfigSchema = z.object({
  qualification: z.number().int().min(0).max(100),
  proposal: z.number().int().min(0).max(100),
  negotiation: z.number().int().min(0).max(100),
});
export type EligibilityConfig = z.infer<typeof eligibilityConfigSchema>;
export type IncentiveConfig = z.infer<typeof incentiveConfigSchema>;
export type AttributionConfig = z.infer<typeof attributionConfigSchema>;
export type StageProbabilityConfig = z.infer<typeof stageProbabilityConfigSchema>;

export const salesRuleKindSchema = z.enum(['eligibility', 'incentive', 'attribution', 'stage_probability']);
export type SalesRuleKind = z.infer<typeof salesRuleKindSchema>;

const effectiveFrom = z.iso.datetime({ offset: true }).optional();
export const setSalesRuleBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('eligibility'), subject: z.uuid(), config: eligibilityConfigSchema, effectiveFrom }),
  z.object({ kind: z.literal('incentive'), subject: z.string().trim().min(2).max(60), config: incentiveConfigSchema, effectiveFrom }),
  z.object({ kind: z.literal('attribution'), subject: z.literal('national'), config: attributionConfigSchema, effectiveFrom }),
  z.object({ kind: z.literal('stage_probability'), subject: z.literal('national'), config: stageProbabilityConfigSchema, effectiveFrom }),
]);
export type SetSalesRuleBody = z.input<typeof setSalesRuleBody>;

export const salesRuleSchema = z.object({
  /** null for a built-in default (version 0) nobody has changed yet. */
  id: z.string().nullable(),
  kind: salesRuleKindSchema,
  subject: z.string(),
  /** The product's name for eligibility, the family for incentive, "national" otherwise. */
  subjectLabel: z.string(),
  version: z.number(),
  config: z.record(z.string(), z.unknown()),
  text: bilingualSchema,
  authorName: z.string().nullable(),
  effectiveFrom: z.string().nullable(),
  createdAt: z.string().nullable(),
});
export type SalesRule = z.infer<typeof salesRuleSchema>;
export const salesRulesSchema = z.object({ inForce: z.array(salesRuleSchema), history: z.array(salesRuleSchema) });

// --- The credit ledger ---

export const creditRoleSchema = z.enum(['initiator', 'seller', 'owner_incentive', 'adjustment']);
export type CreditRole = z.infer<typeof creditRoleSchema>;

export const evidenceRefSchema = z.object({ stream: z.string(), seq: z.number(), action: z.string(), hash: z.string(), recordedAt: z.string() });
export type EvidenceRef = z.infer<typeof evidenceRefSchema>;

export const creditEntrySchema = z.object({
  id: z.string(),
  dealId: z.string(),
  dealTitle: z.string(),
  lineId: z.string(),
  productName: z.string(),
  family: z.string(),
  accountId: z.string(),
  accountName: z.string(),
  userId: z.string(),
  userName: z.string(),
  role: creditRoleSchema,
  /** Negative on the losing side of a dispute's compensating entries. */
  sharePct: z.number(),
  amountCents: z.number(),
  currency: z.string(),
  recordedAt: z.string(),
  ruleVersions: z.object({ attribution: z.number(), incentive: z.number(), eligibility: z.number() }),
  evidence: z.array(evidenceRefSchema),
  explanation: bilingualSchema,
  disputeId: z.string().nullable(),
});
export type CreditEntry = z.infer<typeof creditEntrySchema>;

export const dealCreditsSchema = z.object({
  lines: z.array(
    z.object({
      lineId: z.string(),
      productName: z.string(),
      family: z.string(),
      amountCents: z.number(),
      entries: z.array(creditEntrySchema),
      /** Net share per person after any dispute, always adding up to 100. */
      net: z.array(z.object({ userId: z.string(), userName: z.string(), sharePct: z.number(), amountCents: z.number() })),
    }),
  ),
});
export type DealCredits = z.infer<typeof dealCreditsSchema>;

export const myCreditsQuery = z.object({
  /** Whose credits: yourself by default; a manager may read the people of their units. */
  userId: z.uuid().optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export const myCreditsSchema = z.object({
  items: z.array(creditEntrySchema),
  totals: z.object({ amountCents: z.number(), deals: z.number(), byRole: z.record(creditRoleSchema, z.number()) }),
});

// --- Simulation ---

export const simulateCreditBody = z.object({
  accountId: z.uuid(),
  productId: z.uuid(),
  sellerId: z.uuid(),
  amountCents: z.number().int().min(0).default(100_000),
  /** Count what the record already holds for this account and family (default), or only the events below. */
  includeRecorded: z.boolean().default(true),
  wonAt: z.iso.datetime({ offset: true }).optional(),
  events: z
    .array(z.object({ kind: z.enum(['lead', 'deal']), personId: z.uuid(), at: z.iso.datetime({ offset: true }) }))
    .max(20)
    .default([]),
});
export type SimulateCreditBody = z.input<typeof simulateCreditBody>;

export const simulatedInitiativeSchema = z.object({
  kind: z.enum(['lead', 'deal']),
  personId: z.string().nullable(),
  personName: z.string().nullable(),
  recordedAt: z.string(),
  source: z.enum(['recorded', 'hypothetical']),
  /** Why it does or does not count. */
  status: z.enum(['initiator', 'later', 'outside_window', 'after_sale', 'no_person']),
});
export const creditSimulationSchema = z.object({
  eligible: z.boolean(),
  eligibility: bilingualSchema,
  entries: z.array(
    z.object({ userId: z.string(), userName: z.string(), role: creditRoleSchema, sharePct: z.number(), amountCents: z.number(), explanation: bilingualSchema }),
  ),
  initiatives: z.array(simulatedInitiativeSchema),
  rules: z.object({ attribution: z.number(), incentive: z.number(), eligibility: z.number() }),
});
export type CreditSimulation = z.infer<typeof creditSimulationSchema>;

// --- Disputes ---

export const disputeStatusSchema = z.enum(['open', 'decided', 'appealed', 'final']);
export const arbiterLevelSchema = z.enum(['agency', 'region', 'nation']);

export const fileDisputeBody = z.object({
  /** The credited person the claimant says holds what should be theirs. */
  counterpartyId: z.uuid(),
  requestedPct: percent.refine((n) => n > 0, { message: 'Ask for more than 0 %' }),
  claim: z.string().trim().min(10, { message: 'Explain the claim in a sentence or more' }).max(4000),
});
export const decideDisputeBody = z.object({
  version: z.number().int(),
  awardedPct: percent,
  justification: z.string().trim().min(10, { message: 'Write why, for both parties to read' }).max(4000),
});
export const appealDisputeBody = z.object({
  version: z.number().int(),
  reason: z.string().trim().min(10, { message: 'Say why the decision should be reviewed' }).max(4000),
});

export const evidenceEventSchema = z.object({
  stream: z.string(),
  seq: z.number(),
  action: z.string(),
  actorName: z.string().nullable(),
  recordedAt: z.string(),
  payload: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});
export const evidencePacketSchema = z.object({
  assembledAt: z.string(),
  windowFrom: z.string(),
  windowTo: z.string(),
  /** Whether the account's chain verified from its first event when the packet was frozen. */
  chainVerified: z.boolean(),
  brokenAtSeq: z.number().nullable(),
  events: z.array(evidenceEventSchema),
});
export type EvidencePacket = z.infer<typeof evidencePacketSchema>;

const person = z.object({ id: z.string(), name: z.string() });
export const rulingSchema = z.object({
  round: z.number(),
  arbiter: person,
  level: arbiterLevelSchema,
  awardedPct: z.number(),
  justification: z.string(),
  decidedAt: z.string(),
});
export const disputeSummarySchema = z.object({
  id: z.string(),
  reference: z.string(),
  dealId: z.string(),
  dealTitle: z.string(),
  lineId: z.string(),
  productName: z.string(),
  family: z.string(),
  accountId: z.string(),
  accountName: z.string(),
  claimant: person,
  counterparty: person,
  requestedPct: z.number(),
  status: disputeStatusSchema,
  arbiter: person,
  arbiterLevel: arbiterLevelSchema,
  filedAt: z.string(),
  version: z.number(),
});
export type DisputeSummary = z.infer<typeof disputeSummarySchema>;
export const disputeSchema = disputeSummarySchema.extend({
  claim: z.string(),
  evidence: evidencePacketSchema,
  rulings: z.array(rulingSchema),
  appealedBy: person.nullable(),
  appealReason: z.string().nullable(),
  abilities: z.object({ decide: z.boolean(), appeal: z.boolean() }),
});
export type Dispute = z.infer<typeof disputeSchema>;
export const disputeListQuery = z.object({ role: z.enum(['party', 'arbiter', 'unit']).default('party'), dealId: z.uuid().optional() });
