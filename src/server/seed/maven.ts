// `relais seed --maven <dir>`: the Maven Analytics "CRM Sales Opportunities" sample (four CSV files, see
// SOURCE.md beside them) loaded through the app's own commands, acting as the people in it, with a report
// of the file's flaws. Nothing is lost: a flawed row is kept and counted; only a row that cannot mean
// anything (unknown agent or product, a date that is not a date) is rejected, with its row and reason.
//
// Mapping (each choice is also said in MAVEN_NOTES, printed by the CLI):
// - regional_office → region MAVEN-<OFFICE>; manager → one agency per manager ("Équipe <manager> — <office>"),
//   managed by that manager (role manager); sales_agent → a field rep (role agent) whose home agency is
//   their manager's, member of that agency's sales pool. Every team sells to every account in the file
//   (each account has agents from two or three regions), so every rep and manager is also a member of a
//   regional sales pool of each Maven region: that is what lets a rep open a deal on an account homed in
//   another region. Regional sales pools route no leads (routing uses agency pools only).
// - products: series → family; sales_price (whole US dollars) → list price in cents; complexity is
//   'complex' from 3,000 dollars up (GTX Pro, MG Advanced, GTX Plus Pro, GTK 500), 'basic' below; the code
//   is the name in capitals with dashes (GTX Plus Pro → GTX-PLUS-PRO).
// - accounts: the agency and owner are those of the agent who engaged the account first (earliest
//   engage_date, ties by opportunity_id); created acting as that agent. revenue (millions of dollars) →
//   revenue in cents; employees → size band; size band → segment (1000+ key, 50–999 intermediate, else
//   mass); office_location (a country) → city, the only free place field the account commands take;
//   subsidiary_of → parent (parents are created first); a misspelled sector or country is corrected and
//   reported; status customer when the file has a won opportunity on it, else prospect; year_established
//   has no field and is not kept. US companies have no SIREN.
// - opportunities → deals, opened and closed acting as the sales agent: one line, quantity 1, priced at
//   close_value when won, at list price otherwise; Prospecting → qualification, Engaging → proposal,
//   Won → won, Lost → lost (reason 'other', with a note). engage_date and close_date are kept as the
//   claimed opening and closing dates; rows are imported in engage_date order so that the order the
//   trace records (which is what credit reads) follows the file's history.
// - an opportunity without an account goes to one placeholder prospect per agency,
//   "Compte non renseigné — import Maven (<agency>)".
import { randomBytes, randomInt } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { sql, type Kysely } from 'kysely';
import type { DB, DealStage } from '../db/schema.ts';
import type { Ctx, Db } from '../context.ts';
import { DEAL_STAGES, createDealBody, moveDealBody } from '../../contract/deals.ts';
import { createAccountBody } from '../../contract/accounts.ts';
import { createProductBody } from '../../contract/catalog.ts';
import { createAgencyBody, createPoolBody, createRegionBody, createUserBody } from '../../contract/org.ts';
import { SYSTEM, loadPrincipal, type Principal } from '../auth/principal.ts';
import { hashPassword } from '../auth/password.ts';
import { createAgency, createPool, createRegion, createUser } from '../org/commands.ts';
import { createProduct } from '../catalog/commands.ts';
import { createAccount } from '../accounts/commands.ts';
import { findDuplicates } from '../accounts/queries.ts';
import { createDeal, moveDeal } from '../deals/commands.ts';
import { DomainError } from '../errors.ts';

// --- The files ---

type Row = Record<string, string>;

export interface MavenFiles {
  accounts: Row[];
  products: Row[];
  teams: Row[];
  pipeline: Row[];
  /** Pipeline rows the CSV parser could not read whole (data index → what was wrong): rejected. */
  pipelineErrors: Map<number, string>;
}

export const MAVEN_FILES = {
  accounts: 'accounts.csv',
  products: 'products.csv',
  teams: 'sales_teams.csv',
  pipeline: 'sales_pipeline.csv',
} as const;
type FileKey = keyof typeof MAVEN_FILES;

const COLUMNS: Record<FileKey, string[]> = {
  accounts: ['account', 'sector', 'revenue', 'employees', 'office_location', 'subsidiary_of'],
  products: ['product', 'series', 'sales_price'],
  teams: ['sales_agent', 'manager', 'regional_office'],
  pipeline: ['opportunity_id', 'sales_agent', 'product', 'account', 'deal_stage', 'engage_date', 'close_date', 'close_value'],
};

/** A refusal of the whole import (missing file or column, data already imported): a message for a person. */
export class MavenImportError extends Error {}

