// Builds the Fastify app from the modules: plugins, routes, errors, the web app.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { healthSchema } from '../contract/trace.ts';
import { appliedMigrations } from './db/migrate.ts';
import { DomainError, type ErrorKind } from './errors.ts';
import { register, route, type AnyRoute, type AppDeps } from './http/route.ts';
import { openApiDocument } from './http/openapi.ts';
import { authRoutes } from './auth/routes.ts';
import { orgRoutes } from './org/routes.ts';
import { accountRoutes } from './accounts/routes.ts';
import { interactionRoutes } from './interactions/routes.ts';
import { traceRoutes } from './trace/routes.ts';
import { catalogRoutes } from './catalog/routes.ts';
import { leadRoutes } from './leads/routes.ts';
import { dealRoutes } from './deals/routes.ts';
import { creditRoutes } from './credit/routes.ts';
import { caseRoutes } from './cases/routes.ts';
import { channelRoutes } from './channels/routes.ts';
import { steeringRoutes } from './steering/routes.ts';
import { notificationRoutes } from './notifications/routes.ts';
import { registerNotificationStream } from './notifications/stream.ts';
import { Hub } from './realtime/hub.ts';

export const ROOT = join(import.meta.dirname, '..', '..');
export const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const WEB_DIR = join(ROOT, 'dist', 'web');

const STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  rate_limited: 429,
};

const healthRoute = route({
  method: 'GET',
  url: '/api/health',
  summary: 'Engine, version and migrations applied',
  tag: 'system',
  auth: 'public',
  response: healthSchema,
  async handler({ deps }) {
    return { status: 'ok' as const, engine: deps.engine, version: VERSION, migrations: await appliedMigrations(deps.db) };
  },
});

export const ROUTES: AnyRoute[] = [
  healthRoute,
  ...authRoutes,
  ...orgRoutes,
  ...accountRoutes,
  ...interactionRoutes,
  ...catalogRoutes,
  ...leadRoutes,
  ...dealRoutes,
  ...creditRoutes,
  ...caseRoutes,
  ...channelRoutes,
  ...steeringRoutes,
  ...notificationRoutes,
  ...traceRoutes,
];

interface PgError {
  code?: string;
  constraint?: string;
  detail?: string;
}

/** Maps every failure to { code, message, field? } with the right status, once. */
function toApiError(error: unknown): { status: number; body: { code: string; message: string; field?: string; details?: Record<string, unknown> } } {
  if (error instanceof DomainError) {
    return {
      status: STATUS[error.kind],
      body: { code: error.code, message: error.message, ...(error.field && { field: error.field }), ...(error.details && { details: error.details }) },
    };
  }
  const fastifyError = error as FastifyError & PgError;
  if (fastifyError.statusCode === 429) {
    return { status: 429, body: { code: 'rate_limited', message: 'Too many requests: wait a minute and try again' } };
  }
  if (fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || fastifyError.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || (fastifyError.statusCode === 400 && fastifyError instanceof SyntaxError)) {
    return { status: 400, body: { code: 'validation.json', message: 'The request body is not valid JSON', field: 'body' } };
  }
  if (fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return { status: 415, body: { code: 'validation.media_type', message: 'Send JSON (content-type: application/json)' } };
  }
  if (fastifyError.code === '23505') {
    return { status: 409, body: { code: 'conflict.duplicate', message: `Already exists (${fastifyError.constraint ?? 'unique'})` } };
  }
  if (fastifyError.code === '23503') {
    return { status: 422, body: { code: 'reference.unknown', message: `Refers to something that does not exist (${fastifyError.constraint ?? 'foreign key'})` } };
  }
  if (fastifyError.statusCode && fastifyError.statusCode < 500) {
    return { status: fastifyError.statusCode, body: { code: `http.${fastifyError.statusCode}`, message: fastifyError.message } };
  }
  return { status: 500, body: { code: 'internal', message: 'Something went wrong on our side; it has been logged' } };
}

/** `hub` delivers live notifications; without one (a test app) the stream has nothing to deliver. */
export async function buildApp(deps: AppDeps, options: { logger?: boolean; hub?: Hub } = {}): Promise<FastifyInstance> {
  const hub = options.hub ?? new Hub();
  const app = Fastify({
    logger: options.logger ? { level: deps.config.logLevel } : false,
    trustProxy: deps.config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
  });

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
      },
    },
  });
  await app.register(rateLimit, {
    global: true,
    max: deps.config.rateLimitPerMinute,
    timeWindow: '1 minute',
    // Per address: a cookie or token is not checked yet when the limit applies, so keying on it would
    // hand a fresh budget to every forged one. The default leaves room for an office behind one NAT.
    keyGenerator: (request) => request.ip,
  });

  app.setErrorHandler((error, request, reply) => {
    const { status, body } = toApiError(error);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    void reply.status(status).send(body);
  });

  const document = openApiDocument(ROUTES, VERSION);
  await app.register(swagger, { mode: 'static', specification: { document: document as never } });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', async () => document);

  for (const definition of ROUTES) register(app, deps, definition);
  registerNotificationStream(app, deps, hub);

  const hasWeb = existsSync(join(WEB_DIR, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: WEB_DIR, wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    // Only page paths fall back to the web app; a missing asset (…/x.js) is a real 404.
    const path = request.url.split('?')[0]!;
    if (path.startsWith('/api/') || !hasWeb || request.method !== 'GET' || /\.[a-z0-9]+$/i.test(path)) {
      void reply.status(404).send({ code: 'route.not_found', message: `No route ${request.method} ${path}` });
      return;
    }
    void reply.type('text/html').sendFile('index.html');
  });
  return app;
}

