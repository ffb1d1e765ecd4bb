// Writes of the credit ledger: the credit of a won deal, and disputes (file, decide, appeal), each in
// the caller's transaction with its trace events and notifications. Ledger entries are never changed:
// a decision adds compensating entries.
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { Ctx } from '../context.ts';
import type { appealDisputeBody, decideDisputeBody, EvidenceRef, fileDisputeBody } from '../../contract/credit.ts';
import type { DealTable } from '../db/schema.ts';
import type { Selectable } from 'kysely';
import { can, canReadDispute, disputeAbilities } from '../auth/policy.ts';
import { DomainError, forbidden, notFound, versionConflict } from '../errors.ts';
import { appendTrace, transactionTime, type Appended } from '../trace/commands.ts';
import { sha256, canonicalJson } from '../trace/rules.ts';
import { accountStream } from '../accounts/commands.ts';
import { notifyMany, type NotificationInput } from '../notifications/commands.ts';
import { attributionInForce, eligibilityInForce, incentiveInForce } from '../catalog/queries.ts';
import { pctToBp } from '../deals/rules.ts';
import {
  attribute,
  creditLine,
  explainAdjustment,
  levelAbove,
  movedAmount,
  percentInWords,
  pickArbiter,
  type AdjustmentFacts,
  type Share,
} from './rules.ts';
import { arbiterCandidates, assembleEvidence, creationEvent, disputeRow, initiativesOn, netShares, peopleNamed, placeOf, scopeOfDispute, wonLines } from './queries.ts';

type DealRow = Selectable<DealTable>;

/**
 * The credit of a deal just won, line by line: the initiator (first initiative on the account for
 * the line's family within the window, by recorded_at), the seller (the deal's owner) and the owner
 * rep's incentive when another channel sold — with the rule versions and the trace events it rests on.
 */
export async function recordCredit(ctx: Ctx, deal: DealRow, won: Appended): Promise<void> {
  const wonAt = won.recordedAt;
  const [account, lines, attribution] = await Promise.all([
    ctx.db.selectFrom('accounts').select(['owner_id', 'name']).where('id', '=', deal.account_id).executeTakeFirstOrThrow(),
    wonLines(ctx.db, deal.id),
    attributionInForce(ctx.db, wonAt),
  ]);
  const families = [...new Set(lines.map((l) => l.family))];
  const byFamily = new Map<string, { initiator: ReturnType<typeof attribute>['initiator']; incentive: Awaited<ReturnType<typeof incentiveInForce>> }>();
  for (const family of families) {
    const initiatives = await initiativesOn(ctx.db, deal.account_id, family);
    const { initiator } = attribute(initiatives, wonAt, attribution.config);
    byFamily.set(family, { initiator, incentive: await incentiveInForce(ctx.db, family, wonAt) });
  }
  const person = await peopleNamed(ctx.db, [deal.owner_id, account.owner_id, deal.created_by, ...[...byFamily.values()].map((f) => f.initiator?.personId ?? null)]);
  const dealCreated = await creationEvent(ctx.db, deal.account_id, 'deal', deal.id);
  const wonRef: EvidenceRef = { stream: won.stream, seq: won.seq, action: 'deal.won', hash: won.hash, recordedAt: wonAt.toISOString() };

  const entries: Array<{ id: string; lineId: string; userId: string; role: Share['role']; shareBp: number; amountCents: number }> = [];
  const notifications: NotificationInput[] = [];
  for (const line of lines) {
    const { initiator, incentive } = byFamily.get(line.family)!;
    const eligibility = await eligibilityInForce(ctx.db, { id: line.productId, name: line.productName, complexity: line.complexity }, wonAt);
    const { facts, shares } = creditLine({
      family: line.family,
      amountCents: line.amountCents,
      wonAt,
      seller: person(deal.owner_id),
      opened: { at: new Date(deal.created_at), by: deal.created_by ? person(deal.created_by) : null },
      initiator: initiator && { ...person(initiator.personId!), kind: initiator.kind, recordedAt: initiator.recordedAt },
      ownerRep: account.owner_id ? person(account.owner_id) : null,
      incentivePct: incentive.config.ownerSharePct,
      attribution: attribution.config,
    });
    const initiatorRef = initiator && initiator.id !== deal.id ? await creationEvent(ctx.db, deal.account_id, initiator.kind, initiator.id) : null;
    const basis = {
      ruleVersions: { attribution: attribution.version, incentive: incentive.version, eligibility: eligibility.version },
      evidence: [initiatorRef, dealCreated, wonRef].filter((r): r is EvidenceRef => r !== null),
      facts,
    };
    const lineEntries = shares.map((share) => ({ id: uuidv7(), lineId: line.id, userId: share.userId, role: share.role, shareBp: share.shareBp, amountCents: share.amountCents }));
    entries.push(...lineEntries);
    for (const share of shares.filter((s) => s.userId !== ctx.actor.userId)) {
      notifications.push({
        userId: share.userId,
        kind: 'credit.recorded',
        leadId: null,
        dealId: deal.id,
        text: `You are credited ${percentInWords(share.shareBp, 'en')} of ${line.productName} sold to ${account.name}`,
        params: { product: line.productName, account: account.name, share: String(share.shareBp / 100), variant: share.role },
      });
    }
    await ctx.db
      .insertInto('credit_entries')
      .values(
        lineEntries.map((e) => ({
          id: e.id,
          deal_id: deal.id,
          line_id: line.id,
          account_id: deal.account_id,
          family: line.family,
          user_id: e.userId,
          role: e.role,
          share_bp: e.shareBp,
          amount_cents: e.amountCents,
          basis: JSON.stringify(basis),
          recorded_at: wonAt,
        })),
      )
      .execute();
  }
  await appendTrace(ctx, accountStream(deal.account_id), 'credit.recorded', {
    dealId: deal.id,
    ruleVersions: { attribution: attribution.version },
    entries: entries.map(({ id, lineId, userId, role, shareBp, amountCents }) => ({ id, lineId, userId, role, shareBp, amountCents })),
  });
  // An import replays history: nobody is told today of credits earned long ago.
  if (ctx.channel !== 'import') await notifyMany(ctx.db, notifications);
}

