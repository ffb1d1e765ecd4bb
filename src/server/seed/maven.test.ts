// The real Maven CRM data set, imported through the commands, checked against figures computed here
// straight from the CSV files (parsed again in this file, not with the importer's code) and against
// what Relais shows through its API.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDb, testEngine } from '../../../test/support/db.ts';
import { signedIn, testServer } from '../../../test/support/server.ts';
import { buildUser } from '../../../test/support/factories.ts';
import type { DealFigure } from '../../contract/deals.ts';
import { MavenImportError, importMaven, parseMavenFiles, randomMavenTag, readMavenDir, type MavenReport } from './maven.ts';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const DIR = process.env.RELAIS_MAVEN_DIR ?? resolve(REPO, '../shared/datasets/maven-crm');

type Row = Record<string, string>;
function csv(file: string): Row[] {
  const path = join(DIR, file);
  if (!existsSync(path)) throw new Error(`The Maven data set is not where the test looks (${path}): set RELAIS_MAVEN_DIR to the folder holding its four CSV files`);
  return Papa.parse<Row>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true }).data;
}

// --- Expected figures, from the files ---

const pipeline = csv('sales_pipeline.csv');
const teams = csv('sales_teams.csv');
const accountsFile = csv('accounts.csv');
const teamOf = new Map(teams.map((t) => [t.sales_agent!, { manager: t.manager!, office: t.regional_office! }]));
const STAGE: Record<string, string> = { Prospecting: 'qualification', Engaging: 'proposal', Won: 'won', Lost: 'lost' };
const cents = (dollars: string) => Number(dollars) * 100;

function tally<K>(rows: Row[], keyOf: (r: Row) => K) {
  const out = new Map<K, { won: number; lost: number; open: number; wonRevenueCents: number }>();
  for (const r of rows) {
    const key = keyOf(r);
    const t = out.get(key) ?? { won: 0, lost: 0, open: 0, wonRevenueCents: 0 };
    if (r.deal_stage === 'Won') {
      t.won += 1;
      t.wonRevenueCents += cents(r.close_value!);
    } else if (r.deal_stage === 'Lost') t.lost += 1;
    else t.open += 1;
    out.set(key, t);
  }
  return out;
}

/** Relais files a deal under its account's region; an account is homed where the agent who engaged it first works. */
function accountRegions(): Map<string, string> {
  const first = new Map<string, Row>();
  for (const r of pipeline) {
    if (!r.account) continue;
    const f = first.get(r.account);
    const key = (x: Row) => `${x.engage_date || '~'} ${x.opportunity_id}`;
    if (!f || key(r) < key(f)) first.set(r.account, r);
  }
  return new Map([...first].map(([account, r]) => [account, teamOf.get(r.sales_agent!)!.office]));
}

// --- The import, once for the file ---

let tag: string;
let report: MavenReport;
const regionIds = new Map<string, string>(); // office → id
const managerIds = new Map<string, string>(); // name → id

beforeAll(async () => {
  await testServer();
  const db = await testDb();
  tag = randomMavenTag();
  const started = performance.now();
  report = await importMaven(db, await readMavenDir(DIR), { tag });
  const seconds = (performance.now() - started) / 1000;
  console.log(`Maven import on ${testEngine}: ${report.deals.imported} deals in ${seconds.toFixed(1)} s`);
  const regions = await db.selectFrom('regions').select(['id', 'name']).where('code', 'like', `MAVEN-%-${tag}`).execute();
  for (const r of regions) regionIds.set(r.name, r.id);
  const managers = await db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('email', 'like', `%@${tag.toLowerCase()}.maven.example`)
    .where(sql<boolean>`'manager' = ANY(roles)`)
    .execute();
  for (const m of managers) managerIds.set(m.name, m.id);
}, 1_800_000);

const ourDeals = async () => (await testDb()).selectFrom('deals as d').where('d.region_id', 'in', [...regionIds.values()]);

