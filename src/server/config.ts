// Configuration from the environment, read once at start.
export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Session lifetime without activity, in minutes. */
  sessionIdleMinutes: number;
  /** Requests one address may make per minute on the API. */
  rateLimitPerMinute: number;
  /** Sign-in attempts per address per minute. */
  loginAttemptsPerMinute: number;
  /** Public web-form submissions per address per minute. */
  publicFormPerMinute: number;
  /** How often the deadline sweep and trace checkpoint run. */
  sweepSeconds: number;
  /** Mark cookies Secure even when the request did not come over TLS (behind a proxy that terminates TLS). */
  secureCookies: boolean;
  trustProxy: boolean;
  logLevel: string;
  /** How often the steering rollups catch up with the facts. */
  steeringSeconds: number;
  /** The Paris hour (0–23) of the embedded engine's nightly VACUUM (ANALYZE) (db/maintenance.ts). */
  maintenanceHour: number;
  /** The smallest group whose steering aggregates a colleague (not a line manager) may see. */
  steeringMinGroup: number;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return {
    port: int(env, 'PORT', 3000),
    host: env.HOST || 'localhost',
    dataDir: env.RELAIS_DATA_DIR || './data',
    databaseUrl: env.DATABASE_URL || undefined,
    sessionIdleMinutes: int(env, 'RELAIS_SESSION_IDLE_MINUTES', 12 * 60),
    rateLimitPerMinute: int(env, 'RELAIS_RATE_LIMIT_PER_MINUTE', 20000),
    loginAttemptsPerMinute: int(env, 'RELAIS_LOGIN_ATTEMPTS_PER_MINUTE', 10),
    publicFormPerMinute: int(env, 'RELAIS_PUBLIC_FORM_PER_MINUTE', 10),
    sweepSeconds: Math.max(1, int(env, 'RELAIS_SWEEP_SECONDS', 30)),
    secureCookies: env.RELAIS_SECURE_COOKIES === 'true',
    trustProxy: env.RELAIS_TRUST_PROXY === 'true',
    logLevel: env.LOG_LEVEL || 'info',
    steeringSeconds: Math.max(1, int(env, 'RELAIS_STEERING_SECONDS', 5)),
    maintenanceHour: Math.min(23, Math.max(0, int(env, 'RELAIS_MAINTENANCE_HOUR', 3))),
    steeringMinGroup: Math.max(1, int(env, 'RELAIS_STEERING_MIN_GROUP', 5)),
  };
}
