// A real HTTP server on a free port, over the worker's test database, and a client that signs in like the web app.
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { startHub } from '../../src/server/realtime/hub.ts';
import { testDatabase } from './db.ts';
import { TEST_PASSWORD } from './factories.ts';

let server: Promise<{ app: FastifyInstance; url: string }> | null = null;

export function testServer() {
  server ??= (async () => {
    const database = await testDatabase();
    const config = { ...loadConfig({}), loginAttemptsPerMinute: 1000, rateLimitPerMinute: 100_000, publicFormPerMinute: 1000 };
    const { hub } = await startHub(database.listen);
    const app = await buildApp({ db: database.db, engine: database.engine, config }, { hub });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    // Client and server share this process: after a long synchronous stretch (the Maven import blocks the
    // loop for minutes) the server's keep-alive timer and the client's next request on the same socket
    // race, and the request dies with ECONNRESET. Idle test sockets may live as long as a test file.
    app.server.keepAliveTimeout = 30 * 60_000;
    return { app, url: address };
  })();
  return server;
}

export interface Reply<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

export class ApiClient {
  csrfToken: string | null = null;
  cookie: string | null = null;
  bearer: string | null = null;

  constructor(readonly baseUrl: string) {}

  async request<T = Record<string, unknown>>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
    const h: Record<string, string> = { ...headers };
    if (body !== undefined) h['content-type'] = 'application/json';
    if (this.cookie) h.cookie = this.cookie;
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    if (this.csrfToken && method !== 'GET' && !('x-csrf-token' in h)) h['x-csrf-token'] = this.csrfToken;
    const response = await fetch(this.baseUrl + path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0]!;
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T, headers: response.headers };
  }

  get<T = Record<string, unknown>>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = Record<string, unknown>>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body ?? {});
  }
  patch<T = Record<string, unknown>>(path: string, body: unknown) {
    return this.request<T>('PATCH', path, body);
  }
  delete<T = Record<string, unknown>>(path: string) {
    return this.request<T>('DELETE', path);
  }
}

/** An anonymous client. */
export async function anonymous(): Promise<ApiClient> {
  return new ApiClient((await testServer()).url);
}

/** A client signed in as this user (session cookie + CSRF token). */
export async function signedIn(email: string, password = TEST_PASSWORD): Promise<ApiClient> {
  const client = await anonymous();
  const reply = await client.post<{ csrfToken: string }>('/api/session', { email, password });
  if (reply.status !== 200) throw new Error(`sign-in failed for ${email}: ${JSON.stringify(reply.body)}`);
  client.csrfToken = reply.body.csrfToken;
  return client;
}
