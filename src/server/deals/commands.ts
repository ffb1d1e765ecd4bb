// Writes of deals: open (by hand or from a lead), edit, move through the stages. Winning checks the
// seller's channel eligibility and records the credit, in the same transaction.
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { Ctx, Db } from '../context.ts';
import type { createDealBody, moveDealBody, updateDealBody } from '../../contract/deals.ts';
import type { DealStage } from '../db/schema.ts';
import { poolKindsOn } from '../org/queries.ts';
import { can, dealAbilities, type AccountScope } from '../auth/policy.ts';
import { DomainError, forbidden, notFound, versionConflict } from '../errors.ts';
import { appendTrace, transactionTime } from '../trace/commands.ts';
import { accountStream } from '../accounts/commands.ts';
import { accountScope } from '../accounts/queries.ts';
import { eligibilityInForce, stageProbabilityInForce } from '../catalog/queries.ts';
import { checkEligibility } from '../catalog/rules.ts';
import { recordCredit } from '../credit/commands.ts';
import { checkMove, isClosed, lineAmount, pctToBp, stageProbability } from './rules.ts';
import { parisTime } from '../calendar/rules.ts';

const parisDate = (at: Date) => parisTime(at).date;

type LineInput = z.output<typeof createDealBody>['lines'][number];

interface PricedLine {
  productId: string;
  quantity: number;
  unitPriceCents: number;
  discountBp: number;
  amountCents: number;
}

/** Prices each line from the catalog (list price unless given); every product must exist and be sold. */
async function priceLines(db: Db, lines: LineInput[]): Promise<PricedLine[]> {
  const ids = [...new Set(lines.map((l) => l.productId))];
  const products = await db.selectFrom('products').select(['id', 'name', 'active', 'list_price_cents']).where('id', 'in', ids).execute();
  const byId = new Map(products.map((p) => [p.id, p]));
  return lines.map((l, i) => {
    const product = byId.get(l.productId);
    if (!product) throw new DomainError('unprocessable', 'product.unknown', `No product ${l.productId}`, `lines.${i}.productId`);
    if (!product.active) throw new DomainError('unprocessable', 'product.inactive', `${product.name} is no longer sold`, `lines.${i}.productId`);
    const unitPriceCents = l.unitPriceCents ?? Number(product.list_price_cents);
    const discountBp = pctToBp(l.discountPct);
    return { productId: l.productId, quantity: l.quantity, unitPriceCents, discountBp, amountCents: lineAmount(l.quantity, unitPriceCents, discountBp) };
  });
}

async function insertLines(db: Db, dealId: string, lines: PricedLine[]): Promise<void> {
  await db
    .insertInto('deal_lines')
    .values(
      lines.map((l, i) => ({
        id: uuidv7(),
        deal_id: dealId,
        position: i + 1,
        product_id: l.productId,
        quantity: l.quantity,
        unit_price_cents: l.unitPriceCents,
        discount_bp: l.discountBp,
        amount_cents: l.amountCents,
      })),
    )
    .execute();
}

const total = (lines: PricedLine[]) => lines.reduce((sum, l) => sum + l.amountCents, 0);

async function activeUser(db: Db, userId: string, field: string) {
  const user = await db.selectFrom('users').select(['id', 'active']).where('id', '=', userId).executeTakeFirst();
  if (!user || !user.active) throw new DomainError('unprocessable', 'user.unknown', `No active person ${userId}`, field);
}

export interface NewDeal {
  accountId: string;
  title: string;
  ownerId: string;
  leadId: string | null;
  expectedClose: string | null;
  lines: PricedLine[];
  /** The date the user (or an imported file) gives for the opening; credit never reads it. */
  openedOn?: string;
}

/** Writes a deal and its lines and traces it; callers have checked who may. Shared by manual opening and lead conversion. */
async function insertDeal(ctx: Ctx, scope: { agencyId: string; regionId: string }, deal: NewDeal): Promise<string> {
  const now = await transactionTime(ctx.db);
  const probabilities = await stageProbabilityInForce(ctx.db, now);
  const id = uuidv7();
  const amountCents = total(deal.lines);
  await ctx.db
    .insertInto('deals')
    .values({
      id,
      account_id: deal.accountId,
      lead_id: deal.leadId,
      title: deal.title,
      owner_id: deal.ownerId,
      created_by: ctx.actor.userId,
      agency_id: scope.agencyId,
      region_id: scope.regionId,
      probability: stageProbability('qualification', probabilities.config),
      amount_cents: amountCents,
      expected_close: deal.expectedClose,
      created_at: now,
      stage_changed_at: now,
      opened_on: deal.openedOn ?? parisDate(now),
    })
    .execute();
  await insertLines(ctx.db, id, deal.lines);
  await appendTrace(ctx, accountStream(deal.accountId), 'deal.created', {
    dealId: id,
    leadId: deal.leadId,
    title: deal.title,
    ownerId: deal.ownerId,
    stage: 'qualification',
    amountCents,
    lines: deal.lines,
  });
  return id;
}