/** Parses the four files' texts. A missing column stops everything; a malformed pipeline row is only rejected. */
export function parseMavenFiles(texts: Record<FileKey, string>): MavenFiles {
  const parsed = {} as Record<FileKey, Row[]>;
  const pipelineErrors = new Map<number, string>();
  for (const key of Object.keys(MAVEN_FILES) as FileKey[]) {
    const result = Papa.parse<Row>(texts[key].replace(/^\uFEFF/, ''), {
      header: true,
      skipEmptyLines: 'greedy',
      transformHeader: (h) => h.trim(),
      transform: (v) => v.trim(),
    });
    const missing = COLUMNS[key].filter((c) => !result.meta.fields?.includes(c));
    if (missing.length) throw new MavenImportError(`${MAVEN_FILES[key]} has no column ${missing.join(', ')}: is it the Maven CRM data set?`);
    for (const error of result.errors) {
      if (key !== 'pipeline') {
        throw new MavenImportError(`${MAVEN_FILES[key]}, row ${(error.row ?? 0) + 2}: ${error.message}`);
      }
      if (error.row !== undefined) pipelineErrors.set(error.row, `the CSV row is malformed (${error.message})`);
    }
    parsed[key] = result.data;
  }
  return { ...parsed, pipelineErrors };
}

/** Reads the four CSV files of the data set from a folder. */
export async function readMavenDir(dir: string): Promise<MavenFiles> {
  const texts = {} as Record<FileKey, string>;
  for (const [key, file] of Object.entries(MAVEN_FILES) as Array<[FileKey, string]>) {
    try {
      texts[key] = await readFile(join(dir, file), 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new MavenImportError(code === 'ENOENT' ? `${file} is not in ${dir}: point --maven at the folder holding the four Maven CSV files` : `Cannot read ${join(dir, file)}: ${String(error)}`);
    }
  }
  return parseMavenFiles(texts);
}

// --- The report ---

export interface MavenFlaw {
  code: string;
  count: number;
  /** A few of the rows or values concerned. */
  sample: string[];
  message: string;
}

export interface MavenRejection {
  /** The row in the file, counting the header as row 1. */
  row: number;
  opportunityId: string;
  reason: string;
}

export interface MavenReport {
  regions: number;
  agencies: number;
  reps: number;
  managers: number;
  products: number;
  /** Accounts of accounts.csv (and any named only in the pipeline). */
  accounts: number;
  /** One per agency that has opportunities without an account. */
  placeholderAccounts: number;
  deals: { read: number; imported: number; byStage: Record<DealStage, number> };
  flaws: MavenFlaw[];
  rejected: MavenRejection[];
}

/** The mapping choices a reader of the report should know, printed with it. */
export const MAVEN_NOTES = [
  'Amounts are the file’s US dollars, in cents; they carry Relais’s default currency label (EUR), as neither products nor deals take a currency when created.',
  'office_location is a country: kept as the account’s city, since the account commands take no country (the country column keeps its default).',
  'year_established has no field in Relais and is not kept.',
  'Complexity: complex from 3,000 dollars list price up, basic below.',
  'Every team sells to every account, so reps and managers also join a regional sales pool in each Maven region (reach only; no lead routing).',
  'Credit is recorded by the live rules at import time: the initiator is the first deal recorded on the account and family, and deals are recorded in engage_date order.',
  'Imported people have a random password nobody knows: an administrator sets one before they can sign in.',
];

const SAMPLE_SIZE = 5;

class FlawLog {
  private readonly byCode = new Map<string, MavenFlaw>();
  add(code: string, message: string, sample: string) {
    const flaw = this.byCode.get(code) ?? { code, count: 0, sample: [], message };
    flaw.count += 1;
    if (flaw.sample.length < SAMPLE_SIZE) flaw.sample.push(sample);
    this.byCode.set(code, flaw);
  }
  list(): MavenFlaw[] {
    return [...this.byCode.values()];
  }
}

// --- Mapping rules (pure) ---

/** Known misspellings in the file, corrected on import and reported. */
const SECTOR_FIXES = new Map([['technolgy', 'technology']]);
const COUNTRY_FIXES = new Map([['Philipines', 'Philippines']]);

export const COMPLEX_FROM_DOLLARS = 3000;

const STAGES = new Map<string, DealStage>([
  ['Prospecting', 'qualification'],
  ['Engaging', 'proposal'],
  ['Won', 'won'],
  ['Lost', 'lost'],
]);

const letters = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** A code within the contract's length, the tag (if any) kept whole at the end. */
function codeOf(base: string, tag: string | undefined, max: number): string {
  const suffix = tag ? `-${tag}` : '';
  return base.slice(0, max - suffix.length).replace(/-$/, '') + suffix;
}

export const productCode = (name: string, tag?: string) => codeOf(letters(name), tag, 30);
const regionCode = (office: string, tag?: string) => codeOf(`MAVEN-${letters(office)}`, tag, 20);
const agencyCode = (manager: string, tag?: string) => codeOf(`MAVEN-${letters(manager.split(/\s+/).at(-1) ?? manager)}`, tag, 20);

/** The region codes an import with this tag writes: how a second import is recognised. */
export const mavenRegionCodes = (offices: string[], tag?: string) => offices.map((o) => regionCode(o, tag));

/** Matching a product name the way people misspell it: spaces and case do not count. */
const productKey = (name: string) => name.replace(/\s+/g, '').toLowerCase();

function emailOf(name: string, tag: string | undefined): string {
  const local = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/\s+/)
    .map((part) => part.replace(/[^a-z0-9-]/g, ''))
    .filter(Boolean)
    .join('.');
  return `${local || 'person'}@${tag ? `${tag.toLowerCase()}.` : ''}maven.example`;
}

function isDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

function sizeBandOf(employees: number): '1-9' | '10-49' | '50-249' | '250-999' | '1000+' {
  if (employees < 10) return '1-9';
  if (employees < 50) return '10-49';
  if (employees < 250) return '50-249';
  if (employees < 1000) return '250-999';
  return '1000+';
}

const segmentOf = (band: string | null) => (band === '1000+' ? 'key' : band === '250-999' || band === '50-249' ? 'intermediate' : 'mass');

/** Millions of dollars with up to two decimals → cents, exactly. */
function revenueCents(text: string): number | null {
  if (!/^\d+(\.\d{1,2})?$/.test(text)) return null;
  const [whole, decimals = ''] = text.split('.');
  return (Number(whole) * 100 + Number(decimals.padEnd(2, '0'))) * 1_000_000;
}

/** Whole dollars (as the file gives them) → cents; null when not a non-negative number. */
function dollarsToCents(text: string): number | null {
  if (!/^\d+(\.\d{1,2})?$/.test(text)) return null;
  const cents = Math.round(Number(text) * 100);
  return Number.isSafeInteger(cents) ? cents : null;
}

// --- The plan: every row read, checked and mapped before anything is written ---

interface PlannedAgency {
  manager: string;
  office: string;
  code: string;
  name: string;
}

interface PlannedRep {
  name: string;
  email: string;
  manager: string;
}

interface PlannedProduct {
  name: string;
  code: string;
  family: string;
  complexity: 'basic' | 'complex';
  listPriceCents: number;
}

interface PlannedAccount {
  name: string;
  sector: string | null;
  revenueCents: number | null;
  sizeBand: ReturnType<typeof sizeBandOf> | null;
  city: string | null;
  parent: string | null;
  /** The agent who engaged it first: owner, and whose agency it belongs to. */
  owner: string | null;
  manager: string;
  status: 'customer' | 'prospect';
}

interface PlannedDeal {
  row: number;
  opportunityId: string;
  agent: string;
  product: string;
  /** null: the placeholder account of the agent's agency. */
  account: string | null;
  stage: DealStage;
  openedOn: string | null;
  closedOn: string | null;
  /** The won value in cents; null for the list price. */
  unitPriceCents: number | null;
}

export interface MavenPlan {
  regions: Array<{ office: string; code: string }>;
  agencies: PlannedAgency[];
  managers: Array<{ name: string; email: string; manager: string }>;
  reps: PlannedRep[];
  products: PlannedProduct[];
  /** Parents before their subsidiaries. */
  accounts: PlannedAccount[];
  /** Agencies (by manager) that need a placeholder account. */
  placeholders: string[];
  /** In the order they are written: by engage_date, then opportunity_id. */
  deals: PlannedDeal[];
  /** The first date of the file's history: when memberships start. */
  historyStart: string | null;
  flaws: FlawLog;
  rejected: MavenRejection[];
  read: number;
}

function planTeams(files: MavenFiles, flaws: FlawLog, tag: string | undefined) {
  const officeOf = new Map<string, string>(); // manager → office
  const managerOf = new Map<string, string>(); // agent → manager
  files.teams.forEach((t, i) => {
    const [agent, manager, office] = [t.sales_agent ?? '', t.manager ?? '', t.regional_office ?? ''];
    if (!agent || !manager || !office) {
      flaws.add('team.incomplete_row', 'Rows of sales_teams.csv without an agent, a manager or an office: skipped (their opportunities are rejected)', `row ${i + 2}`);
      return;
    }
    if (managerOf.has(agent)) {
      flaws.add('team.duplicate_agent', 'Agents listed twice in sales_teams.csv: the first row is kept', `row ${i + 2}: ${agent}`);
      return;
    }
    if (officeOf.has(manager) && officeOf.get(manager) !== office) {
      flaws.add('team.manager_in_two_offices', 'Managers listed under two regional offices: the first office is kept', `row ${i + 2}: ${manager} (${office})`);
    }
    if (!officeOf.has(manager)) officeOf.set(manager, office);
    managerOf.set(agent, manager);
  });
  const offices = [...new Set(officeOf.values())];
  const regions = offices.map((office) => ({ office, code: regionCode(office, tag) }));
  const agencies = [...officeOf].map(([manager, office]) => ({ manager, office, code: agencyCode(manager, tag), name: `Équipe ${manager} — ${office}` }));
  const codes = new Set<string>();
  for (const agency of agencies) {
    // Two managers with the same surname: number the second.
    for (let n = 2; codes.has(agency.code); n++) agency.code = codeOf(`${agencyCode(agency.manager)}-${n}`, tag, 20);
    codes.add(agency.code);
  }
  const emails = new Set<string>();
  const uniqueEmail = (name: string) => {
    let email = emailOf(name, tag);
    for (let n = 2; emails.has(email); n++) email = email.replace(/^([^@]+?)(\d*)@/, `$1${n}@`);
    emails.add(email);
    return email;
  };
  const managers = agencies.map((a) => ({ name: a.manager, email: uniqueEmail(a.manager), manager: a.manager }));
  const reps = [...managerOf].map(([name, manager]) => ({ name, email: uniqueEmail(name), manager }));
  return { regions, agencies, managers, reps, managerOf };
}

