import { z } from 'zod';

export const channelSchema = z.enum(['phone_in', 'phone_out', 'email_in', 'email_out', 'visit', 'web', 'mail', 'chat', 'hotline']);
export type Channel = z.infer<typeof channelSchema>;
export const CHANNELS = channelSchema.options;

export const logInteractionBody = z.object({
  accountId: z.uuid(),
  contactId: z.uuid().nullable().optional(),
  channel: channelSchema,
  subject: z.string().trim().min(1, { message: 'Say what the contact was about' }).max(200),
  notes: z.string().max(10_000).default(''),
  outcome: z.string().trim().max(200).nullable().optional(),
  /** When it happened, as the user says; defaults to now. The database records its own time beside it. */
  occurredAt: z.iso.datetime({ offset: true }).optional(),
  /** Set to correct an earlier entry: interactions are never edited. */
  amendsId: z.uuid().optional(),
});
export type LogInteractionBody = z.input<typeof logInteractionBody>;

export const interactionSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  contactId: z.string().nullable(),
  contactName: z.string().nullable(),
  channel: channelSchema,
  actorId: z.string(),
  actorName: z.string(),
  subject: z.string(),
  notes: z.string(),
  outcome: z.string().nullable(),
  occurredAt: z.string(),
  recordedAt: z.string(),
  amendsId: z.string().nullable(),
  /** The case it was logged on, if any. */
  caseId: z.string().nullable(),
  amendedById: z.string().nullable(),
});
export type Interaction = z.infer<typeof interactionSchema>;

export const timelineQuery = z.object({
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
  /** Comma-separated channels; "changes" includes record changes. Empty: everything. */
  channels: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(',').filter(Boolean) : []))
    .pipe(z.array(z.union([channelSchema, z.literal('changes')]))),
});

export const timelineItemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('interaction'), at: z.string(), interaction: interactionSchema }),
  z.object({
    kind: z.literal('change'),
    at: z.string(),
    change: z.object({
      stream: z.string(),
      seq: z.number(),
      action: z.string(),
      actorId: z.string().nullable(),
      actorName: z.string().nullable(),
      payload: z.record(z.string(), z.unknown()),
    }),
  }),
]);
export type TimelineItem = z.infer<typeof timelineItemSchema>;

/** One page of the timeline; nextCursor continues it. */
export const timelinePageSchema = z.object({ items: z.array(timelineItemSchema), nextCursor: z.string().nullable() });
export type TimelinePage = z.infer<typeof timelinePageSchema>;
