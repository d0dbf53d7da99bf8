/**
 * Who is calling. The access token comes from `Authorization: Bearer` (API
 * clients) or the access cookie (the web app); it must verify, and its
 * session must not be revoked.
 */
import type { Context } from "hono";
import { errors } from "jose";
import { readAccessToken, type AccessClaims } from "../../../../lib/auth/access-token.ts";
import { tokenKeys } from "../../../../lib/auth/signed-token.ts";
import { ApiError, unauthenticated } from "../../../../lib/http/api-error.ts";
import type { AppEnv, AuthContext } from "../app-env.ts";
import { accessCookie } from "../auth-cookies.ts";
import { config } from "../config.ts";
import { isSessionRevoked } from "../services/revoked-sessions.ts";

function presentedToken(authorization: string | undefined, cookie: string | undefined) {
  if (authorization !== undefined) {
    const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(authorization);
    if (!match?.[1])
      throw new ApiError(
        401,
        "invalid_token",
        "The Authorization header must be `Bearer <token>`.",
      );
    return { token: match[1], via: "bearer" as const };
  }
  return cookie ? { token: cookie, via: "cookie" as const } : null;
}

async function verify(env: Env, token: string): Promise<AccessClaims> {
  try {
    return await readAccessToken(await tokenKeys(config(env).JWT_SIGNING_KEYS), token);
  } catch (error) {
    if (error instanceof errors.JWTExpired)
      throw new ApiError(401, "token_expired", "The access token has expired; refresh it.");
    throw new ApiError(401, "invalid_token", "The access token is not valid.");
  }
}

/**
 * Verifies the caller's token (no I/O) and sets `c.var.auth`. The session's
 * revocation is checked separately (`assertSessionActive`) so that callers
 * can overlap that read with other work.
 */
export async function identifyCaller(c: Context<AppEnv>): Promise<AuthContext> {
  const presented = presentedToken(c.req.header("authorization"), accessCookie(c));
  if (!presented) throw unauthenticated();
  const auth = { ...(await verify(c.env, presented.token)), via: presented.via };
  c.set("auth", auth);
  return auth;
}

export async function assertSessionActive(c: Context<AppEnv>, sessionId: string): Promise<void> {
  const stores = { kv: c.env.KV, db: c.var.db, logger: c.get("logger") };
  if (await isSessionRevoked(stores, sessionId))
    throw new ApiError(401, "session_revoked", "This session has been signed out.");
}

/** The caller, with a verified token and a session that is still active. */
export async function authenticate(c: Context<AppEnv>): Promise<AuthContext> {
  const auth = await identifyCaller(c);
  await assertSessionActive(c, auth.sessionId);
  return auth;
}
