import { z } from 'zod';
import type { Kysely } from 'kysely';
import {
  acceptLeadBody,
  convertLeadBody,
  leadListQuery,
  leadSchema,
  rejectLeadBody,
  relayLeadBody,
  routingRuleSchema,
  setRoutingRuleBody,
  simulateRoutingBody,
  simulationSchema,
  takeLeadBody,
} from '../../contract/leads.ts';
import { route, write, type AnyRoute } from '../http/route.ts';
import type { Db } from '../context.ts';
import type { DB } from '../db/schema.ts';
import { batcherPer, readBack } from '../db/batcher.ts';
import type { Principal } from '../auth/principal.ts';
import { can } from '../auth/policy.ts';
import { DomainError, forbidden, notFound } from '../errors.ts';
import { accountScope } from '../accounts/queries.ts';
import { calendarAt } from '../calendar/current.ts';
import { answerLead, relayLeads, setRoutingRule, takeLead, type LeadRelay } from './commands.ts';
import { getLead, getLeadsAs, listLeads, listRoutingRules, routingFacts, routingRuleInForce } from './queries.ts';
import { leadDeadlines, routeLead } from './rules.ts';

const idParams = z.object({ id: z.uuid() });

/**
 * Relays that reach the server together share one transaction (db/batcher.ts): at sixteen at once, each costs a
 * fraction of the round trips and commits it would alone. Each caller gets back its lead as they see it, read in
 * that transaction. One desk per database.
 */
const relayDesk = batcherPer((db: Kysely<DB>, relays: LeadRelay[]) =>
  db.transaction().execute(async (trx) =>
    readBack(await relayLeads(trx, relays), async (accepted) => {
      const leads = await getLeadsAs(trx, accepted.map(({ index, value }) => ({ reader: relays[index]!.actor, id: value })));
      return accepted.map(({ value }, i) => ({ id: value, lead: leads[i] ?? null }));
    }),
  ),
);

async function readLead(db: Db, p: Principal, id: string) {
  const lead = await getLead(db, p, id);
  if (!lead) throw notFound('lead', id);
  return lead;
}

