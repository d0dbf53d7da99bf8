/**
 * The access rule of a signed-in route in one place: who may call it, how
 * often, and how the OpenAPI document says so (`security` and the
 * `x-required-role` extension).
 *
 * Order of checks: token (no I/O), then role (no I/O, 403), then the
 * revocation read (KV) and the rate-limit count (Durable Object) side by
 * side, since neither needs the other's answer.
 *
 * @example
 * createRoute({ method: "get", path: "/", ...authorized("account_owner", "browse"), ... })
 */
import type { MiddlewareHandler } from "hono";
import { hasRole, type Role } from "../../../../lib/auth/roles.ts";
import { forbidden } from "../../../../lib/http/api-error.ts";
import type { RateLimitTierName } from "../../../../lib/rate-limit/tiers.ts";
import type { AppEnv } from "../app-env.ts";
import { AUTHENTICATED } from "../schemas/common.ts";
import { assertSessionActive, identifyCaller } from "./auth.ts";
import { enforceRateLimit } from "./rate-limit.ts";

function requireAccess(role: Role, tier: RateLimitTierName): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const auth = await identifyCaller(c);
    if (!hasRole(auth.roles, role)) throw forbidden();
    const [active, limited] = await Promise.allSettled([
      assertSessionActive(c, auth.sessionId),
      enforceRateLimit(c, tier, `account:${auth.accountId}`),
    ]);
    // A revoked session is a 401 whatever its rate-limit state.
    if (active.status === "rejected") throw active.reason;
    if (limited.status === "rejected") throw limited.reason;
    await next();
  };
}

export function authorized(role: Role, tier: RateLimitTierName) {
  return {
    security: AUTHENTICATED,
    "x-required-role": role,
    middleware: [requireAccess(role, tier)],
  };
}
