// Who is calling: a session cookie (with its CSRF token on mutations) or an API token (Bearer).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie';
import { sql } from 'kysely';
import type { AppDeps } from '../http/route.ts';
import { DomainError } from '../errors.ts';
import { loadPrincipal, loadSessionPrincipal, type Principal } from './principal.ts';

export const SESSION_COOKIE = 'relais_session';
export const API_TOKEN_PREFIX = 'rls_';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const newSecret = (bytes = 32) => randomBytes(bytes).toString('base64url');
export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const unauthenticated = () => new DomainError('unauthenticated', 'auth.required', 'Sign in first');

/** Resolves the caller; throws 401 when required and absent, 403 on a missing CSRF token. */
export async function authenticate(deps: AppDeps, request: FastifyRequest, required: boolean): Promise<Principal | null> {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    const principal = await principalFromToken(deps, header.slice(7).trim());
    if (!principal) throw new DomainError('unauthenticated', 'auth.invalid_token', 'This API token is unknown or revoked');
    return principal;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) {
    if (required) throw unauthenticated();
    return null;
  }
  const session = await loadSessionPrincipal(deps.db, hashSecret(cookie));
  if (!session) {
    if (required) throw new DomainError('unauthenticated', 'auth.session_expired', 'Your session has expired: sign in again');
    return null;
  }
  if (!SAFE_METHODS.has(request.method)) {
    const sent = request.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !sameSecret(sent, session.csrfToken)) {
      throw new DomainError('forbidden', 'auth.csrf', 'Missing or wrong x-csrf-token header', 'x-csrf-token');
    }
  }
  // Sliding expiry, written at most every five minutes so reads stay reads.
  if (Date.now() - session.lastSeenAt.getTime() > 5 * 60_000) {
    await deps.db
      .updateTable('sessions')
      .set({
        last_seen_at: sql<Date>`now()`,
        expires_at: sql<Date>`now() + make_interval(mins => ${deps.config.sessionIdleMinutes})`,
      })
      .where('token_hash', '=', hashSecret(cookie))
      .execute();
  }
  return session.principal;
}

async function principalFromToken(deps: AppDeps, token: string): Promise<Principal | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const row = await deps.db
    .updateTable('api_tokens')
    .set({ last_used_at: sql<Date>`now()` })
    .where('token_hash', '=', hashSecret(token))
    .where('revoked_at', 'is', null)
    .returning(['user_id', 'scopes'])
    .executeTakeFirst();
  if (!row) return null;
  return loadPrincipal(deps.db, row.user_id, row.scopes);
}
