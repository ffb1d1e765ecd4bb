// Complaints and after-sales cases: what the API takes and returns. The words (types, priorities,
// statuses, transitions) mirror src/server/cases/rules.ts, which decides with them.
import { z } from 'zod';
import { bilingualSchema } from './values.ts';
import { logInteractionBody } from './interactions.ts';

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

const csv = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .string()
    .optional()
    .transform((s) => (s ? s.split(',').filter(Boolean) : []))
    .pipe(z.array(item));

export const caseListQuery = z.object({
  /**
   * mine: assigned to me; pool: my pools' cases, unassigned and assigned; unit: the cases of the units I
   * manage (their pools, agencies, regions); account: one account's.
   */
  view: z.enum(['mine', 'pool', 'unit', 'account']).default('mine'),
  accountId: z.uuid().optional(),
  /** Resolved and closed cases too (default: open ones only, except in the account view). */
  includeDone: z.enum(['true', 'false']).optional(),
  /** Comma-separated filters; empty: any. */
  status: csv(caseStatusSchema),
  priority: csv(casePrioritySchema),
  type: csv(caseTypeSchema),
  /** me: assigned to me; none: nobody yet; any (default). */
  assigned: z.enum(['me', 'none', 'any']).default('any'),
  /** Only cases that bounced straight back between two pools (A → B → A). */
  pingPong: z.enum(['true', 'false']).optional(),
  /** Only cases past a deadline: resolution, or first response while nobody has answered yet. */
  breached: z.enum(['true', 'false']).optional(),
  /** How many cases a page holds. */
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Where the page starts: the nextCursor of the page before, as given (400 cursor.invalid otherwise); none: the most urgent. */
  after: z.string().max(300).optional(),
});
export type CaseListQuery = z.input<typeof caseListQuery>;
export type CaseListFilters = z.output<typeof caseListQuery>;

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
  /** May give the case to anyone available in its pool (managers). */
  assign: z.boolean(),
  /** May take the case for themselves (a member of its pool, not already its assignee). */
  take: z.boolean(),
  /** May send the case to another pool, change its priority, record the unit responsible, log a contact on it. */
  transfer: z.boolean(),
  changePriority: z.boolean(),
  setResponsibility: z.boolean(),
  logInteraction: z.boolean(),
  /** May contest the responsibility recorded (a manager of the unit held responsible, no dispute open). */
  contestResponsibility: z.boolean(),
});

export const responsibleUnitTypeSchema = z.enum(['agency', 'pool', 'region']);
export type ResponsibleUnitType = z.infer<typeof responsibleUnitTypeSchema>;

export const responsibilityDisputeSchema = z.object({
  id: z.string(),
  status: z.enum(['open', 'decided']),
  contestedBy: ref,
  justification: z.string(),
  filedAt: z.string(),
  arbiter: ref.nullable(),
  /** agency, region or nation: the lowest unit common to both sides. */
  level: z.enum(['agency', 'region', 'nation']),
  outcome: z.enum(['upheld', 'moved']).nullable(),
  decision: z.string().nullable(),
  decidedAt: z.string().nullable(),
  /** The unit held responsible after the ruling (the same one when upheld). */
  decidedUnit: z.object({ type: responsibleUnitTypeSchema, id: z.string(), name: z.string() }).nullable(),
  /** May this reader rule on it now. */
  canDecide: z.boolean(),
});
export type ResponsibilityDispute = z.infer<typeof responsibilityDisputeSchema>;

export const caseResponsibilitySchema = z.object({
  unit: z.object({ type: responsibleUnitTypeSchema, id: z.string(), name: z.string() }),
  note: z.string(),
  setBy: ref.nullable(),
  setAt: z.string(),
  /** Every contest, newest first. */
  disputes: z.array(responsibilityDisputeSchema),
});
export type CaseResponsibility = z.infer<typeof caseResponsibilitySchema>;

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
  /** How often the case changed pool, and whether it bounced straight back (A → B → A): shown to managers. */
  transfers: z.object({ count: z.number(), pingPong: z.boolean() }),
  /** The unit held responsible for the problem (not the one handling it), null until someone records it. */
  responsibility: caseResponsibilitySchema.nullable(),
  /** What an advisor can read out to the customer on the phone: status and next step, no internal detail. */
  customerSummary: bilingualSchema,
  version: z.number(),
  abilities: caseAbilitiesSchema,
});
export type Case = z.infer<typeof caseSchema>;

