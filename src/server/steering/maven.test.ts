// Steering on the real Maven CRM data set: the file imported through the commands, the rollups caught up,
// then the win rate and won revenue of each regional office, each manager's team (one agency each) and a
// sample of agents, read from the dashboards, against figures computed here straight from the CSV files
// (parsed again in this file with papaparse, not with the importer's or the rollups' code).
//
// The whole pipeline takes minutes to import on PGlite (src/server/seed/maven.test.ts already does it), so by
// default this file imports every 10th opportunity of sales_pipeline.csv (with the whole organisation,
// catalog and accounts): some 880 deals from every team, region and month. RELAIS_MAVEN_STEERING_STRIDE=1
// imports the whole file; the expected figures are always computed from exactly the rows given to the import.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDb, testEngine } from '../../../test/support/db.ts';
import { signedIn, testServer, type ApiClient } from '../../../test/support/server.ts';
import { buildUser } from '../../../test/support/factories.ts';
import type { Dashboard } from '../../contract/steering.ts';
import { importMaven, parseMavenFiles, randomMavenTag, type MavenReport } from '../seed/maven.ts';
import { catchUpRollups, rebuildRollups } from './rollups.ts';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const DIR = process.env.RELAIS_MAVEN_DIR ?? resolve(REPO, '../shared/datasets/maven-crm');
const STRIDE = Math.max(1, Number(process.env.RELAIS_MAVEN_STEERING_STRIDE ?? 10));

function text(file: string): string {
  const path = join(DIR, file);
  if (!existsSync(path)) throw new Error(`The Maven data set is not where the test looks (${path}): set RELAIS_MAVEN_DIR to the folder holding its four CSV files`);
  return readFileSync(path, 'utf8');
}

type Row = Record<string, string>;
const parse = (csvText: string) => Papa.parse<Row>(csvText, { header: true, skipEmptyLines: true }).data;

/** The pipeline given to the import: the header and every STRIDE-th opportunity, as the file has them. */
const pipelineText = (() => {
  const [header, ...lines] = text('sales_pipeline.csv').split(/\r?\n/).filter((line) => line.length > 0);
  return [header!, ...lines.filter((_, i) => i % STRIDE === 0)].join('\n') + '\n';
})();
const pipeline = parse(pipelineText);
const teams = parse(text('sales_teams.csv'));
const teamOf = new Map(teams.map((t) => [t.sales_agent!, { manager: t.manager!, office: t.regional_office! }]));

interface Tally {
  won: number;
  lost: number;
  wonCents: number;
}

/** Won and lost opportunities and won revenue (close_value dollars → cents), by a key. */
function tally(rows: Row[], keyOf: (r: Row) => string): Map<string, Tally> {
  const out = new Map<string, Tally>();
  for (const r of rows) {
    const key = keyOf(r);
    const t = out.get(key) ?? { won: 0, lost: 0, wonCents: 0 };
    if (r.deal_stage === 'Won') {
      t.won += 1;
      t.wonCents += Math.round(Number(r.close_value) * 100);
    } else if (r.deal_stage === 'Lost') t.lost += 1;
    out.set(key, t);
  }
  return out;
}

/** The months from one day's to another's, as YYYY-MM. */
function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  for (;;) {
    const label = `${y}-${String(m).padStart(2, '0')}`;
    if (label > to.slice(0, 7)) return out;
    out.push(label);
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
}

// --- The import, once for the file ---

let tag: string;
let report: MavenReport;
/** The file's rows the import kept (the report's rejected rows are left out, as the importer left them). */
let kept: Row[];
/** The custom period covering every close date of the file. */
let period: { from: string; to: string };
let client: ApiClient;
const regionIds = new Map<string, string>(); // office → id
const agencyIds = new Map<string, string>(); // manager → id
const userIds = new Map<string, string>(); // name → id
const poolIds: string[] = [];

