// `relais seed --demo`: a believable French network, deterministic (same seed, same data).
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../context.ts';
import type { Insertable } from 'kysely';
import type { Channel, ContactTable, InteractionTable, PoolKind, Role, Segment } from '../db/schema.ts';
import { SYSTEM } from '../auth/principal.ts';
import { hashPassword } from '../auth/password.ts';
import { createAgency, createPool, createRegion, createUser } from '../org/commands.ts';
import { appendTraceBatch, transactionTime, type BatchEvent } from '../trace/commands.ts';
import { phoneSearchDigits } from '../../contract/values.ts';
import { prng, withCheckDigit, type Rng } from './random.ts';
import { completeness } from '../accounts/rules.ts';
import { accountStream } from '../accounts/commands.ts';
import * as N from './names.ts';
import { createProduct } from '../catalog/commands.ts';
import { setRoutingRule, sweepLeads } from '../leads/commands.ts';
import { DEFAULT_ROUTING_CONFIG } from '../leads/rules.ts';
import { seedDemoDeals } from './demo-deals.ts';
import { seedDemoCases } from './demo-cases.ts';
import { DEMO_PRODUCTS, demoLeads, insertLeads } from './demo-leads.ts';

export const DEMO_PASSWORD = 'relais-demo';

export interface DemoSize {
  accounts: number;
  contactsPerAccount: number;
  interactions: number;
}

export const DEMO_SIZES: Record<'full' | 'small', DemoSize> = {
  full: { accounts: 2000, contactsPerAccount: 2, interactions: 20_000 },
  small: { accounts: 200, contactsPerAccount: 2, interactions: 2_000 },
};

/** The logins printed at first start and listed in the README. */
export const DEMO_LOGINS: Array<{ email: string; name: string; what: string }> = [
  { email: 'admin@demo.relais.fr', name: 'Alice Administratrice', what: 'administrator (organisation, users)' },
  { email: 'directeur@demo.relais.fr', name: 'Bernard Directeur', what: 'national director' },
  { email: 'directeur.idf@demo.relais.fr', name: 'Hélène Garnier', what: 'regional director, Île-de-France' },
  { email: 'manager.defense@demo.relais.fr', name: 'Marc Lemoine', what: 'manager, Agence Paris La Défense' },
  { email: 'commercial@demo.relais.fr', name: 'Julien Moreau', what: 'field sales rep, Paris La Défense' },
  { email: 'assistante@demo.relais.fr', name: 'Claire Fontaine', what: 'sales assistant, Paris La Défense' },
  { email: 'teleconseiller@demo.relais.fr', name: 'Inès Benali', what: 'inbound phone advisor, Île-de-France' },
  { email: 'televendeur@demo.relais.fr', name: 'Yann Le Gall', what: 'telemarketer, national centre' },
  { email: 'vendeur.associe@demo.relais.fr', name: 'Karim Haddad', what: 'associate seller, three Paris agencies' },
  { email: 'sav@demo.relais.fr', name: 'Sandrine Roux', what: 'back office / after-sales, Île-de-France' },
  { email: 'sav.lyon@demo.relais.fr', name: 'Nathalie Girard', what: 'back office / after-sales, Auvergne-Rhône-Alpes' },
  { email: 'marketing@demo.relais.fr', name: 'Laure Vidal', what: 'marketing analyst' },
];

/**
 * A field rep of the Agence Paris La Défense (not a login: a colleague of the rep's) who has logged no contact for
 * two weeks and is not absent: the default rule "Commercial sans contact saisi depuis 5 jours ouvrés" fires for him
 * as soon as the demo starts, for his manager, and his line managers above see it on his dashboard.
 */
export const QUIET_REP = { name: 'Thomas Petit', email: 'thomas.petit@demo.relais.fr', agencyCode: 'PAR-DEF', quietDays: 14 };

/** A customer every demo and journey can find: typing "47 76 12" in search brings it up. */
export const SHOWCASE = {
  name: 'Transports Martin & Fils',
  phone: '+33147761234',
  contactPhone: '+33612345678',
  contactEmail: 'sophie.martin@transports-martin.fr',
};

