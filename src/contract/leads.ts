import { z } from 'zod';
import { emailSchema, phoneSchema, sirenSchema } from './values.ts';
import { segmentSchema } from './accounts.ts';

export const leadStatusSchema = z.enum(['new', 'accepted', 'rejected', 'converted', 'expired']);
export type LeadStatus = z.infer<typeof leadStatusSchema>;

/** Where a lead came from: the initiator's channel. */
export const leadSourceSchema = z.enum(['phone_in', 'phone_out', 'visit', 'email_in', 'web_form', 'campaign', 'marketing', 'back_office', 'other']);

export const rejectReasonSchema = z.enum(['no_need', 'already_equipped', 'unreachable', 'duplicate', 'out_of_area', 'not_decision_maker', 'other']);
export const REJECT_REASONS = rejectReasonSchema.options;

export const relayLeadBody = z.object({
  accountId: z.uuid(),
  contactId: z.uuid().nullable().optional(),
  productId: z.uuid(),
  need: z.string().trim().min(3, { message: 'Say what the customer needs' }).max(2000),
  estimatedValueCents: z.number().int().min(0).nullable().optional(),
  source: leadSourceSchema,
  sourceCampaign: z.string().trim().max(120).nullable().optional(),
  /** Set after seeing the warning that the same product was relayed for this account within a day. */
  acknowledgeDuplicate: z.boolean().default(false),
});
export type RelayLeadBody = z.input<typeof relayLeadBody>;

export const routingReasonSchema = z.object({
  code: z.enum(['owner', 'owner_absent_backup', 'owner_unavailable_pool', 'no_owner_pool', 'no_one_available']),
  text: z.string(),
  ruleVersion: z.number(),
});
export type RoutingReason = z.infer<typeof routingReasonSchema>;

export const leadSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  accountName: z.string(),
  accountSegment: segmentSchema,
  contactId: z.string().nullable(),
  contactName: z.string().nullable(),
  productId: z.string(),
  productName: z.string(),
  productFamily: z.string(),
  need: z.string(),
  estimatedValueCents: z.number().nullable(),
  source: leadSourceSchema,
  sourceCampaign: z.string().nullable(),
  initiatorId: z.string().nullable(),
  initiatorName: z.string().nullable(),
  status: leadStatusSchema,
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  agencyId: z.string(),
  agencyName: z.string(),
  routing: routingReasonSchema,
  createdAt: z.string(),
  dueAt: z.string(),
  warnAt: z.string(),
  offeredAt: z.string().nullable(),
  lateAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
  rejectReason: rejectReasonSchema.nullable(),
  rejectNote: z.string().nullable(),
  dealId: z.string().nullable(),
  version: z.number(),
  abilities: z.object({ accept: z.boolean(), reject: z.boolean(), convert: z.boolean(), take: z.boolean() }),
});
export type Lead = z.infer<typeof leadSchema>;

export const acceptLeadBody = z.object({ version: z.number().int() });
export const rejectLeadBody = z.object({
  version: z.number().int(),
  reason: rejectReasonSchema,
  note: z.string().trim().min(3, { message: 'Explain the rejection to the person who relayed it' }).max(2000),
});
export const convertLeadBody = z.object({ version: z.number().int(), amountCents: z.number().int().min(0).nullable().optional() });
export const takeLeadBody = z.object({ version: z.number().int() });

export const leadListQuery = z.object({
  /** inbox: leads I must qualify; relayed: leads I passed on; unit: my units' open and late leads. */
  view: z.enum(['inbox', 'relayed', 'unit', 'offered', 'account']),
  accountId: z.uuid().optional(),
  status: leadStatusSchema.optional(),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const simulateRoutingBody = z.object({ accountId: z.uuid(), at: z.iso.datetime({ offset: true }).optional() });
export const simulationSchema = z.object({
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  reason: routingReasonSchema,
  dueAt: z.string(),
  warnAt: z.string(),
  rule: z.object({ version: z.number(), text: z.string() }),
});

export const routingRuleConfigSchema = z.object({
  /** Business hours allowed to qualify a lead, per account segment. */
  deadlineHours: z.object({ key: z.number().min(1).max(200), intermediate: z.number().min(1).max(200), mass: z.number().min(1).max(200) }),
  /** Share of the time after which the lead is offered to the agency's pool and the owner reminded. */
  warnRatio: z.number().min(0.1).max(0.95),
  /** An accepted lead not converted within this many days expires. */
  expireAfterDays: z.number().int().min(1).max(365),
});
export type RoutingRuleConfig = z.infer<typeof routingRuleConfigSchema>;

export const routingRuleSchema = z.object({
  id: z.string(),
  agencyId: z.string().nullable(),
  agencyName: z.string().nullable(),
  version: z.number(),
  config: routingRuleConfigSchema,
  text: z.string(),
  authorName: z.string().nullable(),
  effectiveFrom: z.string(),
  createdAt: z.string(),
});
export const setRoutingRuleBody = z.object({
  agencyId: z.uuid().nullable(),
  config: routingRuleConfigSchema,
  effectiveFrom: z.iso.datetime({ offset: true }).optional(),
});

/** The public web form: no session; a honeypot field that people never fill. */
export const webLeadBody = z.object({
  agencyCode: z.string().trim().min(2).max(20),
  company: z.object({
    name: z.string().trim().min(2).max(200),
    siren: sirenSchema.nullable().optional(),
    phone: phoneSchema.nullable().optional(),
    email: emailSchema.nullable().optional(),
    city: z.string().trim().max(100).nullable().optional(),
    postalCode: z.string().trim().regex(/^\d{5}$/).nullable().optional(),
  }),
  contact: z.object({
    firstName: z.string().trim().max(100).default(''),
    lastName: z.string().trim().min(1).max(100),
    phone: phoneSchema.nullable().optional(),
    email: emailSchema.nullable().optional(),
  }),
  productCode: z.string().trim().min(2).max(30),
  need: z.string().trim().min(3).max(2000),
  // Filled only by robots: accepted here so the route can answer 202 and keep nothing (a 400 would tell the robot).
  website: z.string().max(2000).optional(),
});

export const notificationSchema = z.object({
  id: z.string(),
  kind: z.enum([
    'lead.assigned',
    'lead.offered',
    'lead.reminder',
    'lead.late',
    'lead.answered',
    'lead.taken',
    'lead.reassigned',
    'credit.recorded',
    'dispute.filed',
    'dispute.decided',
    'dispute.appealed',
    'case.assigned',
    'case.unassigned',
    'case.transferred',
    'case.sla_warning',
    'case.sla_breached',
    'case.responsibility_set',
    'case.responsibility_contested',
    'case.responsibility_decided',
    'alert.fired',
  ]),
  leadId: z.string().nullable(),
  dealId: z.string().nullable(),
  disputeId: z.string().nullable(),
  caseId: z.string().nullable(),
  /** English wording, for API clients. */
  text: z.string(),
  /** The facts (actor, product, account, note, variant…) the web app words in the reader's language. */
  params: z.record(z.string(), z.string().nullable()),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof notificationSchema>;
