// A small keep-alive HTTP client that signs in like the web app: session cookie + CSRF token on mutations.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

export interface Session {
  cookie: string;
  csrf: string;
  userId: string;
}

export interface Reply {
  status: number;
  body: string;
}

export function request(base: string, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: u.hostname, port: u.port, method, path, agent, headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

export async function signIn(base: string, email: string, password: string): Promise<Session> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ email, password });
    const req = http.request(
      { host: u.hostname, port: u.port, method: 'POST', path: '/api/session', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200) return reject(new Error(`sign-in failed for ${email}: ${res.statusCode} ${text}`));
          const setCookie = res.headers['set-cookie']?.[0];
          if (!setCookie) return reject(new Error('sign-in returned no cookie'));
          const parsed = JSON.parse(text) as { csrfToken: string; user: { id: string } };
          resolve({ cookie: setCookie.split(';')[0]!, csrf: parsed.csrfToken, userId: parsed.user.id });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** GET with the session; throws on anything but 2xx so a broken endpoint never passes for a fast one. */
export async function get(base: string, s: Session, path: string): Promise<string> {
  const r = await request(base, 'GET', path, { cookie: s.cookie });
  if (r.status < 200 || r.status >= 300) throw new Error(`GET ${path} → ${r.status} ${r.body.slice(0, 200)}`);
  return r.body;
}

export async function post(base: string, s: Session, path: string, payload: unknown): Promise<string> {
  const r = await request(base, 'POST', path, { cookie: s.cookie, 'x-csrf-token': s.csrf }, JSON.stringify(payload));
  if (r.status < 200 || r.status >= 300) throw new Error(`POST ${path} → ${r.status} ${r.body.slice(0, 200)}`);
  return r.body;
}
