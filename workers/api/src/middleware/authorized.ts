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
import { AUTHENTICATED } from "../../../../lib/http/openapi.ts";
import { activeProfile } from "../services/active-profile.ts";
import { profileSignals } from "../storage/profile-activity.ts";
import { progressObject } from "../storage/progress-object.ts";
import { assertSessionActive, identifyCaller } from "./auth.ts";
import { enforceRateLimit } from "./rate-limit.ts";

const profileRequired = () => new ApiError(403, "profile_required", "Choose who's watching first.");

async function loadActiveProfile(c: Context<AppEnv>, auth: AuthContext) {
  if (!auth.profileId) throw profileRequired();
  const profile = await activeProfile(c.var.db, auth.accountId, auth.profileId);
  // The profile may have been deleted since the token was issued.
  if (!profile) throw profileRequired();
  c.set("profile", profile);
}

interface AccessOptions {
  /** The route acts for the session's active profile. */
  profile?: boolean;
  /**
   * Also start reading the profile's activity, to overlap it with the checks,
   * when this says so (the home page asks only while its breaker is closed).
   */
  signals?: () => boolean;
}

const needsProfileFor = (options: AccessOptions) =>
  options.profile === true || options.signals !== undefined;

function requireAccess(
  role: Role,
  tier: RateLimitTierName,
  options: AccessOptions,
): MiddlewareHandler<AppEnv> {
  const needsProfile = needsProfileFor(options);
  return async (c, next) => {
    const auth = await identifyCaller(c);
    if (!hasRole(auth.roles, role)) throw forbidden();
    if (options.signals?.() && auth.profileId) {
      const signals = profileSignals(
        c.var.db,
        progressObject(c.env, auth.profileId),
        auth.profileId,
      );
      // Awaited by the handler (inside its own failure handling), never here.
      signals.catch(() => {});
      c.set("profileSignals", signals);
    }
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

export function authorized(role: Role, tier: RateLimitTierName, options: AccessOptions = {}) {
  const needsProfile = needsProfileFor(options);
  return {
    security: AUTHENTICATED,
    "x-required-role": role,
    ...(needsProfile ? { "x-requires-profile": true } : {}),
    middleware: [requireAccess(role, tier, options)],
  };
}
