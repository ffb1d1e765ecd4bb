import { z } from 'zod';
import { interactionSchema, logInteractionBody, timelinePageSchema, timelineQuery } from '../../contract/interactions.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { batcherPer, readBack } from '../db/batcher.ts';
import { route, type AnyRoute } from '../http/route.ts';
import { can } from '../auth/policy.ts';
import { notFound } from '../errors.ts';
import { accountScope } from '../accounts/queries.ts';
import { logInteractions, type InteractionEntry } from './commands.ts';
import { getInteractions, timeline } from './queries.ts';

/**
 * Contacts logged together share one transaction (db/batcher.ts), as relays do: a call centre at its busiest
 * costs a few round trips and one commit per batch. Each caller gets back its entry, read in that transaction.
 */
const loggingDesk = batcherPer((db: Kysely<DB>, entries: InteractionEntry[]) =>
  db.transaction().execute(async (trx) =>
    readBack(await logInteractions(trx, entries), async (accepted) => (await getInteractions(trx, accepted.map(({ value }) => value))).map((entry) => entry!)),
  ),
);

export const interactionRoutes: AnyRoute[] = [
  route({
    method: 'POST',
    url: '/api/interactions',
    summary: 'Log a contact with the customer (amendsId to correct an earlier entry)',
    tag: 'interactions',
    auth: 'user',
    body: logInteractionBody,
    response: interactionSchema,
    status: 201,
    async handler({ principal, deps, body }) {
      return loggingDesk(deps.db)({ actor: principal, input: body });
    },
  }),
  route({
    method: 'GET',
    url: '/api/accounts/:id/timeline',
    summary: 'Interactions and record changes, newest first; filter by channels (and "changes")',
    tag: 'interactions',
    auth: 'user',
    params: z.object({ id: z.uuid() }),
    query: timelineQuery,
    response: timelinePageSchema,
    async handler({ principal, deps, params, query }) {
      const scope = await accountScope(deps.db, params.id);
      if (!scope || !can(principal, 'account.read', scope)) throw notFound('account', params.id);
      return timeline(deps.db, params.id, query);
    },
  }),
];
