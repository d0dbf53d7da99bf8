/**
 * Counts every request by route pattern, method and status, with its
 * duration, for GET /metrics. Recording is a few Map operations on an
 * in-memory tally per isolate; nothing on the request path awaits. The
 * first request after a flush schedules the next one FLUSH_INTERVAL_MS
 * later in `waitUntil`, which sends the whole tally in one RPC to the
 * RequestMetrics shard this isolate picked at random on its first flush
 * (storage/request-metrics.ts). Keeping one shard per isolate leaves each
 * object a few hundred flushes a second however many isolates there are.
 *
 * The trade-off: an isolate evicted before its flush loses up to
 * FLUSH_INTERVAL_MS of counts (and a flush the object applied but whose
 * answer was lost is counted again when retried), in exchange for one
 * write per isolate every few seconds instead of one per request.
 */
import type { MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import { randomRequestMetricsShard, RequestTally } from "../../../../lib/metrics/request-stats.ts";
import type { AppEnv } from "../app-env.ts";
import { recordRequestStats } from "../storage/request-metrics.ts";

export const FLUSH_INTERVAL_MS = 5_000;
// waitUntil gives up 30 s after the response; a flush scheduled longer ago than that never ran.
const FLUSH_ABANDONED_MS = 30_000;

const tally = new RequestTally();
let flushScheduledAt: number | null = null;
// Picked at the first flush, not at load: a Worker may not make random values in global scope.
let shard: number | undefined;

/** Sends this isolate's tally now (GET /metrics does, before it reads). */
export async function flushRequestMetrics(env: Env): Promise<void> {
  flushScheduledAt = null;
  if (tally.isEmpty) return;
  const stats = tally.drain();
  try {
    shard ??= randomRequestMetricsShard();
    await recordRequestStats(env, shard, stats);
  } catch (error) {
    tally.merge(stats);
    throw error;
  }
}

export function requestMetrics(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = Date.now();
    await next();
    const now = Date.now();
    // The pattern of the route that answered (Hono's routeIndex after next()), never the URL: a
    // request no route matched is counted under the last middleware pattern it passed (`/api/*`).
    tally.record(routePath(c), c.req.method, c.res.status, now - started);
    if (flushScheduledAt === null || now - flushScheduledAt > FLUSH_ABANDONED_MS) {
      flushScheduledAt = now;
      c.executionCtx.waitUntil(
        scheduler
          .wait(FLUSH_INTERVAL_MS)
          .then(() =>
            flushRequestMetrics(c.env).catch((error: unknown) =>
              c.get("logger").log("warn", "request metrics flush failed", { error: String(error) }),
            ),
          ),
      );
    }
  };
}