/** A weekday between 8:30 and 18:30 Paris time (7:30–17:30 UTC, close enough across DST), `daysAgo` days back. */
function businessMoment(rng: Rng, now: Date, daysAgo: number): Date {
  const day = new Date(now.getTime() - daysAgo * 86_400_000);
  const weekday = day.getUTCDay();
  if (weekday === 0) day.setUTCDate(day.getUTCDate() - 2);
  if (weekday === 6) day.setUTCDate(day.getUTCDate() - 1);
  day.setUTCHours(7, 30, 0, 0);
  return new Date(day.getTime() + rng.int(0, 10 * 3600) * 1000);
}

function sirenFor(rng: Rng, used: Set<string>): string {
  for (;;) {
    const siren = withCheckDigit(String(rng.int(1, 9)) + String(rng.int(0, 9_999_999)).padStart(7, '0'));
    if (!used.has(siren)) {
      used.add(siren);
      return siren;
    }
  }
}

const siretFor = (rng: Rng, siren: string) => withCheckDigit(siren + String(rng.int(1, 999)).padStart(4, '0'));

function landline(rng: Rng, dial: string, used: Set<string>): string {
  for (;;) {
    const national = dial + String(rng.int(20, 99)) + String(rng.int(0, 999_999)).padStart(6, '0');
    const e164 = '+33' + national.slice(1);
    if (!used.has(e164)) {
      used.add(e164);
      return e164;
    }
  }
}

const mobile = (rng: Rng) => '+33' + rng.pick(['6', '7']) + String(rng.int(10_000_000, 99_999_999));

