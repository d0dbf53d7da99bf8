/**
 * GET /metrics: the platform's metrics in the Prometheus text format, for a
 * scraper holding METRICS_TOKEN. Outside /api/* so a scrape config can use
 * Prometheus's default metrics_path; wrangler.toml runs the Worker first
 * for it (static assets answer every other path outside /api/*).
 */
import { createRoute, z } from "@hono/zod-openapi";
import { PROMETHEUS_CONTENT_TYPE } from "../../../../lib/metrics/prometheus-text.ts";
import { errorResponses } from "../../../../lib/http/openapi.ts";
import { securityHeaders } from "../../../../lib/http/security-headers.ts";
import { metricsToken } from "../middleware/metrics-token.ts";
import { metricsExposition } from "../services/metrics-exposition.ts";
import { createRouter } from "./router.ts";

export const metricsRoutes = createRouter();

metricsRoutes.use("*", securityHeaders());

metricsRoutes.openAPIRegistry.registerComponent("securitySchemes", "metricsToken", {
  type: "http",
  scheme: "bearer",
  description: "The METRICS_TOKEN secret (a Prometheus scrape config's bearer_token).",
});

metricsRoutes.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "getMetrics",
    summary: "Request and playback metrics for Prometheus",
    description:
      "Prometheus text exposition format 0.0.4: http_requests_total, http_request_duration_seconds, streaming_starts_total, streaming_buffer_events_total, streaming_playback_errors_total, streaming_bitrate_kbps, streaming_concurrent_viewers and streaming_alerts_firing (docs/analytics-operations.md).",
    tags: ["Metrics"],
    security: [{ metricsToken: [] }],
    middleware: [metricsToken()] as const,
    responses: {
      200: {
        description: "The metrics.",
        content: { "text/plain": { schema: z.string() } },
      },
      ...errorResponses(401),
    },
  }),
  async (c) =>
    c.text(await metricsExposition(c.env), 200, { "Content-Type": PROMETHEUS_CONTENT_TYPE }),
);
