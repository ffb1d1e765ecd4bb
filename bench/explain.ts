// EXPLAIN ANALYZE of the benchmark's raw queries on a generated database, to see where time goes.
// node --import tsx bench/explain.ts --engine postgres --scale 0.1 [--database-url …] [--q tra]
import { parseArgs } from 'node:util';
import { openRaw, targetFor } from './db.ts';
import { SQL_SEARCH_NAME, searchParams } from './ops.ts';

const { values } = parseArgs({ options: { engine: { type: 'string', default: 'postgres' }, scale: { type: 'string', default: '0.01' }, 'database-url': { type: 'string' }, q: { type: 'string', multiple: true } } });
const raw = await openRaw(targetFor(values.engine as 'postgres', Number(values.scale), values['database-url']), 2);
for (const q of values.q ?? ['tra', 'trans', 'bou', 'val', 'valmo']) {
  const rows = await raw.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${SQL_SEARCH_NAME}`, searchParams(q));
  const count = await raw.query<{ a: number; c: number }>(
    `SELECT (SELECT count(*)::int FROM accounts WHERE lower(name) LIKE $1) AS a, (SELECT count(*)::int FROM contacts WHERE lower(last_name || ' ' || first_name) LIKE $1) AS c`,
    ['%' + q.toLowerCase() + '%'],
  );
  console.log(`\n=== q=${q}: ${count[0]!.a} accounts and ${count[0]!.c} contacts contain it`);
  console.log(rows.map((r) => r['QUERY PLAN']).join('\n'));
}
await raw.close();