/** A claim against a credit line: frozen evidence, an arbiter chosen by rule, both parties told. */
export async function fileDispute(ctx: Ctx, dealId: string, lineId: string, input: z.output<typeof fileDisputeBody>): Promise<string> {
  const claimantId = ctx.actor.userId;
  if (!claimantId) throw forbidden('file a dispute');
  const deal = await ctx.db.selectFrom('deals').selectAll().where('id', '=', dealId).executeTakeFirst();
  const scope = deal && { ownerId: deal.owner_id, agencyId: deal.agency_id, regionId: deal.region_id };
  if (!deal || !scope || !can(ctx.actor, 'account.read', scope)) throw notFound('deal', dealId);
  if (!can(ctx.actor, 'credit.dispute', scope)) throw forbidden('contest this credit');
  if (deal.stage !== 'won') throw new DomainError('unprocessable', 'dispute.deal_not_won', 'Only the credit of a won deal can be contested', 'dealId');
  const line = (await wonLines(ctx.db, dealId)).find((l) => l.id === lineId);
  if (!line) throw notFound('deal line', lineId);
  if (input.counterpartyId === claimantId) {
    throw new DomainError('unprocessable', 'dispute.self', 'Name the colleague whose credit you contest, not yourself', 'counterpartyId');
  }
  const held = (await netShares(ctx.db, lineId)).get(input.counterpartyId) ?? 0;
  if (held <= 0) throw new DomainError('unprocessable', 'dispute.counterparty_not_credited', 'This person holds no credit on this line', 'counterpartyId');
  const requestedBp = pctToBp(input.requestedPct);
  if (requestedBp > held) {
    throw new DomainError('unprocessable', 'dispute.more_than_held', `They hold ${percentInWords(held, 'en')} of this line: ask for that much at most`, 'requestedPct', {
      heldPct: held / 100,
    });
  }
  const pending = await ctx.db
    .selectFrom('credit_disputes')
    .select('reference')
    .where('line_id', '=', lineId)
    .where('claimant_id', '=', claimantId)
    .where('counterparty_id', '=', input.counterpartyId)
    .where('status', '!=', 'final')
    .executeTakeFirst();
  if (pending) throw new DomainError('conflict', 'dispute.already_open', `Your dispute ${pending.reference} on this line is still open`, 'counterpartyId');

  const now = await transactionTime(ctx.db);
  const [claimant, counterparty, managers] = await Promise.all([placeOf(ctx.db, claimantId), placeOf(ctx.db, input.counterpartyId), arbiterCandidates(ctx.db, now)]);
  const arbiter = pickArbiter(claimant, counterparty, managers);
  if (!arbiter) throw new DomainError('unprocessable', 'dispute.no_arbiter', 'No manager above both of you is available to arbitrate', 'counterpartyId');
  const attribution = await attributionInForce(ctx.db, now);
  const evidence = await assembleEvidence(ctx.db, deal, line.family, attribution.config.windowDays, now);
  const number = await sql<{ n: string }>`SELECT nextval('credit_dispute_number') AS n`.execute(ctx.db);
  const year = now.getUTCFullYear();
  const reference = `C-${year}-${String(number.rows[0]!.n).padStart(6, '0')}`;
  const id = uuidv7();
  await ctx.db
    .insertInto('credit_disputes')
    .values({
      id,
      reference,
      deal_id: dealId,
      line_id: lineId,
      account_id: deal.account_id,
      family: line.family,
      claimant_id: claimantId,
      counterparty_id: input.counterpartyId,
      requested_bp: requestedBp,
      claim: input.claim,
      evidence: JSON.stringify(evidence),
      status: 'open',
      arbiter_id: arbiter.userId,
      arbiter_level: arbiter.level,
      filed_at: now,
    })
    .execute();
  await appendTrace(ctx, accountStream(deal.account_id), 'dispute.filed', {
    disputeId: id,
    reference,
    dealId,
    lineId,
    counterpartyId: input.counterpartyId,
    requestedBp,
    claim: input.claim,
    arbiterId: arbiter.userId,
    arbiterLevel: arbiter.level,
    // The packet is frozen: its digest in the trace proves later that it was not retouched.
    evidenceDigest: sha256(canonicalJson(evidence)),
  });
  const account = await ctx.db.selectFrom('accounts').select('name').where('id', '=', deal.account_id).executeTakeFirstOrThrow();
  const about = { actor: ctx.actor.name, reference, product: line.productName, account: account.name };
  await notifyMany(ctx.db, [
    {
      userId: input.counterpartyId,
      kind: 'dispute.filed',
      leadId: null,
      dealId,
      disputeId: id,
      text: `${ctx.actor.name} contests your credit on ${line.productName} (${reference})`,
      params: { ...about, variant: 'counterparty' },
    },
    {
      userId: arbiter.userId,
      kind: 'dispute.filed',
      leadId: null,
      dealId,
      disputeId: id,
      text: `${ctx.actor.name} filed dispute ${reference}: you are the arbiter`,
      params: { ...about, variant: 'arbiter' },
    },
  ]);
  return id;
}

