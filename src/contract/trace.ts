import { z } from 'zod';

export const traceEventSchema = z.object({
  stream: z.string(),
  seq: z.number(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  recordedAt: z.string(),
  payload: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
  /** Recomputed by the server from the chain: false if this link or one before it was altered. */
  verified: z.boolean(),
});
export type TraceEvent = z.infer<typeof traceEventSchema>;

export const streamTraceSchema = z.object({
  stream: z.string(),
  verified: z.boolean(),
  brokenAt: z.object({ seq: z.number(), reason: z.string() }).nullable(),
  events: z.array(traceEventSchema),
});
export type StreamTrace = z.infer<typeof streamTraceSchema>;

export const traceReportSchema = z.object({
  ok: z.boolean(),
  events: z.number(),
  streams: z.number(),
  checkpoints: z.number(),
  broken: z.object({ stream: z.string(), seq: z.number(), reason: z.string() }).nullable(),
});

export const healthSchema = z.object({
  status: z.literal('ok'),
  engine: z.enum(['pglite', 'postgres']),
  version: z.string(),
  migrations: z.array(z.string()),
});
