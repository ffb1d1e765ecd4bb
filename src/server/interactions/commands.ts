// Logging a contact with the customer. Never edited: a correction is a new entry that amends the old one.
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { Ctx, Db } from '../context.ts';
import type { Principal } from '../auth/principal.ts';
import type { logInteractionBody } from '../../contract/interactions.ts';
import { can } from '../auth/policy.ts';
import { DomainError, forbidden } from '../errors.ts';
import { appendTraceBatch, type BatchEvent } from '../trace/commands.ts';
import { accountStream } from '../accounts/commands.ts';
import type { BatchOutcome } from '../db/batcher.ts';
import { interactionChecks, type InteractionChecks } from './queries.ts';

type LogInteraction = z.output<typeof logInteractionBody>;

/**
 * A contact to log, by whom. `onCase`: a contact about a case, which the caller (cases/commands) has checked the
 * actor may work — that, not the account's rights, is what allows it then.
 */
export interface InteractionEntry {
  actor: Principal;
  input: LogInteraction;
  onCase?: { caseId: string };
}

/** How far ahead a claimed time may be (clock skew between a laptop and the server). */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** Logs a contact on an account in the caller's transaction. */
export async function logInteraction(ctx: Ctx, input: LogInteraction, onCase?: { caseId: string }): Promise<string> {
  const outcome = (await logInteractions(ctx.db, [{ actor: ctx.actor, input, ...(onCase && { onCase }) }]))[0]!;
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}

/**
 * Logs a batch of contacts in the caller's transaction, in order, each answered with its new entry's id or the
 * DomainError that refuses it (the others go on). Whatever its size, the batch reads in one statement and
 * writes in three (the entries; the streams' heads, locked; the trace events with the heads' move), all recorded
 * at the transaction's clock.
 */
export async function logInteractions(db: Db, entries: InteractionEntry[]): Promise<Array<BatchOutcome<string>>> {
  if (entries.length === 0) return [];
  const checks = await interactionChecks(
    db,
    entries.map(({ input }) => ({ accountId: input.accountId, contactId: input.contactId ?? null, amendsId: input.amendsId ?? null })),
  );
  const now = checks[0]!.now;
  const rows: Array<Record<string, unknown>> = [];
  const events: BatchEvent[] = [];
  const outcomes = entries.map((entry, index): BatchOutcome<string> => {
    const refusal = refusalOf(entry, checks[index]!);
    if (refusal) return { ok: false, error: refusal };
    const { actor, input, onCase } = entry;
    const id = uuidv7();
    rows.push({
      id,
      account_id: input.accountId,
      contact_id: input.contactId ?? null,
      channel: input.channel,
      actor_id: actor.userId,
      subject: input.subject,
      notes: input.notes,
      outcome: input.outcome ?? null,
      occurred_at: input.occurredAt ? new Date(input.occurredAt).toISOString() : now.toISOString(),
      recorded_at: now.toISOString(),
      amends_id: input.amendsId ?? null,
      case_id: onCase?.caseId ?? null,
    });
    events.push({ stream: accountStream(input.accountId), action: 'interaction.logged', actorId: actor.userId, recordedAt: now, payload: { interactionId: id, ...input, ...onCase } });
    return { ok: true, value: id };
  });
  if (rows.length === 0) return outcomes;
  // The rows as one JSON document: one parameter, serialised natively.
  await sql`
    INSERT INTO interactions (id, account_id, contact_id, channel, actor_id, subject, notes, outcome, occurred_at, recorded_at, amends_id, case_id)
    SELECT id, account_id, contact_id, channel, actor_id, subject, notes, outcome, occurred_at, recorded_at, amends_id, case_id
    FROM json_to_recordset(${JSON.stringify(rows)}::json) AS n(id uuid, account_id uuid, contact_id uuid, channel text, actor_id uuid, subject text,
      notes text, outcome text, occurred_at timestamptz, recorded_at timestamptz, amends_id uuid, case_id uuid)`.execute(db);
  await appendTraceBatch(db, events);
  return outcomes;
}

/**
 * Why a contact may not be logged, on what the checks read, or null; the first refusal wins: no such account (or
 * not one the actor can see), not theirs to log on, archived; a contact or an amended entry of another account;
 * a time in the future.
 */
function refusalOf({ actor, input, onCase }: InteractionEntry, { now, account, contactAccountId, amendedAccountId }: InteractionChecks): DomainError | null {
  const unseen = () => new DomainError('not_found', 'account.not_found', `No account ${input.accountId} that you can see`, 'accountId');
  if (!account) return unseen();
  if (!onCase) {
    if (!can(actor, 'account.read', account)) return unseen();
    if (!can(actor, 'interaction.create', account)) return forbidden('log a contact on this account');
  }
  if (account.archived) return new DomainError('unprocessable', 'account.archived', 'This account is archived');
  if (input.contactId && contactAccountId !== input.accountId) {
    return new DomainError('unprocessable', 'interaction.contact_not_on_account', 'This contact does not belong to the account', 'contactId');
  }
  if (input.amendsId && amendedAccountId !== input.accountId) {
    return new DomainError('unprocessable', 'interaction.amends_unknown', 'The entry to correct is not on this account', 'amendsId');
  }
  if (input.occurredAt && new Date(input.occurredAt).getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    return new DomainError('invalid', 'interaction.in_future', 'A contact cannot have happened in the future', 'occurredAt');
  }
  return null;
}
