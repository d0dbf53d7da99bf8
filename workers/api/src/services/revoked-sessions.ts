/**
 * Revoked sessions, as seen by every request. Access tokens are verified
 * without a database read; to stop a revoked session's token before it
 * expires, a revocation writes a marker to KV that lives as long as the
 * longest access token could. KV replicates globally within about a minute,
 * so a revoked session stops everywhere within that time (immediately
 * where it was revoked).
 */
const PREFIX = "revoked-session:";
// KV's shortest expiry is 60 s; access tokens live longer than that anyway.
const MARGIN_SECONDS = 60;

export async function markSessionsRevoked(
  kv: KVNamespace,
  sessionIds: string[],
  accessTokenTtlSeconds: number,
): Promise<void> {
  await Promise.all(
    sessionIds.map((id) =>
      kv.put(PREFIX + id, "1", { expirationTtl: accessTokenTtlSeconds + MARGIN_SECONDS }),
    ),
  );
}

export async function isSessionRevoked(kv: KVNamespace, sessionId: string): Promise<boolean> {
  return (await kv.get(PREFIX + sessionId)) !== null;
}
