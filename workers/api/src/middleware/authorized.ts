/**
 * The access rule of a signed-in route in one place: who may call it, how
 * often, whether it acts for the session's active profile, and how the
 * OpenAPI document says so (`security`, `x-required-role`,
 * `x-requires-profile`).
 *
 * Order of checks: token (no I/O), then role (no I/O, 403), then, side by
 * side because none needs another's answer: the revocation read (KV), the
 * rate-limit count (Durable Object) and, where needed, the active profile
 * (D1). A route for a profile answers 403 `profile_required` until one is
 * chosen.
 *
 * @example
 * createRoute({ method: "get", path: "/", ...authorized("viewer", "browse", { profile: true }), ... })
 */
import type { Context, MiddlewareHandler } from "hono";
import { hasRole, type Role } from "../../../../lib/auth/roles.ts";
import { ApiError, forbidden } from "../../../../lib/http/api-error.ts";
import type { RateLimitTierName } from "../../../../lib/rate-limit/tiers.ts";
import type { AppEnv, AuthContext } from "../app-env.ts";
import { AUTHENTICATED } from "../schemas/common.ts";
import { database } from "../storage/database.ts";
import { findProfile } from "../storage/profiles.ts";
import { assertSessionActive, identifyCaller } from "./auth.ts";
import { enforceRateLimit } from "./rate-limit.ts";

const profileRequired = () => new ApiError(403, "profile_required", "Choose who's watching first.");

async function loadActiveProfile(c: Context<AppEnv>, auth: AuthContext) {
  if (!auth.profileId) throw profileRequired();
  const profile = await findProfile(database(c.env.DB), auth.accountId, auth.profileId);
  // The profile may have been deleted since the token was issued.
  if (!profile) throw profileRequired();
  c.set("profile", profile);
}

function requireAccess(
  role: Role,
  tier: RateLimitTierName,
  needsProfile: boolean,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const auth = await identifyCaller(c);
    if (!hasRole(auth.roles, role)) throw forbidden();
    const checks = await Promise.allSettled([
      assertSessionActive(c, auth.sessionId),
      enforceRateLimit(c, tier, `account:${auth.accountId}`),
      needsProfile ? loadActiveProfile(c, auth) : Promise.resolve(),
    ]);
    // In this order: a revoked session is a 401 whatever its rate-limit state.
    for (const check of checks) if (check.status === "rejected") throw check.reason;
    await next();
  };
}

export function authorized(role: Role, tier: RateLimitTierName, { profile = false } = {}) {
  return {
    security: AUTHENTICATED,
    "x-required-role": role,
    ...(profile ? { "x-requires-profile": true } : {}),
    middleware: [requireAccess(role, tier, profile)],
  };
}
