/** Queries on sessions and their refresh tokens. */
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { refreshTokens, sessions, type Session } from "../../../../lib/db/schema.ts";
import type { Database } from "../../../../lib/db/database.ts";

export type RevokeReason = NonNullable<Session["revokedReason"]>;

/** Creates a session with its first refresh token, atomically. */
export async function insertSession(
  db: Database,
  {
    session,
    refreshTokenHash,
    refreshExpiresAt,
  }: {
    session: { id: string; accountId: string; device: string; ipAddress: string | null; now: Date };
    refreshTokenHash: string;
    refreshExpiresAt: Date;
  },
): Promise<void> {
  await db.batch([
    db.insert(sessions).values({
      id: session.id,
      accountId: session.accountId,
      device: session.device,
      ipAddress: session.ipAddress,
      createdAt: session.now,
      lastSeenAt: session.now,
    }),
    db.insert(refreshTokens).values({
      tokenHash: refreshTokenHash,
      sessionId: session.id,
      issuedAt: session.now,
      expiresAt: refreshExpiresAt,
    }),
  ]);
}

export function findSession(db: Database, sessionId: string): Promise<Session | undefined> {
  return db.query.sessions.findFirst({ where: eq(sessions.id, sessionId) });
}

export function findRefreshToken(db: Database, tokenHash: string) {
  return db.query.refreshTokens.findFirst({
    where: eq(refreshTokens.tokenHash, tokenHash),
    with: { session: true },
  });
}

/**
 * Exchanges a refresh token for a new one in one transaction: the old token
 * is marked rotated only if it was not already, and the new one is inserted
 * only if that mark succeeded (`changes() = 1`). So of two requests racing
 * with the same token, exactly one gets a new token. False means the token
 * had already been rotated.
 */
export async function rotateRefreshToken(
  db: Database,
  {
    oldHash,
    newHash,
    sessionId,
    now,
    expiresAt,
  }: { oldHash: string; newHash: string; sessionId: string; now: Date; expiresAt: Date },
): Promise<boolean> {
  // D1's own batch: Drizzle's cannot hold the conditional insert.
  const d1 = db.$client;
  const [, inserted] = await d1.batch([
    d1
      .prepare(
        "update refresh_tokens set rotated_at = ?1 where token_hash = ?2 and rotated_at is null",
      )
      .bind(now.getTime(), oldHash),
    d1
      .prepare(
        "insert into refresh_tokens (token_hash, session_id, issued_at, expires_at) select ?1, ?2, ?3, ?4 where changes() = 1",
      )
      .bind(newHash, sessionId, now.getTime(), expiresAt.getTime()),
    d1
      .prepare("update sessions set last_seen_at = ?1 where id = ?2")
      .bind(now.getTime(), sessionId),
  ]);
  return inserted?.meta.changes === 1;
}

/** Revokes sessions that are still active; returns the ids it revoked. */
export async function revokeSessions(
  db: Database,
  where: { sessionId: string } | { accountId: string },
  reason: RevokeReason,
): Promise<{ id: string; accountId: string }[]> {
  const target =
    "sessionId" in where
      ? eq(sessions.id, where.sessionId)
      : eq(sessions.accountId, where.accountId);
  const revoked = await db
    .update(sessions)
    .set({ revokedAt: new Date(), revokedReason: reason })
    .where(and(target, isNull(sessions.revokedAt)))
    .returning({ id: sessions.id, accountId: sessions.accountId });
  return revoked;
}

export function listActiveSessions(db: Database, accountId: string, seenSince: Date) {
  return db.query.sessions.findMany({
    where: and(
      eq(sessions.accountId, accountId),
      isNull(sessions.revokedAt),
      sql`${sessions.lastSeenAt} >= ${seenSince.getTime()}`,
    ),
    orderBy: desc(sessions.lastSeenAt),
  });
}

export async function setActiveProfile(db: Database, sessionId: string, profileId: string) {
  await db
    .update(sessions)
    .set({ activeProfileId: profileId, lastSeenAt: new Date() })
    .where(eq(sessions.id, sessionId));
}