function planProducts(files: MavenFiles, flaws: FlawLog, tag: string | undefined) {
  const products: PlannedProduct[] = [];
  const byKey = new Map<string, PlannedProduct>();
  files.products.forEach((p, i) => {
    const name = p.product ?? '';
    const price = dollarsToCents(p.sales_price ?? '');
    if (!name || price === null || !p.series) {
      flaws.add('product.unusable', 'Products without a name, a series or a price: not created (their opportunities are rejected)', `row ${i + 2}: ${name || '(no name)'}`);
      return;
    }
    if (byKey.has(productKey(name))) {
      flaws.add('product.duplicate', 'Products listed twice: the first row is kept', `row ${i + 2}: ${name}`);
      return;
    }
    const product: PlannedProduct = {
      name,
      code: productCode(name, tag),
      family: p.series,
      complexity: price >= COMPLEX_FROM_DOLLARS * 100 ? 'complex' : 'basic',
      listPriceCents: price,
    };
    products.push(product);
    byKey.set(productKey(name), product);
  });
  return { products, byKey };
}

function planDeals(files: MavenFiles, flaws: FlawLog, managerOf: Map<string, string>, productsByKey: Map<string, PlannedProduct>, rejected: MavenRejection[]) {
  const deals: PlannedDeal[] = [];
  const seen = new Set<string>();
  files.pipeline.forEach((r, i) => {
    const row = i + 2;
    const opportunityId = r.opportunity_id ?? '';
    const reject = (reason: string) => rejected.push({ row, opportunityId, reason });
    const malformed = files.pipelineErrors.get(i);
    if (malformed) return reject(malformed);
    if (!opportunityId) return reject('no opportunity_id');
    if (seen.has(opportunityId)) return reject(`opportunity_id ${opportunityId} appears again (the first row is kept)`);
    const agent = r.sales_agent ?? '';
    if (!managerOf.has(agent)) return reject(agent ? `unknown sales agent "${agent}" (not in sales_teams.csv)` : 'no sales agent');
    const product = productsByKey.get(productKey(r.product ?? ''));
    if (!product) return reject(r.product ? `unknown product "${r.product}" (not in products.csv, even ignoring spaces and case)` : 'no product');
    const stage = STAGES.get(r.deal_stage ?? '');
    if (!stage) return reject(`unknown deal_stage "${r.deal_stage ?? ''}" (expected Prospecting, Engaging, Won or Lost)`);
    const [engage, close, value] = [r.engage_date ?? '', r.close_date ?? '', r.close_value ?? ''];
    if (engage && !isDate(engage)) return reject(`engage_date "${engage}" is not a date (YYYY-MM-DD)`);
    if (close && !isDate(close)) return reject(`close_date "${close}" is not a date (YYYY-MM-DD)`);
    const closed = stage === 'won' || stage === 'lost';
    let unitPriceCents: number | null = null;
    if (stage === 'won' && value) {
      unitPriceCents = dollarsToCents(value);
      if (unitPriceCents === null) return reject(`close_value "${value}" is not an amount`);
    }
    // Kept, and reported.
    const at = `row ${row} (${opportunityId})`;
    seen.add(opportunityId);
    if (r.product !== product.name) {
      flaws.add('product.name_variant', 'Products spelled differently from the catalog, matched ignoring spaces and case', `${at}: "${r.product}" → ${product.name}`);
    }
    if (!r.account) flaws.add('deal.no_account', 'Opportunities without an account: attached to a placeholder prospect of the agent’s agency', at);
    if (!engage) flaws.add('deal.no_engage_date', 'Opportunities without engage_date: the deal is dated the day of the import', `${at}, ${r.deal_stage}`);
    if (closed && !close) flaws.add('deal.no_close_date', 'Closed opportunities without close_date: closed on the day of the import', at);
    if (stage === 'won' && !value) flaws.add('deal.won_without_value', 'Won opportunities without close_value: priced at the list price', at);
    if (!closed && (close || value)) flaws.add('deal.open_with_close', 'Open opportunities with a close date or value: ignored, the deal stays open', at);
    if (engage && close && close < engage) flaws.add('deal.closed_before_engaged', 'Opportunities closed before they were engaged: both dates kept as given', at);
    deals.push({
      row,
      opportunityId,
      agent,
      product: product.name,
      account: r.account || null,
      stage,
      openedOn: engage || null,
      closedOn: closed && close ? close : null,
      unitPriceCents,
    });
  });
  // Written in the order the file says things happened; undated ones last. (Code-point order, not the locale's.)
  const order = (d: PlannedDeal) => `${d.openedOn ?? '~'} ${d.opportunityId}`;
  deals.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  return deals;
}

