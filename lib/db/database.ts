/** The Drizzle client over the D1 binding or one of its sessions. Creating one is cheap; do it per request. */
import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema.ts";

export function database(d1: D1Database | D1DatabaseSession) {
  // Drizzle's D1 driver calls only prepare() and batch(), which a session has too, but its
  // types ask for the whole binding (drizzle-orm#4522 asks for sessions; #4776 is open).
  return drizzle(d1 as D1Database, { schema });
}

export type Database = ReturnType<typeof database>;
