// The embedded engine's Kysely driver, with prepared statements. PGlite's own query() parses, describes,
// binds and executes in six separate calls into the WASM backend and plans the statement every time;
// here a repeated statement is parsed once under a name (the same rule as on PostgreSQL, prepared.ts)
// and each later call is one bind-describe-execute-sync exchange. Measured on the benchmark set: the
// session + principal read 3.2 ms → 0.5 ms.
import { PGliteDialect, type DatabaseConnection, type Driver, type QueryResult, type TransactionSettings, CompiledQuery } from 'kysely';
import { parse, protocol, type PGlite } from '@electric-sql/pglite';
import { STATEMENTS_PER_CONNECTION, statementName } from './prepared.ts';

const { serialize } = protocol;
type BackendMessage = Awaited<ReturnType<PGlite['execProtocolStream']>>[number];

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

class PreparedConnection implements DatabaseConnection {
  /** Parameter types of each named statement, as the backend described them when it was parsed. */
  readonly #statements = new Map<string, number[]>();
  /** Set while a transaction is open: the driver holds PGlite's transaction lock for it. */
  inTransaction = false;

  constructor(readonly pglite: PGlite) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    // Inside a transaction the connection already holds PGlite's transaction lock (pglite.transaction);
    // outside one, it takes it, as pglite.query() does, so LISTEN and other callers never interleave.
    const run = () => this.pglite.runExclusive(() => this.#run(compiled.sql, compiled.parameters as unknown[]));
    const messages = this.inTransaction ? await run() : await this.pglite._runExclusiveTransaction(run);
    if (!this.inTransaction) await this.pglite.syncToFs();
    const result = parse.parseResults(messages, this.pglite.parsers, { rowMode: 'object' })[0];
    return {
      rows: (result?.rows ?? []) as R[],
      numAffectedRows: result?.affectedRows != null ? BigInt(result.affectedRows) : undefined,
    };
  }

  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming is not supported by PGlite');
  }

  async #run(text: string, values: unknown[]): Promise<BackendMessage[]> {
    const exchange = (parts: Uint8Array[]) => this.pglite.execProtocolStream(concat([...parts, serialize.sync()]), { syncToFs: false });
    const run = (statement: string, types: number[]) =>
      exchange([serialize.bind({ statement, values: this.#serialise(values, types) }), serialize.describe({ type: 'P' }), serialize.execute({})]);

    const name = values.length > 0 ? statementName(text) : null;
    const types = name ? this.#statements.get(name) : undefined;
    if (name && types) return run(name, types);
    if (name && this.#statements.size < STATEMENTS_PER_CONNECTION) {
      const described = parse.parseDescribeStatementResults(await exchange([serialize.parse({ name, text }), serialize.describe({ type: 'S', name })]));
      this.#statements.set(name, described);
      return run(name, described);
    }
    if (values.length === 0) return exchange([serialize.parse({ text }), serialize.bind({}), serialize.describe({ type: 'P' }), serialize.execute({})]);
    // The unnamed statement: described first, since the values are sent as text of the types it expects.
    return run('', parse.parseDescribeStatementResults(await exchange([serialize.parse({ text }), serialize.describe({ type: 'S' })])));
  }

  #serialise(values: unknown[], types: number[]): (string | null)[] {
    return values.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serialiser = this.pglite.serializers[types[i]!];
      return serialiser ? serialiser(value) : String(value);
    });
  }
}

class PreparedDriver implements Driver {
  readonly #connection: PreparedConnection;
  #commit: (() => void) | null = null;
  #rollback: ((reason: Error) => void) | null = null;
  #closed: Promise<void> | null = null;

  constructor(readonly pglite: PGlite) {
    this.#connection = new PreparedConnection(pglite);
  }

  async init(): Promise<void> {
    await this.pglite.waitReady;
  }

  // One connection: Kysely's connection mutex (PGliteAdapter: no multiple connections) lends it to one user at a time.
  async acquireConnection(): Promise<DatabaseConnection> {
    return this.#connection;
  }

  async releaseConnection(): Promise<void> {}

  async beginTransaction(_connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    let begun!: () => void;
    const started = new Promise<void>((resolve) => (begun = resolve));
    const ended = new Promise<void>((resolve, reject) => {
      this.#commit = resolve;
      this.#rollback = reject;
    });
    // PGlite's transaction() holds its lock from BEGIN to COMMIT or ROLLBACK: the commands run inside it.
    this.#closed = this.pglite.transaction(async (tx) => {
      if (settings.isolationLevel) await tx.exec(`SET TRANSACTION ISOLATION LEVEL ${settings.isolationLevel.toUpperCase()}`);
      this.#connection.inTransaction = true;
      begun();
      await ended;
    });
    // A failed BEGIN ends the transaction before it starts: that failure is the caller's.
    await Promise.race([started, this.#closed]);
  }

  async commitTransaction(): Promise<void> {
    this.#commit?.();
    try {
      await this.#closed;
    } finally {
      this.#end();
    }
  }

  async rollbackTransaction(): Promise<void> {
    this.#rollback?.(new Error('rolled back'));
    await this.#closed?.catch(() => {});
    this.#end();
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`SAVEPOINT ${name}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`ROLLBACK TO SAVEPOINT ${name}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`RELEASE SAVEPOINT ${name}`));
  }

  async destroy(): Promise<void> {
    if (!this.pglite.closed) await this.pglite.close();
  }

  #end() {
    this.#connection.inTransaction = false;
    this.#commit = null;
    this.#rollback = null;
    this.#closed = null;
  }
}

/** Kysely's PGlite dialect (its adapter: one connection, lent by a mutex) with the prepared-statement driver. */
export class PreparedPGliteDialect extends PGliteDialect {
  constructor(readonly pglite: PGlite) {
    super({ pglite });
  }

  override createDriver(): Driver {
    return new PreparedDriver(this.pglite);
  }
}
