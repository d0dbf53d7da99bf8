/**
 * /api/qoe/* and /api/engagement are the analytics Worker's. Event batches
 * carry their own credential (the view token in the body, checked there),
 * so a beacon on pagehide needs no session; they are counted per client IP
 * on the `qoe` rate limit. The dashboards' reads need a signed-in caller,
 * whose roles the analytics Worker checks.
 */
import { Hono } from "hono";
import type { AppEnv } from "../app-env.ts";
import { enforceRateLimit } from "../middleware/rate-limit.ts";
import { forward, forwardSignedIn } from "./forward.ts";

export const qoeRoutes = new Hono<AppEnv>()
  .post("/events", async (c) => {
    await enforceRateLimit(c, "qoe", `ip:${c.req.header("cf-connecting-ip") ?? "unknown"}`);
    return forward(c, c.env.ANALYTICS, null);
  })
  .all("*", (c) => forwardSignedIn(c, c.env.ANALYTICS, "admin"));

export const engagementRoutes = new Hono<AppEnv>().all("*", (c) =>
  forwardSignedIn(c, c.env.ANALYTICS, "admin"),
);
