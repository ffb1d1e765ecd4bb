import { z } from 'zod';
import { createDealBody, dealFigureSchema, dealFiguresQuery, dealListQuery, dealSchema, dealSummarySchema, moveDealBody, updateDealBody } from '../../contract/deals.ts';
import { route, write, type AnyRoute } from '../http/route.ts';
import type { Db } from '../context.ts';
import type { Principal } from '../auth/principal.ts';
import { can } from '../auth/policy.ts';
import { DomainError, notFound } from '../errors.ts';
import { accountScope } from '../accounts/queries.ts';
import { createDeal, moveDeal, updateDeal } from './commands.ts';
import { dealFigures, dealHistory, getDeal, listDeals } from './queries.ts';

const idParams = z.object({ id: z.uuid() });

async function readDeal(db: Db, p: Principal, id: string) {
  const deal = await getDeal(db, p, id);
  if (!deal) throw notFound('deal', id);
  return deal;
}

export const dealRoutes: AnyRoute[] = [
  route({
    method: 'GET',
    url: '/api/deals',
    summary: 'Deals: mine (I own), unit (the units I manage), account (one account’s); open ones and those closed recently',
    tag: 'deals',
    auth: 'user',
    query: dealListQuery,
    response: z.object({ items: z.array(dealSummarySchema), nextCursor: z.null() }),
    async handler({ principal, deps, query }) {
      if (query.view === 'account') {
        if (!query.accountId) throw new DomainError('invalid', 'validation.required', 'accountId: required for the account view', 'accountId');
        const scope = await accountScope(deps.db, query.accountId);
        if (!scope || !can(principal, 'account.read', scope)) throw notFound('account', query.accountId);
      }
      return { items: await listDeals(deps.db, principal, query), nextCursor: null };
    },
  }),
  route({
    method: 'POST',
    url: '/api/deals',
    summary: 'Open a deal on an account, with its product lines',
    tag: 'deals',
    auth: 'user',
    body: createDealBody,
    response: dealSchema,
    status: 201,
    async handler({ principal, deps, body }) {
      const id = await write(deps, principal, (ctx) => createDeal(ctx, body));
      return readDeal(deps.db, principal, id);
    },
  }),
  route({
    method: 'GET',
    url: '/api/deals/figures',
    summary: 'Won, lost and open deals, won revenue and win rate per region, agency, owner or manager (within your reach)',
    tag: 'deals',
    auth: 'user',
    query: dealFiguresQuery,
    response: z.object({ items: z.array(dealFigureSchema) }),
    async handler({ principal, deps, query }) {
      return { items: await dealFigures(deps.db, principal, query) };
    },
  }),
  route({
    method: 'GET',
    url: '/api/deals/:id',
    summary: 'One deal with its lines and what you may do with it',
    tag: 'deals',
    auth: 'user',
    params: idParams,
    response: dealSchema,
    handler: ({ principal, deps, params }) => readDeal(deps.db, principal, params.id),
  }),
  route({
    method: 'PATCH',
    url: '/api/deals/:id',
    summary: 'Change an open deal: title, expected close, probability, owner, lines (409 deal.version_conflict when stale)',
    tag: 'deals',
    auth: 'user',
    params: idParams,
    body: updateDealBody,
    response: dealSchema,
    async handler({ principal, deps, params, body }) {
      await write(deps, principal, (ctx) => updateDeal(ctx, params.id, body));
      return readDeal(deps.db, principal, params.id);
    },
  }),
  route({
    method: 'POST',
    url: '/api/deals/:id/stage',
    summary: 'Move a deal to a stage; winning checks channel eligibility (422 deal.not_eligible names the rule) and records the credit',
    tag: 'deals',
    auth: 'user',
    params: idParams,
    body: moveDealBody,
    response: dealSchema,
    async handler({ principal, deps, params, body }) {
      await write(deps, principal, (ctx) => moveDeal(ctx, params.id, body));
      return readDeal(deps.db, principal, params.id);
    },
  }),
  route({
    method: 'GET',
    url: '/api/deals/:id/history',
    summary: 'The deal’s events from the trace, newest first',
    tag: 'deals',
    auth: 'user',
    params: idParams,
    response: z.object({
      items: z.array(z.object({ action: z.string(), actorName: z.string().nullable(), recordedAt: z.string(), payload: z.record(z.string(), z.unknown()) })),
    }),
    async handler({ principal, deps, params }) {
      const deal = await readDeal(deps.db, principal, params.id);
      return { items: await dealHistory(deps.db, deal.accountId, deal.id) };
    },
  }),
];
