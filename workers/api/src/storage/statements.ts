/**
 * Drizzle builds most statements; some writes must commit together with raw
 * SQL that Drizzle cannot batch (the full-text index). `toStatement` turns a
 * Drizzle query into a D1 prepared statement, so both go into one D1 batch
 * (one transaction).
 */
import type { Database } from "../../../../lib/db/database.ts";

interface BuiltQuery {
  toSQL(): { sql: string; params: unknown[] };
}

export function toStatement(db: Database, query: BuiltQuery): D1PreparedStatement {
  const { sql, params } = query.toSQL();
  return db.$client.prepare(sql).bind(...params);
}

export function rawStatement(db: Database, sql: string, ...params: unknown[]): D1PreparedStatement {
  return db.$client.prepare(sql).bind(...params);
}

/**
 * D1 allows 100 bound parameters per statement, so lists of ids travel as
 * one JSON array parameter: `id in (select value from json_each(?))`.
 */
export const jsonList = (ids: readonly string[]) => JSON.stringify(ids);
