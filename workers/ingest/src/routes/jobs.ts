/** Ingest jobs for admins: the jobs page lists and polls them; failed ones can be retried, running ones cancelled. */
import { createRoute } from "@hono/zod-openapi";
import { database } from "../../../../lib/db/database.ts";
import { errorResponses, IdParam, jsonResponse } from "../../../../lib/http/openapi.ts";
import { createRouter } from "../../../../lib/http/router.ts";
import type { IngestEnv } from "../app-env.ts";
import { STAFF_ONLY, staffOnly } from "../middleware/staff-only.ts";
import { JobListQuerySchema, JobListSchema, JobSchema } from "../schemas/jobs.ts";
import { cancelIngestJob, getJob, listJobs, retryJob } from "../services/jobs.ts";

const JobParam = IdParam("jobId");

const listRoute = createRoute({
  method: "get",
  path: "/",
  operationId: "listIngestJobs",
  tags: ["Ingest"],
  summary: "Ingest jobs, newest first",
  ...STAFF_ONLY,
  middleware: [staffOnly()] as const,
  request: { query: JobListQuerySchema },
  responses: {
    200: jsonResponse(JobListSchema, "A page of jobs."),
    ...errorResponses(400, 401, 403),
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/{jobId}",
  operationId: "getIngestJob",
  tags: ["Ingest"],
  summary: "One job with its progress, its chunk grid per rung, timings and error",
  ...STAFF_ONLY,
  middleware: [staffOnly()] as const,
  request: { params: JobParam },
  responses: { 200: jsonResponse(JobSchema, "The job."), ...errorResponses(400, 401, 403, 404) },
});

const retryRoute = createRoute({
  method: "post",
  path: "/{jobId}/retry",
  operationId: "retryIngestJob",
  tags: ["Ingest"],
  summary: "Run a failed or cancelled job again (its outputs are rewritten in place)",
  ...STAFF_ONLY,
  middleware: [staffOnly()] as const,
  request: { params: JobParam },
  responses: {
    202: jsonResponse(JobSchema, "Queued."),
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

const cancelRoute = createRoute({
  method: "post",
  path: "/{jobId}/cancel",
  operationId: "cancelIngestJob",
  tags: ["Ingest"],
  summary: "Stop a queued or running job and remove its outputs (the source is kept)",
  ...STAFF_ONLY,
  middleware: [staffOnly()] as const,
  request: { params: JobParam },
  responses: {
    200: jsonResponse(JobSchema, "Cancelled."),
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const jobRoutes = createRouter<IngestEnv>();

jobRoutes.openapi(listRoute, async (c) =>
  c.json(await listJobs(database(c.env.DB), c.req.valid("query")), 200),
);

jobRoutes.openapi(getRoute, async (c) =>
  c.json(await getJob({ db: database(c.env.DB), env: c.env }, c.req.valid("param").jobId), 200),
);

jobRoutes.openapi(retryRoute, async (c) =>
  c.json(await retryJob({ db: database(c.env.DB), env: c.env }, c.req.valid("param").jobId), 202),
);

jobRoutes.openapi(cancelRoute, async (c) => {
  const deps = {
    db: database(c.env.DB),
    env: c.env,
    background: (work: Promise<unknown>) => c.executionCtx.waitUntil(work),
  };
  return c.json(await cancelIngestJob(deps, c.req.valid("param").jobId), 200);
});
