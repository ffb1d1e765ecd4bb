import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, ApiClient, testServer } from '../../../test/support/server.ts';
import { testDatabase, testDb } from '../../../test/support/db.ts';
import { buildAccount, newPhone, newSiren, unique } from '../../../test/support/factories.ts';
import { agencyCode, buildLeadWorld, buildProduct, type LeadWorld } from '../../../test/support/lead-factories.ts';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';

beforeAll(async () => {
  await testServer();
});

async function accountsWithSiren(siren: string) {
  const db = await testDb();
  return db.selectFrom('accounts').selectAll().where('siren', '=', siren).execute();
}

async function leadsOf(accountId: string) {
  const db = await testDb();
  return db.selectFrom('leads').selectAll().where('account_id', '=', accountId).orderBy('created_at').execute();
}

async function actions(accountId: string) {
  const db = await testDb();
  const rows = await db.selectFrom('trace_events').select(['action', 'actor_id', 'payload']).where('stream', '=', `account:${accountId}`).orderBy('seq').execute();
  return rows;
}

function form(world: { code: string; productCode: string }, over: Record<string, unknown> = {}) {
  const email = `${unique('contact').toLowerCase()}@client.example`;
  return {
    agencyCode: world.code,
    company: { name: unique('Boulangerie'), siren: newSiren(), phone: newPhone(), city: 'Lyon', postalCode: '69003' },
    contact: { firstName: 'Léa', lastName: unique('Martin'), email, phone: '06 12 34 56 78' },
    productCode: world.productCode,
    need: 'Une ligne fixe et internet pour la boutique',
    ...over,
  };
}

