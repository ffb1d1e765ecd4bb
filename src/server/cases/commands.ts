// Writes of cases: open (route to a back-office pool, assign by load, set the SLA deadlines) and move
// through the statuses. Each runs in the caller's transaction, stores the recomputed deadlines (data for
// the sweep), appends to the account's trace and notifies the people concerned.
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { Ctx, Db } from '../context.ts';
import type { logCaseInteractionBody, openCaseBody, setCaseRuleBody } from '../../contract/cases.ts';
import type { Bilingual } from '../../contract/values.ts';
import { streamOf } from '../trace/rules.ts';
import { logInteraction } from '../interactions/commands.ts';
import { can, canAssignCase, canContestResponsibility, canReadCase, canTakeCase, canWorkCase } from '../auth/policy.ts';
import { DomainError, forbidden, notFound, versionConflict } from '../errors.ts';
import { appendTrace, appendTraceBatch, transactionTime, type BatchEvent } from '../trace/commands.ts';
import { accountStream } from '../accounts/commands.ts';
import { notify, notifyMany, type NotificationInput } from '../notifications/commands.ts';
import { gatherNotices } from '../notifications/rules.ts';
import { pickArbiter } from '../credit/rules.ts';
import { arbiterCandidates } from '../credit/queries.ts';
import type { ResponsibleUnitType } from '../../contract/cases.ts';
import { calendarAt } from '../calendar/current.ts';
import { parisTime } from '../calendar/rules.ts';
import {
  budgetsFor,
  caseReference,
  caseRoutingText,
  checkTransfer,
  checkTransition,
  deadlinesAfterPriorityChange,
  isCustomerFacing,
  nextAlertAt,
  NO_ALERTS_SENT,
  pickAssignee,
  pingPong,
  slaState,
  slaText,
  sweepActions,
  validateCaseRoutingRule,
  validateSlaConfig,
  type CasePriority,
  type CaseTransition,
  type SlaDeadlines,
  type SlaTargets,
  type SweepFlags,
} from './rules.ts';
import { caseHistories, poolMembers, productFamily, reachColumns, routeNewCase, scopeOfCase, ruleNames, slaRuleInForce, STILL_OPEN, unitManagers, unitPlaces } from './queries.ts';

type OpenCase = z.output<typeof openCaseBody>;

/** The stored deadlines, and when the sweep next has something to send given what it already sent. */
const deadlineColumns = (d: SlaDeadlines, sent: SweepFlags) => ({
  first_response_due_at: d.firstResponseDueAt,
  first_response_warn_at: d.firstResponseWarnAt,
  resolution_due_at: d.resolutionDueAt,
  resolution_warn_at: d.resolutionWarnAt,
  next_alert_at: nextAlertAt(d, sent),
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
  const family = await productFamily(ctx.db, input.productId);

  const now = await transactionTime(ctx.db);
  const routed = await routeNewCase(ctx.db, { agencyId: account.agency_id, regionId: account.region_id, type: input.type, family }, now);
  if (!routed) throw new DomainError('unprocessable', 'case.no_pool', 'No back-office pool serves this account’s agency', 'accountId');
  const { decision, ruleVersion } = routed;

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
  const routing = { code: decision.reason.code, text: decision.reason.text, ruleVersion, entryIndex: decision.entryIndex, skipped: decision.skipped };
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
      ...deadlineColumns(state, NO_ALERTS_SENT),
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
    pool: { id: decision.poolId, name: pool.name },
    assigneeId: assignee?.id ?? null,
    routing,
    slaRuleVersion: sla.version,
    budgets,
    firstResponseDueAt: isoOrNull(state.firstResponseDueAt),
    resolutionDueAt: isoOrNull(state.resolutionDueAt),
  });

  const params = { caseId: id, reference, account: account.name, subject: input.subject, pool: pool.name, priority: input.priority };
  if (assignee) {
    await notify(ctx.db, { userId: assignee.id, kind: 'case.assigned', leadId: null, caseId: id, text: `New case ${reference} for ${account.name}: ${input.subject}`, params });
  } else {
    for (const manager of await unitManagers(ctx.db, { poolId: decision.poolId, agencyId: account.agency_id })) {
      const text = `Nobody in ${pool.name} is available to take case ${reference} for ${account.name}`;
      await notify(ctx.db, { userId: manager, kind: 'case.unassigned', leadId: null, caseId: id, text, params });
    }
  }
  return id;
}

