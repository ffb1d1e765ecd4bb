// Instants read for display, formatted by the database.
import { sql, type RawBuilder } from 'kysely';

/**
 * An instant as the API writes it (ISO 8601 in UTC, to the millisecond, as Date#toISOString), formatted in
 * the query: a list of 200 leads parsed 1,600 timestamps into Dates only to print them again.
 */
export function isoTime(column: string): RawBuilder<string> {
  return sql<string>`to_char(${sql.ref(column)} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}
