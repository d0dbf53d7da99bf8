/**
 * The access rule of a signed-in route in one place: who may call it, how
 * often, and how the OpenAPI document says so (`security` and the
 * `x-required-role` extension).
 *
 * @example
 * createRoute({ method: "get", path: "/", ...authorized("account_owner", "browse"), ... })
 */
import type { Role } from "../../../../lib/auth/roles.ts";
import type { RateLimitTierName } from "../../../../lib/rate-limit/tiers.ts";
import { AUTHENTICATED } from "../schemas/common.ts";
import { requireAuth } from "./auth.ts";
import { rateLimit } from "./rate-limit.ts";

export function authorized(role: Role, tier: RateLimitTierName) {
  return {
    security: AUTHENTICATED,
    "x-required-role": role,
    middleware: [requireAuth(role), rateLimit(tier)],
  };
}
