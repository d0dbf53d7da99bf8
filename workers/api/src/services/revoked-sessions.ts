/**
 * Revoked sessions, as seen by every request. Access tokens are verified
 * without a database read; to stop a revoked session's token before it
 * expires, a revocation writes a marker to KV that lives as long as the
 * longest access token could. KV replicates globally within about a minute,
 * so a revoked session stops everywhere within that time (immediately
 * where it was revoked).
 *
 * D1 holds the truth (sessions.revoked_at): when KV cannot be read, the
 * check asks D1 instead, and a marker that could not be written is logged
 * (the session is revoked all the same; its tokens then live out their
 * 15 minutes where KV had no marker).
 *
 * Every authenticated request asks, so an answer of "active" is remembered
 * in the isolate for a few seconds (cache/isolate-memory.ts); a revocation
 * in this isolate forgets it at once, other isolates within seconds, well
 * inside KV's own propagation time.
 */
import { eq } from "drizzle-orm";
import { sessions } from "../../../../lib/db/schema.ts";
import type { Logger } from "../../../../lib/http/logger.ts";
import { forget, recall, remember } from "../cache/isolate-memory.ts";
import type { Database } from "../../../../lib/db/database.ts";

const PREFIX = "revoked-session:";
// KV's shortest expiry is 60 s; access tokens live longer than that anyway.
const MARGIN_SECONDS = 60;

export async function markSessionsRevoked(
  kv: KVNamespace,
  sessionIds: string[],
  accessTokenTtlSeconds: number,
  logger: Logger,
): Promise<void> {
  for (const id of sessionIds) forget(PREFIX + id);
  const writes = await Promise.allSettled(
    sessionIds.map((id) =>
      kv.put(PREFIX + id, "1", { expirationTtl: accessTokenTtlSeconds + MARGIN_SECONDS }),
    ),
  );
  for (const write of writes) {
    if (write.status === "rejected")
      logger.log("error", "could not mark a session revoked in KV", {
        error: String(write.reason),
      });
  }
}

export async function isSessionRevoked(
  { kv, db, logger }: { kv: KVNamespace; db: Database; logger: Logger },
  sessionId: string,
): Promise<boolean> {
  if (recall<boolean>(PREFIX + sessionId) === false) return false;
  let revoked: boolean;
  try {
    revoked = (await kv.get(PREFIX + sessionId)) !== null;
  } catch (error) {
    logger.log("warn", "KV unavailable; checking the session in D1", { error: String(error) });
    const session = await db.query.sessions.findFirst({
      where: eq(sessions.id, sessionId),
      columns: { revokedAt: true },
    });
    revoked = !session || session.revokedAt !== null;
  }
  if (!revoked) remember(PREFIX + sessionId, false);
  return revoked;
}
