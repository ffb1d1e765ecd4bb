// What every command and query receives: the database handle (usually a transaction), who acts, through which channel.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from './db/schema.ts';
import type { Principal } from './auth/principal.ts';

export type Db = Kysely<DB> | Transaction<DB>;

/** How a write reached us; kept in field provenance and the trace. */
export type WriteChannel = 'web' | 'api' | 'import' | 'seed' | 'system' | 'cli';

export interface Ctx {
  db: Db;
  actor: Principal;
  channel: WriteChannel;
}
