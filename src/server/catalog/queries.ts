// Reads of the catalog and of the sales rules in force (eligibility, incentive, attribution, stage probabilities).
import { sql } from 'kysely';
import type { Db } from '../context.ts';
import type { Product } from '../../contract/catalog.ts';
import type { Bilingual } from '../../contract/values.ts';
import type {
  AttributionConfig,
  EligibilityConfig,
  IncentiveConfig,
  SalesRule,
  StageProbabilityConfig,
} from '../../contract/credit.ts';
import type { SalesRuleKind } from '../db/schema.ts';
import { defaultEligibility, defaultIncentive, salesRuleText, type Complexity } from './rules.ts';
import { DEFAULT_ATTRIBUTION } from '../credit/rules.ts';
import { DEFAULT_STAGE_PROBABILITY } from '../deals/rules.ts';

export async function listProducts(db: Db, includeInactive: boolean): Promise<Product[]> {
  const rows = await db
    .selectFrom('products')
    .selectAll()
    .$if(!includeInactive, (q) => q.where('active', '=', true))
    .orderBy('family')
    .orderBy('name')
    .execute();
  return rows.map((p) => ({
    id: p.id,
    code: p.code,
    name: p.name,
    family: p.family,
    complexity: p.complexity,
    listPriceCents: Number(p.list_price_cents),
    currency: p.currency,
    active: p.active,
  }));
}

export interface SalesRuleInForce<C> {
  id: string | null;
  version: number;
  config: C;
  text: Bilingual;
}

// Within one transaction the rules cannot change under a command's feet (they change in their own
// transactions), so a bulk import closing thousands of deals reads each rule once, not per deal.
const readInTransaction = new WeakMap<Db, Map<string, Promise<unknown>>>();
function once<T>(db: Db, key: string, read: () => Promise<T>): Promise<T> {
  if (!db.isTransaction) return read();
  let memo = readInTransaction.get(db);
  if (!memo) readInTransaction.set(db, (memo = new Map()));
  let found = memo.get(key) as Promise<T> | undefined;
  if (!found) memo.set(key, (found = read()));
  return found;
}

/** The newest version of a rule in effect at `at`; none → the built-in default, version 0. */
function salesRuleInForce<C>(db: Db, kind: SalesRuleKind, subject: string, at: Date, fallback: { config: C; label: string }): Promise<SalesRuleInForce<C>> {
  return once(db, `${kind}|${subject}|${at.getTime()}`, () => readSalesRule(db, kind, subject, at, fallback));
}

async function readSalesRule<C>(db: Db, kind: SalesRuleKind, subject: string, at: Date, fallback: { config: C; label: string }): Promise<SalesRuleInForce<C>> {
  const row = await db
    .selectFrom('sales_rules')
    .select(['id', 'version', 'config', 'text_en', 'text_fr'])
    .where('kind', '=', kind)
    .where('subject', '=', subject)
    .where('effective_from', '<=', at)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (row) return { id: row.id, version: row.version, config: row.config as C, text: { en: row.text_en, fr: row.text_fr } };
  return { id: null, version: 0, config: fallback.config, text: salesRuleText(kind, fallback.label, fallback.config as Record<string, unknown>) };
}

export const eligibilityInForce = (db: Db, product: { id: string; name: string; complexity: Complexity }, at: Date) =>
  salesRuleInForce<EligibilityConfig>(db, 'eligibility', product.id, at, { config: defaultEligibility(product.complexity), label: product.name });

/** A family is complex when any of its products is. */
function familyIsComplex(db: Db, family: string): Promise<boolean> {
  return once(db, `complex|${family}`, () => readFamilyIsComplex(db, family));
}

async function readFamilyIsComplex(db: Db, family: string): Promise<boolean> {
  const r = await db
    .selectFrom('products')
    .select(sql<boolean>`bool_or(complexity = 'complex')`.as('complex'))
    .where('family', '=', family)
    .executeTakeFirst();
  return r?.complex ?? false;
}

export async function incentiveInForce(db: Db, family: string, at: Date): Promise<SalesRuleInForce<IncentiveConfig>> {
  return salesRuleInForce<IncentiveConfig>(db, 'incentive', family, at, { config: defaultIncentive(await familyIsComplex(db, family)), label: family });
}

export const attributionInForce = (db: Db, at: Date) =>
  salesRuleInForce<AttributionConfig>(db, 'attribution', 'national', at, { config: DEFAULT_ATTRIBUTION, label: 'national' });

export const stageProbabilityInForce = (db: Db, at: Date) =>
  salesRuleInForce<StageProbabilityConfig>(db, 'stage_probability', 'national', at, { config: DEFAULT_STAGE_PROBABILITY, label: 'national' });

/**
 * Every sales rule for the Rules page: the version in force for each product, family and national
 * rule (defaults included, as version 0), and the history of every stored version, newest first.
 */
export async function listSalesRules(db: Db, now: Date): Promise<{ inForce: SalesRule[]; history: SalesRule[] }> {
  const [products, rows] = await Promise.all([
    db.selectFrom('products').select(['id', 'name', 'family', 'complexity']).orderBy('family').orderBy('name').execute(),
    db
      .selectFrom('sales_rules as r')
      .leftJoin('users as u', 'u.id', 'r.author_id')
      .select(['r.id', 'r.kind', 'r.subject', 'r.version', 'r.config', 'r.text_en', 'r.text_fr', 'r.effective_from', 'r.created_at', 'u.name as author_name'])
      .orderBy('r.created_at', 'desc')
      .orderBy('r.version', 'desc')
      .execute(),
  ]);
  const productName = new Map(products.map((p) => [p.id, p.name]));
  const label = (kind: SalesRuleKind, subject: string) => (kind === 'eligibility' ? (productName.get(subject) ?? subject) : subject);
  const history: SalesRule[] = rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    subject: r.subject,
    subjectLabel: label(r.kind, r.subject),
    version: r.version,
    config: r.config,
    text: { en: r.text_en, fr: r.text_fr },
    authorName: r.author_name,
    effectiveFrom: new Date(r.effective_from).toISOString(),
    createdAt: new Date(r.created_at).toISOString(),
  }));
  const current = (kind: SalesRuleKind, subject: string, config: Record<string, unknown>): SalesRule => {
    const found = history
      .filter((r) => r.kind === kind && r.subject === subject && new Date(r.effectiveFrom!) <= now)
      .sort((a, b) => b.version - a.version)[0];
    if (found) return found;
    const subjectLabel = label(kind, subject);
    return { id: null, kind, subject, subjectLabel, version: 0, config, text: salesRuleText(kind, subjectLabel, config), authorName: null, effectiveFrom: null, createdAt: null };
  };
  const families = new Map<string, boolean>();
  for (const p of products) families.set(p.family, (families.get(p.family) ?? false) || p.complexity === 'complex');
  const inForce = [
    current('attribution', 'national', DEFAULT_ATTRIBUTION),
    current('stage_probability', 'national', DEFAULT_STAGE_PROBABILITY),
    ...[...families].map(([family, complex]) => current('incentive', family, defaultIncentive(complex))),
    ...products.map((p) => current('eligibility', p.id, defaultEligibility(p.complexity))),
  ];
  return { inForce, history };
}