function slug(text: string) {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

interface SeededUser {
  id: string;
  kind: PoolKind | null;
  agencyCode: string | null;
  regionCode: string | null;
}

export interface DemoSummary {
  regions: number;
  agencies: number;
  users: number;
  accounts: number;
  contacts: number;
  interactions: number;
  deals: number;
  cases: number;
}

/** Builds the demo network in one transaction. Refuses if the database already has users. */
export async function seedDemo(db: Db, size: DemoSize = DEMO_SIZES.full): Promise<DemoSummary> {
  const existing = await db.selectFrom('users').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  if (existing.n > 0) throw new Error('The database already has users: the demo seed only runs on an empty database');
  const rng = prng(20040601);
  const ctx = { db, actor: SYSTEM, channel: 'seed' as const };
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  // Organisation.
  const regionIds = new Map<string, string>();
  const agencyIds = new Map<string, string>();
  const agencyRegion = new Map<string, string>();
  const pools = new Map<string, string>(); // `${kind}:${unitCode}` → pool id
  for (const region of N.REGIONS) {
    const regionId = await createRegion(ctx, { code: region.code, name: region.name });
    regionIds.set(region.code, regionId);
    for (const agency of region.agencies) {
      const agencyId = await createAgency(ctx, { code: agency.code, name: agency.name, city: agency.city, regionId });
      agencyIds.set(agency.code, agencyId);
      agencyRegion.set(agency.code, region.code);
      for (const kind of ['sales', 'sales_assistant', 'associate_seller'] as const) {
        const label = { sales: 'Commerciaux', sales_assistant: 'Assistantes commerciales', associate_seller: 'Vendeurs associés' }[kind];
        pools.set(`${kind}:${agency.code}`, await createPool(ctx, { kind, name: `${label} ${agency.name.replace('Agence ', '')}`, scope: 'agency', unitId: agencyId }));
      }
    }
    const short = region.name.replace('Direction régionale ', '');
    pools.set(`inbound:${region.code}`, await createPool(ctx, { kind: 'inbound', name: `Plateau d’accueil téléphonique ${short}`, scope: 'region', unitId: regionId }));
    pools.set(`back_office:${region.code}`, await createPool(ctx, { kind: 'back_office', name: `Back-office SAV ${short}`, scope: 'region', unitId: regionId }));
  }
  pools.set('telemarketing:FR', await createPool(ctx, { kind: 'telemarketing', name: 'Centre national de télémarketing', scope: 'nation' }));
  pools.set('marketing:FR', await createPool(ctx, { kind: 'marketing', name: 'Direction marketing', scope: 'nation' }));

  const users: SeededUser[] = [];
  const addUser = async (u: {
    email: string;
    name: string;
    roles: Role[];
    agencyCode?: string;
    poolKey?: string;
    kind?: PoolKind;
    manages?: Array<{ type: 'nation' | 'region' | 'agency'; code?: string }>;
    assignments?: Array<{ agencyCode: string; sharePct: number }>;
  }) => {
    const id = await createUser(
      ctx,
      {
        email: u.email,
        name: u.name,
        password: DEMO_PASSWORD,
        roles: u.roles,
        homeAgencyId: u.agencyCode ? agencyIds.get(u.agencyCode)! : null,
        memberships: u.poolKey ? [{ poolId: pools.get(u.poolKey)!, startsOn: '2024-01-01' }] : [],
        assignments: (u.assignments ?? []).map((a) => ({ agencyId: agencyIds.get(a.agencyCode)!, sharePct: a.sharePct, startsOn: '2024-01-01' })),
        managedUnits: (u.manages ?? []).map((m) => ({
          type: m.type,
          id: m.type === 'nation' ? null : m.type === 'region' ? regionIds.get(m.code!)! : agencyIds.get(m.code!)!,
        })),
      },
      { passwordHash },
    );
    const regionCode = u.agencyCode ? agencyRegion.get(u.agencyCode)! : (u.poolKey?.split(':')[1] ?? null);
    users.push({ id, kind: u.kind ?? null, agencyCode: u.agencyCode ?? null, regionCode: regionCode && regionIds.has(regionCode) ? regionCode : null });
    return id;
  };

  await addUser({ email: 'admin@demo.relais.fr', name: 'Alice Administratrice', roles: ['admin'], agencyCode: 'PAR-DEF' });
  await addUser({ email: 'directeur@demo.relais.fr', name: 'Bernard Directeur', roles: ['director'], manages: [{ type: 'nation' }] });
  await addUser({ email: 'directeur.idf@demo.relais.fr', name: 'Hélène Garnier', roles: ['director'], agencyCode: 'PAR-DEF', manages: [{ type: 'region', code: 'IDF' }] });
  await addUser({ email: 'directeur.ara@demo.relais.fr', name: 'Olivier Chevalier', roles: ['director'], agencyCode: 'LYO', manages: [{ type: 'region', code: 'ARA' }] });
  await addUser({ email: 'directeur.sud@demo.relais.fr', name: 'Nathalie Blanc', roles: ['director'], agencyCode: 'MRS', manages: [{ type: 'region', code: 'SUD' }] });
  await addUser({ email: 'commercial@demo.relais.fr', name: 'Julien Moreau', roles: ['agent'], agencyCode: 'PAR-DEF', poolKey: 'sales:PAR-DEF', kind: 'sales' });
  await addUser({ email: 'assistante@demo.relais.fr', name: 'Claire Fontaine', roles: ['agent'], agencyCode: 'PAR-DEF', poolKey: 'sales_assistant:PAR-DEF', kind: 'sales_assistant' });
  await addUser({ email: 'teleconseiller@demo.relais.fr', name: 'Inès Benali', roles: ['agent'], agencyCode: 'PAR-MTP', poolKey: 'inbound:IDF', kind: 'inbound' });
  await addUser({ email: 'televendeur@demo.relais.fr', name: 'Yann Le Gall', roles: ['agent'], poolKey: 'telemarketing:FR', kind: 'telemarketing' });
  await addUser({
    email: 'vendeur.associe@demo.relais.fr',
    name: 'Karim Haddad',
    roles: ['agent'],
    agencyCode: 'PAR-DEF',
    poolKey: 'associate_seller:PAR-DEF',
    kind: 'associate_seller',
    assignments: [
      { agencyCode: 'PAR-DEF', sharePct: 50 },
      { agencyCode: 'PAR-MTP', sharePct: 30 },
      { agencyCode: 'CRE', sharePct: 20 },
    ],
  });
  await addUser({ email: 'sav@demo.relais.fr', name: 'Sandrine Roux', roles: ['agent'], agencyCode: 'PAR-MTP', poolKey: 'back_office:IDF', kind: 'back_office' });
  await addUser({ email: 'marketing@demo.relais.fr', name: 'Laure Vidal', roles: ['agent'], poolKey: 'marketing:FR', kind: 'marketing' });

  const person = () => `${rng.pick(N.FIRST_NAMES)} ${rng.pick(N.LAST_NAMES)}`;
  const emailOf = (name: string) => `${slug(name).replace(/-/g, '.')}@demo.relais.fr`;
  const usedEmails = new Set([...DEMO_LOGINS.map((l) => l.email), QUIET_REP.email]);
  const uniquePerson = () => {
    for (;;) {
      const name = person();
      if (!usedEmails.has(emailOf(name))) {
        usedEmails.add(emailOf(name));
        return name;
      }
    }
  };
  let quietRepId: string | null = null;
  for (const region of N.REGIONS) {
    for (const agency of region.agencies) {
      if (agency.code === 'PAR-DEF') {
        await addUser({ email: 'manager.defense@demo.relais.fr', name: 'Marc Lemoine', roles: ['manager'], agencyCode: agency.code, manages: [{ type: 'agency', code: agency.code }] });
      } else {
        const name = uniquePerson();
        await addUser({ email: emailOf(name), name, roles: ['manager'], agencyCode: agency.code, manages: [{ type: 'agency', code: agency.code }] });
      }
      for (let i = agency.code === 'PAR-DEF' ? 1 : 0; i < 2; i++) {
        // The generated name is still drawn, so that everyone else's stays the same.
        const drawn = uniquePerson();
        const quiet = agency.code === QUIET_REP.agencyCode && !quietRepId;
        const name = quiet ? QUIET_REP.name : drawn;
        const id = await addUser({ email: quiet ? QUIET_REP.email : emailOf(name), name, roles: ['agent'], agencyCode: agency.code, poolKey: `sales:${agency.code}`, kind: 'sales' });
        if (quiet) quietRepId = id;
      }
    }
    if (region.code !== 'IDF') {
      for (const kind of ['inbound', 'back_office'] as const) {
        // The Lyon back office has a named login: the other end of the demo's transfers and contests.
        const named = region.code === 'ARA' && kind === 'back_office';
        const name = named ? 'Nathalie Girard' : uniquePerson();
        await addUser({ email: named ? 'sav.lyon@demo.relais.fr' : emailOf(name), name, roles: ['agent'], agencyCode: region.agencies[0].code, poolKey: `${kind}:${region.code}`, kind });
      }
      const name = uniquePerson();
      await addUser({ email: emailOf(name), name, roles: ['agent'], agencyCode: region.agencies[0].code, poolKey: `sales_assistant:${region.agencies[0].code}`, kind: 'sales_assistant' });
    }
  }
  for (const kind of ['telemarketing', 'marketing'] as const) {
    const name = uniquePerson();
    await addUser({ email: emailOf(name), name, roles: ['agent'], poolKey: `${kind}:FR`, kind });
  }

  // Accounts, contacts, interactions: bulk rows with their trace, as history.
  const now = await transactionTime(db);
  const DAY = 86_400_000;
  const usedSirens = new Set<string>();
  const usedPhones = new Set<string>([SHOWCASE.phone]);
  const agencies = N.REGIONS.flatMap((r) => r.agencies.map((a) => ({ ...a, region: r.code })));
  const repsOf = (agencyCode: string) => users.filter((u) => u.kind === 'sales' && u.agencyCode === agencyCode);
  const ofKindInRegion = (kind: PoolKind, regionCode: string) => users.filter((u) => u.kind === kind && (u.regionCode === regionCode || u.regionCode === null));

  type AccountRow = Parameters<typeof insertAccounts>[1][number];
  const accountRows: AccountRow[] = [];
  const contactRows: Parameters<typeof insertContacts>[1] = [];
  const events: BatchEvent[] = [];
  const contactsByAccount = new Map<string, Array<{ id: string }>>();

  for (let i = 0; i < size.accounts; i++) {
    const agency = i === 0 ? agencies[0]! : agencies[i % agencies.length]!;
    const segment: Segment = i === 0 ? 'key' : rng.chance(0.1) ? 'key' : rng.chance(0.33) ? 'intermediate' : 'mass';
    const sectorDef = rng.pick(N.SECTORS);
    const [town, postal] = rng.pick(N.TOWNS[agency.code]!);
    const founder = rng.pick(N.LAST_NAMES);
    const name =
      i === 0
        ? SHOWCASE.name
        : rng.chance(0.5)
          ? `${rng.pick(sectorDef.words)} ${founder}${rng.chance(0.3) ? ' & Fils' : ''} ${rng.pick(N.LEGAL_FORMS)}`.trim()
          : `${rng.pick(sectorDef.words)} ${rng.pick(N.NAME_TAILS[agency.region]!)} ${rng.pick(N.LEGAL_FORMS)}`.trim();
    const siren = i === 0 || rng.chance(0.92) ? sirenFor(rng, usedSirens) : null;
    const reps = repsOf(agency.code);
    const owner = i === 0 ? users.find((u) => u.kind === 'sales' && u.agencyCode === 'PAR-DEF')! : segment !== 'mass' || rng.chance(0.5) ? rng.pick(reps) : null;
    const phones = i === 0 ? [SHOWCASE.phone] : rng.chance(0.95) ? [landline(rng, agency.dial, usedPhones)] : [];
    const domain = `${slug(name).slice(0, 24)}.fr`;
    const createdAt = businessMoment(rng, now, rng.int(380, 900));
    const row = {
      id: uuidv7({ msecs: createdAt.getTime() }),
      name,
      siren,
      siret: siren && (segment === 'key' || rng.chance(0.5)) ? siretFor(rng, siren) : null,
      segment,
      sector: rng.chance(0.9) ? sectorDef.sector : null,
      size_band: segment === 'key' ? rng.pick(['250-999', '1000+']) : segment === 'intermediate' ? rng.pick(['10-49', '50-249']) : rng.chance(0.7) ? '1-9' : null,
      revenue_cents: segment === 'key' || rng.chance(0.3) ? String(rng.int(5, 5000) * 100_000_00) : null,
      address_line: rng.chance(0.93) ? `${rng.int(1, 180)} ${rng.pick(N.STREETS)}` : null,
      postal_code: postal,
      city: town,
      phones,
      emails: rng.chance(0.75) ? [rng.chance(0.5) ? `contact@${domain}` : `accueil@${domain}`] : [],
      owner_id: owner?.id ?? null,
      agency_id: agencyIds.get(agency.code)!,
      region_id: regionIds.get(agency.region)!,
      status: (i === 0 ? 'customer' : rng.chance(0.6) ? 'customer' : rng.chance(0.75) ? 'prospect' : 'former') as 'customer' | 'prospect' | 'former',
      created_at: createdAt,
    };
    accountRows.push(row);
    events.push({
      stream: accountStream(row.id),
      action: 'account.created',
      actorId: owner?.id ?? null,
      recordedAt: createdAt,
      payload: { name: row.name, siren: row.siren, siret: row.siret, segment, city: town, agencyId: row.agency_id, ownerId: row.owner_id, channel: 'seed' },
    });

    const contactCount = i === 0 ? 2 : Math.max(0, Math.round(size.contactsPerAccount + (rng.next() - 0.5) * 2));
    const contacts: Array<{ id: string }> = [];
    for (let c = 0; c < contactCount; c++) {
      const first = i === 0 && c === 0 ? 'Sophie' : rng.pick(N.FIRST_NAMES);
      const last = i === 0 && c === 0 ? 'Martin' : rng.pick(N.LAST_NAMES);
      const at = new Date(Math.max(businessMoment(rng, createdAt, -rng.int(0, 30)).getTime(), createdAt.getTime() + 60_000));
      const contact = {
        id: uuidv7({ msecs: at.getTime() }),
        account_id: row.id,
        first_name: first,
        last_name: last,
        job_title: i === 0 && c === 0 ? 'Directrice générale' : rng.pick(N.JOB_TITLES),
        phones: i === 0 && c === 0 ? [SHOWCASE.contactPhone] : rng.chance(0.8) ? [mobile(rng)] : [],
        emails: i === 0 && c === 0 ? [SHOWCASE.contactEmail] : rng.chance(0.8) ? [`${slug(first)}.${slug(last)}@${domain}`] : [],
        decision_maker: c === 0 && (i === 0 || rng.chance(0.6)),
        consent_call: rng.chance(0.9),
        consent_mail: rng.chance(0.8),
        created_at: at,
      };
      contactRows.push(contact);
      contacts.push({ id: contact.id });
      events.push({
        stream: accountStream(row.id),
        action: 'contact.created',
        actorId: owner?.id ?? null,
        recordedAt: at,
        payload: { contactId: contact.id, firstName: first, lastName: last, jobTitle: contact.job_title, decisionMaker: contact.decision_maker },
      });
    }
    contactsByAccount.set(row.id, contacts);
  }

  // Interactions: key accounts are contacted more; actors fit the channel.
  const weights = accountRows.map((a) => (a.segment === 'key' ? 5 : a.segment === 'intermediate' ? 2 : 1));
  const totalWeight = weights.reduce((s, w) => s + w, 0);
  const interactionRows: Parameters<typeof insertInteractions>[1] = [];
  const channels: Channel[] = ['phone_in', 'phone_out', 'email_in', 'email_out', 'visit', 'web', 'mail', 'chat', 'hotline'];
  const channelWeights = [25, 18, 15, 14, 10, 5, 3, 4, 6];
  const pickChannel = () => {
    let r = rng.int(1, 100);
    for (let c = 0; c < channels.length; c++) {
      r -= channelWeights[c]!;
      if (r <= 0) return channels[c]!;
    }
    return 'phone_in';
  };
  for (let a = 0; a < accountRows.length; a++) {
    const account = accountRows[a]!;
    const count = a === 0 ? 14 : Math.round((size.interactions * weights[a]!) / totalWeight);
    const region = agencies.find((g) => agencyIds.get(g.code) === account.agency_id)!.region;
    const agencyCode = agencies.find((g) => agencyIds.get(g.code) === account.agency_id)!.code;
    const contacts = contactsByAccount.get(account.id)!;
    for (let k = 0; k < count; k++) {
      const channel = pickChannel();
      const candidates =
        channel === 'visit' || channel === 'email_out'
          ? repsOf(agencyCode)
          : channel === 'phone_out'
            ? [...repsOf(agencyCode), ...ofKindInRegion('telemarketing', region), ...ofKindInRegion('associate_seller', region)]
            : channel === 'hotline' || channel === 'mail'
              ? ofKindInRegion('back_office', region)
              : ofKindInRegion('inbound', region);
      const owner = account.owner_id ? users.find((u) => u.id === account.owner_id) : undefined;
      const actor = channel === 'visit' && owner ? owner : rng.pick(candidates.length ? candidates : repsOf(agencyCode));
      const occurredAt = businessMoment(rng, now, rng.int(1, 365));
      // Most entries are logged at once; some are written up days later (claimed time ≠ recorded time).
      const recordedAt = new Date(occurredAt.getTime() + (rng.chance(0.08) ? rng.int(1, 3) * DAY : rng.int(1, 20) * 60_000));
      if (recordedAt > now) continue;
      const interaction = {
        id: uuidv7({ msecs: recordedAt.getTime() }),
        account_id: account.id,
        contact_id: contacts.length && rng.chance(0.8) ? rng.pick(contacts).id : null,
        channel,
        actor_id: actor.id,
        subject: rng.pick(N.SUBJECTS[channel]!),
        notes: rng.chance(0.6) ? 'Échange cordial. Le client souhaite être recontacté avec une proposition chiffrée.' : '',
        outcome: rng.pick(N.OUTCOMES),
        occurred_at: occurredAt,
        recorded_at: recordedAt,
      };
      // The quiet rep logged nothing these last two weeks (drawn all the same, so that the rest stays as it was).
      if (actor.id === quietRepId && occurredAt.getTime() > now.getTime() - QUIET_REP.quietDays * DAY) continue;
      interactionRows.push(interaction);
      events.push({
        stream: accountStream(account.id),
        action: 'interaction.logged',
        actorId: actor.id,
        recordedAt,
        payload: { interactionId: interaction.id, channel, subject: interaction.subject, occurredAt: occurredAt.toISOString() },
      });
    }
  }

  // The catalog and the national routing rule, written by the administrator.
  const admin = users[0]!;
  const adminCtx = { ...ctx, actor: { ...SYSTEM, userId: admin.id, name: 'Alice Administratrice' } };
  const productIds: string[] = [];
  for (const p of DEMO_PRODUCTS) productIds.push(await createProduct(adminCtx, { ...p, active: true }));
  await setRoutingRule(adminCtx, { agencyId: null, config: DEFAULT_ROUTING_CONFIG });

  const names = new Map<string, string>();
  for (const u of await db.selectFrom('users').select(['id', 'name']).execute()) names.set(u.id, u.name);
  const relayers = users
    .filter((u) => u.kind === 'inbound' || u.kind === 'telemarketing' || u.kind === 'associate_seller' || u.kind === 'marketing')
    .map((u) => ({ id: u.id, source: u.kind === 'inbound' ? ('phone_in' as const) : u.kind === 'marketing' ? ('marketing' as const) : ('phone_out' as const) }));
  // The credit showcase: the associate seller relayed a complex lead on the rep's account three days ago.
  const byEmail = async (email: string) => (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
  const julien = await byEmail('commercial@demo.relais.fr');
  const karim = await byEmail('vendeur.associe@demo.relais.fr');
  const productsBy = (complexity: 'basic' | 'complex') => productIds.filter((_, i) => DEMO_PRODUCTS[i]!.complexity === complexity);
  const leads = demoLeads({
    rng,
    now,
    accounts: accountRows,
    contactsOf: (id) => contactsByAccount.get(id) ?? [],
    relayers,
    userName: (id) => names.get(id) ?? '',
    productIds,
    count: Math.round(size.accounts / 10),
    showcaseAccountId: accountRows[0]!.id,
    showcaseRelay: {
      // An account of his nobody relays anything else on, so this relay is the first initiative.
      account: accountRows.filter((a) => a.owner_id === julien).at(-1)!,
      relayer: { id: karim, source: 'phone_out' },
      productId: productsBy('complex')[0]!,
    },
  });
  events.push(...leads.events);

  await insertAccounts(db, accountRows, contactRows);
  await insertContacts(db, contactRows);
  await insertInteractions(db, interactionRows);
  await insertLeads(db, leads.rows);
  // Each stream's chain runs in time order.
  events.sort((x, y) => (x.stream < y.stream ? -1 : x.stream > y.stream ? 1 : x.recordedAt!.getTime() - y.recordedAt!.getTime()));
  await appendTraceBatch(db, events);
  // Deadlines that passed while the history was written: offered to pools, marked late, as the sweep would.
  await sweepLeads(db, now);

  // Deals and credits, through the commands: the pipeline boards, "Mes crédits" and a dispute to arbitrate.
  const reps = users.filter((u) => u.kind === 'sales').map((u) => ({ id: u.id, accountIds: accountRows.filter((a) => a.owner_id === u.id).map((a) => a.id) }));
  const dealSummary = await seedDemoDeals(db, {
    rng,
    reps,
    productIds: { basic: productsBy('basic'), complex: productsBy('complex') },
    showcase: { leadId: leads.showcaseLeadId, relayerId: karim },
    dealsPerRep: size.accounts >= 1000 ? 6 : 2,
  });

  // Cases through the commands: every back office's queue, a transfer between regions, a contest to rule on.
  const regionOfAgency = new Map([...agencyIds].map(([code, id]) => [id, agencyRegion.get(code)!]));
  const lyonManager = await db
    .selectFrom('managed_units')
    .select('user_id')
    .where('unit_type', '=', 'agency')
    .where('unit_id', '=', agencyIds.get('LYO')!)
    .executeTakeFirstOrThrow();
  const caseSummary = await seedDemoCases(db, {
    rng,
    regions: N.REGIONS.map((r) => ({
      advisorId: users.find((u) => u.kind === 'inbound' && u.regionCode === r.code)!.id,
      accountIds: accountRows.filter((a) => regionOfAgency.get(a.agency_id) === r.code).map((a) => a.id),
    })),
    perRegion: size.accounts >= 1000 ? 25 : 5,
    fallbackId: admin.id,
    showcase: {
      accountId: accountRows[0]!.id,
      advisorId: await byEmail('teleconseiller@demo.relais.fr'),
      responsibleAgencyId: agencyIds.get('LYO')!,
      contesterId: lyonManager.user_id,
      transferToPoolId: pools.get('back_office:ARA')!,
    },
  });

  return {
    regions: regionIds.size,
    agencies: agencyIds.size,
    users: users.length,
    accounts: accountRows.length,
    contacts: contactRows.length,
    interactions: interactionRows.length,
    deals: dealSummary.deals,
    cases: caseSummary.cases,
  };
}

async function insertAccounts(
  db: Db,
  rows: Array<{
    id: string;
    name: string;
    siren: string | null;
    siret: string | null;
    segment: Segment;
    sector: string | null;
    size_band: string | null;
    revenue_cents: string | null;
    address_line: string | null;
    postal_code: string;
    city: string;
    phones: string[];
    emails: string[];
    owner_id: string | null;
    agency_id: string;
    region_id: string;
    status: 'customer' | 'prospect' | 'former';
    created_at: Date;
  }>,
  contacts: Array<{ account_id: string; decision_maker: boolean }>,
) {
  const stats = new Map<string, { contactCount: number; hasDecisionMaker: boolean }>();
  for (const c of contacts) {
    const s = stats.get(c.account_id) ?? { contactCount: 0, hasDecisionMaker: false };
    s.contactCount++;
    s.hasDecisionMaker ||= c.decision_maker;
    stats.set(c.account_id, s);
  }
  const values = rows.map((r) => {
    const facts = stats.get(r.id) ?? { contactCount: 0, hasDecisionMaker: false };
    const { score } = completeness({
      segment: r.segment,
      name: r.name,
      siren: r.siren,
      siret: r.siret,
      sector: r.sector,
      sizeBand: r.size_band,
      revenueCents: r.revenue_cents === null ? null : Number(r.revenue_cents),
      addressLine: r.address_line,
      postalCode: r.postal_code,
      city: r.city,
      phones: r.phones,
      emails: r.emails,
      ownerId: r.owner_id,
      ...facts,
    });
    const provenance = { by: r.owner_id, byName: 'Reprise des données', channel: 'seed', at: r.created_at.toISOString() };
    return {
      ...r,
      phone_search: r.phones.map(phoneSearchDigits).join(' '),
      completeness: score,
      field_provenance: JSON.stringify({ name: provenance, siren: provenance, phones: provenance }),
      created_by: r.owner_id,
      updated_at: r.created_at,
    };
  });
  for (let i = 0; i < values.length; i += 500) await db.insertInto('accounts').values(values.slice(i, i + 500)).execute();
}

async function insertContacts(
  db: Db,
  rows: Array<Omit<Insertable<ContactTable>, 'phone_search' | 'updated_at'> & { phones: string[]; created_at: Date }>,
) {
  const values = rows.map((r) => ({ ...r, phone_search: r.phones.map(phoneSearchDigits).join(' '), updated_at: r.created_at }));
  for (let i = 0; i < values.length; i += 500) await db.insertInto('contacts').values(values.slice(i, i + 500)).execute();
}

async function insertInteractions(
  db: Db,
  rows: Insertable<InteractionTable>[],
) {
  for (let i = 0; i < rows.length; i += 1000) await db.insertInto('interactions').values(rows.slice(i, i + 1000)).execute();
}
