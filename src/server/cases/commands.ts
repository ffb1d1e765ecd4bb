// Writes of cases: open (route to a back-office pool, assign by load, set the SLA deadlines) and move
// through the statuses. Each runs in the caller's transaction, stores the recomputed deadlines (data for
// the sweep), appends to the account's trace and notifies the people concerned.
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { Ctx } from '../context.ts';
import type { openCaseBody } from '../../contract/cases.ts';
import { can, canWorkCase } from '../auth/policy.ts';
import { DomainError, forbidden, notFound, versionConflict } from '../errors.ts';
import { appendTrace, transactionTime } from '../trace/commands.ts';
import { accountStream } from '../accounts/commands.ts';
import { notify } from '../notifications/commands.ts';
import { calendarAt } from '../calendar/current.ts';
import { parisTime } from '../calendar/rules.ts';
import { budgetsFor, caseReference, checkTransition, isCustomerFacing, pickAssignee, routeCase, slaState, type CaseTransition, type SlaDeadlines, type SlaTargets } from './rules.ts';
import { caseHistories, caseRoutingRuleInForce, defaultCaseRoute, poolManagers, poolMembers, poolsServing, scopeOfCase, slaRuleInForce } from './queries.ts';

type OpenCase = z.output<typeof openCaseBody>;

const deadlineColumns = (d: SlaDeadlines) => ({
  first_response_due_at: d.firstResponseDueAt,
  first_response_warn_at: d.firstResponseWarnAt,
  resolution_due_at: d.resolutionDueAt,
  resolution_warn_at: d.resolutionWarnAt,
});

const isoOrNull = (d: Date | null) => d?.toISOString() ?? null;

export async function openCase(ctx: Ctx, input: OpenCase): Promise<string> {
  const account = await ctx.db
    .selectFrom('accounts')
    .select(['id', 'name', 'owner_id', 'agency_id', 'region_id', 'archived_at'])
    .where('id', '=', input.accountId)
    .executeTakeFirst();
  const scope = account && { ownerId: account.owner_id, agencyId: account.agency_id, regionId: account.region_id };
  if (!account || !scope || !can(ctx.actor, 'account.read', scope)) {
    throw new DomainError('not_found', 'account.not_found', `No account ${input.accountId} that you can see`, 'accountId');
  }
  if (!can(ctx.actor, 'case.open', scope)) throw forbidden('open a case on this account');
  if (account.archived_at) throw new DomainError('unprocessable', 'account.archived', 'This account is archived', 'accountId');
  if (input.contactId) {
    const contact = await ctx.db.selectFrom('contacts').select('account_id').where('id', '=', input.contactId).executeTakeFirst();
    if (!contact || contact.account_id !== input.accountId) {
      throw new DomainError('unprocessable', 'case.contact_not_on_account', 'This contact does not belong to the account', 'contactId');
    }
  }
  let family: string | null = null;
  if (input.productId) {
    const product = await ctx.db.selectFrom('products').select(['family']).where('id', '=', input.productId).executeTakeFirst();
    if (!product) throw new DomainError('unprocessable', 'product.unknown', `No product ${input.productId}`, 'productId');
    family = product.family;
  }

  const now = await transactionTime(ctx.db);
  // Routing: the rule in force, else the back-office pool serving the agency.
  const routingRule = await caseRoutingRuleInForce(ctx.db, now);
  let decision;
  if (routingRule) {
    const named = [...routingRule.rule.entries.map((e) => e.poolId), ...Object.values(routingRule.rule.fallback.byRegion), routingRule.rule.fallback.national];
    const pools = await poolsServing(ctx.db, [...new Set(named)], account.agency_id);
    decision = routeCase(routingRule.rule, { type: input.type, family, regionId: account.region_id, agencyId: account.agency_id }, pools);
    if (!pools.some((p) => p.id === decision!.poolId)) decision = null;
  } else {
    decision = await defaultCaseRoute(ctx.db, account.agency_id);
  }
  if (!decision) throw new DomainError('unprocessable', 'case.no_pool', 'No back-office pool serves this account’s agency', 'accountId');

  const today = parisTime(now).date;
  const members = await poolMembers(ctx.db, decision.poolId, today);
  const assignee = pickAssignee(members, today);

  const sla = await slaRuleInForce(ctx.db, now);
  const budgets: SlaTargets = budgetsFor(sla.config, input.priority);
  const state = slaState(calendarAt(now), sla.config, input.priority, { openedAt: now, firstRespondedAt: null, history: [{ status: 'open', at: now }], budgets }, now);

  const n = await sql<{ n: string }>`SELECT nextval('case_number')::text AS n`.execute(ctx.db);
  const reference = caseReference(Number(today.slice(0, 4)), Number(n.rows[0]!.n));
  const id = uuidv7();
  const pool = await ctx.db.selectFrom('pools').select(['name']).where('id', '=', decision.poolId).executeTakeFirstOrThrow();
  const routing = { code: decision.reason.code, text: decision.reason.text, ruleVersion: routingRule?.version ?? 0, entryIndex: decision.entryIndex, skipped: decision.skipped };
  await ctx.db
    .insertInto('cases')
    .values({
      id,
      reference,
      account_id: account.id,
      contact_id: input.contactId ?? null,
      type: input.type,
      priority: input.priority,
      subject: input.subject,
      description: input.description,
      product_id: input.productId ?? null,
      channel: input.channel,
      agency_id: account.agency_id,
      region_id: account.region_id,
      pool_id: decision.poolId,
      assignee_id: assignee?.id ?? null,
      opened_by: ctx.actor.userId,
      routing: JSON.stringify(routing),
      sla: JSON.stringify(budgets),
      opened_at: now,
      ...deadlineColumns(state),
    })
    .execute();
  await ctx.db.insertInto('case_status_changes').values({ case_id: id, seq: 1, status: 'open', at: now }).execute();
  await appendTrace(ctx, accountStream(account.id), 'case.opened', {
    caseId: id,
    reference,
    type: input.type,
    priority: input.priority,
    subject: input.subject,
    channel: input.channel,
    contactId: input.contactId ?? null,
    productId: input.productId ?? null,
    poolId: decision.poolId,
    assigneeId: assignee?.id ?? null,
    routing,
    slaRuleVersion: sla.version,
    budgets,
    firstResponseDueAt: isoOrNull(state.firstResponseDueAt),
    resolutionDueAt: isoOrNull(state.resolutionDueAt),
  });

  const params = { caseId: id, reference, account: account.name, subject: input.subject, pool: pool.name, priority: input.priority };
  if (assignee) {
    await notify(ctx.db, { userId: assignee.id, kind: 'case.assigned', leadId: null, text: `New case ${reference} for ${account.name}: ${input.subject}`, params });
  } else {
    for (const manager of await poolManagers(ctx.db, decision.poolId, account.agency_id)) {
      const text = `Nobody in ${pool.name} is available to take case ${reference} for ${account.name}`;
      await notify(ctx.db, { userId: manager, kind: 'case.unassigned', leadId: null, text, params });
    }
  }
  return id;
}