async function lockDispute(ctx: Ctx, id: string, version: number) {
  const dispute = await disputeRow(ctx.db, id, true);
  const scope = dispute && scopeOfDispute(dispute);
  // A dispute one may not read is not found, whatever one tries on it (and its version is not told).
  if (!dispute || !scope || !canReadDispute(ctx.actor, scope)) throw notFound('dispute', id);
  if (dispute.version !== version) throw versionConflict('dispute', dispute.version);
  return { dispute, abilities: disputeAbilities(ctx.actor, scope) };
}

/**
 * The arbiter's ruling: the share of the line moved from the counterparty to the claimant. On appeal,
 * the new ruling replaces the first: only the difference is written, so the ledger nets to the last word.
 */
export async function decideDispute(ctx: Ctx, id: string, input: z.output<typeof decideDisputeBody>): Promise<void> {
  const { dispute, abilities } = await lockDispute(ctx, id, input.version);
  if (!abilities.decide) throw forbidden('decide this dispute');
  const awardedBp = pctToBp(input.awardedPct);
  if (awardedBp > dispute.requested_bp) {
    throw new DomainError('unprocessable', 'dispute.more_than_requested', `The claim asked for ${percentInWords(dispute.requested_bp, 'en')} at most`, 'awardedPct');
  }
  const round = dispute.status === 'appealed' ? 2 : 1;
  const earlier = round === 2 ? await ctx.db.selectFrom('credit_rulings').select('awarded_bp').where('dispute_id', '=', id).where('round', '=', 1).executeTakeFirstOrThrow() : null;
  const delta = awardedBp - (earlier?.awarded_bp ?? 0);
  const now = await transactionTime(ctx.db);
  if (delta > 0) {
    const held = (await netShares(ctx.db, dispute.line_id)).get(dispute.counterparty_id) ?? 0;
    if (delta > held) {
      throw new DomainError('unprocessable', 'dispute.more_than_held', `${dispute.counterparty_name} now holds ${percentInWords(held, 'en')} of this line`, 'awardedPct');
    }
  }
  await ctx.db
    .insertInto('credit_rulings')
    .values({ id: uuidv7(), dispute_id: id, round, arbiter_id: ctx.actor.userId!, level: dispute.arbiter_level, awarded_bp: awardedBp, justification: input.justification, decided_at: now })
    .execute();
  let entries: Array<{ userId: string; shareBp: number; amountCents: number }> = [];
  if (delta !== 0) {
    const moved = movedAmount(dispute.line_amount_cents, Math.abs(delta));
    const sign = Math.sign(delta);
    entries = [
      { userId: dispute.claimant_id, shareBp: delta, amountCents: sign * moved },
      { userId: dispute.counterparty_id, shareBp: -delta, amountCents: -sign * moved },
    ];
    const facts: AdjustmentFacts = {
      reference: dispute.reference,
      round,
      arbiter: { id: ctx.actor.userId!, name: ctx.actor.name },
      from: { id: dispute.counterparty_id, name: dispute.counterparty_name },
      to: { id: dispute.claimant_id, name: dispute.claimant_name },
      justification: input.justification,
    };
    await ctx.db
      .insertInto('credit_entries')
      .values(
        entries.map((e) => ({
          id: uuidv7(),
          deal_id: dispute.deal_id,
          line_id: dispute.line_id,
          account_id: dispute.account_id,
          family: dispute.family,
          user_id: e.userId,
          role: 'adjustment' as const,
          share_bp: e.shareBp,
          amount_cents: e.amountCents,
          basis: JSON.stringify({ adjustment: facts, explanation: explainAdjustment(delta, facts) }),
          dispute_id: id,
          recorded_at: now,
        })),
      )
      .execute();
  }
  await ctx.db
    .updateTable('credit_disputes')
    .set({ status: round === 2 ? 'final' : 'decided', version: sql<number>`version + 1` })
    .where('id', '=', id)
    .execute();
  await appendTrace(ctx, accountStream(dispute.account_id), 'dispute.decided', {
    disputeId: id,
    reference: dispute.reference,
    round,
    awardedBp,
    justification: input.justification,
    entries,
  });
  await notifyMany(
    ctx.db,
    [dispute.claimant_id, dispute.counterparty_id].map((userId) => ({
      userId,
      kind: 'dispute.decided' as const,
      leadId: null,
      dealId: dispute.deal_id,
      disputeId: id,
      text: `${ctx.actor.name} decided dispute ${dispute.reference}: ${percentInWords(awardedBp, 'en')} awarded`,
      params: { actor: ctx.actor.name, reference: dispute.reference, awarded: String(awardedBp / 100) },
    })),
  );
}

