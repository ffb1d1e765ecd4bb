import { z } from 'zod';
import { interactionSchema, logInteractionBody, timelinePageSchema, timelineQuery } from '../../contract/interactions.ts';
import { route, write, type AnyRoute } from '../http/route.ts';
import { can } from '../auth/policy.ts';
import { notFound } from '../errors.ts';
import { accountScope } from '../accounts/queries.ts';
import { logInteraction } from './commands.ts';
import { getInteraction, timeline } from './queries.ts';

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
      const id = await write(deps, principal, (ctx) => logInteraction(ctx, body));
      return (await getInteraction(deps.db, id))!;
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
