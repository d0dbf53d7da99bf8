/**
 * Authentication and role checks for a route. The access token comes from
 * `Authorization: Bearer` (API clients) or the access cookie (the web app);
 * it must verify, its session must not be revoked, and its roles must grant
 * the route's role.
 *
 * @example
 * createRoute({ ..., middleware: [requireAuth("account_owner")] })
 */
import type { MiddlewareHandler } from "hono";
import { errors } from "jose";
import { readAccessToken, type AccessClaims } from "../../../../lib/auth/access-token.ts";
import { hasRole, type Role } from "../../../../lib/auth/roles.ts";
import { tokenKeys } from "../../../../lib/auth/signed-token.ts";
import { ApiError, forbidden, unauthenticated } from "../../../../lib/http/api-error.ts";
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

/** Reads and checks the caller's token; sets `c.var.auth`. */
export async function authenticate(
  c: Parameters<MiddlewareHandler<AppEnv>>[0],
): Promise<AuthContext> {
  const presented = presentedToken(c.req.header("authorization"), accessCookie(c));
  if (!presented) throw unauthenticated();
  const claims = await verify(c.env, presented.token);
  if (await isSessionRevoked(c.env.KV, claims.sessionId))
    throw new ApiError(401, "session_revoked", "This session has been signed out.");
  const auth = { ...claims, via: presented.via };
  c.set("auth", auth);
  return auth;
}

export function requireAuth(role: Role = "viewer"): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const auth = await authenticate(c);
    if (!hasRole(auth.roles, role)) throw forbidden();
    await next();
  };
}
