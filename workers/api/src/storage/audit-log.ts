/** The audit log: every catalog and experiment change, who made it, and the entity before and after. */
import { and, desc, eq, inArray, lt } from "drizzle-orm";
import { auditLog, type AuditAction } from "../../../../lib/db/schema.ts";
import type { Database } from "../../../../lib/db/database.ts";
import { toStatement } from "./statements.ts";

export interface AuditEntry {
  actorAccountId: string;
  action: AuditAction;
  entityType: (typeof auditLog.$inferInsert)["entityType"];
  entityId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

/** The statement that records an entry; callers batch it with the change itself. */
export function auditStatement(
  db: Database,
  entry: AuditEntry,
  at = new Date(),
): D1PreparedStatement {
  return toStatement(
    db,
    db.insert(auditLog).values({
      id: crypto.randomUUID(),
      ...entry,
      before: entry.before ?? null,
      after: entry.after ?? null,
      at,
    }),
  );
}

/** Entries about the given kinds of entity (the ones the caller may read), newest first. */
export async function listAuditEntries<Entity extends AuditEntry["entityType"]>(
  db: Database,
  filter: {
    entityTypes: readonly Entity[];
    entityType?: Entity;
    entityId?: string;
    before?: Date;
    limit: number;
  },
) {
  const rows = await db
    .select()
    .from(auditLog)
    .where(
      and(
        inArray(auditLog.entityType, [...filter.entityTypes]),
        filter.entityType ? eq(auditLog.entityType, filter.entityType) : undefined,
        filter.entityId ? eq(auditLog.entityId, filter.entityId) : undefined,
        filter.before ? lt(auditLog.at, filter.before) : undefined,
      ),
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(filter.limit);
  // The where clause admits only these kinds.
  return rows as (typeof auditLog.$inferSelect & { entityType: Entity })[];
}

/**
 * The statement that records an entry only if the statement before it in
 * the same batch changed a row (SQLite's changes()): the audit entry of a
 * conditional write, which may turn out to write nothing.
 */
export function auditStatementIfChanged(
  db: Database,
  entry: AuditEntry,
  at = new Date(),
): D1PreparedStatement {
  return db.$client
    .prepare(
      `insert into audit_log
         (id, actor_account_id, action, entity_type, entity_id, before, after, request_id, at)
       select ?, ?, ?, ?, ?, ?, ?, ?, ? where changes() > 0`,
    )
    .bind(
      crypto.randomUUID(),
      entry.actorAccountId,
      entry.action,
      entry.entityType,
      entry.entityId,
      entry.before == null ? null : JSON.stringify(entry.before),
      entry.after == null ? null : JSON.stringify(entry.after),
      entry.requestId,
      at.getTime(),
    );
}