export const leadRoutes: AnyRoute[] = [
  route({
    method: 'POST',
    url: '/api/leads',
    summary: "Relay a lead: routed by the agency's rule, due in business hours, traced on the account (409 lead.possible_duplicate within a day)",
    tag: 'leads',
    auth: 'user',
    body: relayLeadBody,
    response: leadSchema,
    status: 201,
    async handler({ principal, deps, body }) {
      const { id, lead } = await relayDesk(deps.db)({ actor: principal, input: body });
      if (!lead) throw notFound('lead', id);
      return lead;
    },
  }),
  route({
    method: 'GET',
    url: '/api/leads',
    summary: 'Leads: inbox (mine to qualify), relayed (what I passed on), unit (my units), offered (to my pool), account',
    tag: 'leads',
    auth: 'user',
    query: leadListQuery,
    response: z.object({ items: z.array(leadSchema), nextCursor: z.string().nullable() }),
    async handler({ principal, deps, query }) {
      if (query.view === 'account') {
        if (!query.accountId) throw new DomainError('invalid', 'validation.required', 'accountId: required for the account view', 'accountId');
        const scope = await accountScope(deps.db, query.accountId);
        if (!scope || !can(principal, 'account.read', scope)) throw notFound('account', query.accountId);
      }
      return listLeads(deps.db, principal, query);
    },
  }),
  route({
    method: 'GET',
    url: '/api/leads/:id',
    summary: 'One lead, with what you may do with it',
    tag: 'leads',
    auth: 'user',
    params: idParams,
    response: leadSchema,
    handler: ({ principal, deps, params }) => readLead(deps.db, principal, params.id),
  }),
  route({
    method: 'POST',
    url: '/api/leads/:id/accept',
    summary: 'Accept a lead (its holder or their manager)',
    tag: 'leads',
    auth: 'user',
    params: idParams,
    body: acceptLeadBody,
    response: leadSchema,
    async handler({ principal, deps, params, body }) {
      await write(deps, principal, (ctx) => answerLead(ctx, params.id, body.version, { transition: 'accept' }));
      return readLead(deps.db, principal, params.id);
    },
  }),
  route({
    method: 'POST',
    url: '/api/leads/:id/reject',
    summary: 'Reject a lead with a reason from the list and a note the initiator reads',
    tag: 'leads',
    auth: 'user',
    params: idParams,
    body: rejectLeadBody,
    response: leadSchema,
    async handler({ principal, deps, params, body }) {
      await write(deps, principal, (ctx) => answerLead(ctx, params.id, body.version, { transition: 'reject', ...body }));
      return readLead(deps.db, principal, params.id);
    },
  }),
  route({
    method: 'POST',
    url: '/api/leads/:id/convert',
    summary: 'Convert a lead into a deal (stage qualification)',
    tag: 'leads',
    auth: 'user',
    params: idParams,
    body: convertLeadBody,
    response: leadSchema,
    async handler({ principal, deps, params, body }) {
      await write(deps, principal, (ctx) => answerLead(ctx, params.id, body.version, { transition: 'convert', ...body }));
      return readLead(deps.db, principal, params.id);
    },
  }),
  route({
    method: 'POST',
    url: '/api/leads/:id/take',
    summary: "Take a lead offered to your agency's sales pool",
    tag: 'leads',
    auth: 'user',
    params: idParams,
    body: takeLeadBody,
    response: leadSchema,
    async handler({ principal, deps, params, body }) {
      await write(deps, principal, (ctx) => takeLead(ctx, params.id, body.version));
      return readLead(deps.db, principal, params.id);
    },
  }),
  route({
    method: 'POST',
    url: '/api/leads/simulate',
    summary: 'Who would get a lead on this account now (or at a given time), and why, quoting the rule',
    tag: 'leads',
    auth: 'user',
    body: simulateRoutingBody,
    response: simulationSchema,
    async handler({ principal, deps, body }) {
      const facts = await routingFacts(deps.db, body.accountId);
      const scope = facts && { ownerId: facts.account.ownerId, agencyId: facts.account.agencyId, regionId: facts.account.regionId };
      if (!facts || !scope || !can(principal, 'account.read', scope)) throw notFound('account', body.accountId);
      const at = body.at ? new Date(body.at) : new Date();
      const rule = await routingRuleInForce(deps.db, facts.account.agencyId, at);
      const decision = routeLead({ owner: facts.owner, backup: facts.backup, pool: facts.pool, at, ruleVersion: rule.version });
      const { dueAt, warnAt } = leadDeadlines(calendarAt(at), rule.config, facts.account.segment, at);
      const assignee = decision.assigneeId ? [facts.owner, facts.backup, ...facts.pool].find((x) => x?.id === decision.assigneeId) : null;
      return {
        assigneeId: decision.assigneeId,
        assigneeName: assignee?.name ?? null,
        reason: decision.reason,
        dueAt: dueAt.toISOString(),
        warnAt: warnAt.toISOString(),
        rule: { version: rule.version, text: rule.text },
      };
    },
  }),
  route({
    method: 'GET',
    url: '/api/rules/routing',
    summary: 'Every version of every routing rule, newest first: readable by every employee',
    tag: 'rules',
    auth: 'user',
    response: z.object({ items: z.array(routingRuleSchema), nextCursor: z.null() }),
    async handler({ deps }) {
      return { items: await listRoutingRules(deps.db), nextCursor: null };
    },
  }),
  route({
    method: 'POST',
    url: '/api/rules/routing',
    summary: "A new version of an agency's routing rule (agencyId null: the national default) — admin",
    tag: 'rules',
    auth: 'user',
    body: setRoutingRuleBody,
    response: routingRuleSchema,
    status: 201,
    async handler({ principal, deps, body }) {
      if (!can(principal, 'rules.manage')) throw forbidden('change the rules');
      const id = await write(deps, principal, (ctx) => setRoutingRule(ctx, body));
      return (await listRoutingRules(deps.db)).find((r) => r.id === id)!;
    },
  }),
];