async function lockCase(ctx: Ctx, id: string) {
  return ctx.db
    .selectFrom('cases as c')
    .innerJoin('accounts as a', 'a.id', 'c.account_id')
    .select([
      'c.id',
      'c.reference',
      'c.account_id',
      'a.owner_id',
      'c.agency_id',
      'c.region_id',
      'c.pool_id',
      'c.assignee_id',
      'c.status',
      'c.priority',
      'c.sla',
      'c.opened_at',
      'c.first_responded_at',
      'c.resolved_at',
      'c.version',
    ])
    .where('c.id', '=', id)
    .forUpdate('c')
    .executeTakeFirst();
}

/**
 * Applies a transition of the status machine: 404 out of reach, 403 for someone who may not work the case,
 * 409 on a stale version, then the rule's refusals (422 case.transition_not_allowed / case.reopen_window_passed,
 * 400 case.summary_required). Records the status change, the first response when the transition is one,
 * and the deadlines recomputed from the whole history.
 */
export async function transitionCase(ctx: Ctx, id: string, version: number, transition: CaseTransition, summary: string | null | undefined): Promise<void> {
  const c = await lockCase(ctx, id);
  if (!c || !can(ctx.actor, 'account.read', scopeOfCase(c))) throw notFound('case', id);
  if (!canWorkCase(ctx.actor, scopeOfCase(c))) throw forbidden('work on this case');
  if (c.version !== version) throw versionConflict('case', c.version);

  const now = await transactionTime(ctx.db);
  const sla = await slaRuleInForce(ctx.db, now);
  const check = checkTransition(c.status, transition, {
    now,
    resolvedAt: c.resolved_at ? new Date(c.resolved_at) : null,
    summary,
    reopenDays: sla.config.reopenDays,
  });
  if (!check.ok) throw new DomainError(check.kind, check.code, check.message, check.field, check.details);
  const to = check.to;

  const history = (await caseHistories(ctx.db, [id])).get(id)!;
  const seq = history.length + 1;
  await ctx.db.insertInto('case_status_changes').values({ case_id: id, seq, status: to, at: now }).execute();
  history.push({ status: to, at: now });

  const firstRespondedAt = c.first_responded_at ? new Date(c.first_responded_at) : isCustomerFacing(transition) ? now : null;
  const state = slaState(
    calendarAt(now),
    sla.config,
    c.priority,
    { openedAt: new Date(c.opened_at), firstRespondedAt, history, budgets: c.sla as SlaTargets },
    now,
  );
  const set: Record<string, unknown> = {
    status: to,
    version: sql<number>`version + 1`,
    first_responded_at: firstRespondedAt,
    ...deadlineColumns(state),
  };
  if (transition === 'resolve') {
    set.resolved_at = now;
    set.resolution_summary = summary!.trim();
  }
  if (transition === 'reopen') {
    set.resolved_at = null;
    set.resolution_summary = null;
  }
  if (transition === 'close') set.closed_at = now;
  await ctx.db.updateTable('cases').set(set).where('id', '=', id).execute();
  await appendTrace(ctx, accountStream(c.account_id), `case.${transition}`, {
    caseId: id,
    reference: c.reference,
    from: c.status,
    to,
    ...(transition === 'resolve' && { summary: summary!.trim() }),
    ...(firstRespondedAt && !c.first_responded_at && { firstRespondedAt: firstRespondedAt.toISOString() }),
    firstResponseDueAt: isoOrNull(state.firstResponseDueAt),
    resolutionDueAt: isoOrNull(state.resolutionDueAt),
    consumedMinutes: state.consumedMinutes,
  });
}