function planAccounts(files: MavenFiles, flaws: FlawLog, deals: PlannedDeal[], managerOf: Map<string, string>, firstManager: string) {
  const firstEngager = new Map<string, string>(); // account → agent (deals are sorted already)
  const won = new Set<string>();
  for (const d of deals) {
    if (!d.account) continue;
    if (!firstEngager.has(d.account)) firstEngager.set(d.account, d.agent);
    if (d.stage === 'won') won.add(d.account);
  }
  const planned = new Map<string, PlannedAccount>();
  const base = (name: string): PlannedAccount => {
    const owner = firstEngager.get(name) ?? null;
    return { name, sector: null, revenueCents: null, sizeBand: null, city: null, parent: null, owner, manager: owner ? managerOf.get(owner)! : firstManager, status: won.has(name) ? 'customer' : 'prospect' };
  };
  files.accounts.forEach((a, i) => {
    const name = a.account ?? '';
    const at = `row ${i + 2}: ${name}`;
    if (!name) return flaws.add('account.unnamed', 'Rows of accounts.csv without a name: skipped', `row ${i + 2}`);
    if (planned.has(name)) return flaws.add('account.duplicate', 'Accounts listed twice: the first row is kept', at);
    const account = base(name);
    const sector = a.sector || null;
    account.sector = sector && (SECTOR_FIXES.get(sector) ?? sector);
    if (sector && account.sector !== sector) flaws.add('account.sector_misspelled', 'Misspelled sectors, corrected', `${at}: "${sector}" → ${account.sector}`);
    const country = a.office_location || null;
    account.city = country && (COUNTRY_FIXES.get(country) ?? country);
    if (country && account.city !== country) flaws.add('account.location_misspelled', 'Misspelled office locations, corrected', `${at}: "${country}" → ${account.city}`);
    if (a.revenue) {
      account.revenueCents = revenueCents(a.revenue);
      if (account.revenueCents === null) flaws.add('account.bad_revenue', 'Revenues that are not amounts: left empty', `${at}: "${a.revenue}"`);
    }
    if (a.employees) {
      const employees = /^\d+$/.test(a.employees) ? Number(a.employees) : null;
      account.sizeBand = employees === null ? null : sizeBandOf(employees);
      if (employees === null) flaws.add('account.bad_employees', 'Employee counts that are not numbers: size left empty', `${at}: "${a.employees}"`);
    }
    account.parent = a.subsidiary_of || null;
    if (!account.owner) flaws.add('account.no_opportunities', 'Accounts that no opportunity names: given to the first agency, without an owner', at);
    planned.set(name, account);
  });
  for (const d of deals) {
    if (d.account && !planned.has(d.account)) {
      flaws.add('account.only_in_pipeline', 'Accounts named in the pipeline but absent from accounts.csv: created with the name only', `row ${d.row} (${d.opportunityId}): ${d.account}`);
      planned.set(d.account, base(d.account));
    }
  }
  for (const account of planned.values()) {
    if (account.parent && (!planned.has(account.parent) || account.parent === account.name)) {
      flaws.add('account.unknown_parent', 'subsidiary_of names no other account of the file: created without a parent', `${account.name} → ${account.parent}`);
      account.parent = null;
    }
  }
  // Parents first. When nothing is ready, the parents go round in a circle: cut it at one account.
  const ordered: PlannedAccount[] = [];
  const placed = new Set<string>();
  let pending = [...planned.values()];
  while (pending.length) {
    const ready = pending.filter((a) => !a.parent || placed.has(a.parent));
    if (ready.length === 0) {
      const walked = new Set<string>();
      let onCycle = pending[0]!;
      while (!walked.has(onCycle.name)) {
        walked.add(onCycle.name);
        onCycle = planned.get(onCycle.parent!)!;
      }
      flaws.add('account.parent_cycle', 'subsidiary_of goes round in a circle: one account of the circle is created without its parent', `${onCycle.name} → ${onCycle.parent}`);
      onCycle.parent = null;
      continue;
    }
    for (const a of ready) {
      ordered.push(a);
      placed.add(a.name);
    }
    pending = pending.filter((a) => !placed.has(a.name));
  }
  return ordered;
}

