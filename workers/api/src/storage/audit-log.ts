/** The audit log: every catalog change, who made it, and the entity before and after. */
import { and, desc, eq, lt } from "drizzle-orm";
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

export function listAuditEntries(
  db: Database,
  filter: {
    entityType?: AuditEntry["entityType"];
    entityId?: string;
    before?: Date;
    limit: number;
  },
) {
  return db
    .select()
    .from(auditLog)
    .where(
      and(
        filter.entityType ? eq(auditLog.entityType, filter.entityType) : undefined,
        filter.entityId ? eq(auditLog.entityId, filter.entityId) : undefined,
        filter.before ? lt(auditLog.at, filter.before) : undefined,
      ),
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(filter.limit);
}