/** Either party may appeal a first decision, once: it goes to an available manager one level up. */
export async function appealDispute(ctx: Ctx, id: string, input: z.output<typeof appealDisputeBody>): Promise<void> {
  const { dispute, abilities } = await lockDispute(ctx, id, input.version);
  if (!abilities.appeal) {
    if (dispute.status === 'appealed' || dispute.status === 'final') {
      throw new DomainError('unprocessable', 'dispute.already_appealed', 'This dispute has already been appealed once', 'reason');
    }
    throw forbidden('appeal this dispute');
  }
  const now = await transactionTime(ctx.db);
  const above = levelAbove(dispute.arbiter_level);
  const [claimant, counterparty, managers] = await Promise.all([placeOf(ctx.db, dispute.claimant_id), placeOf(ctx.db, dispute.counterparty_id), arbiterCandidates(ctx.db, now)]);
  const arbiter = above && pickArbiter(claimant, counterparty, managers.filter((m) => m.userId !== dispute.arbiter_id), above);
  if (!arbiter) throw new DomainError('unprocessable', 'dispute.no_higher_level', 'There is no higher level to appeal to', 'reason');
  await ctx.db
    .updateTable('credit_disputes')
    .set({
      status: 'appealed',
      arbiter_id: arbiter.userId,
      arbiter_level: arbiter.level,
      appealed_by: ctx.actor.userId,
      appeal_reason: input.reason,
      version: sql<number>`version + 1`,
    })
    .where('id', '=', id)
    .execute();
  await appendTrace(ctx, accountStream(dispute.account_id), 'dispute.appealed', {
    disputeId: id,
    reference: dispute.reference,
    reason: input.reason,
    arbiterId: arbiter.userId,
    arbiterLevel: arbiter.level,
  });
  const other = ctx.actor.userId === dispute.claimant_id ? dispute.counterparty_id : dispute.claimant_id;
  const base = { leadId: null, dealId: dispute.deal_id, disputeId: id, kind: 'dispute.appealed' as const };
  await notifyMany(ctx.db, [
    { ...base, userId: other, text: `${ctx.actor.name} appealed dispute ${dispute.reference}`, params: { actor: ctx.actor.name, reference: dispute.reference, variant: 'party' } },
    { ...base, userId: arbiter.userId, text: `${ctx.actor.name} appealed dispute ${dispute.reference}: you are the arbiter`, params: { actor: ctx.actor.name, reference: dispute.reference, variant: 'arbiter' } },
  ]);
}
