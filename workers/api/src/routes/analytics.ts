/**
 * /api/qoe/* and /api/engagement are the analytics Worker's. Event batches
 * carry their own credential (the view token in the body, checked there),
 * so a beacon on pagehide needs no session; on the `qoe` rate limit they
 * count against their view, or their address without a valid view token
 * (services/qoe-callers.ts). The body is read here only to find the view
 * (within the same size limit the analytics Worker applies); the request
 * is forwarded untouched. The dashboards' reads need a signed-in caller,
 * whose roles the analytics Worker checks.
 */
import { Hono } from "hono";
import { tokenKeys } from "../../../../lib/auth/signed-token.ts";
import { limitBody } from "../../../../lib/http/body-limit.ts";
import type { AppEnv } from "../app-env.ts";
import { config } from "../config.ts";
import { enforceRateLimit } from "../middleware/rate-limit.ts";
import { qoeCallerKey } from "../services/qoe-callers.ts";
import { forward, forwardSignedIn } from "./forward.ts";

export const qoeRoutes = new Hono<AppEnv>()
  .post("/events", limitBody(), async (c) => {
    const body: unknown = await c.req.raw
      .clone()
      .json()
      .catch(() => null);
    const keys = await tokenKeys(config(c.env).JWT_SIGNING_KEYS);
    const address = c.req.header("cf-connecting-ip") ?? "unknown";
    await enforceRateLimit(c, "qoe", await qoeCallerKey(keys, body, address));
    return forward(c, c.env.ANALYTICS, null);
  })
  .all("*", (c) => forwardSignedIn(c, c.env.ANALYTICS, "admin"));

export const engagementRoutes = new Hono<AppEnv>().all("*", (c) =>
  forwardSignedIn(c, c.env.ANALYTICS, "admin"),
);