/** Dates an import carries from its source: kept as what the file says, never as the recorded time. */
export interface ClaimedDates {
  openedOn?: string;
  closedOn?: string;
}

export async function createDeal(ctx: Ctx, input: z.output<typeof createDealBody>, claimed: ClaimedDates = {}): Promise<string> {
  const account = await accountScope(ctx.db, input.accountId);
  const ownerId = input.ownerId ?? ctx.actor.userId;
  if (!ownerId) throw new DomainError('invalid', 'deal.owner_required', 'Say who owns the deal', 'ownerId');
  const scope: AccountScope | null = account && { ownerId, agencyId: account.agencyId, regionId: account.regionId };
  if (!account || !scope || !can(ctx.actor, 'account.read', scope)) {
    throw new DomainError('not_found', 'account.not_found', `No account ${input.accountId} that you can see`, 'accountId');
  }
  if (!can(ctx.actor, 'deal.create', scope)) throw forbidden('open a deal on this account');
  if (account.archived) throw new DomainError('unprocessable', 'account.archived', 'This account is archived', 'accountId');
  if (ownerId !== ctx.actor.userId) {
    if (!can(ctx.actor, 'deal.reassign', scope)) throw forbidden('open a deal for someone else');
    await activeUser(ctx.db, ownerId, 'ownerId');
  }
  if (input.leadId) {
    const lead = await ctx.db.selectFrom('leads').select('account_id').where('id', '=', input.leadId).executeTakeFirst();
    if (!lead || lead.account_id !== input.accountId) {
      throw new DomainError('unprocessable', 'deal.lead_not_on_account', 'This lead is not on the account', 'leadId');
    }
  }
  const lines = await priceLines(ctx.db, input.lines);
  return insertDeal(ctx, account, {
    accountId: input.accountId,
    title: input.title,
    ownerId,
    leadId: input.leadId ?? null,
    expectedClose: input.expectedClose ?? null,
    lines,
    openedOn: claimed.openedOn,
  });
}

/** A converted lead becomes a deal of one line, owned by whoever held the lead. */
export async function openDealFromLead(
  ctx: Ctx,
  lead: { id: string; accountId: string; agencyId: string; regionId: string; productId: string; productName: string; ownerId: string },
  amountCents: number | null,
): Promise<string> {
  const [line] = await priceLines(ctx.db, [{ productId: lead.productId, quantity: 1, unitPriceCents: amountCents, discountPct: 0 }]);
  return insertDeal(ctx, { agencyId: lead.agencyId, regionId: lead.regionId }, {
    accountId: lead.accountId,
    title: lead.productName,
    ownerId: lead.ownerId,
    leadId: lead.id,
    expectedClose: null,
    lines: [line!],
  });
}

