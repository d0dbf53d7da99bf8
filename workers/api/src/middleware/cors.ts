/**
 * CORS for other first-party front ends (a TV app, a partner site) listed in
 * `CORS_ALLOWED_ORIGINS`. Anything not on the list gets no CORS headers, so
 * the browser blocks it from reading responses.
 */
import { cors } from "hono/cors";
import type { Context } from "hono";
import type { AppEnv } from "../app-env.ts";
import { config } from "../config.ts";

export const corsAllowlist = () =>
  cors({
    origin: (origin: string, c: Context<AppEnv>) =>
      config(c.env).CORS_ALLOWED_ORIGINS.includes(origin) ? origin : null,
    credentials: true,
    allowMethods: ["GET", "POST", "PATCH", "DELETE"],
    allowHeaders: ["Authorization", "Content-Type", "X-Request-Id"],
    exposeHeaders: [
      "X-Request-Id",
      "Retry-After",
      "X-RateLimit-Limit",
      "X-RateLimit-Remaining",
      "X-RateLimit-Reset",
    ],
    maxAge: 600,
  });
