import { z } from 'zod';
import {
  assignCaseBody,
  caseListPageSchema,
  caseListQuery,
  caseListSchema,
  caseLookupQuery,
  casePoolMembersSchema,
  casePoolOptionsSchema,
  caseRulesSchema,
  caseSchema,
  caseSimulationSchema,
  caseTimelineSchema,
  changeCasePriorityBody,
  contestResponsibilityBody,
  decideResponsibilityBody,
  logCaseInteractionBody,
  openCaseBody,
  setCaseRuleBody,
  setResponsibilityBody,
  simulateCaseBody,
  transferCaseBody,
  transitionCaseBody,
} from '../../contract/cases.ts';
import { interactionSchema } from '../../contract/interactions.ts';
import { route, write, type AnyRoute } from '../http/route.ts';
import type { Db } from '../context.ts';
import type { Principal } from '../auth/principal.ts';
import { can } from '../auth/policy.ts';
import { DomainError, forbidden, notFound } from '../errors.ts';
import { accountScope } from '../accounts/queries.ts';
import { getInteraction } from '../interactions/queries.ts';
import {
  assignCase,
  changeCasePriority,
  contestCaseResponsibility,
  decideCaseResponsibility,
  logCaseInteraction,
  openCase,
  setCaseResponsibility,
  setCaseRule,
  transferCase,
  transitionCase,
} from './commands.ts';
import { caseMembers, caseRulesView, productFamily, caseTimeline, getCase, listCases, lookupCaseReference, simulateCase, transferTargets } from './queries.ts';

const idParams = z.object({ id: z.uuid() });

async function readCase(db: Db, p: Principal, id: string) {
  const found = await getCase(db, p, id);
  if (!found) throw notFound('case', id);
  return found;
}

