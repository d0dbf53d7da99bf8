/**
 * The analytics Worker's HTTP surface: /api/qoe and /api/engagement (the
 * api Worker forwards those prefixes here with the caller it authenticated).
 */
import { adoptCaller } from "../../../lib/http/forwarded-caller.ts";
import { createWorkerApp } from "../../../lib/http/worker-app.ts";
import type { AnalyticsEnv } from "./app-env.ts";
import { engagementRoutes } from "./routes/engagement.ts";
import { qoeEventRoutes, qoeReadRoutes } from "./routes/qoe.ts";

export const app = createWorkerApp<AnalyticsEnv>("analytics");

// First, before any body limit may replace the request object.
app.use("/api/*", adoptCaller());

app.route("/api/qoe/events", qoeEventRoutes);
app.route("/api/qoe", qoeReadRoutes);
app.route("/api/engagement", engagementRoutes);

/** This Worker's part of the API document; the api Worker merges it into /api/openapi.json. */
export function analyticsOpenApiDocument() {
  return app.getOpenAPI31Document({
    openapi: "3.1.0",
    info: { title: "Marquee analytics", version: "1.0.0" },
  });
}
