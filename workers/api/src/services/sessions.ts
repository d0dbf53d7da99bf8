/**
 * Sessions and their tokens. A session is one signed-in device and one
 * refresh-token family:
 *
 * - starting a session issues a 15-minute access token and a 30-day opaque
 *   refresh token (stored only as its SHA-256);
 * - refreshing exchanges the refresh token for a new pair, and the old one
 *   is spent;
 * - presenting a spent refresh token again means it was copied: the whole
 *   session is revoked, the thief's copy and the owner's alike.
 */
import { issueAccessToken } from "../../../../lib/auth/access-token.ts";
import { effectiveRoles } from "../../../../lib/auth/roles.ts";
import { hashToken, randomToken } from "../../../../lib/crypto/bytes.ts";
import type { Account, Profile } from "../../../../lib/db/schema.ts";
import { ApiError } from "../../../../lib/http/api-error.ts";
import { findAccount } from "../storage/accounts.ts";
import { findProfile } from "../storage/profiles.ts";
import {
  findRefreshToken,
  insertSession,
  revokeSessions,
  rotateRefreshToken,
  type RevokeReason,
} from "../storage/sessions.ts";
import type { ServiceContext } from "./context.ts";
import { markSessionsRevoked } from "./revoked-sessions.ts";

export interface IssuedTokens {
  accessToken: string;
  expiresIn: number;
  refreshToken?: string;
}

export interface StartedSession {
  sessionId: string;
  tokens: IssuedTokens & { refreshToken: string };
}

/** The access token for a session acting as `profile` (or no profile yet). */
export async function mintAccessToken(
  ctx: ServiceContext,
  { account, sessionId, profile }: { account: Account; sessionId: string; profile: Profile | null },
): Promise<IssuedTokens> {
  const ttl = ctx.config.ACCESS_TOKEN_TTL_SECONDS;
  const accessToken = await issueAccessToken(
    ctx.keys,
    {
      accountId: account.id,
      sessionId,
      profileId: profile?.id ?? null,
      roles: effectiveRoles(account.roles, profile?.isKids ?? false),
      plan: account.plan,
    },
    ttl,
  );
  return { accessToken, expiresIn: ttl };
}

export async function startSession(
  ctx: ServiceContext,
  { account, device, ipAddress }: { account: Account; device: string; ipAddress: string | null },
): Promise<StartedSession> {
  const now = new Date();
  const sessionId = crypto.randomUUID();
  const refreshToken = randomToken();
  await insertSession(ctx.db, {
    session: { id: sessionId, accountId: account.id, device, ipAddress, now },
    refreshTokenHash: await hashToken(refreshToken),
    refreshExpiresAt: new Date(now.getTime() + ctx.config.REFRESH_TOKEN_TTL_SECONDS * 1000),
  });
  const access = await mintAccessToken(ctx, { account, sessionId, profile: null });
  return { sessionId, tokens: { ...access, refreshToken } };
}

const invalidRefresh = () =>
  new ApiError(401, "invalid_refresh_token", "The refresh token is not valid; sign in again.");

/** Exchanges a refresh token for a new access and refresh token. */
export async function refreshSession(
  ctx: ServiceContext,
  refreshToken: string,
): Promise<StartedSession> {
  const now = new Date();
  const oldHash = await hashToken(refreshToken);
  const stored = await findRefreshToken(ctx.db, oldHash);
  if (!stored || stored.session.revokedAt) throw invalidRefresh();
  if (stored.rotatedAt) return reuseDetected(ctx, stored.sessionId);
  if (stored.expiresAt <= now) throw invalidRefresh();

  const next = randomToken();
  const rotated = await rotateRefreshToken(ctx.db, {
    oldHash,
    newHash: await hashToken(next),
    sessionId: stored.sessionId,
    now,
    expiresAt: new Date(now.getTime() + ctx.config.REFRESH_TOKEN_TTL_SECONDS * 1000),
  });
  // Lost a race with another exchange of the same token: that is reuse too.
  if (!rotated) return reuseDetected(ctx, stored.sessionId);

  const account = await findAccount(ctx.db, stored.session.accountId);
  if (!account) throw invalidRefresh();
  const profileId = stored.session.activeProfileId;
  const profile = profileId ? ((await findProfile(ctx.db, account.id, profileId)) ?? null) : null;
  const access = await mintAccessToken(ctx, { account, sessionId: stored.sessionId, profile });
  return { sessionId: stored.sessionId, tokens: { ...access, refreshToken: next } };
}

async function reuseDetected(ctx: ServiceContext, sessionId: string): Promise<never> {
  await endSessions(ctx, { sessionId }, "refresh_token_reuse");
  throw new ApiError(
    401,
    "refresh_token_reused",
    "This refresh token was already used, so the session has been signed out everywhere it was copied. Sign in again.",
  );
}

/** The session a refresh token belongs to, if the token is known. */
export async function sessionOfRefreshToken(
  ctx: ServiceContext,
  refreshToken: string,
): Promise<{ sessionId: string; accountId: string } | null> {
  const stored = await findRefreshToken(ctx.db, await hashToken(refreshToken));
  return stored ? { sessionId: stored.sessionId, accountId: stored.session.accountId } : null;
}

/** Revokes sessions, and stops their access tokens and their video streams at once. */
export async function endSessions(
  ctx: ServiceContext,
  where: { sessionId: string } | { accountId: string },
  reason: RevokeReason,
): Promise<void> {
  await stopRevokedSessions(ctx, await revokeSessions(ctx.db, where, reason));
}

/** Sessions just revoked in D1: their access tokens and their video streams stop now. */
export async function stopRevokedSessions(
  ctx: ServiceContext,
  revoked: { id: string; accountId: string }[],
): Promise<void> {
  await Promise.all([
    markSessionsRevoked(
      ctx.env.KV,
      revoked.map((session) => session.id),
      ctx.config.ACCESS_TOKEN_TTL_SECONDS,
      ctx.logger,
    ),
    ...revoked.map((session) =>
      ctx.env.STREAM_SESSIONS.getByName(session.accountId).stopForAuthSession(session.id),
    ),
  ]);
}
