// Reads of deals: one deal with its lines and abilities, the pipeline lists, a deal's history, won/lost figures.
import { NIL } from 'uuid';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { Db } from '../context.ts';
import type { Deal, DealFigure, DealSummary, dealFiguresQuery, dealListQuery } from '../../contract/deals.ts';
import type { Principal } from '../auth/principal.ts';
import { can, dealAbilities, readableRegions } from '../auth/policy.ts';
import { streamOf } from '../trace/rules.ts';
import { isClosed } from './rules.ts';

const iso = (d: Date | string) => new Date(d).toISOString();

function summaryQuery(db: Db) {
  return db
    .selectFrom('deals as d')
    .innerJoin('accounts as a', 'a.id', 'd.account_id')
    .innerJoin('users as o', 'o.id', 'd.owner_id')
    .select([
      'd.id',
      'd.title',
      'd.account_id',
      'a.name as account_name',
      'd.owner_id',
      'o.name as owner_name',
      'd.stage',
      'd.probability',
      'd.amount_cents',
      'd.currency',
      'd.expected_close',
      'd.stage_changed_at',
      'd.created_at',
      'd.version',
      'd.agency_id',
      'd.region_id',
    ]);
}
type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>;

function toSummary(r: SummaryRow): DealSummary {
  return {
    id: r.id,
    title: r.title,
    accountId: r.account_id,
    accountName: r.account_name,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    stage: r.stage,
    probability: r.probability,
    amountCents: Number(r.amount_cents),
    currency: r.currency,
    expectedClose: r.expected_close,
    stageChangedAt: iso(r.stage_changed_at),
    createdAt: iso(r.created_at),
    version: r.version,
  };
}

const scopeOf = (r: { owner_id: string; agency_id: string; region_id: string }) => ({ ownerId: r.owner_id, agencyId: r.agency_id, regionId: r.region_id });

/** One deal, or null when it does not exist or is out of the reader's sight. */
export async function getDeal(db: Db, p: Principal, id: string): Promise<Deal | null> {
  const row = await summaryQuery(db)
    .innerJoin('agencies as ag', 'ag.id', 'd.agency_id')
    .leftJoin('users as c', 'c.id', 'd.created_by')
    .select(['ag.name as agency_name', 'd.lead_id', 'd.created_by', 'c.name as created_by_name', 'd.loss_reason', 'd.loss_note', 'd.closed_at', 'd.opened_on', 'd.closed_on'])
    .where('d.id', '=', id)
    .executeTakeFirst();
  if (!row || !(row.owner_id === p.userId || can(p, 'account.read', scopeOf(row)))) return null;
  const lines = await db
    .selectFrom('deal_lines as l')
    .innerJoin('products as p', 'p.id', 'l.product_id')
    .select(['l.id', 'l.product_id', 'p.code', 'p.name', 'p.family', 'p.complexity', 'l.quantity', 'l.unit_price_cents', 'l.discount_bp', 'l.amount_cents'])
    .where('l.deal_id', '=', id)
    .orderBy('l.position')
    .execute();
  return {
    ...toSummary(row),
    agencyId: row.agency_id,
    agencyName: row.agency_name,
    leadId: row.lead_id,
    createdById: row.created_by,
    createdByName: row.created_by_name,
    lines: lines.map((l) => ({
      id: l.id,
      productId: l.product_id,
      productCode: l.code,
      productName: l.name,
      family: l.family,
      complexity: l.complexity,
      quantity: l.quantity,
      unitPriceCents: Number(l.unit_price_cents),
      discountPct: l.discount_bp / 100,
      amountCents: Number(l.amount_cents),
    })),
    lossReason: row.loss_reason as Deal['lossReason'],
    lossNote: row.loss_note,
    closedAt: row.closed_at ? iso(row.closed_at) : null,
    openedOn: row.opened_on,
    closedOn: row.closed_on,
    abilities: dealAbilities(p, scopeOf(row), isClosed(row.stage)),
  };
}

