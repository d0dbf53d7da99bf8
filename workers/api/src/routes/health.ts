/**
 * Liveness (`/api/health`: the Worker answers, touching nothing, so it is
 * also the baseline our benchmarks measure routes against) and readiness
 * (`/api/health/ready`: every dependency answers).
 */
import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "./router.ts";
import { jsonResponse } from "../../../../lib/http/openapi.ts";

export const healthRoutes = createRouter();

const tags = ["Health"];

healthRoutes.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "getHealth",
    summary: "Liveness",
    tags,
    responses: {
      200: jsonResponse(
        z.object({ status: z.literal("ok") }).openapi("Health"),
        "The Worker is up.",
      ),
    },
  }),
  (c) => c.json({ status: "ok" as const }, 200),
);

const DependencyStatus = z.enum(["ok", "failing"]);
const ReadinessSchema = z
  .object({
    status: z.enum(["ready", "degraded"]),
    dependencies: z.record(z.string(), DependencyStatus),
  })
  .openapi("Readiness");

healthRoutes.openapi(
  createRoute({
    method: "get",
    path: "/ready",
    operationId: "getReadiness",
    summary: "Readiness of every dependency",
    tags,
    responses: {
      200: jsonResponse(ReadinessSchema, "Every dependency answers."),
      503: jsonResponse(ReadinessSchema, "At least one dependency is failing."),
    },
  }),
  async (c) => {
    const workerHealth = async (worker: Fetcher) => {
      const response = await worker.fetch("https://internal/health");
      if (!response.ok) throw new Error(`status ${response.status}`);
    };
    const checks: Record<string, () => Promise<unknown>> = {
      d1: () => c.env.DB.prepare("select 1").first(),
      kv: () => c.env.KV.get("readiness-probe"),
      durableObjects: () =>
        c.env.RATE_LIMITER.getByName("readiness").consume([
          { limit: Number.MAX_SAFE_INTEGER, windowMs: 1000 },
        ]),
      ingest: () => workerHealth(c.env.INGEST),
      analytics: () => workerHealth(c.env.ANALYTICS),
    };
    const results = await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        try {
          await check();
          return [name, "ok"] as const;
        } catch (error) {
          c.get("logger").log("warn", "readiness check failed", {
            dependency: name,
            error: String(error),
          });
          return [name, "failing"] as const;
        }
      }),
    );
    const dependencies = Object.fromEntries(results);
    const ready = results.every(([, status]) => status === "ok");
    return ready
      ? c.json({ status: "ready" as const, dependencies }, 200)
      : c.json({ status: "degraded" as const, dependencies }, 503);
  },
);
