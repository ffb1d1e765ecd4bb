import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ApiClient, anonymous, signedIn, testServer } from '../../../test/support/server.ts';
import { buildAccount, buildRep, buildUser, newSiren, TEST_PASSWORD, unique } from '../../../test/support/factories.ts';
import { testDatabase, testDb } from '../../../test/support/db.ts';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { hashSecret, SESSION_COOKIE } from './session.ts';

// Starting the worker's database and server can take a while on a loaded machine: do it under the hook timeout.
beforeAll(async () => {
  await testServer();
});

async function traceActions(stream: string) {
  const db = await testDb();
  const rows = await db.selectFrom('trace_events').select(['action', 'actor_id', 'payload']).where('stream', '=', stream).orderBy('seq').execute();
  return rows;
}

/** The raw session token inside the client's cookie header ("relais_session=<token>"). */
const sessionToken = (client: ApiClient) => client.cookie!.slice(`${SESSION_COOKIE}=`.length);

describe('POST /api/session (sign-in)', () => {
  it('refuses a wrong password with 401 auth.bad_credentials and traces the refusal on the user', async () => {
    const user = await buildUser();
    const client = await anonymous();
    const reply = await client.post('/api/session', { email: user.email, password: 'not-the-password' });
    expect(reply.status).toBe(401);
    expect(reply.body).toMatchObject({ code: 'auth.bad_credentials' });
    expect(reply.headers.get('set-cookie')).toBeNull();
    const events = await traceActions(`user:${user.id}`);
    expect(events.map((e) => e.action)).toContain('session.refused');
    expect(events.map((e) => e.action)).not.toContain('session.opened');
  });

  it('refuses an unknown email with the same 401 code', async () => {
    const client = await anonymous();
    const reply = await client.post('/api/session', { email: `${unique('nobody').toLowerCase()}@test.relais.fr`, password: TEST_PASSWORD });
    expect(reply.status).toBe(401);
    expect(reply.body).toMatchObject({ code: 'auth.bad_credentials' });
  });

  it('rejects a malformed email with 400 naming the field', async () => {
    const client = await anonymous();
    const reply = await client.post('/api/session', { email: 'not-an-email', password: TEST_PASSWORD });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ field: 'email' });
    const empty = await client.post('/api/session', { email: 'someone@test.relais.fr', password: '' });
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ field: 'password' });
  });

  it('sets an httpOnly SameSite=Lax cookie, returns the user and a CSRF token that GET /api/session repeats', async () => {
    const rep = await buildRep();
    const client = await anonymous();
    const reply = await client.post<{ user: { id: string; email: string; poolKinds: string[]; abilities: Record<string, boolean> }; csrfToken: string }>(
      '/api/session',
      { email: rep.email.toUpperCase(), password: TEST_PASSWORD },
    );
    expect(reply.status).toBe(200);
    const setCookie = reply.headers.get('set-cookie')!;
    expect(setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[^;]+`));
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Path=\//i);
    expect(reply.body.user).toMatchObject({ id: rep.id, email: rep.email, poolKinds: ['sales'], abilities: { manageOrganisation: false, exploreTrace: false } });
    expect(reply.body.csrfToken).toEqual(expect.any(String));
    expect(reply.body.csrfToken.length).toBeGreaterThan(16);

    const again = await client.get<{ user: { id: string }; csrfToken: string }>('/api/session');
    expect(again.status).toBe(200);
    expect(again.body.user.id).toBe(rep.id);
    expect(again.body.csrfToken).toBe(reply.body.csrfToken);

    const events = await traceActions(`user:${rep.id}`);
    expect(events.filter((e) => e.action === 'session.opened')).toHaveLength(1);
    // The token itself is never stored: only its hash.
    const db = await testDb();
    const stored = await db.selectFrom('sessions').select('token_hash').where('user_id', '=', rep.id).execute();
    expect(stored.map((s) => s.token_hash)).toEqual([hashSecret(sessionToken(client))]);
  });

  it('GET /api/session without a cookie is 401 auth.required', async () => {
    const reply = await (await anonymous()).get('/api/session');
    expect(reply.status).toBe(401);
    expect(reply.body).toMatchObject({ code: 'auth.required' });
  });
});

describe('CSRF', () => {
  it('refuses a mutation without or with a wrong x-csrf-token (403 auth.csrf), accepts it with the right one', async () => {
    const rep = await buildRep();
    const client = await signedIn(rep.email);
    const body = { name: unique('Csrf'), segment: 'mass', agencyId: rep.agencyId, siren: newSiren() };

    const token = client.csrfToken;
    client.csrfToken = null;
    const without = await client.post('/api/accounts', body);
    expect(without.status).toBe(403);
    expect(without.body).toMatchObject({ code: 'auth.csrf', field: 'x-csrf-token' });

    client.csrfToken = token;
    const wrong = await client.request('POST', '/api/accounts', body, { 'x-csrf-token': token!.slice(0, -2) + 'xx' });
    expect(wrong.status).toBe(403);
    expect(wrong.body).toMatchObject({ code: 'auth.csrf' });

    const signOutWithout = await client.request('DELETE', '/api/session', undefined, { 'x-csrf-token': '' });
    expect(signOutWithout.status).toBe(403);

    const ok = await client.post('/api/accounts', body);
    expect(ok.status).toBe(201);
  });
});

describe('DELETE /api/session (sign-out)', () => {
  it('closes the session: the old cookie no longer works, and the sign-out is traced', async () => {
    const rep = await buildRep();
    const client = await signedIn(rep.email);
    const oldCookie = client.cookie!;
    const reply = await client.delete('/api/session');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ ok: true });
    expect(reply.headers.get('set-cookie')).toMatch(new RegExp(`^${SESSION_COOKIE}=;`));

    const replay = new ApiClient(client.baseUrl);
    replay.cookie = oldCookie;
    const after = await replay.get('/api/session');
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({ code: 'auth.session_expired' });
    expect((await replay.get(`/api/accounts?agencyId=${rep.agencyId}`)).status).toBe(401);

    const events = await traceActions(`user:${rep.id}`);
    expect(events.map((e) => e.action)).toEqual(['user.created', 'session.opened', 'session.closed']);
    expect(events[2]!.actor_id).toBe(rep.id);
  });
});

describe('requests that arrive together', () => {
  it('each is answered as its own session: different people, a closed session refused, a wrong CSRF token refused', async () => {
    const people = [await buildRep(), await buildRep(), await buildRep()];
    const clients = await Promise.all(people.map((p) => signedIn(p.email)));
    const closed = await signedIn((await buildRep()).email);
    const closedCookie = closed.cookie!;
    expect((await closed.delete('/api/session')).status).toBe(200);
    const replay = new ApiClient(closed.baseUrl);
    replay.cookie = closedCookie;
    const forged = new ApiClient(clients[0]!.baseUrl);
    forged.cookie = clients[0]!.cookie;
    forged.csrfToken = 'not-the-token';

    // Several rounds at once, so that some go in the same read of sessions.
    const asked = Array.from({ length: 4 }, () => [...clients, replay]).flat();
    const [replies, refusedWrite] = await Promise.all([Promise.all(asked.map((c) => c.get<{ user: { id: string } }>('/api/session'))), forged.post('/api/accounts', {})]);
    replies.forEach((reply, i) => {
      const k = i % (clients.length + 1);
      if (k === clients.length) expect([reply.status, (reply.body as { code?: string }).code]).toEqual([401, 'auth.session_expired']);
      else expect([reply.status, reply.body.user.id]).toEqual([200, people[k]!.id]);
    });
    expect(refusedWrite.status).toBe(403);
    expect(refusedWrite.body).toMatchObject({ code: 'auth.csrf' });
  });
});

describe('session expiry', () => {
  it('answers 401 auth.session_expired once expires_at has passed', async () => {
    const rep = await buildRep();
    const client = await signedIn(rep.email);
    expect((await client.get('/api/session')).status).toBe(200);
    const db = await testDb();
    const updated = await db
      .updateTable('sessions')
      .set({ expires_at: sql<Date>`now() - interval '1 minute'` })
      .where('token_hash', '=', hashSecret(sessionToken(client)))
      .executeTakeFirst();
    expect(updated.numUpdatedRows).toBe(1n);
    const reply = await client.get('/api/session');
    expect(reply.status).toBe(401);
    expect(reply.body).toMatchObject({ code: 'auth.session_expired' });
    const write = await client.post('/api/accounts', { name: unique('Expirée'), segment: 'mass', agencyId: rep.agencyId });
    expect(write.status).toBe(401);
  });

  it('refuses a session row inserted already expired', async () => {
    const user = await buildUser();
    const db = await testDb();
    const token = `expired-${unique('t')}`;
    await db
      .insertInto('sessions')
      .values({
        token_hash: hashSecret(token),
        user_id: user.id,
        csrf_token: 'csrf',
        last_seen_at: sql<Date>`now() - interval '2 days'`,
        expires_at: sql<Date>`now() - interval '1 day'`,
      })
      .execute();
    const client = await anonymous();
    client.cookie = `${SESSION_COOKIE}=${token}`;
    const reply = await client.get('/api/session');
    expect(reply.status).toBe(401);
    expect(reply.body).toMatchObject({ code: 'auth.session_expired' });
  });
});

describe('deactivated user', () => {
  it('is signed out everywhere when an admin sets active:false, and cannot sign in again', async () => {
    const admin = await buildUser({ roles: ['admin'] });
    const rep = await buildRep();
    const repClient = await signedIn(rep.email);
    const adminClient = await signedIn(admin.email);
    expect((await repClient.get('/api/session')).status).toBe(200);

    const current = await adminClient.get<{ version: number }>(`/api/users/${rep.id}`);
    const patched = await adminClient.patch<{ active: boolean }>(`/api/users/${rep.id}`, { version: current.body.version, active: false });
    expect(patched.status).toBe(200);
    expect(patched.body.active).toBe(false);

    const after = await repClient.get('/api/session');
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({ code: 'auth.session_expired' });

    const again = await (await anonymous()).post('/api/session', { email: rep.email, password: TEST_PASSWORD });
    expect(again.status).toBe(401);
    expect(again.body).toMatchObject({ code: 'auth.bad_credentials' });
  });
});

describe('sign-in rate limit', () => {
  it('answers 429 rate_limited after loginAttemptsPerMinute attempts', async () => {
    const database = await testDatabase();
    const config = loadConfig({ RELAIS_LOGIN_ATTEMPTS_PER_MINUTE: '3', RELAIS_RATE_LIMIT_PER_MINUTE: '100000' });
    expect(config).toMatchObject({ loginAttemptsPerMinute: 3, rateLimitPerMinute: 100_000 });
    const app = await buildApp({ db: database.db, engine: database.engine, config });
    try {
      const url = await app.listen({ port: 0, host: '127.0.0.1' });
      const client = new ApiClient(url);
      const email = `${unique('nobody').toLowerCase()}@test.relais.fr`;
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await client.post('/api/session', { email, password: 'wrong-password' })).status);
      expect(statuses).toEqual([401, 401, 401]);
      const limited = await client.post('/api/session', { email, password: 'wrong-password' });
      expect(limited.status).toBe(429);
      expect(limited.body).toMatchObject({ code: 'rate_limited' });
      // Even the right password waits: the budget is per address, not per outcome.
      const user = await buildUser();
      const blocked = await client.post('/api/session', { email: user.email, password: TEST_PASSWORD });
      expect(blocked.status).toBe(429);
      // Other routes keep the API's own (larger) budget.
      expect((await client.get('/api/health')).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('counts attempts per address: a made-up session cookie on each attempt does not buy a fresh budget', async () => {
    const database = await testDatabase();
    const config = { ...loadConfig({}), loginAttemptsPerMinute: 3, rateLimitPerMinute: 100_000 };
    const app = await buildApp({ db: database.db, engine: database.engine, config });
    try {
      const url = await app.listen({ port: 0, host: '127.0.0.1' });
      const user = await buildUser();
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const client = new ApiClient(url);
        client.cookie = `${SESSION_COOKIE}=${unique('forged')}`;
        statuses.push((await client.post('/api/session', { email: user.email, password: `guess-${i}` })).status);
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await app.close();
    }
  });
});

describe('API tokens', () => {
  interface CreatedToken {
    id: string;
    name: string;
    scopes: string[];
    token: string;
    revokedAt: string | null;
  }

  it('creates a token shown once; a Bearer client reads without CSRF; a read token cannot write; revoked → 401', async () => {
    const rep = await buildRep();
    const account = await buildAccount({ agencyId: rep.agencyId });
    const client = await signedIn(rep.email);

    const anon = await anonymous();
    expect((await anon.post('/api/tokens', { name: 'x' })).status).toBe(401);
    const badScope = await client.post('/api/tokens', { name: 'Export', scopes: ['admin'] });
    expect(badScope.status).toBe(400);
    expect(badScope.body).toMatchObject({ field: 'scopes.0' });

    const created = await client.post<CreatedToken>('/api/tokens', { name: 'Lecture', scopes: ['read'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Lecture', scopes: ['read'], revokedAt: null });
    expect(created.body.token).toMatch(/^rls_/);
    const events = await traceActions(`user:${rep.id}`);
    const tokenEvent = events.find((e) => e.action === 'token.created')!;
    expect(tokenEvent.payload).toMatchObject({ tokenId: created.body.id, scopes: ['read'] });
    expect(JSON.stringify(tokenEvent.payload)).not.toContain(created.body.token);

    const bearer = new ApiClient(client.baseUrl);
    bearer.bearer = created.body.token;
    const read = await bearer.get<{ id: string }>(`/api/accounts/${account.id}`);
    expect(read.status).toBe(200);
    expect(read.body.id).toBe(account.id);
    const noSession = await bearer.get('/api/session');
    expect(noSession.status).toBe(400);
    expect(noSession.body).toMatchObject({ code: 'auth.no_session' });

    const write = await bearer.post('/api/accounts', { name: unique('Jeton'), segment: 'mass', agencyId: rep.agencyId, siren: newSiren() });
    expect(write.status).toBe(403);
    const mint = await bearer.post('/api/tokens', { name: 'Escalade', scopes: ['read', 'write'] });
    expect(mint.status).toBe(403);

    // Listing: never the secret.
    const list = await client.get<{ items: Array<Record<string, unknown>> }>('/api/tokens');
    expect(list.status).toBe(200);
    const listed = list.body.items.find((t) => t.id === created.body.id)!;
    expect(listed).toBeDefined();
    expect(listed).not.toHaveProperty('token');
    expect(listed.lastUsedAt).toEqual(expect.any(String));
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);
    const db = await testDb();
    const row = await db.selectFrom('api_tokens').selectAll().where('id', '=', created.body.id).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(hashSecret(created.body.token));

    const revoked = await client.delete<CreatedToken>(`/api/tokens/${created.body.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    const afterRevoke = await bearer.get(`/api/accounts/${account.id}`);
    expect(afterRevoke.status).toBe(401);
    expect(afterRevoke.body).toMatchObject({ code: 'auth.invalid_token' });
    const twice = await client.delete(`/api/tokens/${created.body.id}`);
    expect(twice.status).toBe(404);
    expect((await traceActions(`user:${rep.id}`)).map((e) => e.action)).toContain('token.revoked');
  });

  it('a write token mutates without CSRF, through the api channel', async () => {
    const rep = await buildRep();
    const client = await signedIn(rep.email);
    const created = await client.post<CreatedToken>('/api/tokens', { name: 'Intégration', scopes: ['read', 'write'] });
    expect(created.status).toBe(201);
    const bearer = new ApiClient(client.baseUrl);
    bearer.bearer = created.body.token;
    const made = await bearer.post<{ id: string; provenance: Record<string, { channel: string; by: string }> }>('/api/accounts', {
      name: unique('Par API'),
      segment: 'mass',
      agencyId: rep.agencyId,
      siren: newSiren(),
    });
    expect(made.status).toBe(201);
    expect(made.body.provenance.name).toMatchObject({ channel: 'api', by: rep.id });
  });

  it('refuses an unknown token, a token without the prefix, and a token of someone else to revoke', async () => {
    const server = await testServer();
    const stranger = new ApiClient(server.url);
    stranger.bearer = 'rls_doesnotexist';
    const unknownToken = await stranger.get('/api/org');
    expect(unknownToken.status).toBe(401);
    expect(unknownToken.body).toMatchObject({ code: 'auth.invalid_token' });
    stranger.bearer = 'abc';
    expect((await stranger.get('/api/org')).status).toBe(401);

    const owner = await buildUser();
    const other = await buildUser();
    const ownerClient = await signedIn(owner.email);
    const created = await ownerClient.post<CreatedToken>('/api/tokens', { name: 'Mien', scopes: ['read'] });
    const otherClient = await signedIn(other.email);
    expect((await otherClient.delete(`/api/tokens/${created.body.id}`)).status).toBe(404);
    const otherList = await otherClient.get<{ items: Array<{ id: string }> }>('/api/tokens');
    expect(otherList.body.items.map((t) => t.id)).not.toContain(created.body.id);
  });

  it('a token of a deactivated user stops working', async () => {
    const user = await buildUser();
    const client = await signedIn(user.email);
    const created = await client.post<CreatedToken>('/api/tokens', { name: 'Lecture', scopes: ['read'] });
    const bearer = new ApiClient(client.baseUrl);
    bearer.bearer = created.body.token;
    expect((await bearer.get('/api/org')).status).toBe(200);
    const db = await testDb();
    await db.updateTable('users').set({ active: false }).where('id', '=', user.id).execute();
    const reply = await bearer.get('/api/org');
    expect(reply.status).toBe(401);
  });
});