/** mine: deals I own; unit: the deals of the units I manage (unitId: one of them); account: one account's. */
export async function listDeals(db: Db, p: Principal, q: z.output<typeof dealListQuery>): Promise<DealSummary[]> {
  let query = summaryQuery(db)
    // Open deals always; closed ones within the recent window the board shows.
    .where((eb) =>
      eb.or([
        eb('d.stage', 'not in', ['won', 'lost']),
        eb('d.stage_changed_at', '>=', sql<Date>`now() - make_interval(days => ${q.closedWithinDays})`),
      ]),
    )
    .$if(q.stage !== undefined, (qb) => qb.where('d.stage', '=', q.stage!));
  if (q.view === 'mine') query = query.where('d.owner_id', '=', p.userId ?? NIL);
  if (q.view === 'account') query = query.where('d.account_id', '=', q.accountId ?? NIL);
  if (q.view === 'unit') {
    const units = p.managed.filter((u) => q.unitId === undefined || u.id === q.unitId);
    if (!units.some((u) => u.type === 'nation')) {
      const agencies = units.filter((u) => u.type === 'agency').map((u) => u.id!);
      const regions = units.filter((u) => u.type === 'region').map((u) => u.id!);
      const pools = units.filter((u) => u.type === 'pool').map((u) => u.id!);
      query = query.where((eb) =>
        eb.or([
          eb('d.agency_id', 'in', agencies.length ? agencies : [NIL]),
          eb('d.region_id', 'in', regions.length ? regions : [NIL]),
          eb('d.owner_id', 'in', (sub) =>
            sub
              .selectFrom('pool_memberships')
              .select('user_id')
              .where('pool_id', 'in', pools.length ? pools : [NIL])
              .where('ends_on', 'is', null),
          ),
        ]),
      );
    }
  }
  const rows = await query.orderBy('d.stage_changed_at', 'desc').limit(q.limit).execute();
  // The account view is checked by the route; the unit view is bounded by what one manages; readable either way.
  return rows.filter((r) => r.owner_id === p.userId || can(p, 'account.read', scopeOf(r))).map(toSummary);
}

export interface DealHistoryItem {
  action: string;
  actorName: string | null;
  recordedAt: string;
  payload: Record<string, unknown>;
}

/** The deal's events from its account's trace, newest first. */
export async function dealHistory(db: Db, accountId: string, dealId: string): Promise<DealHistoryItem[]> {
  const rows = await db
    .selectFrom('trace_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.action', 'u.name', 'e.recorded_at', 'e.payload'])
    .where('e.stream', '=', streamOf('account', accountId))
    .where(sql<string>`e.payload->>'dealId'`, '=', dealId)
    .orderBy('e.seq', 'desc')
    .execute();
  return rows.map((r) => ({ action: r.action, actorName: r.name, recordedAt: iso(r.recorded_at), payload: r.payload as Record<string, unknown> }));
}

/** Won, lost and open deals with won revenue and win rate, per region or agency of the account, or per the seller's region, manager or self. */
export async function dealFigures(db: Db, p: Principal, q: z.output<typeof dealFiguresQuery>): Promise<DealFigure[]> {
  const regions = readableRegions(p);
  const key = { region: sql`r.id`, agency: sql`ag.id`, seller_region: sql`sr.id`, owner: sql`o.id`, manager: sql`mu.id` }[q.groupBy];
  const label = { region: sql`r.name`, agency: sql`ag.name`, seller_region: sql`sr.name`, owner: sql`o.name`, manager: sql`mu.name` }[q.groupBy];
  // The seller's side: their home agency's managers, or its region (people without a home agency are left out).
  const sellerJoin =
    q.groupBy === 'manager'
      ? sql`JOIN managed_units m ON m.unit_type = 'agency' AND m.unit_id = o.home_agency_id JOIN users mu ON mu.id = m.user_id`
      : q.groupBy === 'seller_region'
        ? sql`JOIN agencies oa ON oa.id = o.home_agency_id JOIN regions sr ON sr.id = oa.region_id`
        : sql``;
  const regionFilter = regions === 'all' ? sql`` : sql`AND d.region_id = ANY(${regions.length ? regions : [NIL]}::uuid[])`;
  // A period bounds the closed deals by their closing date; open deals are counted as they stand.
  const period = sql`(d.stage NOT IN ('won','lost') OR (${q.from ?? null}::date IS NULL OR d.closed_on >= ${q.from ?? null}::date) AND (${q.to ?? null}::date IS NULL OR d.closed_on <= ${q.to ?? null}::date))`;
  const rows = await sql<{ key: string; label: string; won: number; lost: number; open: number; won_revenue: string }>`
    SELECT ${key}::text AS key, ${label} AS label,
      count(*) FILTER (WHERE d.stage = 'won')::int AS won,
      count(*) FILTER (WHERE d.stage = 'lost')::int AS lost,
      count(*) FILTER (WHERE d.stage NOT IN ('won','lost'))::int AS open,
      COALESCE(sum(d.amount_cents) FILTER (WHERE d.stage = 'won'), 0)::text AS won_revenue
    FROM deals d
    JOIN regions r ON r.id = d.region_id
    JOIN agencies ag ON ag.id = d.agency_id
    JOIN users o ON o.id = d.owner_id
    ${sellerJoin}
    WHERE ${period} ${regionFilter}
    GROUP BY 1, 2
    ORDER BY 2`.execute(db);
  return rows.rows.map((r) => ({
    key: r.key,
    label: r.label,
    won: r.won,
    lost: r.lost,
    open: r.open,
    wonRevenueCents: Number(r.won_revenue),
    winRate: r.won + r.lost === 0 ? null : r.won / (r.won + r.lost),
  }));
}