beforeAll(async () => {
  await testServer();
  const db = await testDb();
  tag = randomMavenTag();
  let started = performance.now();
  const files = parseMavenFiles({ accounts: text('accounts.csv'), products: text('products.csv'), teams: text('sales_teams.csv'), pipeline: pipelineText });
  report = await importMaven(db, files, { tag });
  const importSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  const caughtUp = await catchUpRollups(db);
  // On a shared PostgreSQL another file's sweep may hold some marks of ours (SKIP LOCKED): wait for them.
  const ours = sql`(
    SELECT id FROM users WHERE email LIKE ${`%@${tag.toLowerCase()}.maven.example`}
    UNION ALL SELECT id FROM agencies WHERE code LIKE ${`MAVEN-%-${tag}`})`;
  for (let attempt = 0; ; attempt++) {
    const left = await sql<{ n: number }>`SELECT count(*)::int AS n FROM steering_dirty WHERE subject_id IN ${ours}`.execute(db);
    if (left.rows[0]!.n === 0) break;
    if (attempt > 600) throw new Error('the rollups never caught up with the Maven facts');
    await new Promise((r) => setTimeout(r, 500));
    await catchUpRollups(db);
  }
  const catchUpSeconds = (performance.now() - started) / 1000;
  console.log(
    `Maven steering on ${testEngine}: import of ${report.deals.imported} deals (every ${STRIDE} of the file) in ${importSeconds.toFixed(1)} s, ` +
      `rollups caught up in ${catchUpSeconds.toFixed(1)} s (${caughtUp.subjects} subject-days, ${caughtUp.units} unit-days)`,
  );

  const rejectedRows = new Set(report.rejected.map((r) => r.row));
  // A row given to the import is its index + 2 (the header is row 1), as the report counts them.
  kept = pipeline.filter((_, i) => !rejectedRows.has(i + 2));
  const closeDates = kept.filter((r) => r.deal_stage === 'Won' || r.deal_stage === 'Lost').map((r) => r.close_date!);
  period = { from: closeDates.reduce((a, b) => (a < b ? a : b)), to: closeDates.reduce((a, b) => (a > b ? a : b)) };

  const regions = await db.selectFrom('regions').select(['id', 'name']).where('code', 'like', `MAVEN-%-${tag}`).execute();
  for (const r of regions) regionIds.set(r.name, r.id);
  const agencies = await db.selectFrom('agencies').select(['id', 'name']).where('code', 'like', `MAVEN-%-${tag}`).execute();
  for (const a of agencies) agencyIds.set(/^Équipe (.+) — /.exec(a.name)![1]!, a.id);
  const users = await db.selectFrom('users').select(['id', 'name']).where('email', 'like', `%@${tag.toLowerCase()}.maven.example`).execute();
  for (const u of users) userIds.set(u.name, u.id);
  const pools = await db
    .selectFrom('pools')
    .select('id')
    .where((w) => w.or([w('agency_id', 'in', [...agencyIds.values()]), w('region_id', 'in', [...regionIds.values()])]))
    .execute();
  poolIds.push(...pools.map((p) => p.id));

  const admin = await buildUser({ roles: ['admin'] });
  client = await signedIn(admin.email);
}, 3_600_000);

async function dashboardOf(type: 'region' | 'agency' | 'person', id: string): Promise<Dashboard> {
  const reply = await client.get<Dashboard>(`/api/steering/dashboard?type=${type}&id=${id}&period=custom&from=${period.from}&to=${period.to}`);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body;
}

/** The dashboard's won revenue and win rate, with what they are computed from, next to the file's. */
function expectFigures(d: Pick<Dashboard, 'figures'>, t: Tally, label: string) {
  expect(d.figures.won_revenue, label).toMatchObject({ value: t.wonCents, numerator: t.won });
  expect(d.figures.win_rate, label).toEqual({ value: t.won / (t.won + t.lost), numerator: t.won, denominator: t.won + t.lost });
}

