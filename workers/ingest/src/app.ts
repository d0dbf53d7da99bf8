/**
 * The ingest Worker's HTTP surface, all under /api/ingest (the api Worker
 * forwards that prefix here): tus uploads and the jobs and webhooks APIs
 * for admins, and the transcoder's storage endpoints for job-token holders.
 */
import type { RequestContextVariables } from "../../../lib/http/request-context.ts";
import { createWorkerApp } from "../../../lib/http/worker-app.ts";
import { adoptCaller } from "../../../lib/http/forwarded-caller.ts";
import type { IngestEnv } from "./app-env.ts";
import { jobRoutes } from "./routes/jobs.ts";
import { transcoderRoutes } from "./routes/transcoder.ts";
import { uploadRoutes } from "./routes/uploads.ts";
import { webhookRoutes } from "./routes/webhooks.ts";

export const app = createWorkerApp<IngestEnv & { Variables: RequestContextVariables }>("ingest");

// First, before any body limit may replace the request object.
app.use("/api/ingest/*", adoptCaller());

app.route("/api/ingest/uploads", uploadRoutes);
app.route("/api/ingest/jobs", jobRoutes);
app.route("/api/ingest/webhooks", webhookRoutes);
app.route("/api/ingest/transcoder", transcoderRoutes);

app.openAPIRegistry.registerComponent("securitySchemes", "taskToken", {
  type: "http",
  scheme: "bearer",
  bearerFormat: "JWT",
  description:
    "A transcoder's task token: one attempt of one task of one job (lib/ingest/task-token.ts).",
});

/** This Worker's part of the API document; the api Worker merges it into /api/openapi.json. */
export function ingestOpenApiDocument() {
  return app.getOpenAPI31Document({
    openapi: "3.1.0",
    info: { title: "Marquee ingest", version: "1.0.0" },
  });
}
