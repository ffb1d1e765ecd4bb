import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDb } from '../../../test/support/db.ts';
import { signedIn, testServer } from '../../../test/support/server.ts';
import { buildAccount, buildContact, buildRep, buildUser } from '../../../test/support/factories.ts';
import { verifyTrace } from './verify.ts';
import { streamTrace } from './queries.ts';

beforeAll(async () => {
  await testServer();
});

async function contactWithHistory() {
  const rep = await buildRep();
  const account = await buildAccount({ agencyId: rep.agencyId, ownerId: rep.id });
  const contact = await buildContact({ accountId: account.id, phones: ['+33612121212'], emails: ['jeanne.doe@example.fr'] });
  return { rep, account, contact, stream: `account:${account.id}` };
}

describe('GDPR erasure of a contact', () => {
  it('erases the personal data in the record and the trace, traces the erasure, and the chain still verifies', async () => {
    const { account, contact, stream } = await contactWithHistory();
    const admin = await buildUser({ roles: ['admin'] });
    const client = await signedIn(admin.email);
    const reply = await client.post<{ lastName: string; phones: string[]; emails: string[] }>(`/api/contacts/${contact.id}/erase`, { reason: 'Demande RGPD n° 2026-118' });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ lastName: 'Personne effacée', phones: [], emails: [] });

    const db = await testDb();
    const events = await db.selectFrom('trace_events').selectAll().where('stream', '=', stream).orderBy('seq').execute();
    const created = events.find((e) => e.action === 'contact.created')!;
    expect(created.payload).toMatchObject({ erased: true });
    expect(JSON.stringify(created.payload)).not.toContain('jeanne.doe');
    expect(events.map((e) => e.action)).toEqual(['account.created', 'contact.created', 'trace.erased', 'contact.erased']);
    expect(events.find((e) => e.action === 'trace.erased')!.payload).toMatchObject({ seqs: [created.seq], reason: 'Demande RGPD n° 2026-118' });

    const trace = await streamTrace(db, stream);
    expect(trace.verified).toBe(true);
    expect((await verifyTrace(db)).ok).toBe(true);
    const lookup = await client.get<{ contacts: unknown[] }>('/api/lookup/phone/0612121212');
    expect(lookup.body.contacts.filter((c) => (c as { accountId: string }).accountId === account.id)).toHaveLength(0);
  });

  it('is refused to anyone but an administrator, with a reason required', async () => {
    const { rep, contact } = await contactWithHistory();
    const client = await signedIn(rep.email);
    expect((await client.post(`/api/contacts/${contact.id}/erase`, { reason: 'je veux' })).status).toBe(403);
    const admin = await signedIn((await buildUser({ roles: ['admin'] })).email);
    const noReason = await admin.post(`/api/contacts/${contact.id}/erase`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body).toMatchObject({ field: 'reason' });
  });

  it('catches a payload replaced by an erasure marker without a traced erasure', async () => {
    const { stream } = await contactWithHistory();
    const db = await testDb();
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`SELECT set_config('relais.erasing', 'on', true)`.execute(trx);
        await sql`UPDATE trace_events SET payload = '{"erased": true}'::jsonb WHERE stream = ${stream} AND seq = 2`.execute(trx);
        const report = await verifyTrace(trx);
        expect(report.ok).toBe(false);
        expect(report.broken).toMatchObject({ stream, seq: 2, reason: 'payload erased without a traced erasure' });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
  });

  it('still refuses any other change, even while erasing', async () => {
    const { stream } = await contactWithHistory();
    const db = await testDb();
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`SELECT set_config('relais.erasing', 'on', true)`.execute(trx);
        await sql`UPDATE trace_events SET payload = '{"erased": true}'::jsonb, hash = 'forged' WHERE stream = ${stream} AND seq = 2`.execute(trx);
      }),
    ).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('trace_events').where('stream', '=', stream).execute()).rejects.toThrow(/append-only/);
  });
});