async function lockDeal(db: Db, id: string) {
  return db
    .selectFrom('deals')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

type DealRow = NonNullable<Awaited<ReturnType<typeof lockDeal>>>;

const dealScope = (d: DealRow): AccountScope => ({ ownerId: d.owner_id, agencyId: d.agency_id, regionId: d.region_id });

/** Locks a deal the actor can see (out of sight reads as not found), with what they may do with it. */
async function lockReadableDeal(ctx: Ctx, id: string) {
  const deal = await lockDeal(ctx.db, id);
  if (!deal || !can(ctx.actor, 'account.read', dealScope(deal))) throw notFound('deal', id);
  return { deal, abilities: dealAbilities(ctx.actor, dealScope(deal), isClosed(deal.stage)) };
}

export async function updateDeal(ctx: Ctx, id: string, input: z.output<typeof updateDealBody>): Promise<void> {
  const { deal, abilities } = await lockReadableDeal(ctx, id);
  if (!abilities.move) throw forbidden('change this deal');
  if (isClosed(deal.stage)) throw new DomainError('unprocessable', 'deal.closed', 'A closed deal cannot be changed; reopen a lost deal first', 'stage');
  if (deal.version !== input.version) throw versionConflict('deal', deal.version);
  if (input.ownerId !== undefined && input.ownerId !== deal.owner_id) {
    if (!can(ctx.actor, 'deal.reassign', dealScope(deal))) throw forbidden('give this deal to someone else');
    await activeUser(ctx.db, input.ownerId, 'ownerId');
  }
  const changes: Record<string, unknown> = {};
  const set: Record<string, unknown> = { version: sql<number>`version + 1` };
  if (input.title !== undefined && input.title !== deal.title) set.title = changes.title = input.title;
  if (input.expectedClose !== undefined && input.expectedClose !== deal.expected_close) set.expected_close = changes.expectedClose = input.expectedClose;
  if (input.probability !== undefined && input.probability !== deal.probability) set.probability = changes.probability = input.probability;
  if (input.ownerId !== undefined && input.ownerId !== deal.owner_id) set.owner_id = changes.ownerId = input.ownerId;
  if (input.lines) {
    const lines = await priceLines(ctx.db, input.lines);
    await ctx.db.deleteFrom('deal_lines').where('deal_id', '=', id).execute();
    await insertLines(ctx.db, id, lines);
    set.amount_cents = changes.amountCents = total(lines);
    changes.lines = lines;
  }
  if (Object.keys(changes).length === 0) return;
  await ctx.db.updateTable('deals').set(set).where('id', '=', id).execute();
  await appendTrace(ctx, accountStream(deal.account_id), 'deal.updated', { dealId: id, changes });
}

/** Refuses a win when the seller's channel may not sell one of the products: names the rule, offers the relay. */
async function checkDealEligibility(db: Db, deal: DealRow, at: Date): Promise<void> {
  const kinds = await poolKindsOn(db, deal.owner_id, parisDate(at));
  const products = await db
    .selectFrom('deal_lines as l')
    .innerJoin('products as p', 'p.id', 'l.product_id')
    .select(['p.id', 'p.name', 'p.complexity'])
    .distinct()
    .where('l.deal_id', '=', deal.id)
    .execute();
  for (const product of products) {
    const rule = await eligibilityInForce(db, product, at);
    const check = checkEligibility(kinds, rule.config);
    if (!check.eligible) {
      throw new DomainError(
        'unprocessable',
        'deal.not_eligible',
        `${product.name} cannot be sold by this channel (rule version ${rule.version}: ${rule.text.en}) — relay a lead to the account's rep instead`,
        'stage',
        { productId: product.id, productName: product.name, ruleVersion: rule.version, allowedPoolKinds: check.allowed, sellerPoolKinds: kinds, suggestion: 'relay_lead' },
      );
    }
  }
}

export async function moveDeal(ctx: Ctx, id: string, input: z.output<typeof moveDealBody>, claimed: ClaimedDates = {}): Promise<void> {
  const { deal, abilities } = await lockReadableDeal(ctx, id);
  if (!abilities.move) throw forbidden('move this deal');
  if (deal.version !== input.version) throw versionConflict('deal', deal.version);
  const to: DealStage = input.stage;
  const move = checkMove(deal.stage, to);
  if (!move.allowed) throw new DomainError('unprocessable', move.code, move.message, 'stage', { from: deal.stage, to });

  const now = await transactionTime(ctx.db);
  if (to === 'won') await checkDealEligibility(ctx.db, deal, now);
  const probabilities = await stageProbabilityInForce(ctx.db, now);
  const closing = isClosed(to);
  await ctx.db
    .updateTable('deals')
    .set({
      stage: to,
      probability: stageProbability(to, probabilities.config),
      stage_changed_at: now,
      closed_at: closing ? now : null,
      closed_on: closing ? (claimed.closedOn ?? parisDate(now)) : null,
      loss_reason: to === 'lost' ? input.lossReason! : null,
      loss_note: to === 'lost' ? (input.lossNote ?? null) : null,
      version: sql<number>`version + 1`,
    })
    .where('id', '=', id)
    .execute();
  // Logging compliance reads each move with whether a contact backed it (logged in the 7 days before).
  await sql`
    INSERT INTO deal_stage_changes (id, deal_id, account_id, owner_id, from_stage, to_stage, at, backed)
    VALUES (${uuidv7()}, ${id}, ${deal.account_id}, ${deal.owner_id}, ${deal.stage}, ${to}, ${now},
      EXISTS (SELECT 1 FROM interactions i WHERE i.account_id = ${deal.account_id}
              AND i.occurred_at > ${now}::timestamptz - interval '7 days' AND i.occurred_at <= ${now}))`.execute(ctx.db);
  const action = to === 'won' ? 'deal.won' : to === 'lost' ? 'deal.lost' : 'deal.stage_changed';
  const event = await appendTrace(ctx, accountStream(deal.account_id), action, {
    dealId: id,
    from: deal.stage,
    to,
    ...(to === 'lost' && { lossReason: input.lossReason, lossNote: input.lossNote ?? null }),
  });
  if (to === 'won') await recordCredit(ctx, { ...deal, stage: to }, event);
}
