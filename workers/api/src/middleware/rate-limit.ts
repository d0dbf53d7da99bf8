/**
 * Rate limiting by tier, backed by the RateLimiter Durable Object. The caller
 * is the signed-in account when there is one, otherwise the client IP as
 * Cloudflare reports it (`CF-Connecting-IP`, which clients cannot forge at
 * the edge). Every answer carries `X-RateLimit-Limit`, `-Remaining` and
 * `-Reset` (Unix seconds); a refusal is a 429 with `Retry-After`.
 *
 * @example
 * createRoute({ ..., middleware: [rateLimit("auth")] })
 */
import type { Context, MiddlewareHandler } from "hono";
import { windowsFor, type RateLimitTierName } from "../../../../lib/rate-limit/tiers.ts";
import { ApiError } from "../../../../lib/http/api-error.ts";
import type { AppEnv } from "../app-env.ts";
import { config } from "../config.ts";

export function callerKey(c: Context<AppEnv>): string {
  const auth = c.get("auth");
  if (auth) return `account:${auth.accountId}`;
  return `ip:${c.req.header("cf-connecting-ip") ?? "unknown"}`;
}

/** Counts one request for `caller` on `tier`, or throws a 429. */
export async function enforceRateLimit(
  c: Context<AppEnv>,
  tier: RateLimitTierName,
  caller: string,
): Promise<void> {
  const windows = windowsFor(tier, c.get("auth")?.plan, config(c.env).RATE_LIMIT_SCALE);
  const decision = await c.env.RATE_LIMITER.getByName(`${tier}:${caller}`).consume(windows);
  const headers = {
    "X-RateLimit-Limit": String(decision.limit),
    "X-RateLimit-Remaining": String(decision.remaining),
    "X-RateLimit-Reset": String(Math.ceil(decision.resetAt / 1000)),
  };
  if (!decision.allowed) {
    throw new ApiError(429, "rate_limited", "Too many requests; try again later.", {
      headers: { ...headers, "Retry-After": String(Math.ceil(decision.retryAfterMs / 1000)) },
    });
  }
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
}

export function rateLimit(tier: RateLimitTierName): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await enforceRateLimit(c, tier, callerKey(c));
    await next();
  };
}
