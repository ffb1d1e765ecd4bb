// Every route runs the same short chain: authenticate → validate (zod, from src/contract) → handler → shaped reply.
// Each definition is also recorded for the OpenAPI document.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z, type ZodType } from 'zod';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Principal } from '../auth/principal.ts';
import type { AppConfig } from '../config.ts';
import type { Engine } from '../db/engine.ts';
import { authenticate } from '../auth/session.ts';
import { DomainError } from '../errors.ts';
import type { Ctx } from '../context.ts';

export interface AppDeps {
  db: Kysely<DB>;
  engine: Engine;
  config: AppConfig;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

interface HandlerInput<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  deps: AppDeps;
  request: FastifyRequest;
  reply: FastifyReply;
}

interface RouteBase<B, Q, P, R> {
  method: Method;
  /** Fastify path, e.g. /api/accounts/:id */
  url: string;
  summary: string;
  tag: string;
  body?: ZodType<B>;
  query?: ZodType<Q>;
  params?: ZodType<P>;
  response: ZodType<R>;
  status?: number;
  /** A stricter rate limit than the API's default: sign-in attempts, public forms. */
  rateLimit?: 'login' | 'public';
}

export interface UserRoute<B, Q, P, R> extends RouteBase<B, Q, P, R> {
  auth: 'user';
  handler(input: HandlerInput<B, Q, P> & { principal: Principal }): Promise<R>;
}

export interface PublicRoute<B, Q, P, R> extends RouteBase<B, Q, P, R> {
  auth: 'public';
  handler(input: HandlerInput<B, Q, P> & { principal: Principal | null }): Promise<R>;
}

export type RouteDefinition<B = unknown, Q = unknown, P = unknown, R = unknown> = UserRoute<B, Q, P, R> | PublicRoute<B, Q, P, R>;

// Definitions are generic in their own shapes; the registry only needs them as "some route".
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = RouteDefinition<any, any, any, any>;

export function route<B = undefined, Q = undefined, P = undefined, R = unknown>(definition: UserRoute<B, Q, P, R>): AnyRoute;
export function route<B = undefined, Q = undefined, P = undefined, R = unknown>(definition: PublicRoute<B, Q, P, R>): AnyRoute;
export function route(definition: AnyRoute): AnyRoute {
  return definition;
}

function parse<T>(schema: ZodType<T> | undefined, value: unknown, where: 'body' | 'query' | 'params'): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (result.success) return result.data;
  throw zodToDomainError(result.error, where);
}

export function zodToDomainError(error: z.ZodError, where: string): DomainError {
  const issue = error.issues[0]!;
  const params = (issue as { params?: { code?: string } }).params;
  const field = issue.path.length ? issue.path.join('.') : where;
  const code = params?.code ?? `validation.${issue.code}`;
  return new DomainError('invalid', code, `${field}: ${issue.message}`, field, {
    issues: error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
  });
}

export function register(app: FastifyInstance, deps: AppDeps, definition: AnyRoute): void {
  app.route({
    method: definition.method,
    url: definition.url,
    // Sign-in attempts are counted per address only: keying on the (unverified) session cookie, as the API's
    // default limit does, would let a guesser send a made-up cookie with each attempt and never be limited.
    config:
      definition.rateLimit
        ? {
            rateLimit: {
              max: definition.rateLimit === 'login' ? deps.config.loginAttemptsPerMinute : deps.config.publicFormPerMinute,
              timeWindow: '1 minute',
              keyGenerator: (request: FastifyRequest) => request.ip,
            },
          }
        : undefined,
    handler: async (request, reply) => {
      const principal = await authenticate(deps, request, definition.auth === 'user');
      const input = {
        body: parse(definition.body, request.body, 'body'),
        query: parse(definition.query, request.query, 'query'),
        params: parse(definition.params, request.params, 'params'),
        deps,
        request,
        reply,
        principal: principal as Principal,
      };
      const result = await definition.handler(input);
      reply.status(definition.status ?? 200);
      return result;
    },
  });
}

/** Runs a command in one transaction, acting as the caller, through the channel they used. */
export function write<T>(deps: AppDeps, principal: Principal, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  const channel = principal.tokenScopes ? 'api' : 'web';
  return deps.db.transaction().execute((trx) => fn({ db: trx, actor: principal, channel }));
}