/** The case row, locked for the rest of the transaction, with what reach and the rules need. */
async function lockCase(ctx: Ctx, id: string) {
  return ctx.db
    .selectFrom('cases as c')
    .innerJoin('accounts as a', 'a.id', 'c.account_id')
    .innerJoin('pools as p', 'p.id', 'c.pool_id')
    .select([
      'c.id',
      'c.reference',
      'c.account_id',
      'a.name as account_name',
      'a.owner_id',
      'c.agency_id',
      'c.region_id',
      'c.pool_id',
      'p.name as pool_name',
      'p.agency_id as pool_agency_id',
      'p.region_id as pool_region_id',
      'c.assignee_id',
      'c.status',
      'c.priority',
      'c.subject',
      'c.sla',
      'c.alerts',
      'c.opened_at',
      'c.first_responded_at',
      'c.resolved_at',
      'c.responsible_unit_type',
      'c.responsible_unit_id',
      'c.responsibility_set_by',
      'c.version',
      ...reachColumns,
    ])
    .where('c.id', '=', id)
    .forUpdate('c')
    .executeTakeFirst();
}

type LockedCase = NonNullable<Awaited<ReturnType<typeof lockCase>>>;

/** The case locked, in reach (404 otherwise), workable by the actor (403), at the version they read (409). */
async function caseToWork(ctx: Ctx, id: string, version: number | null, what: string): Promise<LockedCase> {
  const c = await lockCase(ctx, id);
  if (!c || !canReadCase(ctx.actor, scopeOfCase(c))) throw notFound('case', id);
  if (!canWorkCase(ctx.actor, scopeOfCase(c))) throw forbidden(what);
  if (version !== null && c.version !== version) throw versionConflict('case', c.version);
  return c;
}

const isDone = (status: string) => status === 'resolved' || status === 'closed';

function refuseWhenDone(c: LockedCase, what: string) {
  if (isDone(c.status)) throw new DomainError('unprocessable', 'case.done', `A ${c.status} case cannot be ${what}; reopen it first`, 'status');
}

/**
 * Applies a transition of the status machine: 404 out of reach, 403 for someone who may not work the case,
 * 409 on a stale version, then the rule's refusals (422 case.transition_not_allowed / case.reopen_window_passed,
 * 400 case.summary_required). Records the status change, the first response when the transition is one,
 * and the deadlines recomputed from the whole history.
 */