describe('POST /api/public/leads', () => {
  let world: LeadWorld;
  let code: string;
  beforeAll(async () => {
    // One rep in the agency's sales pool: every prospect's lead goes to them.
    world = await buildLeadWorld({ reps: 1 });
    code = await agencyCode(world.agencyId);
  });

  it('creates a prospect flagged for duplicate review, its contact and a routed lead, without a session', async () => {
    const anon = await anonymous();
    const body = form({ code: code.toLowerCase(), productCode: world.product.code.toLowerCase() });
    const reply = await anon.post('/api/public/leads', body);
    expect(reply.status).toBe(202);
    expect(reply.body).toEqual({ received: true });

    const [account, ...more] = await accountsWithSiren(body.company.siren);
    expect(more).toHaveLength(0);
    expect(account).toMatchObject({ name: body.company.name, status: 'prospect', duplicate_review: true, agency_id: world.agencyId, owner_id: null, segment: 'mass' });
    expect(account!.phones).toEqual([body.company.phone]);

    const db = await testDb();
    const contacts = await db.selectFrom('contacts').selectAll().where('account_id', '=', account!.id).execute();
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toMatchObject({ first_name: 'Léa', last_name: body.contact.lastName, emails: [body.contact.email], phones: ['+33612345678'] });

    const leads = await leadsOf(account!.id);
    expect(leads).toHaveLength(1);
    expect(leads[0]).toMatchObject({
      source: 'web_form',
      initiator_id: null,
      contact_id: contacts[0]!.id,
      product_id: world.product.id,
      need: body.need,
      status: 'new',
      assignee_id: world.reps[0]!.id,
      agency_id: world.agencyId,
    });
    expect(leads[0]!.routing).toMatchObject({ code: 'no_owner_pool' });

    const trace = await actions(account!.id);
    expect(trace.map((e) => e.action)).toEqual(['account.created', 'contact.created', 'lead.relayed']);
    expect(trace[2]!.actor_id).toBeNull();
    expect(trace[2]!.payload).toMatchObject({ leadId: leads[0]!.id, source: 'web_form', assigneeId: world.reps[0]!.id });

    const notes = await db.selectFrom('notifications').selectAll().where('lead_id', '=', leads[0]!.id).execute();
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ user_id: world.reps[0]!.id, kind: 'lead.assigned' });
    expect(notes[0]!.text).toContain('the web form');
  });

  it('finds a known company by SIREN: no new account, the lead goes to its owner', async () => {
    const siren = newSiren();
    const owner = world.reps[0]!;
    const known = await buildAccount({ agencyId: world.agencyId, ownerId: owner.id, siren });
    const body = form({ code, productCode: world.product.code });
    body.company = { ...body.company, siren, name: unique('Autre nom') };
    const reply = await (await anonymous()).post('/api/public/leads', body);
    expect(reply.status).toBe(202);
    const accounts = await accountsWithSiren(siren);
    expect(accounts.map((a) => a.id)).toEqual([known.id]);
    expect(accounts[0]!.duplicate_review).toBe(false);
    const leads = await leadsOf(known.id);
    expect(leads).toHaveLength(1);
    expect(leads[0]).toMatchObject({ assignee_id: owner.id, source: 'web_form', initiator_id: null });
    expect(leads[0]!.routing).toMatchObject({ code: 'owner' });

    // The same person writing again is the same contact; the second lead is kept (a web form does not stop at the duplicate warning).
    const again = await (await anonymous()).post('/api/public/leads', { ...body, need: 'Et aussi la téléphonie mobile' });
    expect(again.status).toBe(202);
    const db = await testDb();
    expect(await db.selectFrom('contacts').select('id').where('account_id', '=', known.id).execute()).toHaveLength(1);
    expect(await leadsOf(known.id)).toHaveLength(2);
  });

  it('finds a known company by phone when no SIREN is given', async () => {
    const phone = newPhone();
    const known = await buildAccount({ agencyId: world.agencyId, phones: [phone] });
    const body = form({ code, productCode: world.product.code });
    body.company = { name: unique('Sans siren'), phone: phone.replace('+33', '0'), city: 'Lyon', postalCode: '69003' } as typeof body.company;
    const reply = await (await anonymous()).post('/api/public/leads', body);
    expect(reply.status).toBe(202);
    const db = await testDb();
    expect(await db.selectFrom('accounts').select('id').where('name', '=', body.company.name).execute()).toEqual([]);
    expect(await leadsOf(known.id)).toHaveLength(1);
  });

  it('answers a filled honeypot like any submission but keeps nothing', async () => {
    const body = form({ code, productCode: world.product.code }, { website: 'http://spam.example' });
    const reply = await (await anonymous()).post('/api/public/leads', body);
    expect(reply.status).toBe(202);
    expect(reply.body).toEqual({ received: true });
    expect(await accountsWithSiren(body.company.siren)).toEqual([]);
    const db = await testDb();
    expect(await db.selectFrom('contacts').select('id').where('last_name', '=', body.contact.lastName).execute()).toEqual([]);
  });

  it('refuses an unknown agency or product (422 naming the field) and a bad phone (400), creating nothing', async () => {
    const anon = await anonymous();
    const noAgency = form({ code: 'ZZ-NOPE-00', productCode: world.product.code });
    const r1 = await anon.post('/api/public/leads', noAgency);
    expect(r1.status).toBe(422);
    expect(r1.body).toMatchObject({ code: 'agency.unknown', field: 'agencyCode' });
    expect(await accountsWithSiren(noAgency.company.siren)).toEqual([]);

    const noProduct = form({ code, productCode: 'NO-SUCH-PRODUCT' });
    const r2 = await anon.post('/api/public/leads', noProduct);
    expect(r2.status).toBe(422);
    expect(r2.body).toMatchObject({ code: 'product.unknown', field: 'productCode' });
    expect(await accountsWithSiren(noProduct.company.siren)).toEqual([]);

    // A product no longer sold is unknown to the public form.
    const retired = await buildProduct({ active: false });
    const r3 = await anon.post('/api/public/leads', form({ code, productCode: retired.code }));
    expect(r3.status).toBe(422);
    expect(r3.body).toMatchObject({ code: 'product.unknown', field: 'productCode' });

    const badPhone = form({ code, productCode: world.product.code });
    badPhone.company.phone = '12';
    const r4 = await anon.post('/api/public/leads', badPhone);
    expect(r4.status).toBe(400);
    expect(r4.body).toMatchObject({ code: 'phone.invalid', field: 'company.phone' });
    const badContactPhone = form({ code, productCode: world.product.code });
    badContactPhone.contact.phone = 'pas un numéro';
    const r5 = await anon.post('/api/public/leads', badContactPhone);
    expect(r5.status).toBe(400);
    expect(r5.body).toMatchObject({ code: 'phone.invalid', field: 'contact.phone' });
    expect(await accountsWithSiren(badPhone.company.siren)).toEqual([]);

    const noNeed = form({ code, productCode: world.product.code }, { need: '' });
    const r6 = await anon.post('/api/public/leads', noNeed);
    expect(r6.status).toBe(400);
    expect(r6.body).toMatchObject({ field: 'need' });
  });

  describe('rate limit', () => {
    let app: Awaited<ReturnType<typeof buildApp>> | null = null;
    afterAll(async () => {
      await app?.close();
    });

    it('answers 429 once an address has sent its quota of forms for the minute', async () => {
      const database = await testDatabase();
      const config = { ...loadConfig({}), publicFormPerMinute: 2, rateLimitPerMinute: 100_000 };
      app = await buildApp({ db: database.db, engine: database.engine, config });
      const url = await app.listen({ port: 0, host: '127.0.0.1' });
      const client = new ApiClient(url);
      const bodies = [0, 1, 2].map(() => form({ code, productCode: world.product.code }));
      expect((await client.post('/api/public/leads', bodies[0])).status).toBe(202);
      expect((await client.post('/api/public/leads', bodies[1])).status).toBe(202);
      const third = await client.post('/api/public/leads', bodies[2]);
      expect(third.status).toBe(429);
      expect(third.body).toMatchObject({ code: 'rate_limited' });
      expect(await accountsWithSiren(bodies[2]!.company.siren)).toEqual([]);
      expect(await accountsWithSiren(bodies[1]!.company.siren)).toHaveLength(1);
      // Other routes keep the API's default budget.
      expect((await client.get('/api/health')).status).toBe(200);
    });
  });
});