export const caseListSchema = z.object({ items: z.array(caseSchema) });

/** A case as lists show it: all but `routing` (why it went to its pool), which the case's own read gives. */
export const caseListItemSchema = caseSchema.omit({ routing: true });
export type CaseListItem = z.infer<typeof caseListItemSchema>;

/** One page of a case list, most urgent first, and what the whole list holds (every page together). */
export const caseListPageSchema = z.object({
  items: z.array(caseListItemSchema),
  /** Pass it as `after` for the next page; null on the last one. */
  nextCursor: z.string().nullable(),
  /** The cases matching the view and the filters. */
  total: z.number(),
  /** Of those, the ones nobody holds yet, and the ones past a deadline now (resolution, or a first response still owed). */
  unassigned: z.number(),
  late: z.number(),
});
export type CaseListPage = z.infer<typeof caseListPageSchema>;

const versioned = { version: z.number().int() };

export const assignCaseBody = z.object({
  ...versioned,
  /** The person to give it to (a member of the case's pool, active and present); yourself to take it. */
  assigneeId: z.uuid(),
});
export type AssignCaseBody = z.input<typeof assignCaseBody>;

export const transferCaseBody = z.object({
  ...versioned,
  /** A back-office pool other than the case's (another agency's is fine). */
  poolId: z.uuid(),
  /** Why: mandatory, the receiving side reads it (400 case.transfer_reason_required). */
  reason: z.string().trim().max(2000),
});
export type TransferCaseBody = z.input<typeof transferCaseBody>;

export const changeCasePriorityBody = z.object({
  ...versioned,
  priority: casePrioritySchema,
  reason: z.string().trim().min(2, { message: 'Say why the priority changes' }).max(2000),
});
export type ChangeCasePriorityBody = z.input<typeof changeCasePriorityBody>;

export const setResponsibilityBody = z.object({
  ...versioned,
  unitType: responsibleUnitTypeSchema,
  unitId: z.uuid(),
  note: z.string().trim().min(2, { message: 'Say what the unit did or failed to do' }).max(2000),
});
export type SetResponsibilityBody = z.input<typeof setResponsibilityBody>;

export const contestResponsibilityBody = z.object({
  justification: z.string().trim().min(10, { message: 'Explain why your unit is not responsible (10 characters at least)' }).max(5000),
});
export type ContestResponsibilityBody = z.input<typeof contestResponsibilityBody>;

export const decideResponsibilityBody = z.object({
  outcome: z.enum(['upheld', 'moved']),
  /** Required when moved: the unit held responsible instead. */
  unitType: responsibleUnitTypeSchema.optional(),
  unitId: z.uuid().optional(),
  justification: z.string().trim().min(10, { message: 'Explain the ruling (10 characters at least)' }).max(5000),
});
export type DecideResponsibilityBody = z.input<typeof decideResponsibilityBody>;

/** One entry of a case's own timeline: its trace events and the contacts logged on it, oldest first. */
export const caseTimelineItemSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('event'),
    at: z.string(),
    /** case.opened, case.start…, case.transferred, case.assigned, case.priority_changed, case.responsibility_set… */
    action: z.string(),
    actor: ref.nullable(),
    payload: z.record(z.string(), z.unknown()),
    seq: z.number(),
  }),
  z.object({
    kind: z.literal('interaction'),
    at: z.string(),
    interaction: z.object({
      id: z.string(),
      channel: z.string(),
      subject: z.string(),
      notes: z.string(),
      outcome: z.string().nullable(),
      actor: ref,
      occurredAt: z.string(),
    }),
  }),
]);
export type CaseTimelineItem = z.infer<typeof caseTimelineItemSchema>;
export const caseTimelineSchema = z.object({ items: z.array(caseTimelineItemSchema) });

/** A contact logged on a case (a call or an email about it): an interaction on the case's account, linked to the case. */
export const logCaseInteractionBody = logInteractionBody.omit({ accountId: true, amendsId: true });
export type LogCaseInteractionBody = z.input<typeof logCaseInteractionBody>;

/** The pools a case may be sent to (back-office pools), with their scope, for the transfer form. */
export const casePoolOptionsSchema = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), scope: z.enum(['agency', 'region', 'nation']), agency: z.string().nullable(), region: z.string().nullable() })),
});


// --- Routing and SLA rules as data ---