export async function transitionCase(ctx: Ctx, id: string, version: number, transition: CaseTransition, summary: string | null | undefined): Promise<void> {
  const c = await caseToWork(ctx, id, version, 'work on this case');
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
    ...deadlineColumns(state, c.alerts),
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

/** The person, if they may receive a case of this pool today (a member, active, present); a refusal otherwise. */
async function availableMember(ctx: Ctx, poolId: string, userId: string, now: Date) {
  const today = parisTime(now).date;
  const member = (await poolMembers(ctx.db, poolId, today)).find((m) => m.id === userId);
  if (!member) throw new DomainError('unprocessable', 'case.assignee_not_in_pool', 'This person is not a member of the case’s pool', 'assigneeId');
  if (pickAssignee([member], today) === null) {
    throw new DomainError('unprocessable', 'case.assignee_unavailable', `${member.name} is inactive or absent today`, 'assigneeId');
  }
  return member;
}

/**
 * Gives the case to someone in its pool: managers of its unit give it to anyone available; a member of the
 * pool takes it for themselves. Traced; the new assignee is told (unless they took it).
 */
export async function assignCase(ctx: Ctx, id: string, version: number, assigneeId: string): Promise<void> {
  const c = await lockCase(ctx, id);
  if (!c || !canReadCase(ctx.actor, scopeOfCase(c))) throw notFound('case', id);
  if (c.assignee_id === assigneeId) throw new DomainError('unprocessable', 'case.already_assigned', 'The case is already with this person', 'assigneeId');
  const taking = assigneeId === ctx.actor.userId;
  const scope = scopeOfCase(c);
  if (!(canAssignCase(ctx.actor, scope) || (taking && canTakeCase(ctx.actor, scope)))) {
    throw forbidden(taking ? 'take this case (you are not in its pool)' : 'give this case to someone else');
  }
  if (c.version !== version) throw versionConflict('case', c.version);
  refuseWhenDone(c, 'assigned');
  const now = await transactionTime(ctx.db);
  const member = await availableMember(ctx, c.pool_id, assigneeId, now);
  const previous = c.assignee_id ? await ctx.db.selectFrom('users').select(['id', 'name']).where('id', '=', c.assignee_id).executeTakeFirst() : undefined;
  await ctx.db.updateTable('cases').set({ assignee_id: member.id, version: sql<number>`version + 1` }).where('id', '=', id).execute();
  await appendTrace(ctx, accountStream(c.account_id), 'case.assigned', {
    caseId: id,
    reference: c.reference,
    assignee: { id: member.id, name: member.name },
    previous: previous ?? null,
    taken: taking,
  });
  if (!taking) {
    const params = { caseId: id, reference: c.reference, account: c.account_name, subject: c.subject, pool: c.pool_name, actor: ctx.actor.name };
    await notify(ctx.db, { userId: member.id, kind: 'case.assigned', leadId: null, caseId: id, text: `${ctx.actor.name} gave you case ${c.reference} for ${c.account_name}: ${c.subject}`, params });
  }
}

/**
 * Sends the case to another back-office pool (another agency's is fine) with a reason: within the new pool
 * it goes to the available person with the fewest open cases, else the pool's managers are told. The
 * transfer count and ping-pong (A → B straight back to A) are kept with the case for managers.
 */
export async function transferCase(ctx: Ctx, id: string, version: number, poolId: string, reason: string): Promise<void> {
  const c = await caseToWork(ctx, id, version, 'transfer this case');
  refuseWhenDone(c, 'transferred');
  const to = await ctx.db.selectFrom('pools').select(['id', 'name', 'kind', 'agency_id']).where('id', '=', poolId).executeTakeFirst();
  if (!to) throw new DomainError('unprocessable', 'case.transfer_pool_unknown', `No pool ${poolId}`, 'poolId');
  if (to.kind !== 'back_office') throw new DomainError('unprocessable', 'case.transfer_not_back_office', `${to.name} is not a back-office pool`, 'poolId');
  const check = checkTransfer({ poolId: c.pool_id, agencyId: c.agency_id }, { poolId: to.id, agencyId: to.agency_id ?? c.agency_id }, reason);
  if (!check.ok) throw new DomainError(check.kind, check.code, check.message, check.field);

  const now = await transactionTime(ctx.db);
  const earlier = await ctx.db.selectFrom('case_transfers').select(['from_pool_id', 'to_pool_id']).where('case_id', '=', id).orderBy('at').orderBy('id').execute();
  const moves = [...earlier.map((t) => ({ fromPoolId: t.from_pool_id, toPoolId: t.to_pool_id })), { fromPoolId: c.pool_id, toPoolId: to.id }];
  const bounce = pingPong(moves);
  const today = parisTime(now).date;
  const assignee = pickAssignee(await poolMembers(ctx.db, to.id, today), today);
  await ctx.db
    .insertInto('case_transfers')
    .values({ id: uuidv7(), case_id: id, from_pool_id: c.pool_id, to_pool_id: to.id, reason: reason.trim(), by_id: ctx.actor.userId, at: now })
    .execute();
  await ctx.db
    .updateTable('cases')
    .set({ pool_id: to.id, assignee_id: assignee?.id ?? null, transfer_count: bounce.count, ping_pong: bounce.pingPong, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .execute();
  await appendTrace(ctx, accountStream(c.account_id), 'case.transferred', {
    caseId: id,
    reference: c.reference,
    fromPool: { id: c.pool_id, name: c.pool_name },
    toPool: { id: to.id, name: to.name },
    reason: reason.trim(),
    assignee: assignee ? { id: assignee.id, name: assignee.name } : null,
    transferCount: bounce.count,
    pingPong: bounce.pingPong,
  });
  const params = { caseId: id, reference: c.reference, account: c.account_name, subject: c.subject, pool: to.name, from: c.pool_name, reason: reason.trim(), actor: ctx.actor.name };
  const text = `Case ${c.reference} for ${c.account_name} transferred from ${c.pool_name} to ${to.name}: ${reason.trim()}`;
  const told = assignee ? [assignee.id] : await unitManagers(ctx.db, { poolId: to.id, agencyId: to.agency_id ?? c.agency_id });
  for (const userId of told) await notify(ctx.db, { userId, kind: assignee ? 'case.transferred' : 'case.unassigned', leadId: null, caseId: id, text, params });
}

/**
 * A priority change mid-flight: deadlines recomputed from the rule with the time already consumed (an
 * upgrade never moves one later), warnings re-armed when their moment moves ahead again; traced with the
 * deadlines before and after and the reason.
 */
export async function changeCasePriority(ctx: Ctx, id: string, version: number, priority: CasePriority, reason: string): Promise<void> {
  const c = await caseToWork(ctx, id, version, 'change the priority of this case');
  refuseWhenDone(c, 'given another priority');
  const now = await transactionTime(ctx.db);
  const sla = await slaRuleInForce(ctx.db, now);
  const history = (await caseHistories(ctx.db, [id])).get(id)!;
  const facts = {
    openedAt: new Date(c.opened_at),
    firstRespondedAt: c.first_responded_at ? new Date(c.first_responded_at) : null,
    history,
    budgets: c.sla as SlaTargets,
  };
  const result = deadlinesAfterPriorityChange(calendarAt(now), sla.config, facts, { from: c.priority, to: priority, at: now });
  if (!result.ok) throw new DomainError(result.kind, result.code, result.message, result.field);
  const sent: SweepFlags = { ...c.alerts };
  for (const flag of result.rearm) sent[flag] = false;
  await ctx.db
    .updateTable('cases')
    .set({
      priority,
      sla: JSON.stringify(result.budgets),
      alerts: JSON.stringify(sent),
      ...deadlineColumns(result.after, sent),
      version: sql<number>`version + 1`,
    })
    .where('id', '=', id)
    .execute();
  await appendTrace(ctx, accountStream(c.account_id), 'case.priority_changed', { caseId: id, reference: c.reference, ...result.trace, reason: reason.trim() });
}

/** Records the unit held responsible for the problem (not the one handling it); its managers are told and may contest. */
export async function setCaseResponsibility(ctx: Ctx, id: string, version: number, unit: { type: ResponsibleUnitType; id: string }, note: string): Promise<void> {
  const c = await caseToWork(ctx, id, version, 'record who is responsible for this case');
  if (c.status === 'closed') throw new DomainError('unprocessable', 'case.done', 'A closed case cannot change; reopen it first', 'status');
  const open = await ctx.db.selectFrom('case_responsibility_disputes').select('id').where('case_id', '=', id).where('outcome', 'is', null).executeTakeFirst();
  if (open) throw new DomainError('conflict', 'case.responsibility_disputed', 'The responsibility is being contested: the arbiter decides it', 'unitId');
  if (c.responsible_unit_type === unit.type && c.responsible_unit_id === unit.id) {
    throw new DomainError('unprocessable', 'case.responsibility_unchanged', 'This unit is already held responsible', 'unitId');
  }
  const place = (await unitPlaces(ctx.db, [unit])).get(`${unit.type}:${unit.id}`);
  if (!place) throw new DomainError('unprocessable', 'case.unit_unknown', `No ${unit.type} ${unit.id}`, 'unitId');
  const previous = c.responsible_unit_type && c.responsible_unit_id ? (await unitPlaces(ctx.db, [{ type: c.responsible_unit_type, id: c.responsible_unit_id }])).values().next().value : undefined;
  const now = await transactionTime(ctx.db);
  await ctx.db
    .updateTable('cases')
    .set({
      responsible_unit_type: unit.type,
      responsible_unit_id: unit.id,
      responsibility_note: note.trim(),
      responsibility_set_by: ctx.actor.userId,
      responsibility_set_at: now,
      version: sql<number>`version + 1`,
    })
    .where('id', '=', id)
    .execute();
  await appendTrace(ctx, accountStream(c.account_id), 'case.responsibility_set', {
    caseId: id,
    reference: c.reference,
    unit: { type: place.type, id: place.id, name: place.name },
    previous: previous ? { type: previous.type, id: previous.id, name: previous.name } : null,
    note: note.trim(),
  });
  const params = { caseId: id, reference: c.reference, account: c.account_name, unit: place.name, note: note.trim(), actor: ctx.actor.name };
  const managers = await unitManagers(ctx.db, { poolId: place.type === 'pool' ? place.id : null, agencyId: place.agencyId, regionId: place.regionId });
  for (const userId of managers.filter((m) => m !== ctx.actor.userId)) {
    const text = `${ctx.actor.name} holds ${place.name} responsible for case ${c.reference} (${c.account_name}): ${note.trim()}`;
    await notify(ctx.db, { userId, kind: 'case.responsibility_set', leadId: null, caseId: id, text, params });
  }
}

/**
 * A manager of the unit held responsible contests it with a justification. The arbiter is an available
 * manager of the lowest unit common to both sides — the unit held responsible and the pool handling the
 * case — never one of the two people involved, as for credit disputes. Returns the dispute's id.
 */
export async function contestCaseResponsibility(ctx: Ctx, id: string, justification: string): Promise<string> {
  const c = await lockCase(ctx, id);
  if (!c || !canReadCase(ctx.actor, scopeOfCase(c))) throw notFound('case', id);
  const scope = scopeOfCase(c);
  if (!scope.responsible) throw new DomainError('unprocessable', 'case.no_responsibility', 'No unit is held responsible for this case yet', 'caseId');
  if (!canContestResponsibility(ctx.actor, scope.responsible)) throw forbidden('contest this responsibility (you do not manage the unit held responsible)');
  const open = await ctx.db.selectFrom('case_responsibility_disputes').select('id').where('case_id', '=', id).where('outcome', 'is', null).executeTakeFirst();
  if (open) throw new DomainError('conflict', 'case.responsibility_disputed', 'A contest of this responsibility is already waiting for its ruling', 'caseId');
  const now = await transactionTime(ctx.db);
  const responsibleSide = { userId: ctx.actor.userId!, agencyId: scope.responsible.agencyId, regionId: scope.responsible.regionId };
  const handlingSide = { userId: c.responsibility_set_by ?? ctx.actor.userId!, agencyId: c.pool_agency_id, regionId: c.pool_region_id };
  const arbiter = pickArbiter(responsibleSide, handlingSide, await arbiterCandidates(ctx.db, now));
  if (!arbiter) throw new DomainError('unprocessable', 'case.no_arbiter', 'No available manager can arbitrate this contest', 'caseId');
  const disputeId = uuidv7();
  await ctx.db
    .insertInto('case_responsibility_disputes')
    .values({
      id: disputeId,
      case_id: id,
      unit_type: scope.responsible.type,
      unit_id: scope.responsible.id,
      contested_by: ctx.actor.userId!,
      justification: justification.trim(),
      filed_at: now,
      arbiter_id: arbiter.userId,
      level: arbiter.level,
    })
    .execute();
  await ctx.db.updateTable('cases').set({ version: sql<number>`version + 1` }).where('id', '=', id).execute();
  const place = (await unitPlaces(ctx.db, [scope.responsible])).values().next().value!;
  await appendTrace(ctx, accountStream(c.account_id), 'case.responsibility_contested', {
    caseId: id,
    reference: c.reference,
    disputeId,
    unit: { type: place.type, id: place.id, name: place.name },
    justification: justification.trim(),
    arbiterId: arbiter.userId,
    level: arbiter.level,
  });
  const params = { caseId: id, reference: c.reference, account: c.account_name, unit: place.name, justification: justification.trim(), actor: ctx.actor.name };
  const text = `${ctx.actor.name} contests that ${place.name} is responsible for case ${c.reference} (${c.account_name})`;
  // The arbiter is asked to rule; whoever recorded the responsibility is told it is contested.
  await notify(ctx.db, { userId: arbiter.userId, kind: 'case.responsibility_contested', leadId: null, caseId: id, text, params: { ...params, variant: 'arbiter' } });
  if (c.responsibility_set_by && c.responsibility_set_by !== ctx.actor.userId && c.responsibility_set_by !== arbiter.userId) {
    await notify(ctx.db, { userId: c.responsibility_set_by, kind: 'case.responsibility_contested', leadId: null, caseId: id, text, params: { ...params, variant: 'setter' } });
  }
  return disputeId;
}

/**
 * The arbiter's ruling, with a written justification: upheld (the unit stays responsible) or moved to
 * another unit. Final; the people involved are told; traced on the account. Returns the case's id.
 */
export async function decideCaseResponsibility(
  ctx: Ctx,
  disputeId: string,
  ruling: { outcome: 'upheld' | 'moved'; unit: { type: ResponsibleUnitType; id: string } | null; justification: string },
): Promise<string> {
  const dispute = await ctx.db.selectFrom('case_responsibility_disputes').selectAll().where('id', '=', disputeId).executeTakeFirst();
  const c = dispute && (await lockCase(ctx, dispute.case_id));
  if (!dispute || !c || !canReadCase(ctx.actor, scopeOfCase(c))) throw notFound('responsibility dispute', disputeId);
  if (dispute.arbiter_id !== ctx.actor.userId) throw forbidden('rule on this contest (you are not its arbiter)');
  if (dispute.outcome) throw new DomainError('conflict', 'case.responsibility_dispute_decided', 'This contest has already been ruled on', 'outcome');
  let unit = { type: dispute.unit_type, id: dispute.unit_id };
  if (ruling.outcome === 'moved') {
    if (!ruling.unit) throw new DomainError('invalid', 'validation.required', 'unitId: say which unit is responsible instead', 'unitId');
    if (ruling.unit.type === dispute.unit_type && ruling.unit.id === dispute.unit_id) {
      throw new DomainError('unprocessable', 'case.responsibility_unchanged', 'Moving the responsibility needs another unit; uphold it instead', 'unitId');
    }
    unit = ruling.unit;
  }
  const places = await unitPlaces(ctx.db, [unit, { type: dispute.unit_type, id: dispute.unit_id }]);
  const place = places.get(`${unit.type}:${unit.id}`);
  if (!place) throw new DomainError('unprocessable', 'case.unit_unknown', `No ${unit.type} ${unit.id}`, 'unitId');
  const contested = places.get(`${dispute.unit_type}:${dispute.unit_id}`)!;
  const now = await transactionTime(ctx.db);
  await ctx.db
    .updateTable('case_responsibility_disputes')
    .set({ outcome: ruling.outcome, decision: ruling.justification.trim(), decided_unit_type: unit.type, decided_unit_id: unit.id, decided_by: ctx.actor.userId, decided_at: now })
    .where('id', '=', disputeId)
    .execute();
  await ctx.db
    .updateTable('cases')
    .set({
      ...(ruling.outcome === 'moved' && {
        responsible_unit_type: unit.type,
        responsible_unit_id: unit.id,
        responsibility_note: ruling.justification.trim(),
        responsibility_set_by: ctx.actor.userId,
        responsibility_set_at: now,
      }),
      version: sql<number>`version + 1`,
    })
    .where('id', '=', c.id)
    .execute();
  await appendTrace(ctx, accountStream(c.account_id), 'case.responsibility_decided', {
    caseId: c.id,
    reference: c.reference,
    disputeId,
    outcome: ruling.outcome,
    contested: { type: contested.type, id: contested.id, name: contested.name },
    unit: { type: place.type, id: place.id, name: place.name },
    justification: ruling.justification.trim(),
  });
  const verdict = ruling.outcome === 'upheld' ? `${contested.name} stays responsible` : `${place.name} is now responsible instead of ${contested.name}`;
  const params = { caseId: c.id, reference: c.reference, account: c.account_name, unit: place.name, contested: contested.name, outcome: ruling.outcome, actor: ctx.actor.name };
  const told = new Set([dispute.contested_by, ...(c.responsibility_set_by ? [c.responsibility_set_by] : [])]);
  told.delete(ctx.actor.userId!);
  for (const userId of told) {
    await notify(ctx.db, { userId, kind: 'case.responsibility_decided', leadId: null, caseId: c.id, text: `Ruling on case ${c.reference}: ${verdict}`, params });
  }
  return c.id;
}

/** What the SLA sweep did: how many warnings and breaches it sent. */
export interface CaseSweepResult {
  warnings: number;
  breaches: number;
}

const SWEEP_BATCH = 2000;

/**
 * The periodic SLA sweep. Reads only the cases whose next alert is due (an index on next_alert_at), sends
 * each due warning to the assignee (the pool's managers when nobody has it) and each breach to the pool's
 * managers and the assignee, traces them on the account, and stores what it sent with the moment of the
 * next alert — so running it again at the same instant sends nothing more.
 */
export async function sweepCases(db: Db, now: Date): Promise<CaseSweepResult> {
  const result: CaseSweepResult = { warnings: 0, breaches: 0 };
  // Who manages each pool and agency, read once per sweep: a Monday-morning pile-up spans many batches.
  const managers = new Map<string, string[]>();
  // Told once the batches are done, so that a pile-up reads as one notice per person and kind.
  const notes: NotificationInput[] = [];
  for (;;) {
    const due = await db
      .selectFrom('cases as c')
      .innerJoin('accounts as a', 'a.id', 'c.account_id')
      .innerJoin('pools as p', 'p.id', 'c.pool_id')
      .select([
        'c.id',
        'c.reference',
        'c.account_id',
        'a.name as account_name',
        'c.subject',
        'c.agency_id',
        'c.pool_id',
        'p.name as pool_name',
        'c.assignee_id',
        'c.priority',
        'c.alerts',
        'c.first_response_due_at',
        'c.first_response_warn_at',
        'c.resolution_due_at',
        'c.resolution_warn_at',
      ])
      .where('c.next_alert_at', '<=', now)
      .where(STILL_OPEN)
      .orderBy('c.next_alert_at')
      .limit(SWEEP_BATCH)
      .forUpdate('c')
      .skipLocked()
      .execute();
    if (due.length === 0) break;
    const events: BatchEvent[] = [];
    const updates: Array<{ id: string; alerts: SweepFlags; next: Date | null }> = [];
    for (const c of due) {
      const deadlines = {
        firstResponseDueAt: c.first_response_due_at && new Date(c.first_response_due_at),
        firstResponseWarnAt: c.first_response_warn_at && new Date(c.first_response_warn_at),
        resolutionDueAt: c.resolution_due_at && new Date(c.resolution_due_at),
        resolutionWarnAt: c.resolution_warn_at && new Date(c.resolution_warn_at),
      };
      const { alerts, flags } = sweepActions(deadlines, c.alerts, now);
      updates.push({ id: c.id, alerts: flags, next: nextAlertAt(deadlines, flags) });
      for (const alert of alerts) {
        const breach = alert.kind === 'breach';
        if (breach) result.breaches++;
        else result.warnings++;
        events.push({
          stream: accountStream(c.account_id),
          action: breach ? 'case.sla_breached' : 'case.sla_warning',
          actorId: null,
          payload: { caseId: c.id, reference: c.reference, clock: alert.clock, dueAt: alert.dueAt.toISOString() },
        });
        const key = `${c.pool_id}:${c.agency_id}`;
        if (!managers.has(key)) managers.set(key, await unitManagers(db, { poolId: c.pool_id, agencyId: c.agency_id }));
        const poolManagers = managers.get(key)!;
        const told = new Set<string>();
        if (alert.notify.includes('assignee') && c.assignee_id) told.add(c.assignee_id);
        if (alert.notify.includes('pool_manager') || !c.assignee_id) for (const m of poolManagers) told.add(m);
        const clock = alert.clock === 'first_response' ? 'first response' : 'resolution';
        const text = breach
          ? `SLA breached: the ${clock} of case ${c.reference} (${c.account_name}) was due ${alert.dueAt.toISOString()}`
          : `SLA warning: the ${clock} of case ${c.reference} (${c.account_name}) is due ${alert.dueAt.toISOString()}`;
        const params = { caseId: c.id, reference: c.reference, account: c.account_name, subject: c.subject, pool: c.pool_name, clock: alert.clock, dueAt: alert.dueAt.toISOString(), priority: c.priority };
        for (const userId of told) notes.push({ userId, kind: breach ? 'case.sla_breached' : 'case.sla_warning', leadId: null, caseId: c.id, text, params });
      }
    }
    await sql`
      UPDATE cases c SET alerts = u.alerts::jsonb, next_alert_at = u.next
      FROM unnest(${updates.map((u) => u.id)}::uuid[], ${updates.map((u) => JSON.stringify(u.alerts))}::text[], ${updates.map((u) => u.next?.toISOString() ?? null)}::timestamptz[])
        AS u(id, alerts, next)
      WHERE c.id = u.id`.execute(db);
    await appendTraceBatch(db, events);
    if (due.length < SWEEP_BATCH) break;
  }
  await notifyMany(db, gatherNotices(notes, (n) => n.caseId, slaSummary));
  return result;
}

/** Several SLA warnings or breaches for one person in one sweep: one notice that counts the cases and names the first. */
function slaSummary(first: NotificationInput, count: number): NotificationInput {
  const { reference, account, subject, pool } = first.params;
  const text =
    first.kind === 'case.sla_breached'
      ? `SLA breached on ${count} cases, among them ${reference} (${account})`
      : `SLA deadline near on ${count} cases, among them ${reference} (${account})`;
  return { ...first, caseId: null, text, params: { reference: reference ?? null, account: account ?? null, subject: subject ?? null, pool: pool ?? null, cases: String(count), variant: 'many' } };
}

/**
 * Publishes a new version of the routing or the SLA rule (administrators; the route checks). Validated
 * against the pools it names / the order of the budgets, worded in both languages, traced on
 * `rules:case-<kind>`. Running cases keep their budgets; a routing change applies to cases opened after
 * it takes effect.
 */
export async function setCaseRule(ctx: Ctx, input: z.output<typeof setCaseRuleBody>): Promise<string> {
  const now = await transactionTime(ctx.db);
  const last = await ctx.db
    .selectFrom('case_rules')
    .select(sql<number>`coalesce(max(version), 0)`.as('v'))
    .where('kind', '=', input.kind)
    .executeTakeFirstOrThrow();
  let text: Bilingual;
  if (input.kind === 'routing') {
    const names = await ruleNames(ctx.db);
    const problems = validateCaseRoutingRule(input.config, names.pools.map((p) => ({ id: p.id, name: p.name, agencyIds: [] })));
    const notBackOffice = [
      ...input.config.entries.map((e, i) => [e.poolId, `config.entries.${i}.poolId`] as const),
      ...Object.entries(input.config.fallback.byRegion).map(([r, p]) => [p, `config.fallback.byRegion.${r}`] as const),
      [input.config.fallback.national, 'config.fallback.national'] as const,
    ].find(([poolId]) => names.pools.some((p) => p.id === poolId && p.kind !== 'back_office'));
    const first = problems[0];
    if (first) throw new DomainError(first.kind, first.code, first.message, `config.${first.field}`);
    if (notBackOffice) throw new DomainError('invalid', 'case_routing.not_back_office', 'Cases go to back-office pools only', notBackOffice[1]);
    const unknownRegion = Object.keys(input.config.fallback.byRegion).find((r) => !names.regions.some((x) => x.id === r));
    if (unknownRegion) throw new DomainError('invalid', 'case_routing.unknown_region', `No region ${unknownRegion}`, `config.fallback.byRegion.${unknownRegion}`);
    text = caseRoutingText(input.config, Object.fromEntries(names.pools.map((p) => [p.id, p.name])), Object.fromEntries(names.regions.map((r) => [r.id, r.name])));
  } else {
    const first = validateSlaConfig(input.config)[0];
    if (first) throw new DomainError(first.kind, first.code, first.message, `config.${first.field}`);
    text = slaText(input.config, calendarAt(now));
  }
  const effectiveFrom = input.effectiveFrom ? new Date(input.effectiveFrom) : now;
  const id = uuidv7();
  const version = last.v + 1;
  await ctx.db
    .insertInto('case_rules')
    .values({ id, kind: input.kind, version, config: JSON.stringify(input.config), text_en: text.en, text_fr: text.fr, author_id: ctx.actor.userId, effective_from: effectiveFrom })
    .execute();
  await appendTrace(ctx, streamOf('rules', `case-${input.kind}`), 'rule.changed', {
    ruleId: id,
    kind: `case_${input.kind}`,
    version,
    effectiveFrom: effectiveFrom.toISOString(),
    config: input.config,
    text,
  });
  return id;
}

/**
 * Logs a contact on a case (a call or an email about it): an interaction on the case's account, linked to
 * the case, by whoever may work it — a pool in another region included, without other rights on the account —
 * or may log contacts on the account (the advisor who takes the customer's call about it).
 */
export async function logCaseInteraction(ctx: Ctx, id: string, input: z.output<typeof logCaseInteractionBody>): Promise<string> {
  const c = await lockCase(ctx, id);
  if (!c || !canReadCase(ctx.actor, scopeOfCase(c))) throw notFound('case', id);
  const scope = scopeOfCase(c);
  if (!canWorkCase(ctx.actor, scope) && !can(ctx.actor, 'interaction.create', scope)) throw forbidden('log a contact on this case');
  return logInteraction(ctx, { ...input, accountId: c.account_id }, { caseId: id });
}
