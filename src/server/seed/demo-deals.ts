// Demo deals, opened, moved and won through the real commands, so the ledger holds real credits
// with their explanations, and one dispute waits for its arbiter.
import type { Db } from '../context.ts';
import type { DealStage } from '../db/schema.ts';
import { loadPrincipal } from '../auth/principal.ts';
import { createDeal, moveDeal, openDealFromLead } from '../deals/commands.ts';
import { isClosed } from '../deals/rules.ts';
import { OPEN_STAGES } from '../../contract/deals.ts';
import { fileDispute } from '../credit/commands.ts';
import type { Rng } from './random.ts';

async function actingAs(db: Db, userId: string) {
  const actor = await loadPrincipal(db, userId);
  if (!actor) throw new Error(`demo: no user ${userId}`);
  return { db, actor, channel: 'seed' as const };
}

async function version(db: Db, dealId: string) {
  return (await db.selectFrom('deals').select('version').where('id', '=', dealId).executeTakeFirstOrThrow()).version;
}

const LOSS_REASONS = ['price', 'competitor', 'no_budget', 'timing'] as const;

/** Walks a deal through the open stages up to `target`, as its owner would. */
async function walk(db: Db, ownerId: string, dealId: string, target: DealStage, rng: Rng) {
  const ctx = await actingAs(db, ownerId);
  // Through the open stages in order, then to the closing one.
  const path: DealStage[] = isClosed(target) ? ['proposal', 'negotiation', target] : OPEN_STAGES.slice(1, OPEN_STAGES.indexOf(target) + 1);
  for (const stage of path) {
    await moveDeal(ctx, dealId, {
      version: await version(db, dealId),
      stage,
      ...(stage === 'lost' && { lossReason: rng.pick(LOSS_REASONS), lossNote: 'Le client a retenu une offre concurrente moins chère.' }),
    });
  }
}

function pickStage(rng: Rng): DealStage {
  const roll = rng.int(1, 100);
  return roll <= 30 ? 'won' : roll <= 42 ? 'lost' : roll <= 64 ? 'qualification' : roll <= 84 ? 'proposal' : 'negotiation';
}

export interface DemoDealsInput {
  rng: Rng;
  /** Field reps with the accounts they own. */
  reps: Array<{ id: string; accountIds: string[] }>;
  productIds: { basic: string[]; complex: string[] };
  /** The converted lead the showcase deal comes from, and who relayed it. */
  showcase: { leadId: string; relayerId: string };
  dealsPerRep: number;
}

export async function seedDemoDeals(db: Db, input: DemoDealsInput): Promise<{ deals: number; won: number; disputes: number }> {
  const { rng } = input;
  let deals = 0;
  let won = 0;

  // Converted leads become deals held by whoever converted them, then move on.
  const converted = await db
    .selectFrom('leads as l')
    .innerJoin('products as p', 'p.id', 'l.product_id')
    .select(['l.id', 'l.account_id', 'l.agency_id', 'l.region_id', 'l.product_id', 'p.name', 'l.assignee_id', 'l.estimated_value_cents'])
    .where('l.status', '=', 'converted')
    .where('l.deal_id', 'is', null)
    .where('l.assignee_id', 'is not', null)
    .where('l.id', '!=', input.showcase.leadId)
    .orderBy('l.id')
    .execute();
  for (const lead of converted) {
    const ctx = await actingAs(db, lead.assignee_id!);
    const dealId = await openDealFromLead(
      ctx,
      { id: lead.id, accountId: lead.account_id, agencyId: lead.agency_id, regionId: lead.region_id, productId: lead.product_id, productName: lead.name, ownerId: lead.assignee_id! },
      lead.estimated_value_cents === null ? null : Number(lead.estimated_value_cents),
    );
    await db.updateTable('leads').set({ deal_id: dealId }).where('id', '=', lead.id).execute();
    const stage = pickStage(rng);
    await walk(db, lead.assignee_id!, dealId, stage, rng);
    deals++;
    if (stage === 'won') won++;
  }

  // Each rep's own pipeline on their portfolio.
  const allProducts = [...input.productIds.basic, ...input.productIds.complex];
  for (const rep of input.reps) {
    if (rep.accountIds.length === 0) continue;
    const ctx = await actingAs(db, rep.id);
    for (let i = 0; i < input.dealsPerRep; i++) {
      const lines = Array.from({ length: rng.chance(0.3) ? 2 : 1 }, () => ({
        productId: rng.pick(allProducts),
        quantity: rng.int(1, 12),
        discountPct: rng.pick([0, 0, 5, 10]),
      }));
      const dealId = await createDeal(ctx, {
        accountId: rng.pick(rep.accountIds),
        title: rng.pick(['Renouvellement parc mobile', 'Équipement nouveaux locaux', 'Migration vers la fibre', 'Refonte du standard', 'Extension multisite']),
        lines,
        expectedClose: new Date(Date.now() + rng.int(-10, 90) * 86_400_000).toISOString().slice(0, 10),
      });
      const stage = pickStage(rng);
      await walk(db, rep.id, dealId, stage, rng);
      deals++;
      if (stage === 'won') won++;
    }
  }

  // The showcase: the rep converts the relayed complex lead, wins it, then contests the relayer's
  // share; the manager common to both has a dispute to arbitrate.
  const lead = await db.selectFrom('leads').selectAll().where('id', '=', input.showcase.leadId).executeTakeFirstOrThrow();
  const product = await db.selectFrom('products').select('name').where('id', '=', lead.product_id).executeTakeFirstOrThrow();
  const repId = lead.assignee_id!;
  const rep = await actingAs(db, repId);
  const dealId = await openDealFromLead(
    rep,
    { id: lead.id, accountId: lead.account_id, agencyId: lead.agency_id, regionId: lead.region_id, productId: lead.product_id, productName: product.name, ownerId: repId },
    4_800_000,
  );
  await db.updateTable('leads').set({ deal_id: dealId }).where('id', '=', lead.id).execute();
  await walk(db, repId, dealId, 'won', rng);
  deals++;
  won++;
  const line = await db.selectFrom('deal_lines').select('id').where('deal_id', '=', dealId).executeTakeFirstOrThrow();
  await fileDispute(rep, dealId, line.id, {
    counterpartyId: input.showcase.relayerId,
    requestedPct: 20,
    claim: 'Le client m’avait déjà parlé de ce projet en rendez-vous le mois dernier ; le relais n’a fait que confirmer un besoin que je suivais.',
  });
  return { deals, won, disputes: 1 };
}