describe('relais seed --maven, on the real files', () => {
  it('imports every opportunity as a deal, none lost, stage by stage', async () => {
    expect(pipeline).toHaveLength(8800);
    expect(report.deals.read).toBe(pipeline.length);
    expect(report.deals.imported).toBe(pipeline.length);
    expect(report.rejected).toEqual([]);
    expect([...regionIds.keys()].sort()).toEqual([...new Set(teams.map((t) => t.regional_office))].sort());
    expect(managerIds.size).toBe(new Set(teams.map((t) => t.manager)).size);

    const expected: Record<string, number> = {};
    for (const r of pipeline) expected[STAGE[r.deal_stage!]!] = (expected[STAGE[r.deal_stage!]!] ?? 0) + 1;
    const rows = await (await ourDeals()).select(['d.stage', sql<number>`count(*)::int`.as('n')]).groupBy('d.stage').execute();
    expect(Object.fromEntries(rows.map((r) => [r.stage, r.n]))).toEqual(expected);
    expect(report.deals.byStage).toEqual({ negotiation: 0, ...expected });
  });

  it('opens and closes each deal as its agent, with the dates and value the file gives', async () => {
    const row = pipeline.find((r) => r.opportunity_id === 'Z063OYW0')!;
    const deal = await (await ourDeals())
      .innerJoin('users as o', 'o.id', 'd.owner_id')
      .innerJoin('accounts as a', 'a.id', 'd.account_id')
      .select(['d.title', 'd.stage', 'd.amount_cents', 'd.opened_on', 'd.closed_on', 'd.created_by', 'd.owner_id', 'o.name as owner', 'a.name as account'])
      .where('d.title', 'like', 'Z063OYW0 · %')
      .executeTakeFirstOrThrow();
    expect(deal).toMatchObject({
      title: 'Z063OYW0 · GTX Pro',
      stage: 'won',
      amount_cents: String(cents(row.close_value!)),
      opened_on: row.engage_date,
      closed_on: row.close_date,
      owner: row.sales_agent,
      account: row.account,
    });
    expect(deal.created_by).toBe(deal.owner_id);
  });

  it('reports the flaws of the file, and keeps the rows they touch', async () => {
    const flaw = (code: string) => report.flaws.find((f) => f.code === code);
    const gtxPro = pipeline.filter((r) => r.product === 'GTXPro').length;
    expect(gtxPro).toBeGreaterThan(0);
    expect(flaw('product.name_variant')?.count).toBe(gtxPro);
    const noAccount = pipeline.filter((r) => !r.account).length;
    expect(noAccount).toBe(1425);
    expect(flaw('deal.no_account')?.count).toBe(noAccount);
    expect(flaw('account.sector_misspelled')?.count).toBe(accountsFile.filter((a) => a.sector === 'technolgy').length);
    expect(flaw('deal.no_engage_date')?.count).toBe(pipeline.filter((r) => !r.engage_date).length);

    // Every row without an account is a deal on its agency's placeholder prospect.
    const placed = await (await ourDeals())
      .innerJoin('accounts as a', 'a.id', 'd.account_id')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('a.name', 'like', 'Compte non renseigné — import Maven (%')
      .executeTakeFirstOrThrow();
    expect(placed.n).toBe(noAccount);
    const gtx = await (await ourDeals()).select(sql<number>`count(*)::int`.as('n')).where('d.title', 'like', '% · GTX Pro').executeTakeFirstOrThrow();
    expect(gtx.n).toBe(pipeline.filter((r) => r.product === 'GTXPro' || r.product === 'GTX Pro').length);
  });

  it('shows the won revenue and win rate of each manager, and of each regional office, as the file has them', async () => {
    const admin = await buildUser({ roles: ['admin'] });
    const client = await signedIn(admin.email);
    const figures = async (groupBy: string) => {
      const reply = await client.get<{ items: DealFigure[] }>(`/api/deals/figures?groupBy=${groupBy}`);
      expect(reply.status).toBe(200);
      return reply.body.items;
    };

    const byManager = tally(pipeline, (r) => teamOf.get(r.sales_agent!)!.manager);
    const managerRows = (await figures('manager')).filter((f) => [...managerIds.values()].includes(f.key));
    expect(managerRows).toHaveLength(byManager.size);
    for (const [manager, t] of byManager) {
      const shown = managerRows.find((f) => f.key === managerIds.get(manager))!;
      expect(shown, manager).toMatchObject({ label: manager, ...t, winRate: t.won / (t.won + t.lost) });
    }

    // Won revenue per regional office: the sales team's office is the seller's region.
    const byOffice = tally(pipeline, (r) => teamOf.get(r.sales_agent!)!.office);
    const officeRows = (await figures('seller_region')).filter((f) => [...regionIds.values()].includes(f.key));
    expect(officeRows).toHaveLength(byOffice.size);
    for (const [office, t] of byOffice) {
      const shown = officeRows.find((f) => f.key === regionIds.get(office))!;
      expect(shown, office).toMatchObject({ label: office, ...t, winRate: t.won / (t.won + t.lost) });
    }

    // groupBy=region files a deal under its account's region, not its seller's: every Maven account is
    // sold by teams of two or three offices, so this is the file grouped by the account's home region.
    const homes = accountRegions();
    const byAccountRegion = tally(pipeline, (r) => (r.account ? homes.get(r.account)! : teamOf.get(r.sales_agent!)!.office));
    const regionRows = (await figures('region')).filter((f) => [...regionIds.values()].includes(f.key));
    expect(regionRows).toHaveLength(byAccountRegion.size);
    for (const [office, t] of byAccountRegion) {
      const shown = regionRows.find((f) => f.key === regionIds.get(office))!;
      expect(shown, office).toMatchObject({ ...t, winRate: t.won / (t.won + t.lost) });
    }
    const total = (rows: DealFigure[]) => rows.reduce((sum, f) => sum + f.wonRevenueCents, 0);
    expect(total(regionRows)).toBe(total(managerRows));
  });

  it('records credit for every won deal line, each line’s shares adding up to 100 %', async () => {
    const lines = await (await ourDeals())
      .innerJoin('deal_lines as l', 'l.deal_id', 'd.id')
      .leftJoin('credit_entries as c', 'c.line_id', 'l.id')
      .select(['l.id', sql<number>`count(c.id)::int`.as('entries'), sql<number>`coalesce(sum(c.share_bp), 0)::int`.as('bp'), sql<string>`coalesce(sum(c.amount_cents), 0)::text`.as('cents'), 'l.amount_cents'])
      .where('d.stage', '=', 'won')
      .groupBy(['l.id', 'l.amount_cents'])
      .execute();
    expect(lines).toHaveLength(pipeline.filter((r) => r.deal_stage === 'Won').length);
    expect(lines.filter((l) => l.entries === 0)).toEqual([]);
    expect(lines.filter((l) => l.bp !== 10_000)).toEqual([]);
    expect(lines.filter((l) => l.cents !== String(l.amount_cents))).toEqual([]);
  });

  it('refuses to import the same data into the same database twice', async () => {
    await expect(importMaven(await testDb(), await readMavenDir(DIR), { tag })).rejects.toThrow(MavenImportError);
    await expect(importMaven(await testDb(), await readMavenDir(DIR), { tag })).rejects.toThrow(/already holds the Maven data/);
  });
});

