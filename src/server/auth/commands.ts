// Sign-in, sign-out and API tokens. Each write traces itself on the user's stream.
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Ctx, Db } from '../context.ts';
import { DomainError, notFound } from '../errors.ts';
import { appendTrace } from '../trace/commands.ts';
import { streamOf } from '../trace/rules.ts';
import { SYSTEM, loadPrincipal, type Principal } from './principal.ts';
import { DUMMY_HASH, verifyPassword } from './password.ts';
import { API_TOKEN_PREFIX, hashSecret, newSecret } from './session.ts';

export interface OpenedSession {
  token: string;
  csrfToken: string;
  principal: Principal;
}

export const badCredentials = () => new DomainError('unauthenticated', 'auth.bad_credentials', 'Wrong email or password', 'password');

/**
 * Checks the password and opens a session; null on bad credentials (the refusal is traced, so the
 * caller commits and then answers 401). Unknown emails cost the same time as wrong passwords.
 */
export async function signIn(
  db: Db,
  input: { email: string; password: string; idleMinutes: number; ip: string },
): Promise<OpenedSession | null> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'password_hash', 'active'])
    .where('email', '=', input.email)
    .executeTakeFirst();
  const passwordOk = await verifyPassword(input.password, user?.password_hash ?? DUMMY_HASH);
  if (!user || !user.password_hash || !user.active) return null;
  if (!passwordOk) {
    await appendTrace({ db, actor: SYSTEM, channel: 'web' }, streamOf('user', user.id), 'session.refused', { ip: input.ip });
    return null;
  }
  const principal = await loadPrincipal(db, user.id);
  if (!principal) return null;
  const token = newSecret();
  const csrfToken = newSecret(24);
  await db
    .insertInto('sessions')
    .values({
      token_hash: hashSecret(token),
      user_id: user.id,
      csrf_token: csrfToken,
      last_seen_at: sql<Date>`now()`,
      expires_at: sql<Date>`now() + make_interval(mins => ${input.idleMinutes})`,
    })
    .execute();
  await appendTrace({ db, actor: principal, channel: 'web' }, streamOf('user', user.id), 'session.opened', { ip: input.ip });
  return { token, csrfToken, principal };
}

export async function csrfTokenOf(db: Db, sessionToken: string): Promise<string | null> {
  const row = await db
    .selectFrom('sessions')
    .select('csrf_token')
    .where('token_hash', '=', hashSecret(sessionToken))
    .executeTakeFirst();
  return row?.csrf_token ?? null;
}

export async function signOut(ctx: Ctx, sessionToken: string): Promise<void> {
  const deleted = await ctx.db.deleteFrom('sessions').where('token_hash', '=', hashSecret(sessionToken)).executeTakeFirst();
  if (deleted.numDeletedRows > 0n && ctx.actor.userId) {
    await appendTrace(ctx, streamOf('user', ctx.actor.userId), 'session.closed', {});
  }
}

export async function createApiToken(ctx: Ctx, input: { name: string; scopes: string[] }) {
  const userId = ctx.actor.userId!;
  // A token can never do more than the session that creates it: a read-only token cannot mint a write token.
  if (ctx.actor.tokenScopes && input.scopes.some((s) => !ctx.actor.tokenScopes!.includes(s))) {
    throw new DomainError('forbidden', 'token.scope_widening', 'A token cannot create a token with wider scopes', 'scopes');
  }
  const token = API_TOKEN_PREFIX + newSecret();
  const row = await ctx.db
    .insertInto('api_tokens')
    .values({ id: uuidv7(), user_id: userId, name: input.name, token_hash: hashSecret(token), scopes: input.scopes })
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendTrace(ctx, streamOf('user', userId), 'token.created', { tokenId: row.id, name: input.name, scopes: input.scopes });
  return { ...row, token };
}

export async function revokeApiToken(ctx: Ctx, tokenId: string) {
  const row = await ctx.db
    .updateTable('api_tokens')
    .set({ revoked_at: sql<Date>`now()` })
    .where('id', '=', tokenId)
    .where('user_id', '=', ctx.actor.userId!)
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw notFound('token', tokenId);
  await appendTrace(ctx, streamOf('user', ctx.actor.userId!), 'token.revoked', { tokenId });
  return row;
}

export async function listApiTokens(db: Db, userId: string) {
  return db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').execute();
}
