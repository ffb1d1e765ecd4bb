// The app as production runs it: `relais serve` in its own process, so the load generator does not
// share its event loop. Its RSS is sampled from /proc while it serves.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import http from 'node:http';
import { join } from 'node:path';
import type { Target } from './db.ts';
import { BENCH_ROOT } from './db.ts';
import { buildServer, serverCommand } from '../scripts/build.mjs';

const ROOT = join(BENCH_ROOT, '..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export interface Server {
  url: string;
  host: string;
  port: number;
  pid: number;
  startSeconds: number;
  rssMb(): number;
  stop(): Promise<void>;
}

export async function startServer(t: Target, logFile: string, logLevel: string): Promise<Server> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: logLevel,
    RELAIS_DEMO_SEED: 'none',
    // A benchmark measures capacity: the per-session API budget (6,000/min by default) would turn it into 429s.
    RELAIS_RATE_LIMIT_PER_MINUTE: '100000000',
    RELAIS_LOGIN_ATTEMPTS_PER_MINUTE: '100000',
    NODE_ENV: 'production',
    // The lead deadline sweep is measured on its own (rolled back); the server's periodic one, at the real
    // clock, would otherwise sweep the generated leads for good in the middle of the measured runs.
    RELAIS_SWEEP_SECONDS: '86400',
    // Likewise the steering catch-up (every 5 s by default): its cost is measured on its own (rollupOverhead,
    // steeringCatchUp), which needs the marks the runs leave to stay until then.
    RELAIS_STEERING_SECONDS: '86400',
  };
  delete env.DATABASE_URL;
  delete env.RELAIS_DATA_DIR;
  if (t.engine === 'postgres') env.DATABASE_URL = t.databaseUrl;
  else env.RELAIS_DATA_DIR = t.dataDir;
  const started = Date.now();
  // What `npm start` runs: the built server (rebuilt first when its sources changed).
  await buildServer();
  const [node, ...args] = serverCommand('serve');
  const child: ChildProcess = spawn(node, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = createWriteStream(logFile);
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  let exited = false;
  const exit = new Promise<void>((resolve) => child.on('exit', () => ((exited = true), resolve())));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (exited) throw new Error(`the server exited during start; see ${logFile}`);
    if (Date.now() - started > 300_000) throw new Error(`the server did not start in 300 s; see ${logFile}`);
    const ok = await new Promise<boolean>((resolve) => {
      const req = http.get(`${url}/api/health`, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      req.on('error', () => resolve(false));
    });
    if (ok) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    host: '127.0.0.1',
    port,
    pid: child.pid!,
    startSeconds: (Date.now() - started) / 1000,
    rssMb() {
      try {
        const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        return m ? Number(m[1]) / 1024 : 0;
      } catch {
        return 0;
      }
    },
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exit;
      clearTimeout(timer);
    },
  };
}

/** Samples a value every interval while running; returns the samples so far. */
export function sampler(read: () => number, intervalMs = 250) {
  const samples: number[] = [];
  const timer = setInterval(() => samples.push(read()), intervalMs);
  timer.unref();
  return {
    samples,
    mark: () => samples.length,
    peakSince: (from: number) => Math.max(0, ...samples.slice(from)),
    stop: () => clearInterval(timer),
  };
}