/** Reads, checks and maps every row; writes nothing. */
export function planMavenImport(files: MavenFiles, tag?: string): MavenPlan {
  const flaws = new FlawLog();
  const rejected: MavenRejection[] = [];
  const teams = planTeams(files, flaws, tag);
  if (teams.agencies.length === 0) throw new MavenImportError('sales_teams.csv names no agent with a manager and an office: nothing to import');
  const catalog = planProducts(files, flaws, tag);
  const deals = planDeals(files, flaws, teams.managerOf, catalog.byKey, rejected);
  const accounts = planAccounts(files, flaws, deals, teams.managerOf, teams.agencies[0]!.manager);
  const engaged = new Set(deals.map((d) => d.agent));
  for (const rep of teams.reps) {
    if (!engaged.has(rep.name)) flaws.add('rep.no_opportunities', 'Agents of sales_teams.csv with no opportunity: created as reps all the same', rep.name);
  }
  const placeholders = [...new Set(deals.filter((d) => !d.account).map((d) => teams.managerOf.get(d.agent)!))];
  const dates = deals.map((d) => d.openedOn).filter((d): d is string => d !== null);
  return {
    regions: teams.regions,
    agencies: teams.agencies,
    managers: teams.managers,
    reps: teams.reps,
    products: catalog.products,
    accounts,
    placeholders,
    deals,
    historyStart: dates.length ? dates.reduce((a, b) => (a < b ? a : b)) : null,
    flaws,
    rejected: rejected.sort((a, b) => a.row - b.row),
    read: files.pipeline.length,
  };
}

// --- Writing, through the commands ---

