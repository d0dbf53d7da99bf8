/**
 * GET /metrics is for a Prometheus scraper, which sends METRICS_TOKEN as
 * `Authorization: Bearer <token>` (bearer_token in its scrape config). The
 * comparison is of SHA-256 digests in constant time, so neither the
 * token's bytes nor its length leak through timing.
 */
import type { MiddlewareHandler } from "hono";
import { sha256, timingSafeEqual } from "../../../../lib/crypto/bytes.ts";
import { ApiError } from "../../../../lib/http/api-error.ts";
import type { AppEnv } from "../app-env.ts";
import { config } from "../config.ts";

export function metricsToken(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const presented = /^Bearer (\S+)$/.exec(c.req.header("authorization") ?? "")?.[1] ?? "";
    const [expected, given] = await Promise.all([
      sha256(config(c.env).METRICS_TOKEN),
      sha256(presented),
    ]);
    if (!presented || !timingSafeEqual(expected, given)) {
      throw new ApiError(
        401,
        "unauthenticated",
        "Send the metrics token as `Authorization: Bearer <token>`.",
        { headers: { "WWW-Authenticate": 'Bearer realm="metrics"' } },
      );
    }
    await next();
  };
}
