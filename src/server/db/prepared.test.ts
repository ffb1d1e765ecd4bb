// Prepared statements on both engines: which texts get a name, and that a named statement answers exactly
// what the unnamed one does (values of every type, errors, transactions).
import { describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { testDb } from '../../../test/support/db.ts';
import type { DB } from './schema.ts';
import { nameFor, statementName } from './prepared.ts';

const unique = (label: string) => `SELECT '${label}-${Math.random()}' AS x WHERE $1::int > 0`;

describe('statementName', () => {
  it('names a text from its second sighting on, always with the same name', () => {
    const text = unique('twice');
    expect(statementName(text)).toBeNull();
    const name = statementName(text);
    expect(name).toMatch(/^r_[0-9a-f]{24}$/);
    expect(statementName(text)).toBe(name);
  });

  it('gives different texts different names', () => {
    const a = unique('a');
    const b = unique('b');
    statementName(a);
    statementName(b);
    expect(statementName(a)).not.toBe(statementName(b));
  });

  it('never names a pattern or similarity search, whose plan depends on the value', () => {
    for (const text of [
      `SELECT id FROM accounts WHERE lower(name) LIKE $1 -- ${Math.random()}`,
      `SELECT id FROM accounts WHERE name ILIKE $1 -- ${Math.random()}`,
      `SELECT similarity(name, $1) FROM accounts -- ${Math.random()}`,
      `SELECT id FROM accounts WHERE lower(name) % $1 -- ${Math.random()}`,
    ]) {
      for (let i = 0; i < 3; i++) expect(statementName(text)).toBeNull();
    }
  });
});

/** The prepared statements of the connection running fn's queries (one transaction pins one connection). */
async function preparedAfter(db: Kysely<DB>, fn: (trx: Kysely<DB>) => Promise<void>): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    await fn(trx);
    const rows = await sql<{ name: string }>`SELECT name FROM pg_prepared_statements`.execute(trx);
    return rows.rows.map((r) => r.name);
  });
}

describe('prepared statements on the engine', () => {
  it('prepares a query from its second run, under its name, and answers the same as unnamed', async () => {
    const db = await testDb();
    const tag = `prep-${Math.random()}`;
    const next = (n: number) => sql<{ next: number }>`SELECT ${n}::int + 1 AS next, ${sql.lit(tag)} AS tag`;
    const once = sql`SELECT ${1}::int AS one, ${sql.lit(tag)} AS once`;
    const values: number[] = [];
    const names = await preparedAfter(db, async (trx) => {
      for (let i = 0; i < 4; i++) values.push((await next(i).execute(trx)).rows[0]!.next);
      await once.execute(trx);
    });
    expect(values).toEqual([1, 2, 3, 4]);
    expect(names).toContain(nameFor(next(0).compile(db).sql));
    expect(names).not.toContain(nameFor(once.compile(db).sql));
  });

  it('sends dates, arrays, JSON, big integers, booleans and nulls through a named statement as the unnamed one does', async () => {
    const db = await testDb();
    const at = new Date('2026-11-29T08:30:00.123Z');
    const run = () =>
      sql<{ t: Date; a: string[]; j: { k: number[] }; n: string; d: string; b: boolean; z: string | null }>`
        SELECT ${at}::timestamptz AS t, ${['un', 'deux', "l'trois"]}::text[] AS a, ${JSON.stringify({ k: [1, 2] })}::jsonb AS j,
               ${'9007199254740993'}::int8 AS n, ${'2026-02-28'}::date AS d, ${true}::boolean AS b, ${null}::text AS z`.execute(db);
    const first = (await run()).rows[0]!;
    for (let i = 0; i < 3; i++) expect((await run()).rows[0]).toEqual(first);
    expect(new Date(first.t).toISOString()).toBe(at.toISOString());
    expect(first.a).toEqual(['un', 'deux', "l'trois"]);
    expect(first.j).toEqual({ k: [1, 2] });
    expect(first.n).toBe('9007199254740993');
    expect(first.d).toBe('2026-02-28');
    expect(first.b).toBe(true);
    expect(first.z).toBeNull();
  });

  it('reports a failing named statement with its code and leaves the connection usable', async () => {
    const db = await testDb();
    const divide = (n: number) => sql<{ q: number }>`SELECT 10 / ${n}::int AS q`.execute(db);
    expect((await divide(2)).rows[0]!.q).toBe(5);
    expect((await divide(5)).rows[0]!.q).toBe(2);
    await expect(divide(0)).rejects.toMatchObject({ code: '22012' });
    expect((await divide(1)).rows[0]!.q).toBe(10);
  });

  it('rolls back a transaction whose named statement failed, with its earlier writes', async () => {
    const db = await testDb();
    const code = `PRB-${Math.random()}`;
    const divide = (trx: Kysely<DB>, n: number) => sql`SELECT 10 / ${n}::int AS q`.execute(trx);
    await divide(db, 1);
    await divide(db, 2);
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`INSERT INTO regions (id, code, name) VALUES (gen_random_uuid(), ${code}, 'Probe')`.execute(trx);
        await divide(trx, 0);
      }),
    ).rejects.toMatchObject({ code: '22012' });
    const left = await sql<{ n: number }>`SELECT count(*)::int AS n FROM regions WHERE code = ${code}`.execute(db);
    expect(left.rows[0]!.n).toBe(0);
  });
});