export interface MavenImportOptions {
  /** Appended to every code and email so the same file can be imported again beside (tests); the CLI uses none. */
  tag?: string;
  /** Opportunities per transaction. */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

export const placeholderName = (agencyName: string) => `Compte non renseigné — import Maven (${agencyName})`;

interface Written {
  agencies: Map<string, { id: string; name: string }>;
  /** By name: the managers and the reps (a name may be both). */
  managers: Map<string, Principal>;
  reps: Map<string, Principal>;
  products: Map<string, string>;
  accounts: Map<string, string>;
  placeholders: Map<string, string>;
}

const randomPassword = () => randomBytes(24).toString('base64url');

async function refuseIfImported(db: Db, plan: MavenPlan) {
  const codes = plan.regions.map((r) => r.code);
  const existing = await db.selectFrom('regions').select(['id', 'code']).where('code', 'in', codes).execute();
  if (existing.length === 0) return;
  const deals = await db
    .selectFrom('deals')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('region_id', 'in', existing.map((r) => r.id))
    .executeTakeFirstOrThrow();
  throw new MavenImportError(
    `This database already holds the Maven data (regions ${existing.map((r) => r.code).join(', ')}, ${deals.n} deals): the import runs once per database.`,
  );
}

/** Regions, agencies, pools, people, catalog and accounts: one transaction. */
async function writeFoundations(trx: Db, plan: MavenPlan, passwords: Array<{ password: string; hash: string }>): Promise<Written> {
  const system: Ctx = { db: trx, actor: SYSTEM, channel: 'import' };
  const regionIds = new Map<string, string>();
  for (const region of plan.regions) {
    regionIds.set(region.office, await createRegion(system, createRegionBody.parse({ code: region.code, name: region.office })));
  }
  const regionPools: string[] = [];
  for (const region of plan.regions) {
    const unitId = regionIds.get(region.office)!;
    regionPools.push(await createPool(system, createPoolBody.parse({ kind: 'sales', name: `Comptes Maven ${region.office} — toutes équipes`, scope: 'region', unitId })));
  }
  const agencies = new Map<string, { id: string; name: string }>();
  const salesPools = new Map<string, string>();
  for (const agency of plan.agencies) {
    const regionId = regionIds.get(agency.office)!;
    const id = await createAgency(system, createAgencyBody.parse({ code: agency.code, name: agency.name, city: agency.office, regionId }));
    agencies.set(agency.manager, { id, name: agency.name });
    salesPools.set(agency.manager, await createPool(system, createPoolBody.parse({ kind: 'sales', name: `Commerciaux ${agency.name}`, scope: 'agency', unitId: id })));
  }
  const startsOn = plan.historyStart ?? undefined;
  let n = 0;
  const addPerson = async (person: { name: string; email: string }, input: { roles: ['manager'] | ['agent']; manager: string; pools: string[]; manages: boolean }) => {
    const agencyId = agencies.get(input.manager)!.id;
    const { password, hash } = passwords[n++]!;
    const body = createUserBody.parse({
      email: person.email,
      name: person.name,
      password,
      roles: input.roles,
      homeAgencyId: agencyId,
      memberships: input.pools.map((poolId) => ({ poolId, startsOn })),
      managedUnits: input.manages ? [{ type: 'agency', id: agencyId }] : [],
    });
    const id = await createUser(system, body, { passwordHash: hash });
    return (await loadPrincipal(trx, id))!;
  };
  const managers = new Map<string, Principal>();
  for (const m of plan.managers) managers.set(m.name, await addPerson(m, { roles: ['manager'], manager: m.manager, pools: regionPools, manages: true }));
  const reps = new Map<string, Principal>();
  for (const r of plan.reps) reps.set(r.name, await addPerson(r, { roles: ['agent'], manager: r.manager, pools: [salesPools.get(r.manager)!, ...regionPools], manages: false }));

  const products = new Map<string, string>();
  for (const p of plan.products) {
    products.set(p.name, await createProduct(system, createProductBody.parse({ code: p.code, name: p.name, family: p.family, complexity: p.complexity, listPriceCents: p.listPriceCents })));
  }

  const accounts = new Map<string, string>();
  for (const a of plan.accounts) {
    const actor = a.owner ? reps.get(a.owner)! : managers.get(a.manager)!;
    const body = createAccountBody.parse({
      name: a.name,
      segment: segmentOf(a.sizeBand),
      sector: a.sector,
      sizeBand: a.sizeBand,
      revenueCents: a.revenueCents,
      city: a.city,
      ownerId: a.owner ? actor.userId : null,
      agencyId: agencies.get(a.manager)!.id,
      parentId: a.parent ? accounts.get(a.parent)! : null,
      status: a.status,
      // The file has one row per company; a customer already in Relais is reported below, not merged.
      acknowledgeDuplicates: true,
    });
    const mine = new Set(accounts.values());
    const twins = await findDuplicates(trx, SYSTEM, { name: a.name, siren: null, siret: null, city: a.city, phones: [], emails: [] });
    for (const twin of twins.filter((t) => !mine.has(t.id))) {
      plan.flaws.add('account.possible_duplicate', 'Accounts that may already be in Relais: imported all the same, to review and merge', `${a.name} ~ ${twin.name}${twin.city ? ` (${twin.city})` : ''}`);
    }
    accounts.set(a.name, await createAccount({ db: trx, actor, channel: 'import' }, body));
  }
  const placeholders = new Map<string, string>();
  for (const manager of plan.placeholders) {
    const agency = agencies.get(manager)!;
    const body = createAccountBody.parse({ name: placeholderName(agency.name), segment: 'mass', agencyId: agency.id, status: 'prospect', acknowledgeDuplicates: true });
    placeholders.set(manager, await createAccount({ db: trx, actor: managers.get(manager)!, channel: 'import' }, body));
  }
  return { agencies, managers, reps, products, accounts, placeholders };
}

const LOSS_NOTE = (opportunityId: string) =>
  `Importé du jeu de données Maven (opportunité ${opportunityId}) : perdue selon le fichier, qui ne dit pas pourquoi.`;

/** A row's refusal by a command, after some of its writes: the batch is written again with savepoints. */
class RowRefused extends Error {}

/**
 * One opportunity: the deal and its move, as the agent. Returns why it was refused, or null. With
 * `savepoint`, a refusal rolls back the row's own writes only; without, it aborts the batch (the fast path:
 * two statements fewer per row, and rows are checked before writing, so refusals are rare).
 */
async function writeDeal(trx: Db, written: Written, deal: PlannedDeal, managerOf: Map<string, string>, savepoint: boolean): Promise<string | null> {
  const actor = written.reps.get(deal.agent)!;
  const accountId = deal.account ? written.accounts.get(deal.account)! : written.placeholders.get(managerOf.get(deal.agent)!)!;
  const create = createDealBody.safeParse({
    accountId,
    title: `${deal.opportunityId} · ${deal.product}`,
    lines: [{ productId: written.products.get(deal.product)!, quantity: 1, unitPriceCents: deal.unitPriceCents }],
  });
  if (!create.success) return create.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  const ctx: Ctx = { db: trx, actor, channel: 'import' };
  if (savepoint) await sql`SAVEPOINT maven_row`.execute(trx);
  try {
    const id = await createDeal(ctx, create.data, deal.openedOn ? { openedOn: deal.openedOn } : {});
    if (deal.stage !== 'qualification') {
      const move = moveDealBody.parse({
        version: 1,
        stage: deal.stage,
        ...(deal.stage === 'lost' && { lossReason: 'other', lossNote: LOSS_NOTE(deal.opportunityId) }),
      });
      await moveDeal(ctx, id, move, deal.closedOn ? { closedOn: deal.closedOn } : {});
    }
    if (savepoint) await sql`RELEASE SAVEPOINT maven_row`.execute(trx);
    return null;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (!savepoint) throw new RowRefused(error.message);
    await sql`ROLLBACK TO SAVEPOINT maven_row`.execute(trx);
    await sql`RELEASE SAVEPOINT maven_row`.execute(trx);
    return `${error.message} (${error.code})`;
  }
}

/** A batch of opportunities in one transaction; written again row by row in savepoints if a command refuses one. */
async function writeBatch(db: Kysely<DB>, written: Written, batch: PlannedDeal[], managerOf: Map<string, string>): Promise<MavenRejection[]> {
  const attempt = (savepoint: boolean) =>
    db.transaction().execute(async (trx) => {
      const refused: MavenRejection[] = [];
      for (const deal of batch) {
        const reason = await writeDeal(trx, written, deal, managerOf, savepoint);
        if (reason) refused.push({ row: deal.row, opportunityId: deal.opportunityId, reason });
      }
      return refused;
    });
  try {
    return await attempt(false);
  } catch (error) {
    if (!(error instanceof RowRefused)) throw error;
    return attempt(true);
  }
}

/**
 * Imports the data set: the organisation, catalog and accounts in one transaction, then the
 * opportunities in transactions of `batchSize`. Refuses a database that already holds it.
 */
export async function importMaven(db: Kysely<DB>, files: MavenFiles, options: MavenImportOptions = {}): Promise<MavenReport> {
  const { tag, batchSize = 250, onProgress } = options;
  if (tag !== undefined && !/^[A-Z0-9]{1,4}$/.test(tag)) throw new MavenImportError('The tag is 1 to 4 capital letters or digits');
  const plan = planMavenImport(files, tag);
  await refuseIfImported(db, plan);
  // Hashing is slow on purpose: done beside the transaction, all at once.
  const passwords = await Promise.all(
    [...plan.managers, ...plan.reps].map(async () => {
      const password = randomPassword();
      return { password, hash: await hashPassword(password) };
    }),
  );
  const written = await db.transaction().execute(async (trx) => {
    await refuseIfImported(trx, plan);
    return writeFoundations(trx, plan, passwords);
  });

  const managerOf = new Map(plan.reps.map((r) => [r.name, r.manager]));
  const byStage = Object.fromEntries(DEAL_STAGES.map((s) => [s, 0])) as Record<DealStage, number>;
  const rejected = [...plan.rejected];
  let imported = 0;
  for (let start = 0; start < plan.deals.length; start += batchSize) {
    const batch = plan.deals.slice(start, start + batchSize);
    const refused = await writeBatch(db, written, batch, managerOf);
    // Counted once the batch is committed.
    const refusedRows = new Set(refused.map((r) => r.row));
    for (const deal of batch) {
      if (refusedRows.has(deal.row)) continue;
      imported += 1;
      byStage[deal.stage] += 1;
    }
    rejected.push(...refused);
    onProgress?.(Math.min(start + batchSize, plan.deals.length), plan.deals.length);
  }
  return {
    regions: plan.regions.length,
    agencies: plan.agencies.length,
    reps: plan.reps.length,
    managers: plan.managers.length,
    products: plan.products.length,
    accounts: plan.accounts.length,
    placeholderAccounts: written.placeholders.size,
    deals: { read: plan.read, imported, byStage },
    flaws: plan.flaws.list(),
    rejected: rejected.sort((a, b) => a.row - b.row),
  };
}

/** A tag for a test run: four random capitals or digits. */
export const randomMavenTag = () => Array.from({ length: 4 }, () => '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'[randomInt(36)]).join('');

const n = (x: number) => x.toLocaleString('en-US');

/** The report as a person reads it. */
export function formatMavenReport(report: MavenReport): string {
  const lines: string[] = [];
  const d = report.deals;
  lines.push(
    `  ${report.regions} regions, ${report.agencies} agencies (one per manager), ${report.managers} managers, ${report.reps} reps, ${report.products} products`,
    `  ${n(report.accounts)} accounts, and ${report.placeholderAccounts} placeholder accounts for opportunities without one`,
    `  deals: ${n(d.read)} read, ${n(d.imported)} imported — ${DEAL_STAGES.filter((s) => d.byStage[s] > 0)
      .map((s) => `${s} ${n(d.byStage[s])}`)
      .join(', ')}`,
  );
  lines.push(report.flaws.length ? '\nFlaws in the files (kept and counted, nothing lost):' : '\nNo flaw found in the files.');
  for (const f of report.flaws) {
    lines.push(`  ${f.code} ×${n(f.count)} — ${f.message}`);
    for (const s of f.sample) lines.push(`      e.g. ${s}`);
  }
  lines.push(report.rejected.length ? `\nRejected rows (${n(report.rejected.length)}), the rest imported:` : '\nNo row rejected.');
  for (const r of report.rejected.slice(0, 50)) lines.push(`  row ${r.row} (${r.opportunityId || 'no id'}): ${r.reason}`);
  if (report.rejected.length > 50) lines.push(`  … and ${n(report.rejected.length - 50)} more`);
  lines.push('\nHow the file maps onto Relais:');
  for (const note of MAVEN_NOTES) lines.push(`  - ${note}`);
  return lines.join('\n');
}
