// The OpenAPI document, generated from the same zod schemas the routes validate with.
import { z } from 'zod';
import { apiErrorSchema } from '../../contract/errors.ts';
import type { AnyRoute } from './route.ts';

const toJson = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' }) as Record<string, unknown>;

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const json = toJson(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: s,
  }));
}

export function openApiDocument(routes: AnyRoute[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.url.replace(/:(\w+)/g, '{$1}');
    const errorResponse = { description: 'Error', content: { 'application/json': { schema: toJson(apiErrorSchema, 'output') } } };
    paths[path] ??= {};
    paths[path][r.method.toLowerCase()] = {
      summary: r.summary,
      tags: [r.tag],
      security: r.auth === 'user' ? [{ session: [] }, { token: [] }] : [],
      parameters: [...parameters(r.params, 'path'), ...parameters(r.query, 'query')],
      ...(r.body && { requestBody: { required: true, content: { 'application/json': { schema: toJson(r.body, 'input') } } } }),
      responses: {
        [String(r.status ?? 200)]: { description: 'Success', content: { 'application/json': { schema: toJson(r.response, 'output') } } },
        '400': errorResponse,
        ...(r.auth === 'user' && { '401': errorResponse, '403': errorResponse, '404': errorResponse }),
        '409': errorResponse,
        '422': errorResponse,
      },
    };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Relais API',
      version,
      description:
        'Sign in with POST /api/session, then send the returned csrfToken as x-csrf-token on every mutation; ' +
        'or use a personal API token as "Authorization: Bearer rls_…" (no CSRF token needed). ' +
        'Errors are { code, message, field? }. Lists are { items, nextCursor }.',
    },
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'relais_session' },
        token: { type: 'http', scheme: 'bearer' },
      },
    },
    paths,
  };
}
