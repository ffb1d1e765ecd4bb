// Logging a contact with the customer. Never edited: a correction is a new entry that amends the old one.
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { Ctx } from '../context.ts';
import type { logInteractionBody } from '../../contract/interactions.ts';
import { can } from '../auth/policy.ts';
import { DomainError, forbidden } from '../errors.ts';
import { appendTrace } from '../trace/commands.ts';
import { accountScope } from '../accounts/queries.ts';
import { accountStream } from '../accounts/commands.ts';

type LogInteraction = z.output<typeof logInteractionBody>;

/** How far ahead a claimed time may be (clock skew between a laptop and the server). */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/**
 * Logs a contact on an account. `onCase`: a contact about a case, which the caller (cases/commands) has
 * checked the actor may work — that, not the account's rights, is what allows it then.
 */
export async function logInteraction(ctx: Ctx, input: LogInteraction, onCase?: { caseId: string }): Promise<string> {
  const scope = await accountScope(ctx.db, input.accountId);
  if (!scope) throw new DomainError('not_found', 'account.not_found', `No account ${input.accountId} that you can see`, 'accountId');
  if (!onCase) {
    if (!can(ctx.actor, 'account.read', scope)) throw new DomainError('not_found', 'account.not_found', `No account ${input.accountId} that you can see`, 'accountId');
    if (!can(ctx.actor, 'interaction.create', scope)) throw forbidden('log a contact on this account');
  }
  if (scope.archived) throw new DomainError('unprocessable', 'account.archived', 'This account is archived');
  if (input.contactId) {
    const contact = await ctx.db.selectFrom('contacts').select('account_id').where('id', '=', input.contactId).executeTakeFirst();
    if (!contact || contact.account_id !== input.accountId) {
      throw new DomainError('unprocessable', 'interaction.contact_not_on_account', 'This contact does not belong to the account', 'contactId');
    }
  }
  if (input.amendsId) {
    const amended = await ctx.db.selectFrom('interactions').select('account_id').where('id', '=', input.amendsId).executeTakeFirst();
    if (!amended || amended.account_id !== input.accountId) {
      throw new DomainError('unprocessable', 'interaction.amends_unknown', 'The entry to correct is not on this account', 'amendsId');
    }
  }

  const id = uuidv7();
  const appended = await appendTrace(ctx, accountStream(input.accountId), 'interaction.logged', { interactionId: id, ...input, ...onCase });
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : appended.recordedAt;
  if (occurredAt.getTime() > appended.recordedAt.getTime() + FUTURE_TOLERANCE_MS) {
    throw new DomainError('invalid', 'interaction.in_future', 'A contact cannot have happened in the future', 'occurredAt');
  }
  await ctx.db
    .insertInto('interactions')
    .values({
      id,
      account_id: input.accountId,
      contact_id: input.contactId ?? null,
      channel: input.channel,
      actor_id: ctx.actor.userId!,
      subject: input.subject,
      notes: input.notes,
      outcome: input.outcome ?? null,
      occurred_at: occurredAt,
      recorded_at: appended.recordedAt,
      amends_id: input.amendsId ?? null,
      case_id: onCase?.caseId ?? null,
    })
    .execute();
  return id;
}
