// The one way the web app talks to the API: cookies, the CSRF header on writes, typed errors.
import { apiErrorSchema } from '../../contract/errors.ts';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(status: number, body: { code: string; message: string; field?: string; details?: Record<string, unknown> }) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.field = body.field;
    this.details = body.details;
  }

  /** Every field-level issue the server reported (the first one is `field`). */
  get issues(): Array<{ field: string; message: string; code?: string }> {
    const raw = this.details?.issues;
    const list: Array<{ field: string; message: string; code?: string }> = [];
    if (this.field) list.push({ field: this.field, message: this.message, code: this.code });
    if (Array.isArray(raw)) {
      for (const i of raw as Array<{ field?: unknown; message?: unknown }>) {
        if (typeof i.field === 'string' && typeof i.message === 'string' && !list.some((l) => l.field === i.field)) {
          list.push({ field: i.field, message: i.message });
        }
      }
    }
    return list;
  }
}

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

/** Kept in memory only; re-read from GET /api/session after a reload. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called on a 401 from any request other than the session probe itself. */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

type Query = Record<string, string | number | boolean | null | undefined | string[]>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length) params.set(key, value.join(','));
    } else params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Don't redirect to sign-in on 401 (the session probe and the sign-in form handle it). */
  allowUnauthenticated?: boolean;
}

/**
 * No AbortSignal: a query function that reads TanStack Query's `signal` is cancelled, and asked again, whenever
 * its last component unmounts — which StrictMode does to every component right after its first mount in
 * development, so every read went out twice and the first was aborted. A read left behind simply lands in the cache.
 */
async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(withQuery(`/api${path}`, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
    });
  } catch {
    throw new ApiError(0, { code: 'network.unreachable', message: 'The server cannot be reached' });
  }

  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let json: unknown = undefined;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }

  if (!response.ok) {
    const parsed = apiErrorSchema.safeParse(json);
    const error = new ApiError(
      response.status,
      parsed.success ? parsed.data : { code: `http.${response.status}`, message: response.statusText || 'Request failed' },
    );
    if (response.status === 401 && !options.allowUnauthenticated) {
      csrfToken = null;
      onUnauthenticated?.();
    }
    throw error;
  }
  return json as T;
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, { ...options, body: body ?? {} }),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PATCH', path, { ...options, body }),
  put: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PUT', path, { ...options, body }),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
};