describe('relais seed --maven, on unusable rows', () => {
  const files = (pipelineRows: string[]) =>
    parseMavenFiles({
      accounts: 'account,sector,year_established,revenue,employees,office_location,subsidiary_of\nAcme Corporation,technolgy,1996,1100.04,2822,United States,\nActone,retail,2000,100.50,40,Philipines,Acme Corporation\n',
      products: 'product,series,sales_price\nGTX Pro,GTX,4821\nMG Special,MG,55\n',
      teams: 'sales_agent,manager,regional_office\nAnna Snelling,Dustin Brinkmann,Central\nMoses Frase,Cara Losch,East\n',
      pipeline: ['opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value', ...pipelineRows].join('\n'),
    });

  it('rejects each with its row and reason, and imports the rest', async () => {
    const db = await testDb();
    const small = randomMavenTag();
    const result = await importMaven(
      db,
      files([
        'OK000001,Anna Snelling,GTXPro,Acme Corporation,Won,2017-01-02,2017-02-03,4500',
        'BAD00001,Nobody Known,GTX Pro,Acme Corporation,Won,2017-01-02,2017-02-03,4500',
        'BAD00002,Anna Snelling,MG Special,Actone,Lost,2017-13-45,2017-02-03,0',
        'BAD00003,Moses Frase,GTX Ultra,Actone,Engaging,2017-01-05,,',
        'OK000002,Moses Frase,MG Special,,Prospecting,,,',
        'OK000003,Moses Frase,mg special,Actone,Lost,2017-01-04,2017-03-01,0',
        'BAD00004,Moses Frase,MG Special,Actone,Negotiating,2017-01-04,,',
      ]),
      { tag: small },
    );
    expect(result.rejected).toEqual([
      { row: 3, opportunityId: 'BAD00001', reason: expect.stringContaining('unknown sales agent "Nobody Known"') },
      { row: 4, opportunityId: 'BAD00002', reason: expect.stringContaining('engage_date "2017-13-45" is not a date') },
      { row: 5, opportunityId: 'BAD00003', reason: expect.stringContaining('unknown product "GTX Ultra"') },
      { row: 8, opportunityId: 'BAD00004', reason: expect.stringContaining('unknown deal_stage "Negotiating"') },
    ]);
    expect(result.deals).toEqual({ read: 7, imported: 3, byStage: { qualification: 1, proposal: 0, negotiation: 0, won: 1, lost: 1 } });
    expect(result.placeholderAccounts).toBe(1);
    expect(result.flaws.map((f) => [f.code, f.count])).toEqual(
      expect.arrayContaining([
        ['product.name_variant', 2],
        ['deal.no_account', 1],
        ['account.sector_misspelled', 1],
        ['account.location_misspelled', 1],
      ]),
    );
    const deals = await db
      .selectFrom('deals as d')
      .innerJoin('regions as r', 'r.id', 'd.region_id')
      .innerJoin('accounts as a', 'a.id', 'd.account_id')
      .leftJoin('accounts as p', 'p.id', 'a.parent_id')
      .select(['d.title', 'd.stage', 'd.amount_cents', 'a.name as account', 'a.sector', 'a.city', 'p.name as parent'])
      .where('r.code', 'like', `MAVEN-%-${small}`)
      .orderBy('d.title')
      .execute();
    expect(deals).toEqual([
      { title: 'OK000001 · GTX Pro', stage: 'won', amount_cents: '450000', account: 'Acme Corporation', sector: 'technology', city: 'United States', parent: null },
      { title: 'OK000002 · MG Special', stage: 'qualification', amount_cents: '5500', account: 'Compte non renseigné — import Maven (Équipe Cara Losch — East)', sector: null, city: null, parent: null },
      { title: 'OK000003 · MG Special', stage: 'lost', amount_cents: '5500', account: 'Actone', sector: 'retail', city: 'Philippines', parent: 'Acme Corporation' },
    ]);
  });
});