export const caseRoutes: AnyRoute[] = [
  route({
    method: 'GET',
    url: '/api/cases',
    summary:
      'Cases: mine (assigned to me), pool (my pools’), unit (the units I manage), account (one account’s); filters by status, priority, type, assignment, ping-pong, breach; most urgent first, in pages (limit, after = the nextCursor of the page before; 400 cursor.invalid otherwise), with the total, unassigned and late counts of the whole list',
    tag: 'cases',
    auth: 'user',
    query: caseListQuery,
    response: caseListPageSchema,
    async handler({ principal, deps, query }) {
      if (query.view === 'account') {
        if (!query.accountId) throw new DomainError('invalid', 'validation.required', 'accountId: required for the account view', 'accountId');
        const scope = await accountScope(deps.db, query.accountId);
        if (!scope || !can(principal, 'account.read', scope)) throw notFound('account', query.accountId);
      }
      return listCases(deps.db, principal, query);
    },
  }),
  route({
    method: 'POST',
    url: '/api/cases',
    summary: 'Open a case on an account: routed to a back-office pool, assigned by load, with its SLA deadlines',
    tag: 'cases',
    auth: 'user',
    body: openCaseBody,
    response: caseSchema,
    status: 201,
    async handler({ principal, deps, body }) {
      const id = await write(deps, principal, (ctx) => openCase(ctx, body));
      return readCase(deps.db, principal, id);
    },
  }),
  route({
    method: 'GET',
    url: '/api/cases/lookup',
    summary: 'The case a typed reference names (any spelling: r-2026-4213, R 2026 004213), if you can see it; none when the text is not a reference',
    tag: 'cases',
    auth: 'user',
    query: caseLookupQuery,
    response: caseListSchema,
    async handler({ principal, deps, query }) {
      return { items: await lookupCaseReference(deps.db, principal, query.q) };
    },
  }),
  route({
    method: 'GET',
    url: '/api/cases/:id',
    summary: 'One case with its live SLA state, transfers, responsibility, the customer-facing summary and what you may do with it',
    tag: 'cases',
    auth: 'user',
    params: idParams,
    response: caseSchema,
    handler: ({ principal, deps, params }) => readCase(deps.db, principal, params.id),
  }),
  route({
    method: 'GET',
    url: '/api/cases/:id/timeline',
    summary: 'The case’s own story, oldest first: every traced change (status, transfer, priority, assignment, responsibility, SLA alerts) and the contacts logged on it',
    tag: 'cases',
    auth: 'user',
    params: idParams,
    response: caseTimelineSchema,
    async handler({ principal, deps, params }) {
      const c = await readCase(deps.db, principal, params.id);
      return { items: await caseTimeline(deps.db, c.id, c.account.id) };
    },
  }),
  route({
    method: 'GET',
    url: '/api/cases/:id/members',
    summary: 'The members of the case’s pool today, with their open cases and whether they may receive it',
    tag: 'cases',
    auth: 'user',
    params: idParams,
    response: casePoolMembersSchema,
    async handler({ principal, deps, params }) {
      const c = await readCase(deps.db, principal, params.id);
      return { items: await caseMembers(deps.db, c.pool.id, new Date()) };
    },
  }),
  route({
    method: 'GET',
    url: '/api/cases/:id/pools',
    summary: 'The back-office pools the case may be transferred to',
    tag: 'cases',
    auth: 'user',
    params: idParams,
    response: casePoolOptionsSchema,
    async handler({ principal, deps, params }) {
      const c = await readCase(deps.db, principal, params.id);
      return { items: await transferTargets(deps.db, c.pool.id) };
    },
  }),
  route({
    method: 'POST',
    url: '/api/cases/:id/transition',
    summary: 'Move a case through its statuses (422 case.transition_not_allowed, 400 case.summary_required, 409 case.version_conflict)',
    tag: 'cases',
    auth: 'user',
    params: idParams,
    body: transitionCaseBody,
    response: caseSchema,
    async handler({ principal, deps, params, body }) {
      await write(deps, principal, (ctx) => transitionCase(ctx, params.id, body.version, body.transition, body.summary));
      return readCase(deps.db, principal, params.id);
    },
  }),
  route({
    method: 'POST',
    url: '/api/cases/:id/assign',
    summary: 'Give the case to someone available in its pool (managers), or take it yourself (pool members)',
    tag: 'cases',
    auth: 'user',
    params: idParams,
    body: assignCaseBody,
    response: caseSchema,
    async handler({ principal, deps, params, body }) {
      await write(deps, principal, (ctx) => assignCase(ctx, params.id, body.version, body.assigneeId));
      return readCase(deps.db, principal, params.id);
    },
  }),
  route({
    method: 'POST',
    url: '/api/cases/:id/transfer',
    summary: 'Send the case to another back-office pool with a reason (400 case.transfer_reason_required, 422 case.transfer_same_pool)',
    tag: 'cases',
    auth: 'user',
    params: idParams,
    body: transferCaseBody,
    response: caseSchema,
    async handler({ principal, deps, params, body }) {
      await write(deps, principal, (ctx) => transferCase(ctx, params.id, body.version, body.poolId, body.reason));
      return readCase(deps.db, principal, params.id);
    },
  }),
  route({
    method: 'POST',
    url: '/api/cases/:id/priority',
    summary: 'Change the priority mid-flight: deadlines recomputed from the rule (an upgrade never moves one later), the change traced with its reason',
    tag: 'cases',
    auth: 'user',
    params: idParams,
    body: changeCasePriorityBody,
    response: caseSchema,
    async handler({ principal, deps, params, body }) {
      await write(deps, principal, (ctx) => changeCasePriority(ctx, params.id, body.version, body.priority, body.reason));
      return readCase(deps.db, principal, params.id);
    },
  }),
  route({
    method: 'POST',
    url: '/api/cases/:id/responsibility',
    summary: 'Record the unit held responsible for the problem (not the one handling it); its managers are told and may contest',
    tag: 'cases',
    auth: 'user',
    params: idParams,
    body: setResponsibilityBody,
    response: caseSchema,
    async handler({ principal, deps, params, body }) {
      await write(deps, principal, (ctx) => setCaseResponsibility(ctx, params.id, body.version, { type: body.unitType, id: body.unitId }, body.note));
      return readCase(deps.db, principal, params.id);
    },
  }),
  route({
    method: 'POST',
    url: '/api/cases/:id/responsibility/contest',
    summary: 'Contest the responsibility (a manager of the unit held responsible), with a justification; the lowest common manager arbitrates',
    tag: 'cases',
    auth: 'user',
    params: idParams,
    body: contestResponsibilityBody,
    response: caseSchema,
    status: 201,
    async handler({ principal, deps, params, body }) {
      await write(deps, principal, (ctx) => contestCaseResponsibility(ctx, params.id, body.justification));
      return readCase(deps.db, principal, params.id);
    },
  }),
  route({
    method: 'POST',
    url: '/api/case-responsibility-disputes/:id/decide',
    summary: 'The arbiter’s ruling on a contested responsibility: upheld, or moved to another unit, with a written justification',
    tag: 'cases',
    auth: 'user',
    params: idParams,
    body: decideResponsibilityBody,
    response: caseSchema,
    async handler({ principal, deps, params, body }) {
      const unit = body.unitType && body.unitId ? { type: body.unitType, id: body.unitId } : null;
      const caseId = await write(deps, principal, (ctx) => decideCaseResponsibility(ctx, params.id, { outcome: body.outcome, unit, justification: body.justification }));
      return readCase(deps.db, principal, caseId);
    },
  }),
  route({
    method: 'POST',
    url: '/api/cases/:id/interactions',
    summary: 'Log a contact (a call, an email) on the case: an interaction on its account, linked to the case',
    tag: 'cases',
    auth: 'user',
    params: idParams,
    body: logCaseInteractionBody,
    response: interactionSchema,
    status: 201,
    async handler({ principal, deps, params, body }) {
      const id = await write(deps, principal, (ctx) => logCaseInteraction(ctx, params.id, body));
      return (await getInteraction(deps.db, id))!;
    },
  }),
  route({
    method: 'GET',
    url: '/api/case-rules',
    summary: 'The case routing and SLA rules in force (version 0: the built-in defaults), in plain words, with every saved version',
    tag: 'cases',
    auth: 'user',
    response: caseRulesSchema,
    handler: ({ deps }) => caseRulesView(deps.db, new Date()),
  }),
  route({
    method: 'POST',
    url: '/api/case-rules',
    summary: 'Publish a new version of the case routing or SLA rule (administrators); running cases keep their deadlines',
    tag: 'cases',
    auth: 'user',
    body: setCaseRuleBody,
    response: caseRulesSchema,
    status: 201,
    async handler({ principal, deps, body }) {
      if (!can(principal, 'rules.manage')) throw forbidden('change the case rules');
      await write(deps, principal, (ctx) => setCaseRule(ctx, body));
      return caseRulesView(deps.db, new Date());
    },
  }),
  route({
    method: 'POST',
    url: '/api/case-rules/simulate',
    summary: 'Where a case would go, to whom, and when it would be due if opened now (or at a given time): the live rules, nothing written',
    tag: 'cases',
    auth: 'user',
    body: simulateCaseBody,
    response: caseSimulationSchema,
    async handler({ principal, deps, body }) {
      const scope = await accountScope(deps.db, body.accountId);
      if (!scope || !can(principal, 'account.read', scope)) throw new DomainError('not_found', 'account.not_found', `No account ${body.accountId} that you can see`, 'accountId');
      const family = await productFamily(deps.db, body.productId);
      const result = await simulateCase(deps.db, { accountId: body.accountId, type: body.type, priority: body.priority, family }, body.at ? new Date(body.at) : new Date());
      if (!result) throw new DomainError('unprocessable', 'case.no_pool', 'No back-office pool serves this account’s agency', 'accountId');
      return result;
    },
  }),
];
