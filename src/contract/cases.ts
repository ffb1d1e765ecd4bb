// Complaints and after-sales cases: what the API takes and returns. The words (types, priorities,
// statuses, transitions) mirror src/server/cases/rules.ts, which decides with them.
import { z } from 'zod';
import { bilingualSchema } from './values.ts';

export const caseTypeSchema = z.enum(['complaint', 'billing', 'technical', 'delivery', 'information']);
export type CaseType = z.infer<typeof caseTypeSchema>;

/** From the least to the most urgent. */
export const casePrioritySchema = z.enum(['low', 'normal', 'high', 'critical']);
export type CasePriority = z.infer<typeof casePrioritySchema>;

export const caseStatusSchema = z.enum(['open', 'in_progress', 'waiting_customer', 'resolved', 'closed']);
export type CaseStatus = z.infer<typeof caseStatusSchema>;

export const caseTransitionSchema = z.enum(['start', 'wait_customer', 'resume', 'resolve', 'close', 'reopen']);
export type CaseTransition = z.infer<typeof caseTransitionSchema>;

/** How the case reached us. */
export const caseChannelSchema = z.enum(['phone', 'email', 'visit', 'web', 'mail', 'chat', 'api']);
export type CaseChannel = z.infer<typeof caseChannelSchema>;

export const openCaseBody = z.object({
  accountId: z.uuid(),
  contactId: z.uuid().nullable().optional(),
  type: caseTypeSchema,
  priority: casePrioritySchema.default('normal'),
  subject: z.string().trim().min(2).max(200),
  description: z.string().trim().min(1).max(10_000),
  productId: z.uuid().nullable().optional(),
  channel: caseChannelSchema,
});
export type OpenCaseBody = z.input<typeof openCaseBody>;

export const transitionCaseBody = z.object({
  version: z.number().int(),
  transition: caseTransitionSchema,
  /** The resolution summary: required to resolve (400 case.summary_required), ignored otherwise. */
  summary: z.string().trim().max(5000).nullable().optional(),
});
export type TransitionCaseBody = z.input<typeof transitionCaseBody>;

export const caseListQuery = z.object({
  /** mine: assigned to me; pool: my pools' open cases, unassigned and assigned; account: one account's. */
  view: z.enum(['mine', 'pool', 'account']).default('mine'),
  accountId: z.uuid().optional(),
  /** Resolved and closed cases too (default: open ones only, except in the account view). */
  includeDone: z.enum(['true', 'false']).optional(),
});
export type CaseListQuery = z.input<typeof caseListQuery>;

/** What the search box typed: a case reference in any spelling ('r 2026 4213', 'R2026/004213'…). */
export const caseLookupQuery = z.object({ q: z.string().max(100) });

const ref = z.object({ id: z.string(), name: z.string() });

export const caseSlaSchema = z.object({
  /** The budgets the case was given at opening, in business minutes. */
  budgets: z.object({ firstResponseMinutes: z.number(), resolutionMinutes: z.number() }),
  firstRespondedAt: z.string().nullable(),
  /** null once responded. */
  firstResponseDueAt: z.string().nullable(),
  firstResponseWarnAt: z.string().nullable(),
  /** null while paused (waiting for the customer, in time) and once resolved or closed. */
  resolutionDueAt: z.string().nullable(),
  resolutionWarnAt: z.string().nullable(),
  paused: z.boolean(),
  stopped: z.boolean(),
  breached: z.object({ firstResponse: z.boolean(), resolution: z.boolean() }),
  /** Business minutes left (negative once late); null for a clock that is done. */
  remainingMinutes: z.object({ firstResponse: z.number().nullable(), resolution: z.number().nullable() }),
});
export type CaseSla = z.infer<typeof caseSlaSchema>;

export const caseAbilitiesSchema = z.object({
  /** The transitions this reader may apply now (the status machine's, if they may work the case). */
  transitions: z.array(caseTransitionSchema),
  /** May give the case to someone else in its pool. */
  assign: z.boolean(),
});

export const caseSchema = z.object({
  id: z.string(),
  reference: z.string(),
  status: caseStatusSchema,
  priority: casePrioritySchema,
  type: caseTypeSchema,
  subject: z.string(),
  description: z.string(),
  channel: caseChannelSchema,
  account: ref,
  contact: ref.nullable(),
  product: ref.nullable(),
  agencyId: z.string(),
  pool: ref,
  assignee: ref.nullable(),
  openedBy: ref.nullable(),
  /** Why the case went to its pool, in both languages. */
  routing: z.object({ code: z.string(), text: bilingualSchema }),
  openedAt: z.string(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  resolutionSummary: z.string().nullable(),
  sla: caseSlaSchema,
  version: z.number(),
  abilities: caseAbilitiesSchema,
});
export type Case = z.infer<typeof caseSchema>;

export const caseListSchema = z.object({ items: z.array(caseSchema) });

export const slaRuleSchema = z.object({
  version: z.number(),
  config: z.object({
    byPriority: z.record(casePrioritySchema, z.object({ firstResponseMinutes: z.number(), resolutionMinutes: z.number() })),
    warnRatio: z.number(),
    reopenDays: z.number(),
  }),
  text: bilingualSchema,
});
export type SlaRule = z.infer<typeof slaRuleSchema>;
