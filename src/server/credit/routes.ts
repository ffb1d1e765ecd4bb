import { z } from 'zod';
import {
  appealDisputeBody,
  creditSimulationSchema,
  dealCreditsSchema,
  decideDisputeBody,
  disputeListQuery,
  disputeSchema,
  disputeSummarySchema,
  fileDisputeBody,
  myCreditsQuery,
  myCreditsSchema,
  simulateCreditBody,
} from '../../contract/credit.ts';
import { route, write, type AnyRoute } from '../http/route.ts';
import type { Db } from '../context.ts';
import type { Principal } from '../auth/principal.ts';
import { can, canReadCreditsOf } from '../auth/policy.ts';
import { DomainError, notFound } from '../errors.ts';
import { accountScope } from '../accounts/queries.ts';
import { transactionTime } from '../trace/commands.ts';
import { getDeal } from '../deals/queries.ts';
import { appealDispute, decideDispute, fileDispute } from './commands.ts';
import { dealCredits, getDispute, listDisputes, personCredits, placeOf, simulateCredit } from './queries.ts';

const idParams = z.object({ id: z.uuid() });

async function readDispute(db: Db, p: Principal, id: string) {
  const dispute = await getDispute(db, p, id);
  if (!dispute) throw notFound('dispute', id);
  return dispute;
}

export const creditRoutes: AnyRoute[] = [
  route({
    method: 'GET',
    url: '/api/deals/:id/credits',
    summary: 'The credit ledger of a deal, line by line: who, what share, why (in French and English), on which rules and trace events',
    tag: 'credit',
    auth: 'user',
    params: idParams,
    response: dealCreditsSchema,
    async handler({ principal, deps, params }) {
      const deal = await getDeal(deps.db, principal, params.id);
      if (!deal) throw notFound('deal', params.id);
      return dealCredits(deps.db, deal.id);
    },
  }),
  route({
    method: 'GET',
    url: '/api/credits',
    summary: 'A person’s credits with their explanations (yours by default; managers: the people of their units)',
    tag: 'credit',
    auth: 'user',
    query: myCreditsQuery,
    response: myCreditsSchema,
    async handler({ principal, deps, query }) {
      const userId = query.userId ?? principal.userId;
      if (!userId) return { items: [], totals: { amountCents: 0, deals: 0, byRole: { initiator: 0, seller: 0, owner_incentive: 0, adjustment: 0 } } };
      if (!canReadCreditsOf(principal, await placeOf(deps.db, userId))) throw notFound('user', userId);
      return personCredits(deps.db, userId, query.from, query.to);
    },
  }),
  route({
    method: 'POST',
    url: '/api/credits/simulate',
    summary: 'Who would be credited, and why, if this product were sold on this account — the live rules on recorded and hypothetical events',
    tag: 'credit',
    auth: 'user',
    body: simulateCreditBody,
    response: creditSimulationSchema,
    async handler({ principal, deps, body }) {
      const scope = await accountScope(deps.db, body.accountId);
      if (!scope || !can(principal, 'account.read', scope)) throw notFound('account', body.accountId);
      const result = await simulateCredit(deps.db, body, await transactionTime(deps.db));
      if (!result) throw new DomainError('unprocessable', 'simulation.unknown_subject', 'Unknown product or seller', 'productId');
      return result;
    },
  }),
  route({
    method: 'POST',
    url: '/api/deals/:dealId/lines/:lineId/disputes',
    summary: 'Contest a credit line: the evidence is frozen from the trace and an arbiter is chosen (the lowest manager common to both parties)',
    tag: 'credit',
    auth: 'user',
    params: z.object({ dealId: z.uuid(), lineId: z.uuid() }),
    body: fileDisputeBody,
    response: disputeSchema,
    status: 201,
    async handler({ principal, deps, params, body }) {
      const id = await write(deps, principal, (ctx) => fileDispute(ctx, params.dealId, params.lineId, body));
      return readDispute(deps.db, principal, id);
    },
  }),
  route({
    method: 'GET',
    url: '/api/disputes',
    summary: 'Disputes: party (filed by or against me), arbiter (mine to decide), unit (my units’, managers)',
    tag: 'credit',
    auth: 'user',
    query: disputeListQuery,
    response: z.object({ items: z.array(disputeSummarySchema), nextCursor: z.null() }),
    async handler({ principal, deps, query }) {
      return { items: await listDisputes(deps.db, principal, query.role, query.dealId), nextCursor: null };
    },
  }),
  route({
    method: 'GET',
    url: '/api/disputes/:id',
    summary: 'One dispute: claim, frozen evidence packet, rulings, what you may do',
    tag: 'credit',
    auth: 'user',
    params: idParams,
    response: disputeSchema,
    handler: ({ principal, deps, params }) => readDispute(deps.db, principal, params.id),
  }),
  route({
    method: 'POST',
    url: '/api/disputes/:id/decision',
    summary: 'The arbiter decides: the share moved to the claimant (compensating ledger entries) and the written justification',
    tag: 'credit',
    auth: 'user',
    params: idParams,
    body: decideDisputeBody,
    response: disputeSchema,
    async handler({ principal, deps, params, body }) {
      await write(deps, principal, (ctx) => decideDispute(ctx, params.id, body));
      return readDispute(deps.db, principal, params.id);
    },
  }),
  route({
    method: 'POST',
    url: '/api/disputes/:id/appeal',
    summary: 'Appeal a decision once, to a manager one level up',
    tag: 'credit',
    auth: 'user',
    params: idParams,
    body: appealDisputeBody,
    response: disputeSchema,
    async handler({ principal, deps, params, body }) {
      await write(deps, principal, (ctx) => appealDispute(ctx, params.id, body));
      return readDispute(deps.db, principal, params.id);
    },
  }),
];