export const caseRoutingConfigSchema = z.object({
  /** Tried in order; an empty criterion matches anything. */
  entries: z
    .array(
      z.object({
        match: z.object({
          types: z.array(caseTypeSchema).optional(),
          families: z.array(z.string().min(1)).optional(),
          regionIds: z.array(z.uuid()).optional(),
        }),
        poolId: z.uuid(),
      }),
    )
    .max(200),
  fallback: z.object({ byRegion: z.record(z.uuid(), z.uuid()), national: z.uuid() }),
});
export type CaseRoutingConfig = z.infer<typeof caseRoutingConfigSchema>;

const budget = z.number().int().min(1).max(60 * 24 * 365);
export const slaConfigSchema = z.object({
  byPriority: z.object({
    low: z.object({ firstResponseMinutes: budget, resolutionMinutes: budget }),
    normal: z.object({ firstResponseMinutes: budget, resolutionMinutes: budget }),
    high: z.object({ firstResponseMinutes: budget, resolutionMinutes: budget }),
    critical: z.object({ firstResponseMinutes: budget, resolutionMinutes: budget }),
  }),
  /** The share of a budget after which the warning goes out (0.8: at 80 %). */
  warnRatio: z.number().gt(0).lt(1),
  /** How many days after resolution a case may be reopened. */
  reopenDays: z.number().int().min(0).max(365),
});

export const setCaseRuleBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('routing'), config: caseRoutingConfigSchema, effectiveFrom: z.iso.datetime({ offset: true }).optional() }),
  z.object({ kind: z.literal('sla'), config: slaConfigSchema, effectiveFrom: z.iso.datetime({ offset: true }).optional() }),
]);
export type SetCaseRuleBody = z.input<typeof setCaseRuleBody>;

const ruleVersionSchema = z.object({
  kind: z.enum(['routing', 'sla']),
  version: z.number(),
  text: bilingualSchema,
  author: ref.nullable(),
  effectiveFrom: z.string().nullable(),
  createdAt: z.string().nullable(),
});

export const caseRulesSchema = z.object({
  /** null config: no routing rule saved, the default applies (the back-office pool serving the agency). */
  routing: ruleVersionSchema.extend({ config: caseRoutingConfigSchema.nullable() }),
  sla: ruleVersionSchema.extend({
    config: slaConfigSchema,
    /** The length of a business day in minutes (opening to closing): how budgets read as days. */
    dayMinutes: z.number(),
  }),
  /** Every saved version of both, newest first. */
  history: z.array(ruleVersionSchema),
  /** Names for the ids the rules use. */
  pools: z.array(z.object({ id: z.string(), name: z.string() })),
  regions: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type CaseRules = z.infer<typeof caseRulesSchema>;

export const simulateCaseBody = z.object({
  accountId: z.uuid(),
  type: caseTypeSchema,
  priority: casePrioritySchema.default('normal'),
  productId: z.uuid().nullable().optional(),
  /** When it would be opened; now by default (a Saturday night shows when the clock starts). */
  at: z.iso.datetime({ offset: true }).optional(),
});
export type SimulateCaseBody = z.input<typeof simulateCaseBody>;

export const caseSimulationSchema = z.object({
  pool: ref,
  routing: z.object({ code: z.string(), text: bilingualSchema, ruleVersion: z.number() }),
  /** Who would get it now, null when nobody in the pool is available (the pool's manager would be told). */
  assignee: ref.nullable(),
  /** The pool's members and why each would or would not get it. */
  members: z.array(z.object({ id: z.string(), name: z.string(), openCases: z.number(), available: z.boolean() })),
  sla: z.object({
    ruleVersion: z.number(),
    /** When the clock would start running: the opening itself in business hours, else the next opening (a Saturday night → Monday 9:00). */
    clockStartsAt: z.string(),
    firstResponseDueAt: z.string().nullable(),
    firstResponseWarnAt: z.string().nullable(),
    resolutionDueAt: z.string().nullable(),
    resolutionWarnAt: z.string().nullable(),
    budgets: z.object({ firstResponseMinutes: z.number(), resolutionMinutes: z.number() }),
  }),
});
export type CaseSimulation = z.infer<typeof caseSimulationSchema>;

/** The case pool's members, for the assign menu: who is available today and how loaded. */
export const casePoolMembersSchema = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), openCases: z.number(), available: z.boolean() })),
});
