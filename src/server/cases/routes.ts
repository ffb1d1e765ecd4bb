import { z } from 'zod';
import { caseListQuery, caseListSchema, caseLookupQuery, caseSchema, openCaseBody, slaRuleSchema, transitionCaseBody } from '../../contract/cases.ts';
import { route, write, type AnyRoute } from '../http/route.ts';
import type { Db } from '../context.ts';
import type { Principal } from '../auth/principal.ts';
import { can } from '../auth/policy.ts';
import { DomainError, notFound } from '../errors.ts';
import { accountScope } from '../accounts/queries.ts';
import { openCase, transitionCase } from './commands.ts';
import { getCase, listCases, lookupCaseReference, slaRuleInForce } from './queries.ts';

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
    summary: 'Cases: mine (assigned to me), pool (my pools’ open cases, unassigned and assigned), account (one account’s); most urgent first',
    tag: 'cases',
    auth: 'user',
    query: caseListQuery,
    response: caseListSchema,
    async handler({ principal, deps, query }) {
      if (query.view === 'account') {
        if (!query.accountId) throw new DomainError('invalid', 'validation.required', 'accountId: required for the account view', 'accountId');
        const scope = await accountScope(deps.db, query.accountId);
        if (!scope || !can(principal, 'account.read', scope)) throw notFound('account', query.accountId);
      }
      return { items: await listCases(deps.db, principal, query) };
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
    url: '/api/cases/sla-rule',
    summary: 'The SLA rule in force (version 0: the built-in default), in plain words',
    tag: 'cases',
    auth: 'user',
    response: slaRuleSchema,
    async handler({ deps }) {
      const rule = await slaRuleInForce(deps.db, new Date());
      return { version: rule.version, config: rule.config, text: rule.text };
    },
  }),
  route({
    method: 'GET',
    url: '/api/cases/:id',
    summary: 'One case with its live SLA state and what you may do with it',
    tag: 'cases',
    auth: 'user',
    params: idParams,
    response: caseSchema,
    handler: ({ principal, deps, params }) => readCase(deps.db, principal, params.id),
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
];