describe('steering on the Maven data set: the dashboards say what the file says', () => {
  it('imported the organisation of the file and the opportunities given, less the rows the report rejects', () => {
    expect(pipeline).toHaveLength(Math.ceil(8800 / STRIDE));
    expect(report.deals.read).toBe(pipeline.length);
    expect(report.deals.imported).toBe(kept.length);
    expect(kept.length).toBe(pipeline.length - report.rejected.length);
    expect(regionIds.size).toBe(new Set(teams.map((t) => t.regional_office)).size);
    expect(agencyIds.size).toBe(new Set(teams.map((t) => t.manager)).size);
    // Every won row has a value, every closed row a close date: the computation below needs no guess.
    expect(kept.filter((r) => r.deal_stage === 'Won' && !r.close_value)).toEqual([]);
    expect(kept.filter((r) => (r.deal_stage === 'Won' || r.deal_stage === 'Lost') && !r.close_date)).toEqual([]);
    // The file's closed opportunities close from March to December 2017.
    expect(period.from >= '2017-03-01' && period.to <= '2017-12-31').toBe(true);
    expect(monthsBetween(period.from, period.to).length).toBeGreaterThan(3);
  });

  it('the rollups the dashboards read equal a computation from scratch over the import’s facts (no fact missed by the catch-up)', async () => {
    const check = await rebuildRollups(await testDb(), {
      replace: false,
      scope: {
        // People, and the agencies and pools holding unheld facts (placeholder accounts have no owner).
        subjects: [...userIds.values(), ...agencyIds.values(), ...poolIds],
        units: [
          ...[...regionIds.values()].map((id) => ({ type: 'region' as const, id })),
          ...[...agencyIds.values()].map((id) => ({ type: 'agency' as const, id })),
          ...poolIds.map((id) => ({ type: 'pool' as const, id })),
        ],
      },
    });
    expect(check.subjectRows).toBeGreaterThan(0);
    expect(check.unitRows).toBeGreaterThan(0);
    expect(check.differences).toEqual({ subject: 0, unit: 0 });
  });

  it('each regional office: win rate and won revenue over the whole file, and month by month', async () => {
    const byOffice = tally(kept, (r) => teamOf.get(r.sales_agent!)!.office);
    expect(byOffice.size).toBe(regionIds.size);
    for (const [office, t] of byOffice) {
      const d = await dashboardOf('region', regionIds.get(office)!);
      expect(d.unit).toMatchObject({ type: 'region', id: regionIds.get(office), name: office });
      expect(d.period).toMatchObject({ kind: 'custom', ...period });
      expectFigures(d, t, office);
      // Headcount: the office's agents and managers, each homed whole in their team's agency.
      const people = teams.filter((x) => x.regional_office === office);
      expect(d.unit.headcount, office).toBe(people.length + new Set(people.map((x) => x.manager)).size);

      // The trend cuts the period into its months: each month's won revenue and win rate, from the file.
      const months = tally(
        kept.filter((r) => teamOf.get(r.sales_agent!)!.office === office && (r.deal_stage === 'Won' || r.deal_stage === 'Lost')),
        (r) => r.close_date!.slice(0, 7),
      );
      expect(d.trend.periods.map((p) => p.label)).toEqual(monthsBetween(period.from, period.to));
      const none: Tally = { won: 0, lost: 0, wonCents: 0 };
      expect(d.trend.series.won_revenue, office).toEqual(d.trend.periods.map((p) => (months.get(p.label) ?? none).wonCents));
      expect(d.trend.series.win_rate, office).toEqual(
        d.trend.periods.map((p) => {
          const m = months.get(p.label) ?? none;
          return m.won + m.lost ? m.won / (m.won + m.lost) : null;
        }),
      );
    }
  });

  it('each manager’s team (one agency per manager): win rate and won revenue, and each agent in its next level down', async () => {
    const byManager = tally(kept, (r) => teamOf.get(r.sales_agent!)!.manager);
    const byAgent = tally(kept, (r) => r.sales_agent!);
    expect(byManager.size).toBe(agencyIds.size);
    for (const [manager, t] of byManager) {
      const d = await dashboardOf('agency', agencyIds.get(manager)!);
      expect(d.unit.name).toMatch(new RegExp(`^Équipe ${manager} — `));
      expect(d.parents.map((p) => p.type)).toEqual(['nation', 'region']);
      expect(d.parents[1]!.id).toBe(regionIds.get(teams.find((x) => x.manager === manager)!.regional_office!));
      expectFigures(d, t, manager);

      // The team's agents and the manager, each with their own figures (the admin leads every unit).
      const agents = teams.filter((x) => x.manager === manager).map((x) => x.sales_agent!);
      const people = d.children.filter((c) => c.type === 'person');
      expect(people.map((p) => p.name).sort(), manager).toEqual([...agents, manager].sort());
      expect(d.unit.headcount, manager).toBe(agents.length + 1);
      for (const agent of agents) {
        const row = people.find((p) => p.name === agent)!;
        expect(row.id).toBe(userIds.get(agent));
        const a = byAgent.get(agent) ?? { won: 0, lost: 0, wonCents: 0 };
        expect(row.figures.won_revenue, agent).toMatchObject({ value: a.wonCents, numerator: a.won });
        expect(row.figures.win_rate, agent).toMatchObject({ numerator: a.won, denominator: a.won + a.lost });
      }
      const managerRow = people.find((p) => p.name === manager)!;
      expect(managerRow.figures.won_revenue, manager).toMatchObject({ value: 0, numerator: 0 });
      // The team's sales pool holds the agents and the same figures.
      const pools = d.children.filter((c) => c.type === 'pool');
      expect(pools).toHaveLength(1);
      expect(pools[0]!.headcount).toBe(agents.length);
      expect(pools[0]!.figures.won_revenue, manager).toMatchObject({ value: t.wonCents, numerator: t.won });
    }
  });

  it('a sample of agents, the top and bottom sellers among them: their own dashboards', async () => {
    const byAgent = tally(kept, (r) => r.sales_agent!);
    const ranked = [...byAgent].sort((a, b) => b[1].wonCents - a[1].wonCents || a[0].localeCompare(b[0]));
    const byRate = [...byAgent].filter(([, t]) => t.won + t.lost > 0).sort((a, b) => b[1].won / (b[1].won + b[1].lost) - a[1].won / (a[1].won + a[1].lost));
    const sample = new Map([
      ranked[0]!, // top seller
      ranked.at(-1)!, // bottom seller
      ranked[Math.floor(ranked.length / 2)]!, // the median one
      ranked[1]!,
      ranked.at(-2)!,
      byRate[0]!, // the best win rate
      byRate.at(-1)!, // the worst
    ]);
    expect(sample.size).toBeGreaterThanOrEqual(5);
    for (const [agent, t] of sample) {
      const d = await dashboardOf('person', userIds.get(agent)!);
      expect(d.unit).toEqual({ type: 'person', id: userIds.get(agent), name: agent, headcount: 1 });
      expect(d.parents.at(-1)).toMatchObject({ type: 'agency', id: agencyIds.get(teamOf.get(agent)!.manager) });
      expectFigures(d, t, agent);
      expect(d.trend.series.won_revenue!.reduce<number>((s, v) => s + (v ?? 0), 0), agent).toBe(t.wonCents);
    }
  });
});
