import { z } from 'zod';
import {
  apiTokenSchema,
  createApiTokenBody,
  createdApiTokenSchema,
  sessionSchema,
  signInBody,
  type SessionUser,
} from '../../contract/auth.ts';
import { route, write, type AnyRoute } from '../http/route.ts';
import { can } from './policy.ts';
import type { Principal } from './principal.ts';
import { SESSION_COOKIE } from './session.ts';
import { badCredentials, createApiToken, csrfTokenOf, listApiTokens, revokeApiToken, signIn, signOut } from './commands.ts';
import { DomainError, forbidden } from '../errors.ts';

export function sessionUser(p: Principal): SessionUser {
  return {
    id: p.userId!,
    name: p.name,
    email: p.email,
    roles: p.roles,
    homeAgencyId: p.homeAgencyId,
    poolKinds: [...new Set(p.pools.map((pool) => pool.kind))],
    abilities: { manageOrganisation: can(p, 'org.manage'), exploreTrace: can(p, 'trace.explore') },
  };
}

const tokenShape = (t: { id: string; name: string; scopes: string[]; created_at: Date; last_used_at: Date | null; revoked_at: Date | null }) => ({
  id: t.id,
  name: t.name,
  scopes: t.scopes,
  createdAt: t.created_at.toISOString(),
  lastUsedAt: t.last_used_at?.toISOString() ?? null,
  revokedAt: t.revoked_at?.toISOString() ?? null,
});

export const authRoutes: AnyRoute[] = [
  route({
    method: 'POST',
    url: '/api/session',
    summary: 'Sign in: sets the session cookie and returns the CSRF token to send on mutations',
    tag: 'session',
    auth: 'public',
    body: signInBody,
    response: sessionSchema,
    rateLimit: 'login',
    async handler({ body, deps, request, reply }) {
      const opened = await deps.db
        .transaction()
        .execute((trx) => signIn(trx, { ...body, idleMinutes: deps.config.sessionIdleMinutes, ip: request.ip }));
      if (!opened) throw badCredentials();
      reply.setCookie(SESSION_COOKIE, opened.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.config.secureCookies || request.protocol === 'https',
        maxAge: deps.config.sessionIdleMinutes * 60,
      });
      return { user: sessionUser(opened.principal), csrfToken: opened.csrfToken };
    },
  }),
  route({
    method: 'GET',
    url: '/api/session',
    summary: 'The signed-in user and the CSRF token (after a page reload)',
    tag: 'session',
    auth: 'user',
    response: sessionSchema,
    async handler({ principal, deps, request }) {
      const cookie = request.cookies[SESSION_COOKIE];
      if (!cookie) throw new DomainError('invalid', 'auth.no_session', 'This call needs a session cookie, not a token');
      const csrfToken = await csrfTokenOf(deps.db, cookie);
      return { user: sessionUser(principal), csrfToken: csrfToken ?? '' };
    },
  }),
  route({
    method: 'DELETE',
    url: '/api/session',
    summary: 'Sign out',
    tag: 'session',
    auth: 'user',
    response: z.object({ ok: z.literal(true) }),
    async handler({ principal, deps, request, reply }) {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie) await write(deps, principal, (ctx) => signOut(ctx, cookie));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  }),
  route({
    method: 'GET',
    url: '/api/tokens',
    summary: 'My API tokens',
    tag: 'session',
    auth: 'user',
    response: z.object({ items: z.array(apiTokenSchema), nextCursor: z.null() }),
    async handler({ principal, deps }) {
      const rows = await listApiTokens(deps.db, principal.userId!);
      return { items: rows.map(tokenShape), nextCursor: null };
    },
  }),
  route({
    method: 'POST',
    url: '/api/tokens',
    summary: 'Create an API token (shown once). Scopes: read, write',
    tag: 'session',
    auth: 'user',
    body: createApiTokenBody,
    response: createdApiTokenSchema,
    status: 201,
    async handler({ principal, deps, body }) {
      if (!can(principal, 'token.manage')) throw forbidden('create API tokens');
      const created = await write(deps, principal, (ctx) => createApiToken(ctx, body));
      return { ...tokenShape(created), token: created.token };
    },
  }),
  route({
    method: 'DELETE',
    url: '/api/tokens/:id',
    summary: 'Revoke one of my API tokens',
    tag: 'session',
    auth: 'user',
    params: z.object({ id: z.uuid() }),
    response: apiTokenSchema,
    async handler({ principal, deps, params }) {
      if (!can(principal, 'token.manage')) throw forbidden('revoke API tokens');
      return tokenShape(await write(deps, principal, (ctx) => revokeApiToken(ctx, params.id)));
    },
  }),
];
